using Microsoft.AspNetCore.Mvc.ModelBinding;

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

    public static void Refused(this ModelStateDictionary state, IStringLocalizer l, PlanRefusedException e, string prefix = "Form.") =>
        state.AddModelError(e.Field.Length == 0 ? "" : prefix + e.Field, l[e.Key, e.Args]);

    public static string? Error(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
