using Microsoft.AspNetCore.Mvc.ModelBinding;
using Qualis.Platform.Indicators;

namespace Qualis.Features.Plans;

/// <summary>What the plans' pages share: region names, and a refused step's message on its field.</summary>
public static class PlanPages
{
    /// <summary>Region names by code (a plan above the reader's area, or a city of the plan, is named too).</summary>
    public static async Task<Dictionary<string, string>> RegionNamesAsync(QualisDb db, IEnumerable<string> codes, CancellationToken ct = default)
    {
        var wanted = codes.Distinct().ToList();
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        return (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => wanted.Contains(r.Code)).ToListAsync(ct))
            .ToDictionary(r => r.Code, r => r.DisplayName(english));
    }

    /// <summary>The regions directly below a region, in code order.</summary>
    public static Task<List<Region>> ChildrenAsync(QualisDb db, string regionCode, CancellationToken ct = default) =>
        db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => r.ParentCode == regionCode).OrderBy(r => r.Code).ToListAsync(ct);

    /// <summary>A quarter as people read it (2026年第4季度), from its stored code (2026Q4); anything else as it is.</summary>
    public static string PeriodName(IStringLocalizer l, string period) =>
        period.Length == 6 && period[4] == 'Q' && int.TryParse(period[..4], CultureInfo.InvariantCulture, out var year) && period[5] is >= '1' and <= '4'
            ? l["plans.quarter_name", year.ToString(CultureInfo.InvariantCulture), period[5]].Value
            : period;

    /// <summary>An indicator's name in the reader's language, or "unknown indicator (key)" when no module offers it.</summary>
    public static string IndicatorName(IndicatorCatalog catalog, IStringLocalizer l, string key) =>
        catalog.Find(key) is { } indicator ? l[indicator.TextKey].Value : l["plans.indicator_unknown", key].Value;

    public static void Refused(this ModelStateDictionary state, IStringLocalizer l, PlanRefusedException e, string prefix = "Form.") =>
        state.AddModelError(e.Field.Length == 0 ? "" : prefix + e.Field, l[e.Key, e.Args]);

    public static string? Error(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
