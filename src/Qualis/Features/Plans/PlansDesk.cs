using Qualis.Platform.Desk;

namespace Qualis.Features.Plans;

/// <summary>
/// What the action plans put on officials' desks: a city office acknowledges the plan the office above issued (签收) and
/// reports its values of the reported targets each quarter (due at the quarter's end); the plan's office approves the
/// reports waiting for it.
/// </summary>
public sealed class PlansDesk(QualisDb db) : IDeskSource
{
    public const string Acknowledge = "todo.plans.acknowledge";
    public const string ReportDue = "todo.plans.report";
    public const string Approve = "todo.plans.approve";

    public async Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct)
    {
        if (!ctx.IsOfficial) return [];
        var found = new List<ToDo>();
        var above = Region.PathsAbove(ctx.RegionPath).LastOrDefault();
        if (above is not null)
        {
            var plans = await db.Set<ActionPlan>().OutsideArea(AreaReason.IssuedPlanAbove).AsNoTracking()
                .Where(p => p.RegionPath == above && p.Status == PlanStatus.Issued).ToListAsync(ct);
            var ids = plans.Select(p => p.Id).ToList();
            var acknowledged = await db.Set<PlanAcknowledgement>().AsNoTracking()
                .Where(a => ids.Contains(a.PlanId) && a.RegionCode == ctx.RegionCode).Select(a => a.PlanId).ToListAsync(ct);
            foreach (var p in plans.Where(p => !acknowledged.Contains(p.Id)))
                found.Add(new ToDo(Acknowledge, "ack:" + p.Id, p.Title, "/Plans/" + p.Id, null));

            // Reports due: each reported target of a plan running this quarter, without a report of the quarter yet.
            var period = PlanAccess.PeriodOf(ctx.Today);
            var running = plans.Where(p => p.PeriodStart <= ctx.Today && ctx.Today <= p.PeriodEnd).Select(p => p.Id).ToList();
            var targets = await db.Set<PlanTarget>().AsNoTracking().Where(t => running.Contains(t.PlanId) && t.Source == TargetSource.Reported)
                .Select(t => new { t.Id, t.Name }).ToListAsync(ct);
            var targetIds = targets.Select(t => t.Id).ToList();
            var reported = await db.Set<TargetReport>().AsNoTracking()
                .Where(r => targetIds.Contains(r.TargetId) && r.RegionCode == ctx.RegionCode && r.Period == period && r.Status != ReportStatus.Returned)
                .Select(r => r.TargetId).ToListAsync(ct);
            var due = PlanAccess.PeriodDates(period)!.Value.End;
            foreach (var t in targets.Where(t => !reported.Contains(t.Id)))
                found.Add(new ToDo(ReportDue, $"report:{t.Id}:{period}", $"{t.Name}（{period}）", "/Plans/Report/" + t.Id, due));
        }

        // Reports waiting for the plan's own office.
        var pending = await db.Set<TargetReport>().AsNoTracking().Where(r => r.Status == ReportStatus.Submitted)
            .Join(db.Set<ActionPlan>().Where(p => p.RegionPath == ctx.RegionPath), r => r.PlanId, p => p.Id, (r, p) => new { r.Id, r.TargetId, r.RegionCode, r.Period })
            .Join(db.Set<PlanTarget>(), r => r.TargetId, t => t.Id, (r, t) => new { r.Id, t.Name, r.RegionCode, r.Period })
            .Take(200).ToListAsync(ct);
        var names = await PlanPages.RegionNamesAsync(db, pending.Select(p => p.RegionCode), ct);
        found.AddRange(pending.Select(r => new ToDo(Approve, "approve:" + r.Id, $"{names.GetValueOrDefault(r.RegionCode, r.RegionCode)} · {r.Name}（{r.Period}）", "/Plans/Reports/" + r.Id, null)));
        return found;
    }

    public Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct) => Task.FromResult<IReadOnlyList<DeskCard>>([]);
}
