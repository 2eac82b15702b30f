using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Web;

namespace Qualis.Features.Departments;

/// <summary>The departments of the caller's area, searched by a fragment of the current or a former name.</summary>
[Authorize(Policy = DepartmentsModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l) : PageModel, IListExport
{
    private const int PageSize = 50;
    /// <summary>By region, the active ones first, then by name in pinyin order.</summary>
    private static readonly ListSort<Department>[] Sorts =
        [ListSort<Department>.By("region", d => d.RegionPath).ThenBy(d => d.Active, descending: true).ThenBy(d => d.NameSort).ThenBy(d => d.Id)];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public DepartmentKind? Kind { get; set; }

    public List<Department> Rows { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var page = await Filtered().PageAsync(ListRequest.From(Request, PageSize), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        var codes = Rows.Select(r => r.RegionCode).Distinct().ToList();
        RegionNames = (await db.Set<Platform.Regions.Region>().AsNoTracking().Where(r => codes.Contains(r.Code)).ToListAsync(ct))
            .ToDictionary(r => r.Code, r => r.DisplayName(english));
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.Officials)).Succeeded;
    }

    /// <summary>Every matching department in the list's order.</summary>
    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var regions = await db.Set<Platform.Regions.Region>().AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.DisplayName(english), ct);
        var matching = Filtered();
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(d => new object?[]
        {
            d.Name, string.Join("、", Department.SplitAliases(d.Aliases)), l[d.Kind.TextKey()].Value,
            regions.GetValueOrDefault(d.RegionCode, d.RegionCode), l[d.Active ? "department.active" : "department.inactive"].Value,
        });
        string[] headers = ["department.name", "department.aliases", "department.kind", "user.region", "department.state"];
        return new ExportTable(english ? "departments" : "协作部门", headers.Select(h => l[h].Value).ToList(), rows) { Count = ExportTable.CountOf(matching) };
    }

    private IQueryable<Department> Filtered()
    {
        var q = db.Set<Department>().AsNoTracking();
        if (Q?.Trim() is { Length: > 0 } text) q = q.Where(d => d.Name.Contains(text) || (d.Aliases != null && d.Aliases.Contains(text)));
        if (Region is { Length: > 0 } region) q = q.Where(d => d.RegionCode == region);
        if (Kind is { } kind) q = q.Where(d => d.Kind == kind);
        return q;
    }
}
