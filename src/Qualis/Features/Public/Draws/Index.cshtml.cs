using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qualis.Features.Shared;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Access;
using Qualis.Platform.Data;

namespace Qualis.Features.Public.Draws;

/// <summary>
/// Every double-random draw, committed, drawn or annulled (双随机抽取公示): public, so the same list shows whoever
/// looks, signed in or not — the area filter does not apply to what is published.
/// </summary>
public sealed class IndexModel(QualisDb db) : PageModel
{
    private const int PageSize = 30;
    public sealed record Row(Guid Id, string Batch, int Number, DrawStatus Status, int Eligible, int Targets, DateTime At, string Commitment);

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var q = db.Set<Draw>().OutsideArea(AreaReason.PublicRecord).AsNoTracking();
        var total = await q.CountAsync();
        PageNumber = Paging.Clamp(PageNumber);
        var draws = await q.OrderByDescending(d => d.CommittedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        Rows = draws.Select(d => new Row(d.Id, DrawParameters.FromJson(d.Parameters).Batch, d.Number, d.Status, d.Eligible, d.TargetCount,
            d.DrawnAt ?? d.CommittedAt, d.Commitment)).ToList();
        Paging = new Paging(PageNumber, PageSize, total, Request);
    }
}
