using Qualis.Features.Shared;
using Qualis.Features.Supervision.Publication;

namespace Qualis.Features.Public.Draws;

/// <summary>
/// Every double-random draw, committed, drawn or annulled (双随机抽取公示): public, so the same list shows whoever
/// looks, signed in or not — the area filter does not apply to what is published.
/// </summary>
public sealed class IndexModel(QualisDb db, IStringLocalizer l, Platform.Time.PeopleClock clock) : PageModel
{
    private const int PageSize = 25;

    public List<PublishedDrawRow> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var page = await PublishedDraws.ListAsync(db, ListRequest.From(Request, PageSize), HttpContext.RequestAborted);
        Rows = page.Rows;
        Paging = page.Pager(Request);
    }

    /// <summary>Every draw in the list's order.</summary>
    public IActionResult OnGetExport(string? format)
    {
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        var rows = PublishedDraws.AllAsync(db).Select(r => new object?[]
        {
            // The moment in the display zone as the page shows it (not the server's zone), as a date-time cell.
            clock.ForExport(r.At), r.Batch, r.Number,
            l["draw.status." + r.Status.ToString().ToLowerInvariant()].Value, r.Eligible, r.Targets, r.Commitment,
        });
        string[] headers = ["draw.when", "public.draws.batch", "public.draws.number", "draw.status", "draw.eligible", "draw.targets", "draw.commitment"];
        return Download.Table(format, english ? "draws" : "抽取公示", headers.Select(h => l[h].Value).ToList(), rows);
    }
}
