using Qualis.Features.Shared;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Accounts.Claims;

/// <summary>The account claims of the official's area (认领申请), waiting ones first by age; the area filter keeps other areas' out.</summary>
[Authorize(Policy = Policies.Officials)]
public sealed class IndexModel(QualisDb db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public AccountClaimStatus? Status { get; set; } = AccountClaimStatus.Pending;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>Waiting claims first, oldest first: the office decides them in the order they came.</summary>
    private static readonly ListSort<AccountClaim>[] Sorts =
        [ListSort<AccountClaim>.By("waiting", c => c.Status == AccountClaimStatus.Pending ? 0 : 1).ThenBy(c => c.SubmittedAt).ThenBy(c => c.Id)];

    public sealed record Row(Guid Id, string CreditCode, string EnterpriseName, string RegionName, string ContactName, string ContactPhone,
        AccountClaimStatus Status, DateTime SubmittedAt);

    public List<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        if (Request.Query.ContainsKey("status") && string.IsNullOrEmpty(Request.Query["status"])) Status = null;
        var claims = db.Set<AccountClaim>().AsNoTracking();
        if (Status is { } status) claims = claims.Where(c => c.Status == status);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            claims = claims.Where(c => c.EnterpriseName.Contains(q) || c.CreditCode.StartsWith(q.ToUpper()));
        }
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var list = await claims.PageAsync(ListRequest.From(Request, PageSize), Sorts, q => q, ct: HttpContext.RequestAborted);
        var page = list.Rows;
        var codes = page.Select(c => c.RegionCode).Distinct().ToList();
        var names = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => codes.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.DisplayName(english));
        Rows = page.Select(c => new Row(c.Id, c.CreditCode, c.EnterpriseName, names.GetValueOrDefault(c.RegionCode, c.RegionCode), c.ContactName, c.ContactPhone,
            c.Status, c.SubmittedAt)).ToList();
        Paging = list.Pager(Request);
    }
}
