namespace Qualis.Features.Improvement;

/// <summary>What the module's two lists (projects, experts) share: the region filter over a subtree.</summary>
public static class ImprovementLists
{
    /// <summary>The rows within the region's subtree; a region outside the caller's area (the query filter hides it) selects nothing.</summary>
    public static async Task<IQueryable<T>> WithinRegionAsync<T>(QualisDb db, IQueryable<T> q, string? region, CancellationToken ct) where T : IRegionScoped
    {
        if (region is not { Length: > 0 }) return q;
        var path = await db.Set<Region>().AsNoTracking().Where(r => r.Code == region).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
        return path is null ? q.Where(_ => false) : q.Where(RegionRange.Within<T>(path));
    }
}
