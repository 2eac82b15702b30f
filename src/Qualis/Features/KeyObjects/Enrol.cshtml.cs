using Qualis.Features.Registry;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.KeyObjects;

/// <summary>
/// Enrols a key object of one kind for a city and year (列入重点对象): a park or an enterprise chosen from the registry
/// (enterprises searched by name or credit code), a product or service by name, an industry of GB/T 4754. The server
/// checks that the object lies within the city, whatever the chooser offered.
/// </summary>
[Authorize(Policy = KeyObjectsModule.EnrollersPolicy)]
public sealed class EnrolModel(QualisDb db, IStringLocalizer l, PeopleClock clock) : PageModel
{
    private const int Matches = 20;

    [BindProperty] public EnrolForm Form { get; set; } = new();
    /// <summary>The chooser's search text (name fragment or credit-code prefix), on GET.</summary>
    [BindProperty(SupportsGet = true)] public string? Find { get; set; }

    public string? OwnCity { get; private set; }
    public List<(string Code, string Label)> Cities { get; private set; } = [];
    public List<ParkEntry> Parks { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public List<ProductCategoryRule> Categories { get; private set; } = [];
    public List<IndustryHeading> Industries { get; private set; } = [];
    public List<EnterpriseEntry> Found { get; private set; } = [];
    public bool English { get; private set; }

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>The enterprise whose code the form holds, by name, as the chooser picked it.</summary>
    public EnterpriseEntry? Chosen { get; private set; }

    public async Task<IActionResult> OnGetAsync(KeyObjectKind? kind, int? year, string? city, string? code, CancellationToken ct)
    {
        Form = new EnrolForm
        {
            Kind = kind is { } k && Enum.IsDefined(k) ? k : KeyObjectKind.Park,
            Year = year ?? clock.Today.Year,
            CityCode = city,
            CreditCode = code,
        };
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await ShowAsync(ct);
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var (enrolment, problems) = await KeyObjectEnrolling.CheckAsync(db, Form, clock, User.Identity?.Name ?? "", english, ct);
        foreach (var p in problems) ModelState.AddModelError("Form." + p.Field, l[p.Key, p.Args]);
        if (enrolment is null) return await ShowAsync(ct);

        // Enrolled already (a repeat, or the first of two simultaneous posts): that enrolment's page, with a notice.
        if (await KeyObjectEnrolling.ActiveTwinAsync(db, enrolment, ct) is { } twin) return Already(twin);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<KeyObjectEnrolment>().Add(enrolment);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["keyobjects.enrolled"].Value;
            return Redirect("/KeyObjects/" + enrolment.Id);
        }, async () => await KeyObjectEnrolling.ActiveTwinAsync(db, enrolment, CancellationToken.None) is { } first
            ? Already(first)
            : throw new InvalidOperationException("An enrolment lost a race to no enrolment of the same object."));
    }

    private IActionResult Already(KeyObjectEnrolment twin) =>
        this.AlreadyDoneAt("/KeyObjects/" + twin.Id, l["keyobjects.already_enrolled", twin.ObjectName, twin.Year].Value);

    private async Task<PageResult> ShowAsync(CancellationToken ct)
    {
        English = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        OwnCity = KeyObjectEnrolling.OwnCity(db.Actor.RegionPath);
        if (OwnCity is not null) Form.CityCode = OwnCity;
        Cities = (await db.Set<Region>().AsNoTracking().Where(r => r.Level == RegionLevel.City).OrderBy(r => r.Code).ToListAsync(ct))
            .Select(r => (r.Code, r.DisplayName(English))).ToList();
        var cityPath = string.IsNullOrEmpty(Form.CityCode) ? null
            : await db.Set<Region>().AsNoTracking().Where(r => r.Code == Form.CityCode).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
        switch (Form.Kind)
        {
            case KeyObjectKind.Park:
                // The parks of the chosen city (of the caller's area while none is chosen).
                Parks = (await RegistryFace.ParksAsync(db, ct)).Where(p => cityPath is null || p.RegionPath.StartsWith(cityPath, StringComparison.Ordinal)).ToList();
                break;
            case KeyObjectKind.Product:
                Categories = await RegistryFace.ProductCategoriesAsync(db, ct);
                break;
            case KeyObjectKind.Industry:
                Industries = await RegistryFace.IndustryHeadingsAsync(db, ct);
                break;
            case KeyObjectKind.Enterprise when !string.IsNullOrWhiteSpace(Find):
                var area = cityPath ?? db.Actor.RegionPath ?? "/";
                Found = await RegistryFace.SearchEnterprisesAsync(db, Find, area, Matches, ct);
                break;
        }
        if (Form.Kind == KeyObjectKind.Enterprise && !string.IsNullOrWhiteSpace(Form.CreditCode))
            Chosen = await RegistryFace.FindEnterpriseAsync(db, Form.CreditCode.Trim().ToUpperInvariant(), ct);
        var codes = Parks.Select(p => p.RegionCode).Concat(Found.Select(f => f.RegionCode)).Distinct().ToList();
        RegionNames = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => codes.Contains(r.Code)).ToListAsync(ct))
            .ToDictionary(r => r.Code, r => r.DisplayName(English));
        return Page();
    }
}
