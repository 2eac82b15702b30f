using Microsoft.AspNetCore.Mvc.ModelBinding;
using Qualis.Platform.Attachments;
using Qualis.Platform.Indicators;

namespace Qualis.Features.Plans;

/// <summary>What the plans' pages share: region names, and a refused step's message on its field.</summary>
public static class PlanPages
{
    /// <summary>Region names by code (a plan above the reader's area, or a city of the plan, is named too).</summary>
    public static Task<Dictionary<string, string>> RegionNamesAsync(QualisDb db, IEnumerable<string> codes, CancellationToken ct = default) =>
        RegionCatalog.NamesAsync(db, codes, Texts.IsEnglish(CultureInfo.CurrentUICulture), ct);

    /// <summary>People's names by sign-in name (the reporter and the decider of a report the reader may see), the sign-in name when unknown.</summary>
    public static async Task<Dictionary<string, string>> PeopleNamesAsync(QualisDb db, IEnumerable<string?> userNames, CancellationToken ct = default)
    {
        var wanted = userNames.OfType<string>().Distinct().ToList();
        var found = await db.Users.OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(u => wanted.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return wanted.ToDictionary(n => n, n => found.FirstOrDefault(u => u.UserName == n)?.DisplayName is { Length: > 0 } name ? name : n);
    }

    /// <summary>The regions directly below a region, in code order.</summary>
    public static Task<List<Region>> ChildrenAsync(QualisDb db, string regionCode, CancellationToken ct = default) =>
        db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => r.ParentCode == regionCode).OrderBy(r => r.Code).ToListAsync(ct);

    /// <summary>The largest evidence file a report takes (PDF, JPG or PNG, checked by its bytes).</summary>
    public const long MaxEvidenceBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Stores a report's evidence files under the report's id (cities' values and departments' progress alike); a refused
    /// file (too large, empty, not what its name says) is named on the Files field and nothing is kept: null.
    /// </summary>
    public static async Task<List<StoredFile>?> SaveEvidenceAsync(this ModelStateDictionary state, AttachmentStore store, Guid reportId,
        IEnumerable<IFormFile> files, IStringLocalizer l, CancellationToken ct) =>
        await store.SaveFormFilesAsync(state, reportId, files, MaxEvidenceBytes, l, "plans", ct);

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
