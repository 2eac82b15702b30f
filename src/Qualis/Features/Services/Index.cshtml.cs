using Qualis.Features.Services.Questionnaires;

namespace Qualis.Features.Services;

/// <summary>
/// 服务零距离: the service-needs questionnaires, newest year first, each with the firms of the caller's area it was sent to
/// and how many answered, summed from the counts kept per region path (<see cref="QuestionnaireRecipientCount"/>).
/// </summary>
[Authorize(Policy = ServicesModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, IAuthorizationService authorization) : PageModel
{
    public sealed record Line(Questionnaire Questionnaire, int Sent, int Answered);

    public List<Line> Lines { get; private set; } = [];
    public bool CanDesign { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var questionnaires = await db.Set<Questionnaire>().AsNoTracking().OrderByDescending(q => q.Year).ThenByDescending(q => q.OpensOn).ThenBy(q => q.Id).Take(100).ToListAsync(ct);
        var ids = questionnaires.Select(q => q.Id).ToList();
        var counts = await db.Set<QuestionnaireRecipientCount>().AsNoTracking().Where(c => ids.Contains(c.QuestionnaireId)).GroupBy(c => c.QuestionnaireId)
            .Select(g => new { g.Key, Sent = g.Sum(c => c.Sent), Answered = g.Sum(c => c.Answered) }).ToListAsync(ct);
        Lines = questionnaires.Select(q => counts.FirstOrDefault(c => c.Key == q.Id) is { } c ? new Line(q, c.Sent, c.Answered) : new Line(q, 0, 0)).ToList();
        CanDesign = (await authorization.AuthorizeAsync(User, ServicesModule.DesignersPolicy)).Succeeded;
    }
}
