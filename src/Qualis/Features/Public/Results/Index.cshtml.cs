using Qualis.Features.Shared;
using Qualis.Features.Supervision.Publication;
using Qualis.Features.Supervision.SpotChecks;

namespace Qualis.Features.Public.Results;

/// <summary>监督抽查结果公示: published spot-check results, for anyone, searchable and paged.</summary>
public sealed class IndexModel(QualisDb db) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Enterprise { get; set; }
    [BindProperty(SupportsGet = true)] public string? Product { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public CheckResult? Result { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = Paging.QueryName)] public int PageNumber { get; set; } = 1;

    public List<PublishedResult> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Paging.Clamp(PageNumber);
        var search = new PublishedResultSearch(Enterprise, Product, From, To, Result);
        var (rows, total) = await PublishedResults.SearchAsync(db, search, (PageNumber - 1) * PageSize, PageSize, Texts.IsEnglish(CultureInfo.CurrentUICulture), ct);
        Rows = rows;
        Paging = new Paging(PageNumber, PageSize, total, Request);
    }
}
