using Microsoft.AspNetCore.WebUtilities;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Indicators;

namespace Qualis.Features.Supervision.PassRates;

/// <summary>The filters of the pass-rate page and of its export: result-date range, region, product category.</summary>
public sealed record PassRateFilter(PassRateGrouping By, DateOnly? From, DateOnly? To, string? Region, string? Category)
{
    /// <summary>The grouping officials usually want first: cities for the province, counties below it.</summary>
    public static PassRateGrouping DefaultGrouping(string? actorRegionPath) =>
        PassRateCalculator.RegionSegment(actorRegionPath, 1) is null ? PassRateGrouping.City : PassRateGrouping.County;

    /// <summary>The filter as the page and its export read it from the query string: an unknown or missing grouping is the default.</summary>
    public static PassRateFilter FromQuery(string? by, DateOnly? from, DateOnly? to, string? region, string? category, string? actorRegionPath) =>
        new(PassRateCalculator.Parse(by) ?? DefaultGrouping(actorRegionPath), from, to,
            string.IsNullOrWhiteSpace(region) ? null : region.Trim(), string.IsNullOrWhiteSpace(category) ? null : category.Trim());
}

/// <summary>One line of the table: the group's label, its figures and the links to the checks behind each count.</summary>
public sealed record PassRateLine(string? Key, string Label, PassRateRow Figures, string? CheckedLink, string? PassedLink, string? FailedLink);

public sealed record PassRateReport(PassRateGrouping Grouping, IReadOnlyList<PassRateLine> Lines, PassRateLine Total, bool RegionUnknown);

/// <summary>
/// Runs the pass-rate statistics for the caller's area (the query filter limits the checks to it) and links every
/// figure to the spot-check list with the filters that select the same checks.
/// </summary>
public static class PassRateQuery
{
    public const string ChecksPage = "/Supervision/Checks";

    public static async Task<PassRateReport> RunAsync(QualisDb db, PassRateFilter f, IStringLocalizer l, bool english, CancellationToken ct = default)
    {
        var checks = db.Set<SpotCheck>().AsNoTracking().Where(c => c.Result != null);
        if (f.From is { } from) checks = checks.Where(c => c.ResultOn >= from);
        if (f.To is { } to) checks = checks.Where(c => c.ResultOn <= to);

        string? regionPath = null;
        if (!string.IsNullOrWhiteSpace(f.Region))
        {
            // Looked up through the area filter: a region outside the caller's area is unknown to them.
            regionPath = await db.Set<Region>().AsNoTracking().Where(r => r.Code == f.Region).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
            if (regionPath is null)
            {
                var none = PassRateCalculator.Compute([], f.By, GroupingReference.Empty);
                return new PassRateReport(f.By, [], new PassRateLine(null, l["stats.total"], none.Total, null, null, null), RegionUnknown: true);
            }
            checks = checks.Where(RegionRange.Within<SpotCheck>(regionPath));
        }

        var categories = await RegistryFace.ProductCategoriesAsync(db, ct);
        if (!string.IsNullOrWhiteSpace(f.Category))
        {
            // A group (大类) stands for itself and all its products.
            var codes = categories.Where(c => c.Code == f.Category || c.ParentCode == f.Category).Select(c => c.Code).DefaultIfEmpty(f.Category).ToList();
            checks = checks.Where(c => codes.Contains(c.ProductCategoryCode!));
        }

        var outcomes = await OutcomesAsync(checks, ct);

        var industries = await RegistryFace.IndustryHeadingsAsync(db, ct);
        var reference = new GroupingReference(
            categories.Where(c => c.ParentCode != null).ToDictionary(c => c.Code, c => c.ParentCode!, StringComparer.Ordinal),
            industries.Where(i => i.ParentCode != null).ToDictionary(i => i.Code, i => i.ParentCode!, StringComparer.Ordinal));

        // The range the links carry: the filter's, else the span of the results found. A result date in the link also
        // keeps checks without a result out of the list, as the statistics leave them out.
        var dates = outcomes.Where(o => o.ResultOn is not null).Select(o => o.ResultOn!.Value).ToList();
        var linkFrom = f.From ?? (dates.Count > 0 ? dates.Min() : (DateOnly?)null);
        var linkTo = f.To ?? (dates.Count > 0 ? dates.Max() : (DateOnly?)null);

        var expected = await ExpectedKeysAsync(db, f, regionPath, linkFrom, linkTo, categories.Select(c => (c.Code, c.ParentCode)), ct);
        var table = PassRateCalculator.Compute(outcomes, f.By, reference, expected);

        var keys = table.Rows.Where(r => r.Key is not null).Select(r => r.Key!).ToList();
        var labels = PassRateCalculator.DimensionOf(f.By) switch
        {
            PassRateDimension.Category => categories.Where(c => keys.Contains(c.Code)).ToDictionary(c => c.Code, c => c.Code + " " + c.Name),
            PassRateDimension.Industry => industries.Where(i => keys.Contains(i.Code)).ToDictionary(i => i.Code, i => i.Code + " " + (english && i.NameEn is not null ? i.NameEn : i.Name)),
            // Region names are public reference data: a county officer grouping by city still sees the city's name.
            PassRateDimension.Region => (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => keys.Contains(r.Code)).ToListAsync(ct))
                .ToDictionary(r => r.Code, r => r.DisplayName(english)),
            _ => keys.ToDictionary(k => k, k => PeriodLabel(k, f.By, l)),
        };

        var lines = table.Rows.Select(r => Line(r, r.Key is null ? l["stats.unspecified"] : labels.GetValueOrDefault(r.Key, r.Key), f, linkFrom, linkTo)).ToList();
        return new PassRateReport(f.By, lines, Line(table.Total, l["stats.total"], f, linkFrom, linkTo, total: true), RegionUnknown: false);
    }

    /// <summary>The checks' outcomes as the statistics read them: each check with a result once, with its final result (the re-test's when there was one).</summary>
    private static async Task<List<CheckOutcome>> OutcomesAsync(IQueryable<SpotCheck> checks, CancellationToken ct) =>
        (await checks.Where(c => c.Result != null)
                .Select(c => new { c.ProductCategoryCode, c.IndustryCode, c.RegionPath, c.ResultOn, c.Result, c.RetestResult })
                .ToListAsync(ct))
            .Select(c => new CheckOutcome(c.ProductCategoryCode, c.IndustryCode, c.RegionPath, c.ResultOn, (c.RetestResult ?? c.Result)!.Value))
            .ToList();

    /// <summary>
    /// The totals of several regions (each its whole subtree) over a result-date range, as the page's total row computes
    /// them for one region with that range (each check with a result once, by its final result): counted in SQL per
    /// region path and final result over the caller's area, each region's the sum over the paths within it. A region
    /// outside the caller's area is left out.
    /// </summary>
    public static async Task<Dictionary<string, PassRateRow>> TotalsByRegionAsync(
        QualisDb db, DateOnly from, DateOnly to, IReadOnlyCollection<string> regionCodes, CancellationToken ct = default)
    {
        var regions = await IndicatorTotals.RegionsAsync(db, regionCodes, ct);
        if (regions.Count == 0) return [];
        var counts = await db.Set<SpotCheck>().AsNoTracking().Where(c => c.Result != null && c.ResultOn >= from && c.ResultOn <= to)
            .GroupBy(c => c.RegionPath)
            .Select(g => new { RegionPath = g.Key, Checked = g.Count(), Passed = g.Count(c => (c.RetestResult ?? c.Result) == CheckResult.Pass) })
            .ToListAsync(ct);
        return regions.ToDictionary(r => r.Code, r =>
        {
            var within = counts.Where(c => c.RegionPath.StartsWith(r.RegionPath, StringComparison.Ordinal)).ToList();
            return new PassRateRow(null, within.Sum(c => c.Checked), within.Sum(c => c.Passed));
        });
    }

    /// <summary>Groups shown even when empty: the area's cities or counties, the periods of the range, a group's products.</summary>
    private static async Task<IEnumerable<string>> ExpectedKeysAsync(QualisDb db, PassRateFilter f, string? regionPath, DateOnly? from, DateOnly? to,
        IEnumerable<(string Code, string? Parent)> categories, CancellationToken ct)
    {
        switch (f.By)
        {
            case PassRateGrouping.City or PassRateGrouping.County:
                var level = f.By == PassRateGrouping.City ? RegionLevel.City : RegionLevel.County;
                var regions = db.Set<Region>().AsNoTracking().Where(r => r.Level == level);
                if (regionPath is not null) regions = regions.Where(RegionRange.Within<Region>(regionPath));
                return await regions.Select(r => r.Code).ToListAsync(ct);
            case PassRateGrouping.Year or PassRateGrouping.Quarter or PassRateGrouping.Month:
                return from is { } a && to is { } b ? PassRateCalculator.PeriodsBetween(a, b, f.By) : [];
            case PassRateGrouping.Product when !string.IsNullOrWhiteSpace(f.Category):
                return categories.Where(c => c.Parent == f.Category).Select(c => c.Code);
            default:
                return [];
        }
    }

    private static PassRateLine Line(PassRateRow row, string label, PassRateFilter f, DateOnly? from, DateOnly? to, bool total = false)
    {
        // The 未注明 group cannot be selected by the list's filters, and an empty group has nothing behind it.
        if (row.Checked == 0 || (!total && row.Key is null)) return new PassRateLine(row.Key, label, row, null, null, null);
        var query = new Dictionary<string, string?>
        {
            ["region"] = f.Region,
            ["category"] = f.Category,
        };
        if (!total)
        {
            switch (PassRateCalculator.DimensionOf(f.By))
            {
                case PassRateDimension.Category: query["category"] = row.Key; break;
                case PassRateDimension.Industry: query["industry"] = row.Key; break;
                case PassRateDimension.Region: query["region"] = row.Key; break;
                case PassRateDimension.Period:
                    var (start, end) = PassRateCalculator.PeriodRange(row.Key!, f.By);
                    from = from is { } a && a > start ? a : start;
                    to = to is { } b && b < end ? b : end;
                    break;
            }
        }
        query["from"] = from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        query["to"] = to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var all = Link(query, null);
        return new PassRateLine(row.Key, label, row, all, row.Passed > 0 ? Link(query, "Pass") : null, row.Failed > 0 ? Link(query, "Fail") : null);
    }

    private static string Link(Dictionary<string, string?> query, string? result)
    {
        var q = query.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (result is not null) q["result"] = result;
        return QueryHelpers.AddQueryString(ChecksPage, q);
    }

    public static string PeriodLabel(string key, PassRateGrouping grouping, IStringLocalizer l)
    {
        var year = key[..4];
        return grouping switch
        {
            PassRateGrouping.Year => l["stats.period.year", year],
            PassRateGrouping.Quarter => l["stats.period.quarter", year, int.Parse(key[6..], CultureInfo.InvariantCulture)],
            _ => l["stats.period.month", year, int.Parse(key[5..], CultureInfo.InvariantCulture)],
        };
    }

    /// <summary>A rate as a percentage with one decimal, or "—" when there is no denominator.</summary>
    public static string Percent(decimal? rate) =>
        rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}
