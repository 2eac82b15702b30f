namespace Qualis.Platform.Indicators;

/// <summary>
/// The one way a count indicator turns rows counted per region path into each asked region's figure: the asked regions are
/// read through the area filter (the province's officials reach every city, a city's its own subtree; one outside the
/// area is left out), and a region's figure is the sum over the paths within it (0 when none).
/// </summary>
public static class SubtreeCounts
{
    public static async Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(QualisDb db, IReadOnlyList<string> regionCodes,
        Func<CancellationToken, Task<List<(string RegionPath, int Count)>>> countByPath, Func<string, string> link, CancellationToken ct)
    {
        var codes = regionCodes.Distinct().ToList();
        var regions = await db.Set<Region>().AsNoTracking().Where(r => codes.Contains(r.Code)).Select(r => new { r.Code, r.RegionPath }).ToListAsync(ct);
        if (regions.Count == 0) return new Dictionary<string, IndicatorValue>();
        var counts = await countByPath(ct);
        return regions.ToDictionary(r => r.Code, r => new IndicatorValue(
            counts.Where(c => c.RegionPath.StartsWith(r.RegionPath, StringComparison.Ordinal)).Sum(c => c.Count), link(r.Code)));
    }
}
