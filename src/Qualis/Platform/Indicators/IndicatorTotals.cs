using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;
using Qualis.Platform.Modules;
using Qualis.Platform.Regions;

namespace Qualis.Platform.Indicators;

/// <summary>
/// An indicator's running totals for one year and one region path (指标累计数), kept by database triggers on the records
/// the indicator counts, so a scoreboard reads a few hundred rows instead of counting 100,000 records per page. The
/// triggers sit in the counting module's schema scripts (insert, delete and an update of the columns that matter), so
/// every write path keeps the totals: pages, imports, demo data, SQL. A row is never deleted, only changed.
/// </summary>
public sealed class IndicatorTotal : IRegionScoped, INotAudited
{
    /// <summary>The indicator's key (<see cref="IIndicator.Key"/>).</summary>
    public string Key { get; set; } = "";
    public int Year { get; set; }
    public string RegionPath { get; set; } = "";
    /// <summary>The records that count once every record's time has passed: a count's value, a rate's denominator.</summary>
    public int Count { get; set; }
    /// <summary>Of <see cref="Count"/>, those a rate counts above the line (passed checks); 0 for a count.</summary>
    public int Numerator { get; set; }
    /// <summary>
    /// The latest instant any record counted in the row refers to (an enrolment's or withdrawal's time; a date-based
    /// record's date as midnight UTC). It only ever grows: a deleted or changed record leaves it where it was, which
    /// at worst sends a reader to the records. Null while nothing was ever counted.
    /// </summary>
    public DateTime? LatestAt { get; set; }
}

internal sealed class IndicatorTotalConfiguration : IEntityTypeConfiguration<IndicatorTotal>
{
    public void Configure(EntityTypeBuilder<IndicatorTotal> b)
    {
        b.ToTable("IndicatorTotals");
        b.HasKey(t => new { t.Key, t.Year, t.RegionPath });
        b.Property(t => t.Key).HasMaxLength(64);
        // The key (Key, Year, RegionPath) is what the readers ask for; the area filter's range runs within it.
        b.HasAnnotation(QualisDb.NoRegionIndexAnnotation, true);
    }
}

/// <summary>One region's sums of an indicator's totals: the records counted and, for a rate, those above the line.</summary>
[ModuleFace]
public sealed record IndicatorSum(int Count, int Numerator);

/// <summary>Reads the totals kept in <see cref="IndicatorTotal"/> for an indicator.</summary>
[ModuleFace]
public static class IndicatorTotals
{
    /// <summary>
    /// The sums of the key's totals of the year over each region's subtree (through the caller's area filter: a row
    /// outside it is left out, as the records would be), if they answer "as it stood just before
    /// <paramref name="countedBefore"/>": every row's records refer to an earlier instant, so each counts as it does
    /// now. Otherwise null, and the indicator counts its dated records. Regions are given as (code, path).
    /// </summary>
    public static async Task<Dictionary<string, IndicatorSum>?> SumsAsync(
        QualisDb db, string key, int year, IReadOnlyCollection<(string Code, string RegionPath)> regions, DateTime countedBefore, CancellationToken ct)
    {
        var rows = await db.Set<IndicatorTotal>().AsNoTracking().Where(t => t.Key == key && t.Year == year)
            .Select(t => new { t.RegionPath, t.Count, t.Numerator, t.LatestAt }).ToListAsync(ct);
        if (rows.Any(r => r.LatestAt is { } latest && latest >= countedBefore)) return null;
        return regions.ToDictionary(r => r.Code, r =>
        {
            var within = rows.Where(t => t.RegionPath.StartsWith(r.RegionPath, StringComparison.Ordinal)).ToList();
            return new IndicatorSum(within.Sum(t => t.Count), within.Sum(t => t.Numerator));
        });
    }

    /// <summary>
    /// The instant a date-based record's totals must precede to answer for the end of <paramref name="day"/>: the triggers
    /// keep such a record's date as midnight UTC, so the next day's midnight UTC, whatever the people's time zone.
    /// </summary>
    public static DateTime AfterDate(DateOnly day) => day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The regions of the codes asked for that the caller's area reaches, with their paths (what <see cref="SumsAsync"/> sums over).</summary>
    public static async Task<List<(string Code, string RegionPath)>> RegionsAsync(QualisDb db, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var distinct = codes.Distinct().ToList();
        var rows = await db.Set<Region>().AsNoTracking().Where(r => distinct.Contains(r.Code)).Select(r => new { r.Code, r.RegionPath }).ToListAsync(ct);
        return rows.Select(r => (r.Code, r.RegionPath)).ToList();
    }
}
