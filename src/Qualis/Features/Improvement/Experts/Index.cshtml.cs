using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Web;

namespace Qualis.Features.Improvement.Experts;

/// <summary>The expert directory of the caller's area (专家库): by field, availability, region, name or unit; paged and exported.</summary>
[Authorize(Policy = ImprovementModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l) : PageModel, IListExport
{
    private const int PageSize = 50;
    private static readonly ListSort<Expert>[] Sorts =
    [
        ListSort<Expert>.By("name", e => e.NameSort).ThenBy(e => e.Id),
        ListSort<Expert>.By("field", e => e.Field).ThenBy(e => e.NameSort).ThenBy(e => e.Id),
    ];

    [BindProperty(SupportsGet = true)] public ExpertField? Field { get; set; }
    [BindProperty(SupportsGet = true)] public ExpertAvailability? Availability { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public List<Expert> Rows { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var page = await (await FilteredAsync(ct)).PageAsync(ListRequest.From(Request, PageSize), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        RegionNames = await RegionCatalog.NamesAsync(db, Rows.Select(r => r.RegionCode), english, ct);
        CanEdit = (await authorization.AuthorizeAsync(User, ImprovementModule.EditorsPolicy)).Succeeded;
    }

    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var regions = await RegionCatalog.AllNamesAsync(db, english, ct);
        var matching = await FilteredAsync(ct);
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(e => new object?[]
        {
            e.Name, l[e.Field.TextKey()].Value, e.Title, e.Unit, e.RegionCode, regions.GetValueOrDefault(e.RegionCode, e.RegionCode), l[e.Availability.TextKey()].Value,
            string.Join("、", ExpertRules.ConflictEntries(e.Conflicts)), e.UserName,
        });
        string[] headers = ["improvement.expert.name", "improvement.expert.field", "improvement.expert.title", "improvement.expert.unit",
            "improvement.region_code", "improvement.region", "improvement.expert.availability", "improvement.expert.conflicts", "improvement.expert.account"];
        return new ExportTable(english ? "experts" : "专家库", headers.Select(h => l[h].Value).ToList(), rows) { Count = ExportTable.CountOf(matching) };
    }

    private async Task<IQueryable<Expert>> FilteredAsync(CancellationToken ct)
    {
        var q = db.Set<Expert>().AsNoTracking();
        if (Field is { } field) q = q.Where(e => e.Field == field);
        if (Availability is { } a) q = q.Where(e => e.Availability == a);
        if (Q?.Trim() is { Length: > 0 } text) q = q.Where(e => e.Name.Contains(text) || e.Unit.Contains(text));
        return await ImprovementLists.WithinRegionAsync(db, q, Region, ct);
    }
}
