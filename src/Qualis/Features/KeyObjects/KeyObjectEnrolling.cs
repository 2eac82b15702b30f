using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry;
using Qualis.Platform.Time;

namespace Qualis.Features.KeyObjects;

/// <summary>The fields of the enrol form, as posted; which of the object fields count depends on the kind.</summary>
public sealed class EnrolForm
{
    [Display(Name = "keyobjects.kind")]
    public KeyObjectKind Kind { get; set; } = KeyObjectKind.Park;
    [Display(Name = "keyobjects.year")]
    public int? Year { get; set; }
    [Display(Name = "keyobjects.city")]
    public string? CityCode { get; set; }
    [Display(Name = "keyobjects.kind.park")]
    public Guid? ParkId { get; set; }
    [Display(Name = "keyobjects.product_name")]
    public string? ProductName { get; set; }
    [Display(Name = "keyobjects.product_category")]
    public string? ProductCategoryCode { get; set; }
    [Display(Name = "keyobjects.kind.industry")]
    public string? IndustryCode { get; set; }
    [Display(Name = "keyobjects.credit_code")]
    public string? CreditCode { get; set; }
    [Display(Name = "keyobjects.reason")]
    public string? Reason { get; set; }
    [Display(Name = "keyobjects.goal")]
    public string? Goal { get; set; }
}

/// <summary>A problem with one field of the enrol form: the field, its text key and the key's arguments.</summary>
public sealed record EnrolProblem(string Field, string Key, params object[] Args);

/// <summary>
/// The rules of enrolling a key object (列入重点对象), checked on the server whatever the chooser offered: the city is a
/// city of the caller's area (a city officer's own), the object is one of the registry's and lies within that city, the
/// reason and the goal are given. The same object of the same kind is enrolled once per city and year while active
/// (the unique index IX_KeyObjectEnrolments_Active).
/// </summary>
public static class KeyObjectEnrolling
{
    public const int FirstYear = 2010;

    /// <summary>The city an account enrols for when it may not choose: a city officer's own city; null for the province and administrators.</summary>
    public static string? OwnCity(string? actorRegionPath)
    {
        var codes = (actorRegionPath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return codes.Length == 2 ? codes[1] : null;
    }

    /// <summary>The enrolment the form describes, or the problems that refuse it.</summary>
    public static async Task<(KeyObjectEnrolment? Enrolment, List<EnrolProblem> Problems)> CheckAsync(
        QualisDb db, EnrolForm form, PeopleClock clock, string userName, bool english, CancellationToken ct)
    {
        var problems = new List<EnrolProblem>();
        var thisYear = clock.Today.Year;
        if (form.Year is not { } year || year < FirstYear || year > thisYear + 1)
        {
            problems.Add(new(nameof(form.Year), "keyobjects.year_range", FirstYear, thisYear + 1));
            year = thisYear;
        }
        if (!Enum.IsDefined(form.Kind)) problems.Add(new(nameof(form.Kind), "keyobjects.kind_unknown"));

        // The city through the area filter: a city outside the caller's area is unknown to them; a city officer enrols for their own.
        var ownCity = OwnCity(db.Actor.RegionPath);
        var cityCode = ownCity ?? form.CityCode?.Trim();
        var city = string.IsNullOrEmpty(cityCode) ? null
            : await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.Code == cityCode && r.Level == RegionLevel.City, ct);
        if (city is null) problems.Add(new(nameof(form.CityCode), "keyobjects.city_unknown"));
        var cityName = city?.DisplayName(english) ?? "";

        var e = new KeyObjectEnrolment
        {
            Year = year, Kind = form.Kind, CityCode = city?.Code ?? "", RegionCode = city?.Code ?? "", RegionPath = city?.RegionPath ?? "",
            Reason = form.Reason?.Trim() ?? "", Goal = form.Goal?.Trim() ?? "", EnrolledAt = clock.UtcNow, EnrolledBy = userName,
        };
        if (e.Reason.Length == 0) problems.Add(new(nameof(form.Reason), "keyobjects.reason_required"));
        else if (e.Reason.Length > KeyObjectEnrolment.TextLength) problems.Add(new(nameof(form.Reason), "keyobjects.text_too_long", KeyObjectEnrolment.TextLength));
        if (e.Goal.Length == 0) problems.Add(new(nameof(form.Goal), "keyobjects.goal_required"));
        else if (e.Goal.Length > KeyObjectEnrolment.TextLength) problems.Add(new(nameof(form.Goal), "keyobjects.text_too_long", KeyObjectEnrolment.TextLength));

        switch (form.Kind)
        {
            case KeyObjectKind.Park:
                var park = form.ParkId is { } parkId ? await RegistryFace.ParkOfAnyAreaAsync(db, parkId, ct) : null;
                if (park is null) problems.Add(new(nameof(form.ParkId), "keyobjects.park_required"));
                else if (city is not null && !Within(park.RegionPath, city.RegionPath))
                    problems.Add(new(nameof(form.ParkId), "keyobjects.outside_city", park.Name, await RegionNameAsync(db, park.RegionCode, english, ct), cityName));
                else if (city is not null)
                    (e.ObjectKey, e.ObjectName, e.RegionCode, e.RegionPath) = (park.Id.ToString("D"), park.Name, park.RegionCode, park.RegionPath);
                break;
            case KeyObjectKind.Product:
                var name = form.ProductName?.Trim() ?? "";
                if (name.Length == 0) problems.Add(new(nameof(form.ProductName), "keyobjects.product_required"));
                else if (name.Length > KeyObjectEnrolment.NameLength) problems.Add(new(nameof(form.ProductName), "keyobjects.text_too_long", KeyObjectEnrolment.NameLength));
                (e.ObjectKey, e.ObjectName) = (name, name);
                if (!string.IsNullOrWhiteSpace(form.ProductCategoryCode))
                {
                    var category = await RegistryFace.ProductCategoryAsync(db, form.ProductCategoryCode.Trim(), ct);
                    if (category is null) problems.Add(new(nameof(form.ProductCategoryCode), "keyobjects.category_unknown", form.ProductCategoryCode.Trim()));
                    else e.ProductCategoryCode = category.Code;
                }
                break;
            case KeyObjectKind.Industry:
                var code = form.IndustryCode?.Trim() ?? "";
                var industry = code.Length == 0 ? null : (await RegistryFace.IndustryHeadingsAsync(db, ct)).FirstOrDefault(i => i.Code == code);
                if (industry is null) problems.Add(new(nameof(form.IndustryCode), code.Length == 0 ? "keyobjects.industry_required" : "keyobjects.industry_unknown", code));
                else (e.ObjectKey, e.ObjectName) = (industry.Code, industry.Code + " " + industry.Name);
                break;
            case KeyObjectKind.Enterprise:
                var creditCode = (form.CreditCode ?? "").Trim().ToUpperInvariant();
                var enterprise = creditCode.Length == 0 ? null : await RegistryFace.EnterpriseNamedOfAnyAreaAsync(db, creditCode, ct);
                if (creditCode.Length == 0) problems.Add(new(nameof(form.CreditCode), "keyobjects.enterprise_required"));
                else if (enterprise is null) problems.Add(new(nameof(form.CreditCode), "keyobjects.enterprise_unknown", creditCode));
                else if (city is not null && !Within(enterprise.RegionPath, city.RegionPath))
                    problems.Add(new(nameof(form.CreditCode), "keyobjects.outside_city", enterprise.Name, await RegionNameAsync(db, enterprise.RegionCode, english, ct), cityName));
                else if (city is not null)
                    (e.ObjectKey, e.ObjectName, e.RegionCode, e.RegionPath) = (enterprise.CreditCode, enterprise.Name, enterprise.RegionCode, enterprise.RegionPath);
                break;
        }
        return (problems.Count == 0 ? e : null, problems);
    }

    /// <summary>The active enrolment of the same object for the same city, year and kind, if there is one.</summary>
    public static Task<KeyObjectEnrolment?> ActiveTwinAsync(QualisDb db, KeyObjectEnrolment e, CancellationToken ct) =>
        db.Set<KeyObjectEnrolment>().AsNoTracking().FirstOrDefaultAsync(x => x.CityCode == e.CityCode && x.Year == e.Year && x.Kind == e.Kind
            && x.ObjectKey == e.ObjectKey && x.Status == KeyObjectStatus.Active, ct);

    private static bool Within(string path, string areaPath) => path.StartsWith(areaPath, StringComparison.Ordinal);

    /// <summary>A region's name, of any area: region names are public reference data, named beside the refused object.</summary>
    private static async Task<string> RegionNameAsync(QualisDb db, string code, bool english, CancellationToken ct) =>
        (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct))?.DisplayName(english) ?? code;
}
