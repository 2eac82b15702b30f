using Qualis.Features.Improvement.Experts;
using Qualis.Platform.Desk;

namespace Qualis.Features.Awards;

/// <summary>
/// What the awards put on desks: for an account linked to experts, each applicant of a round under review it has not
/// scored yet, due on the round's scoring date (评分截止日); the item key carries the stage (open, overdue) so a reminder
/// goes out when the expert is drawn and again once the date has passed without a score.
/// </summary>
public sealed class AwardDesk(QualisDb db) : IDeskSource
{
    public const string ToScore = "todo.award.score";

    public async Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct)
    {
        var experts = (await ExpertsFace.OfAccountAsync(db, ctx.UserName, ct)).Select(e => e.Id).ToList();
        if (experts.Count == 0) return [];
        var open = await db.Set<AwardReviewer>().AsNoTracking().Where(r => experts.Contains(r.ExpertId) && r.Total == null)
            .Join(db.Set<AwardRound>().OutsideArea(AreaReason.OwnAssignment).Where(x => x.Status == RoundStatus.Drawn), r => r.RoundId, x => x.Id,
                (r, x) => new { r.Id, r.RoundId, x.Title, x.ScoreBy })
            .Take(200).ToListAsync(ct);
        return [.. open.Select(r => new ToDo(ToScore, $"award-score:{r.Id}:{(r.ScoreBy is { } by && by < ctx.Today ? "overdue" : "open")}",
            r.Title, $"/Awards/{r.RoundId}/Review", r.ScoreBy))];
    }

    public Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct) => Task.FromResult<IReadOnlyList<DeskCard>>([]);
}
