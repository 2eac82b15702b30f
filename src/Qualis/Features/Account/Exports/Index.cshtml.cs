using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Time;

namespace Qualis.Features.Account.Exports;

/// <summary>My exports (我的导出): the signed-in person's background exports, newest first, paged, each with its download once done.</summary>
[Authorize]
public sealed class IndexModel(QualisDb db, PeopleClock clock) : PageModel
{
    private const int PageSize = 25;
    private static readonly ListSort<ExportJob>[] Sorts = [ListSort<ExportJob>.By("-time", j => j.CreatedAt, descending: true).ThenBy(j => j.Id, descending: true)];

    public List<ExportJob> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    public string Time(DateTime utc) => clock.Format(utc);

    public string FileName(ExportJob job) => MyExports.FileName(job, clock);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = await MyExports.Of(db, User).PageAsync(ListRequest.From(Request, PageSize), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
    }
}
