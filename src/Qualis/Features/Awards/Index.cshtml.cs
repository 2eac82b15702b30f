using Qualis.Features.Recognition;
using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Web;

namespace Qualis.Features.Awards;

/// <summary>
/// The award rounds the official reads (政府质量奖评选): those of their area and the calls of the offices above, filtered
/// by year, level, status and title, paged and exported through the shared list mechanism.
/// </summary>
[Authorize(Policy = AwardsModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l) : PageModel, IListExport
{
    private const int PageSize = 50;
    private static readonly ListSort<AwardRound>[] Sorts =
    [
        ListSort<AwardRound>.By("year", r => r.Year, descending: true).ThenBy(r => r.Id),
        ListSort<AwardRound>.By("deadline", r => r.Deadline, descending: true).ThenBy(r => r.Id),
    ];

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public RecognitionLevel? Level { get; set; }
    [BindProperty(SupportsGet = true)] public RoundStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public List<AwardRound> Rows { get; private set; } = [];
    public Dictionary<Guid, int> Applications { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public bool CanOpen { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = await Filtered().PageAsync(ListRequest.From(Request, PageSize), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        var ids = Rows.Select(r => r.Id).ToList();
        // Within the area: a city counts its own firms' applications to the province's round.
        Applications = await db.Set<AwardApplication>().AsNoTracking().Where(a => ids.Contains(a.RoundId))
            .GroupBy(a => a.RoundId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        CanOpen = (await authorization.AuthorizeAsync(User, AwardsModule.EditorsPolicy)).Succeeded;
    }

    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var matching = Filtered();
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(r => new object?[]
        {
            r.Title, r.Year, l[r.Level.LevelKey()].Value, r.Deadline, r.WinnerQuota, r.NomineeQuota, l[r.Status.TextKey()].Value, r.PublicityEnds, r.DocumentNumber,
        });
        string[] headers = ["award.title", "award.year", "award.level", "award.deadline", "award.winner_quota", "award.nominee_quota", "award.status", "award.publicity_ends", "award.document_number"];
        return Task.FromResult(new ExportTable(english ? "award-rounds" : "质量奖评选", headers.Select(h => l[h].Value).ToList(), rows) { Count = ExportTable.CountOf(matching) });
    }

    private IQueryable<AwardRound> Filtered()
    {
        var q = AwardSteps.Visible(db).AsNoTracking();
        if (Year is { } year) q = q.Where(r => r.Year == year);
        if (Level is { } level) q = q.Where(r => r.Level == level);
        if (Status is { } status) q = q.Where(r => r.Status == status);
        if (Q?.Trim() is { Length: > 0 } text) q = q.Where(r => r.Title.Contains(text));
        return q;
    }
}
