using Qualis.Features.Improvement.Experts;
using Qualis.Platform.Time;

namespace Qualis.Features.Awards;

/// <summary>
/// My awards (我的质量奖): for an enterprise account, the calls it may apply to (of its region's offices, open until their
/// deadline) and its own applications with where they stand; for an account linked to experts, the rounds it reviews
/// and what is left to do. Nobody sees another firm's application or another expert's assignment here.
/// </summary>
[Authorize(Policy = AwardsModule.ParticipantsPolicy)]
public sealed class MineModel(QualisDb db, PeopleClock clock) : PageModel
{
    public List<AwardRound> OpenCalls { get; private set; } = [];
    public List<(AwardApplication Application, AwardRound Round)> Applications { get; private set; } = [];
    public List<(AwardRound Round, int Assigned, int Unsigned, int Unscored)> Reviews { get; private set; } = [];
    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today;
        if (db.Actor.EnterpriseCode is { } code)
        {
            OpenCalls = await AwardSteps.Visible(db).AsNoTracking().Where(r => r.Status == RoundStatus.Open && r.Deadline >= today)
                .OrderBy(r => r.Deadline).Take(100).ToListAsync(ct);
            var mine = await db.Set<AwardApplication>().AsNoTracking().Where(a => a.CreditCode == code).OrderByDescending(a => a.SubmittedAt).Take(100).ToListAsync(ct);
            var ids = mine.Select(a => a.RoundId).ToList();
            var rounds = await AwardSteps.Visible(db).AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            Applications = [.. mine.Where(a => rounds.ContainsKey(a.RoundId)).Select(a => (a, rounds[a.RoundId]))];
        }
        var experts = (await ExpertsFace.OfAccountAsync(db, User.Identity?.Name ?? "", ct)).Select(e => e.Id).ToList();
        if (experts.Count > 0)
        {
            var reviewers = await db.Set<AwardReviewer>().AsNoTracking().Where(r => experts.Contains(r.ExpertId)).Take(2000).ToListAsync(ct);
            var ids = reviewers.Select(r => r.RoundId).Distinct().ToList();
            // The rounds the account's experts were drawn for, wherever they are run.
            var rounds = await db.Set<AwardRound>().OutsideArea(AreaReason.OwnAssignment).AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
            Reviews = [.. rounds.OrderByDescending(r => r.Year).Select(r =>
            {
                var of = reviewers.Where(x => x.RoundId == r.Id).ToList();
                return (r, of.Count, of.Count(x => x.SignedAt is null), of.Count(x => x.Total is null));
            })];
        }
    }
}
