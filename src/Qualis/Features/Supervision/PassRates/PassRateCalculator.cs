using Qualis.Features.Supervision.SpotChecks;

namespace Qualis.Features.Supervision.PassRates;

/// <summary>What the pass rates are grouped by (分组维度); the query-string value is the name in lower case.</summary>
[TextKeys("stats.grouping.", lowerCase: true)]
public enum PassRateGrouping
{
    /// <summary>产品大类, e.g. DX 电线电缆.</summary>
    Category,
    /// <summary>产品 (the catalogue's second level), e.g. DX01.</summary>
    Product,
    /// <summary>行业门类 of GB/T 4754, A–T.</summary>
    Section,
    /// <summary>行业大类 of GB/T 4754, two digits.</summary>
    Division,
    /// <summary>设区市 of the enterprise.</summary>
    City,
    /// <summary>县(市、区) of the enterprise.</summary>
    County,
    /// <summary>年度, of the result date.</summary>
    Year,
    /// <summary>季度, of the result date.</summary>
    Quarter,
    /// <summary>月份, of the result date.</summary>
    Month,
}

/// <summary>The four dimensions the supervision issue names: product, industry, region and period.</summary>
public enum PassRateDimension { Category, Industry, Region, Period }

/// <summary>One spot check with a final result, reduced to what the statistics read.</summary>
/// <param name="Result">The final result (<see cref="SpotCheck.FinalResult"/>: the re-test's when there was one).</param>
public readonly record struct CheckOutcome(string? CategoryCode, string? IndustryCode, string RegionPath, DateOnly? ResultOn, CheckResult Result);

/// <summary>
/// The catalogues a key is read from: the group of each product category (DX01 → DX) and the section of each industry
/// division (38 → C). Codes missing from them still group, under their own code for a category and under no section
/// for an industry: a figure is never silently dropped.
/// </summary>
public sealed record GroupingReference(IReadOnlyDictionary<string, string> CategoryParents, IReadOnlyDictionary<string, string> IndustryParents)
{
    public static readonly GroupingReference Empty = new(new Dictionary<string, string>(), new Dictionary<string, string>());
}

/// <summary>The figures of one group. A null key is the group of checks that lack the grouped field (未注明).</summary>
/// <param name="Checked">抽查批次: checks with a final result.</param>
/// <param name="Passed">合格批次.</param>
public sealed record PassRateRow(string? Key, int Checked, int Passed)
{
    /// <summary>不合格批次.</summary>
    public int Failed => Checked - Passed;

    /// <summary>批次合格率 = 合格批次 ÷ 抽查批次, a fraction; null when nothing was checked (shown as "—", never 0).</summary>
    public decimal? PassRate => PassRateCalculator.Rate(Passed, Checked);

    /// <summary>不合格发现率 = 不合格批次 ÷ 抽查批次, a fraction; null when nothing was checked.</summary>
    public decimal? FailureRate => PassRateCalculator.Rate(Failed, Checked);
}

/// <summary>The rows in key order (periods in time order, the 未注明 group last) and the total over every check.</summary>
public sealed record PassRateTable(PassRateGrouping Grouping, IReadOnlyList<PassRateRow> Rows, PassRateRow Total);

/// <summary>
/// Pass-rate statistics of product spot checks (产品质量监督抽查合格率): the batch pass rate (批次合格率, 合格批次 ÷ 抽查批次)
/// and the failure-discovery rate (不合格发现率, 不合格批次 ÷ 抽查批次) per group. Every check with a final result counts
/// once, as one batch (批次); the total is computed over the checks, never averaged over the groups' rates.
/// </summary>
public static class PassRateCalculator
{
    public static decimal? Rate(int part, int whole) => whole == 0 ? null : (decimal)part / whole;

    public static PassRateDimension DimensionOf(PassRateGrouping g) => g switch
    {
        PassRateGrouping.Category or PassRateGrouping.Product => PassRateDimension.Category,
        PassRateGrouping.Section or PassRateGrouping.Division => PassRateDimension.Industry,
        PassRateGrouping.City or PassRateGrouping.County => PassRateDimension.Region,
        _ => PassRateDimension.Period,
    };

    /// <summary>Reads a grouping from its query-string name ("county", "quarter" …); anything else gives null.</summary>
    public static PassRateGrouping? Parse(string? value) =>
        Enum.TryParse<PassRateGrouping>(value, ignoreCase: true, out var g) && Enum.IsDefined(g) && !int.TryParse(value, out _) ? g : null;

    /// <summary>
    /// Groups the checks and counts each group. <paramref name="expectedKeys"/> are groups shown even when nothing in
    /// them was checked (every county of the area, every month of the period), so an empty group reads "—" rather than
    /// disappearing.
    /// </summary>
    public static PassRateTable Compute(IEnumerable<CheckOutcome> checks, PassRateGrouping grouping, GroupingReference reference,
        IEnumerable<string>? expectedKeys = null)
    {
        var counts = new Dictionary<string, (int Checked, int Passed)>(StringComparer.Ordinal);
        (int Checked, int Passed) unspecified = default, total = default;
        foreach (var check in checks)
        {
            var pass = check.Result == CheckResult.Pass ? 1 : 0;
            total = (total.Checked + 1, total.Passed + pass);
            var key = KeyOf(check, grouping, reference);
            if (key is null)
            {
                unspecified = (unspecified.Checked + 1, unspecified.Passed + pass);
                continue;
            }
            var c = counts.GetValueOrDefault(key);
            counts[key] = (c.Checked + 1, c.Passed + pass);
        }
        foreach (var key in expectedKeys ?? [])
            counts.TryAdd(key, default);

        var rows = counts.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new PassRateRow(kv.Key, kv.Value.Checked, kv.Value.Passed))
            .ToList();
        if (unspecified.Checked > 0) rows.Add(new PassRateRow(null, unspecified.Checked, unspecified.Passed));
        return new PassRateTable(grouping, rows, new PassRateRow(null, total.Checked, total.Passed));
    }

    /// <summary>The group a check falls in, or null when the check lacks the field grouped by.</summary>
    public static string? KeyOf(CheckOutcome check, PassRateGrouping grouping, GroupingReference reference) => grouping switch
    {
        PassRateGrouping.Category => string.IsNullOrEmpty(check.CategoryCode) ? null : reference.CategoryParents.GetValueOrDefault(check.CategoryCode, check.CategoryCode),
        PassRateGrouping.Product => string.IsNullOrEmpty(check.CategoryCode) ? null : check.CategoryCode,
        PassRateGrouping.Section => SectionOf(check.IndustryCode, reference),
        PassRateGrouping.Division => DivisionOf(check.IndustryCode),
        PassRateGrouping.City => RegionSegment(check.RegionPath, 1),
        PassRateGrouping.County => RegionSegment(check.RegionPath, 2),
        _ => check.ResultOn is { } d ? PeriodKey(d, grouping) : null,
    };

    /// <summary>大类 of a GB/T 4754 code: its first two digits ("3831" → "38"); a bare section letter has none.</summary>
    public static string? DivisionOf(string? industry) =>
        industry is { Length: >= 2 } && char.IsAsciiDigit(industry[0]) && char.IsAsciiDigit(industry[1]) ? industry[..2] : null;

    /// <summary>门类 of a GB/T 4754 code: the letter itself, or the section its division belongs to.</summary>
    public static string? SectionOf(string? industry, GroupingReference reference)
    {
        if (industry is { Length: 1 } && char.IsAsciiLetterUpper(industry[0])) return industry;
        return DivisionOf(industry) is { } division ? reference.IndustryParents.GetValueOrDefault(division) : null;
    }

    /// <summary>The code at a depth of a region path: "/340000/340100/340122/" has the city at 1 and the county at 2.</summary>
    public static string? RegionSegment(string? regionPath, int depth)
    {
        var parts = (regionPath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > depth ? parts[depth] : null;
    }

    /// <summary>"2025", "2025-Q1" or "2025-03": keys that sort in time order.</summary>
    public static string PeriodKey(DateOnly day, PassRateGrouping grouping) => grouping switch
    {
        PassRateGrouping.Year => day.Year.ToString("0000", CultureInfo.InvariantCulture),
        PassRateGrouping.Quarter => $"{day.Year:0000}-Q{(day.Month + 2) / 3}",
        PassRateGrouping.Month => $"{day.Year:0000}-{day.Month:00}",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "not a period grouping"),
    };

    /// <summary>The first and last day of the period a key names.</summary>
    public static (DateOnly From, DateOnly To) PeriodRange(string key, PassRateGrouping grouping)
    {
        var year = int.Parse(key[..4], CultureInfo.InvariantCulture);
        switch (grouping)
        {
            case PassRateGrouping.Year:
                return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            case PassRateGrouping.Quarter:
                var first = new DateOnly(year, (int.Parse(key[6..], CultureInfo.InvariantCulture) - 1) * 3 + 1, 1);
                return (first, first.AddMonths(3).AddDays(-1));
            case PassRateGrouping.Month:
                var start = new DateOnly(year, int.Parse(key[5..], CultureInfo.InvariantCulture), 1);
                return (start, start.AddMonths(1).AddDays(-1));
            default:
                throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "not a period grouping");
        }
    }

    /// <summary>
    /// The keys of every period from <paramref name="from"/> to <paramref name="to"/>, or none when there would be more
    /// than <paramref name="max"/> (a range typed as 1900–2100 should not fill the page with empty months).
    /// </summary>
    public static IReadOnlyList<string> PeriodsBetween(DateOnly from, DateOnly to, PassRateGrouping grouping, int max = 400)
    {
        var keys = new List<string>();
        if (to < from) return keys;
        var last = PeriodKey(to, grouping);
        for (var day = PeriodRange(PeriodKey(from, grouping), grouping).From; ; )
        {
            var key = PeriodKey(day, grouping);
            keys.Add(key);
            if (key == last) return keys;
            if (keys.Count >= max) return [];
            day = PeriodRange(key, grouping).To.AddDays(1);
        }
    }
}
