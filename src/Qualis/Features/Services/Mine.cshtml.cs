using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Time;

namespace Qualis.Features.Services;

/// <summary>我的问卷: the questionnaires sent to the enterprise user's own firm, those still to answer first.</summary>
[Authorize(Policy = ServicesModule.EnterprisePolicy)]
public sealed class MineModel(QualisDb db, PeopleClock clock) : PageModel
{
    public sealed record Line(QuestionnaireRecipient Recipient, Questionnaire Questionnaire, bool Open);

    public List<Line> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var code = db.Actor.EnterpriseCode ?? "";
        var today = clock.Today;
        var rows = await db.Set<QuestionnaireRecipient>().AsNoTracking().Where(r => r.CreditCode == code)
            .Join(db.Set<Questionnaire>(), r => r.QuestionnaireId, q => q.Id, (r, q) => new { r, q })
            .OrderByDescending(x => x.q.ClosesOn).ThenBy(x => x.r.Id).Take(200).ToListAsync(ct);
        Lines = rows.Select(x => new Line(x.r, x.q,
                QuestionnaireRules.AnsweringRefused(today, x.q.OpensOn, x.q.ClosesOn, x.r.ReopenedUntil, x.r.AnsweredAt is not null) is null))
            .OrderByDescending(x => x.Open).ToList();
    }
}
