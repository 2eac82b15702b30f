using Qualis.Features.Shared;
using Qualis.Features.Supervision.Publication;
using Qualis.Features.Supervision.SpotChecks;

namespace Qualis.Features.Public.Results;

/// <summary>监督抽查结果公示: published spot-check results, for anyone, searchable and paged.</summary>
public sealed class IndexModel(QualisDb db, IStringLocalizer l) : PageModel
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

    /// <summary>Every matching published result in the list's order.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var rows = await PublishedResults.AllAsync(db, new PublishedResultSearch(Enterprise, Product, From, To, Result), english, ct);
        string[] headers = ["publicresults.enterprise", "check.credit_code", "publicresults.region", "publicresults.product", "publicresults.model",
            "publicresults.batch", "publicresults.trademark", "publicresults.result", "publicresults.agency", "publicresults.published_on"];
        return Download.Table(format, english ? "published-results" : "抽查结果公示", headers.Select(h => l[h].Value).ToList(),
            rows.Select(r => new object?[]
            {
                r.EnterpriseName, r.CreditCode, r.Region, r.CategoryName is null ? r.ProductName : $"{r.ProductName}（{r.CategoryName}）", r.Model,
                r.BatchNumber, r.Trademark, l["publicresults.result." + r.Result.ToString().ToLowerInvariant()].Value, r.AgencyName,
                DateOnly.FromDateTime(r.PublishedAt.ToLocalTime()),
            }).ToAsyncEnumerable());
    }
}
