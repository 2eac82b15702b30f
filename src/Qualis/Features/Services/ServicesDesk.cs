using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Desk;

namespace Qualis.Features.Services;

/// <summary>
/// What services put on desks: an enterprise's questionnaires still open to answer (待填写的需求调查问卷), due on their
/// closing day (or the day they were reopened until). Answered or closed ones leave the desk.
/// </summary>
public sealed class ServicesDesk(QualisDb db) : IDeskSource
{
    public const string ToAnswer = "todo.services.questionnaire";

    public async Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct)
    {
        if (!ctx.IsEnterprise || ctx.EnterpriseCode is not { } code) return [];
        var today = ctx.Today;
        var rows = await db.Set<QuestionnaireRecipient>().AsNoTracking().Where(r => r.CreditCode == code && r.AnsweredAt == null)
            .Join(db.Set<Questionnaire>(), r => r.QuestionnaireId, q => q.Id, (r, q) => new { r.Id, r.ReopenedUntil, q.Title, q.OpensOn, q.ClosesOn })
            .Take(100).ToListAsync(ct);
        return rows.Where(x => QuestionnaireRules.AnsweringRefused(today, x.OpensOn, x.ClosesOn, x.ReopenedUntil, false) is null)
            .Select(x => new ToDo(ToAnswer, $"services-questionnaire:{x.Id}", x.Title, "/Services/Answer/" + x.Id, x.ReopenedUntil ?? x.ClosesOn))
            .OrderBy(t => t.Due).ToList();
    }

    public Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct) => Task.FromResult<IReadOnlyList<DeskCard>>([]);
}
