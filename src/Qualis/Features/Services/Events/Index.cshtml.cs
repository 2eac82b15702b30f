using Qualis.Features.Services.Questionnaires;
using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Web;

namespace Qualis.Features.Services.Events;

/// <summary>
/// 服务活动: the mobile quality clinics and other service events of the caller's area, newest first, filtered by year, kind
/// and region, with the number of firms of the area that came; paged and exported through the shared list mechanism.
/// </summary>
[Authorize(Policy = ServicesModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l) : PageModel, IListExport
{
    private static readonly ListSort<ServiceEvent>[] Sorts = [ListSort<ServiceEvent>.By("date", e => e.HeldOn, descending: true).ThenBy(e => e.Id)];

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public ServiceEventKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public List<ServiceEvent> Rows { get; private set; } = [];
    public Dictionary<Guid, int> Firms { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public bool CanRecord { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = await (await FilteredAsync(ct)).PageAsync(ListRequest.From(Request, 25), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        var ids = Rows.Select(r => r.Id).ToList();
        Firms = await db.Set<ServiceEventFirm>().AsNoTracking().Where(f => ids.Contains(f.EventId)).GroupBy(f => f.EventId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Regions = await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(CultureInfo.CurrentUICulture));
        CanRecord = (await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded;
    }

    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var matching = await FilteredAsync(ct);
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(e => new object?[]
        {
            e.HeldOn, l[e.Kind.TextKey()].Value, l[e.Mode.TextKey()].Value, e.Title, e.Place,
            e.ParkName ?? e.Industry, e.Experts,
        });
        string[] headers = ["services.event.held_on", "services.event.kind", "services.event.mode", "services.event.title", "services.event.place", "services.event.served", "services.event.experts"];
        return new ExportTable(english ? "service-events" : "服务活动", headers.Select(h => l[h].Value).ToList(), rows) { Count = ExportTable.CountOf(matching) };
    }

    private async Task<IQueryable<ServiceEvent>> FilteredAsync(CancellationToken ct)
    {
        var q = db.Set<ServiceEvent>().AsNoTracking();
        if (Year is { } year) q = q.Where(e => e.HeldOn >= new DateOnly(year, 1, 1) && e.HeldOn <= new DateOnly(year, 12, 31));
        if (Kind is { } kind) q = q.Where(e => e.Kind == kind);
        if (Region is { Length: > 0 } region)
        {
            var path = await db.Set<Region>().AsNoTracking().Where(r => r.Code == region).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
            q = path is null ? q.Where(_ => false) : q.Where(RegionRange.Within<ServiceEvent>(path));
        }
        return q;
    }
}
