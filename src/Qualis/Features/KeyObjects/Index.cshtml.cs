using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.KeyObjects;

/// <summary>
/// The key objects of the caller's area (重点对象名录) for a year: filtered by kind, region (its subtree), status, a name
/// fragment, and "counted on" a date (enrolled by the end of that China day and not withdrawn by then: the indicators'
/// drill-down), paged and exported through the shared list mechanism.
/// </summary>
[Authorize(Policy = KeyObjectsModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel, IListExport
{
    private const int PageSize = 50;
    /// <summary>By city, kind, then name in pinyin order; or the latest enrolments first.</summary>
    private static readonly ListSort<KeyObjectEnrolment>[] Sorts =
    [
        ListSort<KeyObjectEnrolment>.By("city", e => e.CityCode).ThenBy(e => e.Kind).ThenBy(e => e.ObjectNameSort).ThenBy(e => e.Id),
        ListSort<KeyObjectEnrolment>.By("enrolled", e => e.EnrolledAt, descending: true).ThenBy(e => e.Id, descending: true),
    ];

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public KeyObjectKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public KeyObjectStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>Counted on this China date: enrolled by its end and not withdrawn by then.</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? On { get; set; }

    public int ShownYear => Year ?? clock.Today.Year;
    public List<KeyObjectEnrolment> Rows { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public bool CanEnrol { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var filtered = await FilteredAsync(ct);
        var page = await filtered.PageAsync(ListRequest.From(Request, PageSize), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        RegionNames = await NamesAsync(Rows.SelectMany(r => new[] { r.CityCode, r.RegionCode }).Distinct().ToList(), english, ct);
        CanEnrol = (await authorization.AuthorizeAsync(User, KeyObjectsModule.EnrollersPolicy)).Succeeded;
    }

    /// <summary>Every matching enrolment in the list's order.</summary>
    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var regions = await RegionCatalog.AllNamesAsync(db, english, ct);
        var matching = await FilteredAsync(ct);
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(e => new object?[]
        {
            e.Year, l[e.Kind.TextKey()].Value, e.ObjectName, e.Kind == KeyObjectKind.Enterprise ? e.ObjectKey : null,
            regions.GetValueOrDefault(e.CityCode, e.CityCode), regions.GetValueOrDefault(e.RegionCode, e.RegionCode), l[e.Status.TextKey()].Value,
            e.Reason, e.Goal, clock.ForExport(e.EnrolledAt), e.WithdrawnAt is { } w ? clock.ForExport(w) : null, e.WithdrawalReason,
        });
        string[] headers =
        [
            "keyobjects.year", "keyobjects.kind", "keyobjects.name", "keyobjects.credit_code", "keyobjects.city", "keyobjects.region", "keyobjects.status",
            "keyobjects.reason", "keyobjects.goal", "keyobjects.enrolled_at", "keyobjects.withdrawn_at", "keyobjects.withdrawal_reason",
        ];
        return new ExportTable(english ? "key-objects" : "重点对象", headers.Select(h => l[h].Value).ToList(), rows) { Count = ExportTable.CountOf(matching) };
    }

    /// <summary>The enrolments the filters select, within the caller's area (the query filter).</summary>
    private async Task<IQueryable<KeyObjectEnrolment>> FilteredAsync(CancellationToken ct)
    {
        var year = ShownYear;
        var q = db.Set<KeyObjectEnrolment>().AsNoTracking().Where(e => e.Year == year);
        if (Kind is { } kind) q = q.Where(e => e.Kind == kind);
        if (Status is { } status) q = q.Where(e => e.Status == status);
        if (Q?.Trim() is { Length: > 0 } text)
        {
            var code = text.ToUpperInvariant();
            q = q.Where(e => e.ObjectName.Contains(text) || e.ObjectKey == code);
        }
        if (Region is { Length: > 0 } region)
        {
            // Looked up through the area filter: a region outside the caller's area selects nothing.
            var path = await db.Set<Region>().AsNoTracking().Where(r => r.Code == region).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
            q = path is null ? q.Where(_ => false) : q.Where(RegionRange.Within<KeyObjectEnrolment>(path));
        }
        if (On is { } on) q = KeyObjectCounts.CountedAt(q, clock.StartOfDayUtc(on.AddDays(1)));
        return q;
    }

    private async Task<Dictionary<string, string>> NamesAsync(List<string> codes, bool english, CancellationToken ct) =>
        (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => codes.Contains(r.Code)).ToListAsync(ct))
        .ToDictionary(r => r.Code, r => r.DisplayName(english));
}
