using Qualis.Features.Supervision.Draws;

namespace Qualis.Features.Supervision.Plans;

/// <summary>
/// Which sampling plans and batches an official reads and which they change. An official reads the plans of their own area
/// and, read-only, the plans of the offices above that cover it (a county works under the city's plan: its enterprises are
/// drawn and checked by it, <see cref="AreaReason.CoveringPlanAbove"/>); a batch whose scope (抽查范围) is another part of
/// the plan's area does not cover the reader and stays hidden. Only the plan's own area changes it.
/// </summary>
public static class PlanCoverage
{
    /// <summary>The plans the actor reads: its area's and those of the areas above it.</summary>
    public static IQueryable<SamplingPlan> Readable(QualisDb db)
    {
        if (db.Actor.RegionPath is not { } own) return db.Set<SamplingPlan>();
        var above = Region.PathsAbove(own);
        var end = own + RegionRange.End;
        return db.Set<SamplingPlan>().OutsideArea(AreaReason.CoveringPlanAbove)
            .Where(p => (string.Compare(p.RegionPath, own) >= 0 && string.Compare(p.RegionPath, end) < 0) || above.Contains(p.RegionPath));
    }

    /// <summary>The batches of readable plans that cover the actor's area.</summary>
    public static async Task<List<PlanBatch>> BatchesAsync(QualisDb db, IReadOnlyCollection<Guid> planIds, CancellationToken ct = default)
    {
        var batches = await db.Set<PlanBatch>().OutsideArea(AreaReason.CoveringPlanAbove).AsNoTracking().Where(b => planIds.Contains(b.PlanId)).ToListAsync(ct);
        if (db.Actor.RegionPath is not { } own || batches.All(b => db.Actor.CanReach(b.RegionPath) || b.Settings.ScopeRegion is null)) return batches;
        var scopes = batches.Select(b => b.Settings.ScopeRegion).OfType<string>().Distinct().ToList();
        var paths = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => scopes.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.RegionPath, ct);
        return batches.Where(b => Covers(b, own, paths)).ToList();
    }

    /// <summary>A batch covers the area when it is the area's own, or its scope is the whole plan, an area above or the area itself.</summary>
    private static bool Covers(PlanBatch b, string own, IReadOnlyDictionary<string, string> scopePaths) =>
        b.RegionPath.StartsWith(own, StringComparison.Ordinal) || b.Settings.ScopeRegion is not { } scope
        || scopePaths.GetValueOrDefault(scope) is { } path && (own.StartsWith(path, StringComparison.Ordinal) || path.StartsWith(own, StringComparison.Ordinal));

    /// <summary>The draws of the plans' batches the actor reads (their numbers and status; a draw's own page stays with its area).</summary>
    public static IQueryable<Draw> Draws(QualisDb db, IReadOnlyCollection<Guid> planIds) =>
        db.Set<Draw>().OutsideArea(AreaReason.CoveringPlanAbove).AsNoTracking().Where(d => planIds.Contains(d.PlanId));

    /// <summary>Whether the actor changes the plan and its batches: an official of the plan's own area (or an unrestricted actor).</summary>
    public static bool CanEdit(QualisDb db, SamplingPlan plan) => db.Actor.CanReach(plan.RegionPath);
}
