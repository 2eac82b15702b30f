using Qualis.Features.Shared;
using Qualis.Features.Supervision.Publication;

namespace Qualis.Features.Public.Draws;

/// <summary>
/// Every double-random draw, committed, drawn or annulled (双随机抽取公示): public, so the same list shows whoever
/// looks, signed in or not — the area filter does not apply to what is published.
/// </summary>
public sealed class IndexModel(QualisDb db) : PageModel
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
}
