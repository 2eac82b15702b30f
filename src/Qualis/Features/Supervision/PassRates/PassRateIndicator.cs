using Microsoft.AspNetCore.WebUtilities;
using Qualis.Platform.Indicators;

namespace Qualis.Features.Supervision.PassRates;

/// <summary>
/// <c>supervision.pass-rate</c>: the batch pass rate (批次合格率, 合格批次 ÷ 抽查批次, in percent) of the spot checks in the
/// region's subtree whose result date falls in the year up to the asked China date (1 January to the earlier of that
/// date and 31 December), each check counted once with its final result, exactly as the pass-rate page's total row for
/// that region and range (the triggers' totals, or the same counting grouped in SQL). Numerator and denominator are the passed and checked batches;
/// a region with nothing checked, or outside the caller's area, is left out.
/// </summary>
public sealed class PassRateIndicator : IIndicator
{
    public const string IndicatorKey = "supervision.pass-rate";

    public string Key => IndicatorKey;
    public string TextKey => "indicator.supervision.pass-rate";
    public IndicatorUnit Unit => IndicatorUnit.Percent;

    public async Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(
        QualisDb db, int year, IReadOnlyList<string> regionCodes, DateOnly asOf, CancellationToken ct)
    {
        var (from, to) = Range(year, asOf);
        if (to < from) return new Dictionary<string, IndicatorValue>();
        // The totals the spot checks' triggers keep per result year (each check with a result, by its final result),
        // when no counted result is dated after the range's end (their date is kept as midnight UTC): the usual case,
        // today's scoreboard or a past year. An earlier day of the year counts the records.
        var regions = await IndicatorTotals.RegionsAsync(db, regionCodes, ct);
        if (regions.Count == 0) return new Dictionary<string, IndicatorValue>();
        var sums = await IndicatorTotals.SumsAsync(db, Key, year, regions, IndicatorTotals.AfterDate(to), ct);
        var totals = sums is not null
            ? sums.ToDictionary(s => s.Key, s => new PassRateRow(null, s.Value.Count, s.Value.Numerator))
            : await PassRateQuery.TotalsByRegionAsync(db, from, to, regionCodes, ct);
        return totals.Where(t => t.Value.PassRate is not null).ToDictionary(t => t.Key, t => new IndicatorValue(
            t.Value.PassRate!.Value * 100, Link(t.Key, from, to), t.Value.Passed, t.Value.Checked));
    }

    /// <summary>The result dates counted: the year, up to the asked date.</summary>
    public static (DateOnly From, DateOnly To) Range(int year, DateOnly asOf)
    {
        var end = new DateOnly(year, 12, 31);
        return (new DateOnly(year, 1, 1), asOf < end ? asOf : end);
    }

    /// <summary>The pass-rate page for the region and range, its cities or counties beneath it.</summary>
    public static string Link(string region, DateOnly from, DateOnly to) =>
        QueryHelpers.AddQueryString("/Supervision/PassRates", new Dictionary<string, string?>
        {
            ["region"] = region,
            ["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
}
