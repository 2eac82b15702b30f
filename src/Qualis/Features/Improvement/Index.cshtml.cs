using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Improvement;

/// <summary>
/// The improvement projects and help plans of the caller's area (质量提升项目): by kind, status, year, region, subject, and
/// the indicators' drill-down (the projects a figure counted), paged and exported through the shared list mechanism.
/// </summary>
[Authorize(Policy = ImprovementModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel, IListExport
{
    private const int PageSize = 50;
    private static readonly ListSort<ImprovementProject>[] Sorts =
    [
        ListSort<ImprovementProject>.By("start", p => p.StartOn, descending: true).ThenBy(p => p.SubjectNameSort).ThenBy(p => p.Id),
        ListSort<ImprovementProject>.By("subject", p => p.SubjectNameSort).ThenBy(p => p.Id),
    ];

    [BindProperty(SupportsGet = true)] public ProjectKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public ProjectStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The indicators' drill-down: the measure counted for <see cref="Year"/> at the end of <see cref="On"/>.</summary>
    [BindProperty(SupportsGet = true)] public ImprovementMeasure? Counted { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? On { get; set; }

    public List<ImprovementProject> Rows { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var page = await (await FilteredAsync(ct)).PageAsync(ListRequest.From(Request, PageSize), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        RegionNames = await RegionCatalog.NamesAsync(db, Rows.Select(r => r.RegionCode), english, ct);
        CanCreate = (await authorization.AuthorizeAsync(User, ImprovementModule.EditorsPolicy)).Succeeded;
    }

    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var regions = await RegionCatalog.AllNamesAsync(db, english, ct);
        var matching = await FilteredAsync(ct);
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(p => new object?[]
        {
            p.Title, l[p.Kind.TextKey()].Value, l[p.SubjectKind.TextKey()].Value, p.SubjectName, p.CreditCode, regions.GetValueOrDefault(p.RegionCode, p.RegionCode),
            regions.GetValueOrDefault(p.OfficeCode, p.OfficeCode), p.StartOn, p.EndOn, l[p.Status.TextKey()].Value, p.FinishedOn, p.Result,
            p.PublishedAt is { } at ? clock.Format(at) : null,
        });
        string[] headers =
        [
            "improvement.project_title", "improvement.kind", "improvement.subject_kind", "improvement.subject", "improvement.credit_code", "improvement.region",
            "improvement.office", "improvement.start_on", "improvement.end_on", "improvement.status", "improvement.finished_on", "improvement.result", "improvement.published_at",
        ];
        return new ExportTable(english ? "improvement-projects" : "质量提升项目", headers.Select(h => l[h].Value).ToList(), rows) { Count = ExportTable.CountOf(matching) };
    }

    private async Task<IQueryable<ImprovementProject>> FilteredAsync(CancellationToken ct)
    {
        var q = db.Set<ImprovementProject>().AsNoTracking();
        if (Kind is { } kind) q = q.Where(p => p.Kind == kind);
        if (Status is { } status) q = q.Where(p => p.Status == status);
        if (Counted is { } measure && Year is { } countedYear) q = ImprovementCounts.Counted(q, measure, countedYear, On ?? clock.Today, clock);
        else if (Year is { } year) q = q.Where(p => p.StartOn >= new DateOnly(year, 1, 1) && p.StartOn <= new DateOnly(year, 12, 31));
        if (Q?.Trim() is { Length: > 0 } text)
        {
            var code = text.ToUpperInvariant();
            q = q.Where(p => p.Title.Contains(text) || p.SubjectName.Contains(text) || p.CreditCode == code);
        }
        return await ImprovementLists.WithinRegionAsync(db, q, Region, ct);
    }
}
