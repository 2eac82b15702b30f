namespace Qualis.Platform.Indicators;

/// <summary>
/// The one way a count indicator turns rows counted per region path into each asked region's figure: the asked regions are
/// read through the area filter (the province's officials reach every city, a city's its own subtree; one outside the
/// area is left out), and a region's figure is the sum over the paths within it (0 when none). An indicator whose records
/// keep <see cref="IndicatorTotals"/> names its row (key, year, and the instant before which its records must lie); the
/// totals answer when they can, else the records are counted.
/// </summary>
public static class SubtreeCounts
{
    /// <summary>An indicator's kept totals: its key and year, and the instant every counted record must precede for them to answer.</summary>
    public sealed record Totals(string Key, int Year, DateTime CountedBefore);

    public static async Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(QualisDb db, IReadOnlyList<string> regionCodes,
        Func<CancellationToken, Task<List<(string RegionPath, int Count)>>> countByPath, Func<string, string> link, CancellationToken ct,
        Totals? totals = null)
    {
        var regions = await IndicatorTotals.RegionsAsync(db, regionCodes, ct);
        if (regions.Count == 0) return new Dictionary<string, IndicatorValue>();
        var sums = totals is null ? null : await IndicatorTotals.SumsAsync(db, totals.Key, totals.Year, regions, totals.CountedBefore, ct);
        var counts = sums is null ? await countByPath(ct) : null;
        return regions.ToDictionary(r => r.Code, r => new IndicatorValue(
            sums?[r.Code].Count ?? counts!.Where(c => c.RegionPath.StartsWith(r.RegionPath, StringComparison.Ordinal)).Sum(c => c.Count), link(r.Code)));
    }
}
