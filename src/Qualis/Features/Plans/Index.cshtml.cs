using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>The action plans the official reads: the area's own and the issued plans above it, by year, region and state.</summary>
[Authorize(Policy = Policies.Officials)]
public sealed class IndexModel(QualisDb db, IStringLocalizer l) : PageModel, IListExport
{
    private const int PageSize = 25;
    /// <summary>The latest year first, then the higher office first, then by title.</summary>
    private static readonly ListSort<ActionPlan>[] Sorts =
        [ListSort<ActionPlan>.By("year", p => p.Year, descending: true).ThenBy(p => p.RegionPath).ThenBy(p => p.Title).ThenBy(p => p.Id)];

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public PlanStatus? Status { get; set; }

    public List<ActionPlan> Rows { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = await Filtered().PageAsync(ListRequest.From(Request, PageSize), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        RegionNames = await PlanPages.RegionNamesAsync(db, Rows.Select(r => r.RegionCode), ct);
    }

    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var regions = await RegionCatalog.AllNamesAsync(db, english, ct);
        var matching = Filtered();
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(p => new object?[]
        {
            p.Year, regions.GetValueOrDefault(p.RegionCode, p.RegionCode), p.Title, p.DocumentNumber, p.IssuingBody,
            p.IssuedOn, l["plans.plan_status." + p.Status].Value,
        });
        string[] headers = ["plans.year", "user.region", "plans.title", "plans.document_number", "plans.issuing_body", "plans.issued_on", "plans.state"];
        return new ExportTable(english ? "action-plans" : "质量提升行动方案", headers.Select(h => l[h].Value).ToList(), rows) { Count = ExportTable.CountOf(matching) };
    }

    private IQueryable<ActionPlan> Filtered()
    {
        var q = PlanAccess.Readable(db).AsNoTracking();
        if (Year is { } year) q = q.Where(p => p.Year == year);
        if (Region is { Length: > 0 } region) q = q.Where(p => p.RegionCode == region);
        if (Status is { } status) q = q.Where(p => p.Status == status);
        return q;
    }
}
