using Qualis.Features.Registry;
using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>
/// The spot checks (抽查任务) the caller may see, filtered (see <see cref="CheckFilter"/> for the query-string contract),
/// paged and exportable as CSV or XLSX (?handler=Export&amp;format=xlsx with the same filters).
/// </summary>
[Authorize(Policy = SupervisionModule.PartiesPolicy)]
public sealed class ListModel(QualisDb db, SpotCheckWorkflow workflow, PeopleClock clock, IStringLocalizer l) : PageModel, IListExport
{
    private const int PageSize = 25;
    /// <summary>By enterprise name in pinyin order.</summary>
    private static readonly ListSort<SpotCheck>[] Sorts = [ListSort<SpotCheck>.By("enterprise", c => c.EnterpriseNameSort).ThenBy(c => c.Id)];

    [BindProperty(SupportsGet = true, Name = "status")] public SpotCheckStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "result")] public CheckResult? Result { get; set; }
    [BindProperty(SupportsGet = true, Name = "overdue")] public string? Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "industry")] public string? Industry { get; set; }

    public CheckFilter Filter => new(Status, Result, CheckFilter.IsOn(Overdue), Region, Category, From, To, Q, Industry);
    public DateOnly Today => workflow.Today;
    public List<SpotCheck> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public List<(string Code, string Label)> Categories { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public Dictionary<string, string> CategoryNames { get; private set; } = [];


    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        var categories = await RegistryFace.ProductCategoriesAsync(db, ct);
        Categories = categories.Select(c => (c.Code, (c.ParentCode is null ? "" : "\u3000") + c.Code + " " + c.Name)).ToList();
        CategoryNames = categories.ToDictionary(c => c.Code, c => c.Name);
        RegionNames = await RegionNamesAsync(db, english, ct);

        var page = await (await QueryAsync(ct)).PageAsync(ListRequest.From(Request, PageSize), Sorts, CheckFilter.Rows, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
    }

    /// <summary>The filtered list as a file: every matching check, with its overdue steps as of today.</summary>
    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        var regions = await RegionNamesAsync(db, english, ct);
        var categories = (await RegistryFace.ProductCategoriesAsync(db, ct)).ToDictionary(c => c.Code, c => c.Name);
        var q = await QueryAsync(ct);
        var today = Today;
        string[] headerKeys =
        [
            "check.credit_code", "check.enterprise", "check.region", "check.category", "check.product_name", "check.model", "check.batch",
            "check.sampled_on", "check.agency", "check.status", "check.result", "check.result_on", "check.retest_result", "check.final_result",
            "check.stop_sale", "check.rectification_due", "check.follow_up_due", "check.follow_up_result", "check.escalated",
            "check.inspection_ended_on", "check.publication_due", "check.published_at", "check.overdue",
        ];
        string? Verdict(CheckResult? r) => r is null ? null : l["check.result." + r].Value;
        string YesNo(bool b) => b ? l["check.yes"].Value : "";
        var rows = CheckFilter.Rows(q.Ordered(null, Sorts)).AsAsyncEnumerable().Select(c => new object?[]
        {
            c.CreditCode, c.EnterpriseName, regions.GetValueOrDefault(c.RegionCode, c.RegionCode),
            c.ProductCategoryCode is null ? null : c.ProductCategoryCode + " " + categories.GetValueOrDefault(c.ProductCategoryCode, ""),
            c.ProductName, c.Model, c.BatchNumber, c.SampledOn, c.AgencyName, l["check.status." + c.Status].Value,
            Verdict(c.Result), c.ResultOn, Verdict(c.RetestResult),
            c.Status is SpotCheckStatus.Final or SpotCheckStatus.Published ? Verdict(c.FinalResult) : null,
            YesNo(c.StopSale), c.RectificationDue, c.FollowUpDue, Verdict(c.FollowUpResult), YesNo(c.Escalated),
            c.InspectionEndedOn, c.PublicationDue, c.PublishedAt is { } at ? clock.ForExport(at) : null,
            string.Join("；", OverdueSteps.Of(c, today).Select(o => l["check.overdue." + o.Kind, SpotCheckRules.Day(o.Due)].Value)),
        });
        return new ExportTable(english ? "spot-checks" : "监督抽查任务", headerKeys.Select(k => l[k].Value).ToList(), rows) { Count = ExportTable.CountOf(q) };
    }

    /// <summary>The checks the caller may see that match the filters.</summary>
    private async Task<IQueryable<SpotCheck>> QueryAsync(CancellationToken ct)
    {
        var party = await CheckParty.OfAsync(User, db, ct);
        return await Filter.ApplyAsync(party.Visible(db.Set<SpotCheck>()).AsNoTracking(), db, Today, ct);
    }

    /// <summary>Names of the regions the caller can see, by code.</summary>
    public static async Task<Dictionary<string, string>> RegionNamesAsync(QualisDb db, bool english, CancellationToken ct) =>
        (await db.Set<Region>().AsNoTracking().ToListAsync(ct)).ToDictionary(r => r.Code, r => r.DisplayName(english));
}
