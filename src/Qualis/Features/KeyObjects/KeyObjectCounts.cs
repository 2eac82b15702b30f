using Microsoft.AspNetCore.WebUtilities;
using Qualis.Platform.Indicators;
using Qualis.Platform.Time;

namespace Qualis.Features.KeyObjects;

/// <summary>
/// How key objects are counted, once, for the indicators, the summary page and the list's "counted on" filter: an
/// enrolment counts at an instant when it was enrolled before it and not withdrawn before it.
/// </summary>
public static class KeyObjectCounts
{
    /// <summary>The enrolments that count at <paramref name="endUtc"/> (exclusive: the start of the next China day).</summary>
    public static IQueryable<KeyObjectEnrolment> CountedAt(IQueryable<KeyObjectEnrolment> q, DateTime endUtc) =>
        q.Where(e => e.EnrolledAt < endUtc && (e.WithdrawnAt == null || e.WithdrawnAt >= endUtc));

    /// <summary>
    /// The counting enrolments of a year at an instant, grouped by region path and kind, in one query over the caller's
    /// area (the query filter): a region's figure is the sum over the paths within it.
    /// </summary>
    public static async Task<List<(string RegionPath, KeyObjectKind Kind, int Count)>> ByRegionAsync(
        QualisDb db, int year, DateTime endUtc, KeyObjectKind? kind, CancellationToken ct)
    {
        var q = CountedAt(db.Set<KeyObjectEnrolment>().AsNoTracking().Where(e => e.Year == year), endUtc);
        if (kind is { } k) q = q.Where(e => e.Kind == k);
        var rows = await q.GroupBy(e => new { e.RegionPath, e.Kind }).Select(g => new { g.Key.RegionPath, g.Key.Kind, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => (r.RegionPath, r.Kind, r.Count)).ToList();
    }

    /// <summary>The list of the enrolments behind a figure: the year, kind and region, as counted at the end of the date.</summary>
    public static string ListLink(int year, KeyObjectKind kind, string regionCode, DateOnly on) =>
        QueryHelpers.AddQueryString("/KeyObjects", new Dictionary<string, string?>
        {
            ["year"] = year.ToString(CultureInfo.InvariantCulture), ["kind"] = kind.ToString(), ["region"] = regionCode,
            ["on"] = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
}

/// <summary>
/// <c>keyobjects.parks</c>, <c>keyobjects.products</c>, <c>keyobjects.industries</c>, <c>keyobjects.enterprises</c>: the
/// number of key objects of the kind enrolled for the year in the region's subtree that count at the end of the asked
/// China date (enrolled on or before it, not withdrawn by its end). A region outside the caller's area is left out;
/// a region of the area with none counts 0. All regions from the kept totals, or from one grouped query of the records.
/// </summary>
public sealed class KeyObjectsIndicator(KeyObjectKind kind, PeopleClock clock) : IIndicator
{
    public string Key => KeyOf(kind);

    public static string KeyOf(KeyObjectKind kind) => kind switch
    {
        KeyObjectKind.Park => "keyobjects.parks",
        KeyObjectKind.Product => "keyobjects.products",
        KeyObjectKind.Industry => "keyobjects.industries",
        _ => "keyobjects.enterprises",
    };

    public string TextKey => kind switch
    {
        KeyObjectKind.Park => "indicator.keyobjects.parks",
        KeyObjectKind.Product => "indicator.keyobjects.products",
        KeyObjectKind.Industry => "indicator.keyobjects.industries",
        _ => "indicator.keyobjects.enterprises",
    };

    public IndicatorUnit Unit => IndicatorUnit.Count;

    /// <remarks>
    /// The totals the enrolments' triggers keep (each enrolment not withdrawn) answer when every enrolment and withdrawal
    /// counted in them came before the end of the day: the usual case, today's scoreboard. A past day counts the records.
    /// </remarks>
    public Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(
        QualisDb db, int year, IReadOnlyList<string> regionCodes, DateOnly asOf, CancellationToken ct)
    {
        var end = clock.StartOfDayUtc(asOf.AddDays(1));
        return SubtreeCounts.ValuesAsync(db, regionCodes,
            async c => (await KeyObjectCounts.ByRegionAsync(db, year, end, kind, c)).Select(x => (x.RegionPath, x.Count)).ToList(),
            code => KeyObjectCounts.ListLink(year, kind, code, asOf), ct, new SubtreeCounts.Totals(Key, year, end));
    }
}
