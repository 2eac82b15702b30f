using Qualis.Features.Shared;
using Qualis.Features.Supervision.Publication;
using Qualis.Features.Supervision.SpotChecks;

namespace Qualis.Features.Public.Results;

/// <summary>监督抽查结果公示: published spot-check results, for anyone, searchable and paged.</summary>
public sealed class IndexModel(QualisDb db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Enterprise { get; set; }
    [BindProperty(SupportsGet = true)] public string? Product { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public CheckResult? Result { get; set; }

    public List<PublishedResult> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var search = new PublishedResultSearch(Enterprise, Product, From, To, Result);
        var page = await PublishedResults.SearchAsync(db, search, ListRequest.From(Request, PageSize), Texts.IsEnglish(CultureInfo.CurrentUICulture), ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
    }
}
