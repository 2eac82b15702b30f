using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Parks;
using Qualis.Platform.Import;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>Register or correct one enterprise. The form goes through the import's own row checks, so both agree.</summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(Enterprise))]
public sealed class EditModel(QualisDb db, EnterpriseImport kind, IStringLocalizer l) : PageModel
{

    [BindProperty] public Dictionary<string, string?> Values { get; set; } = [];
    public string? Code { get; private set; }
    /// <summary>The enterprise's name as stored (for the trail), whatever the form now holds.</summary>
    public string? SavedName { get; private set; }
    public bool IsNew => Code is null;
    public bool English => Texts.IsEnglish(CultureInfo.CurrentUICulture);
    public IReadOnlyList<ImportColumn> Fields => EnterpriseImport.Columns;
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public List<(string Code, string Label)> Industries { get; private set; } = [];
    public List<string> Parks { get; private set; } = [];
    private readonly Dictionary<string, List<string>> _errors = [];

    public string? Value(string key) => Values.GetValueOrDefault(key);
    public IEnumerable<string> ErrorsFor(string key) => _errors.GetValueOrDefault(key) ?? [];

    public async Task<IActionResult> OnGetAsync(string? code)
    {
        Code = code is null ? null : CreditCode.Check(code).Normalised;
        if (Code is not null)
        {
            var e = await db.Set<Enterprise>().AsNoTracking().SingleOrDefaultAsync(x => x.CreditCode == Code);
            if (e is null) return NotFound();
            Values = await ValuesOfAsync(e);
        }
        else Values["status"] = l["registry.status.existing"];
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        Code = code is null ? null : CreditCode.Check(code).Normalised;
        if (Code is not null)
        {
            if (!await db.Set<Enterprise>().AnyAsync(x => x.CreditCode == Code, ct)) return NotFound();
            Values["credit_code"] = Code;
        }
        // The shared text rule (control characters, length) speaks first: such a value is not even parsed.
        foreach (var (key, entry) in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList())
        {
            var column = key.StartsWith("Values[", StringComparison.Ordinal) ? key[7..^1] : "";
            (_errors.TryGetValue(column, out var list) ? list : _errors[column] = []).AddRange(entry!.Errors.Select(e => e.ErrorMessage));
        }
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError("", l["form.fix_errors"]);
            return await ShowAsync();
        }
        var session = await kind.OpenAsync(db, Fields.Select(c => c.Key).ToHashSet(), ct);
        var problems = new List<RowProblem>();
        var record = session.Parse(ImportRow.Of(Values), problems);
        if (record is not null && Code is null && await db.Set<Enterprise>().OutsideArea(AreaReason.UniquenessCheck).AnyAsync(x => x.CreditCode == record.Key, ct))
            problems.Add(new RowProblem("credit_code", record.Key, "enterprise.already_registered", record.Key));
        if (record is not null && problems.Count == 0)
            await session.ApplyAsync([record], write: true, (_, p) => problems.Add(p), ct);
        if (problems.Count > 0)
        {
            foreach (var p in problems) (_errors.TryGetValue(p.Column, out var list) ? list : _errors[p.Column] = []).Add(Message(p));
            ModelState.AddModelError("", l["form.fix_errors"]);
            return await ShowAsync();
        }
        TempData["Message"] = l["user.saved"].Value;
        return Redirect($"/Registry/Enterprises/{record!.Key}");
    }

    /// <summary>
    /// A row check's message; a missing value asks for the field by its label in the page's language, as every form does
    /// ("请填写企业名称。"), rather than in the import report's words (a file's header may be in either language).
    /// </summary>
    private string Message(RowProblem p) =>
        p.ReasonKey is "import.required" or "registry.code.empty" && Fields.FirstOrDefault(c => c.Key == p.Column) is { } column
            ? l["validation.required", English ? column.English : column.Chinese]
            : l[p.ReasonKey, p.Args];

    private async Task<PageResult> ShowAsync()
    {
        if (Code is not null) SavedName = await db.Set<Enterprise>().AsNoTracking().Where(x => x.CreditCode == Code).Select(x => x.Name).SingleOrDefaultAsync();
        Regions = await RegionCatalog.ChoicesAsync(db, English);
        Industries = (await db.Set<Industry>().AsNoTracking().Where(i => i.Level == IndustryLevel.Division || i.Level == IndustryLevel.Section).OrderBy(i => i.Code).ToListAsync())
            .Select(i => (i.Level == IndustryLevel.Section ? "" : i.Code, (i.Level == IndustryLevel.Section ? "— " : "\u3000") + i.Code + " " + (English && i.NameEn is not null ? i.NameEn : i.Name))).ToList();
        Parks = await db.Set<Park>().AsNoTracking().OrderBy(p => p.Name).Select(p => p.Name).ToListAsync();
        return Page();
    }

    /// <summary>The record in the import's formats (money in 万元, dates as yyyy-MM-dd).</summary>
    private async Task<Dictionary<string, string?>> ValuesOfAsync(Enterprise e)
    {
        string? Money(decimal? yuan) => yuan is null ? null : (yuan.Value / 10000m).ToString("0.####", CultureInfo.InvariantCulture);
        return new()
        {
            ["credit_code"] = e.CreditCode, ["name"] = e.Name, ["region"] = e.RegionCode, ["former_names"] = e.FormerNames,
            ["legal_rep"] = e.LegalRepresentative, ["address"] = e.Address, ["industry"] = e.IndustryCode,
            ["capital"] = Money(e.RegisteredCapitalYuan), ["employees"] = e.Employees?.ToString(CultureInfo.InvariantCulture),
            ["revenue"] = Money(e.RevenueYuan),
            ["size"] = e.SizeEntered && e.Size is { } s ? l[s.TextKey()].Value : null,
            ["status"] = l["registry.status." + e.Status.ToString().ToLowerInvariant()],
            ["established"] = e.EstablishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["park"] = e.ParkId is null ? null : await db.Set<Park>().OutsideArea(AreaReason.ReferenceLookup).Where(p => p.Id == e.ParkId).Select(p => p.Name).SingleOrDefaultAsync(),
            ["cqo"] = e.ChiefQualityOfficer, ["certifications"] = e.Certifications, ["awards"] = e.QualityAwards, ["brands"] = e.Brands,
            ["standards"] = e.DeclaredStandards, ["code_override"] = e.CreditCodeOverrideReason,
            ["credit_class"] = e.CreditClass.ToString(), ["product_categories"] = e.ProductCategories,
        };
    }
}
