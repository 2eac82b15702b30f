using Qualis.Features.Shared;
using Qualis.Platform.Web;

namespace Qualis.Features.Admin.Users;

[Authorize(Policy = Policies.Administrators)]
public sealed class IndexModel(QualisDb db) : PageModel
{
    private const int PageSize = 25;
    private static readonly ListSort<Qualis.Platform.Accounts.QualisUser>[] Sorts =
        [ListSort<Qualis.Platform.Accounts.QualisUser>.By("region", u => u.RegionPath).ThenBy(u => u.UserName)];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public sealed record Row(string Id, string UserName, string DisplayName, string Role, string RegionCode, string RegionName, string? Organisation, bool IsDisabled, bool LockedOut);

    public List<Row> Rows { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            users = users.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q) || (u.Organisation != null && u.Organisation.Contains(q)));
        }
        if (!string.IsNullOrEmpty(Role)) users = users.Where(u => u.Role == Role);
        if (!string.IsNullOrEmpty(Region))
        {
            var path = await db.Set<Region>().Where(r => r.Code == Region).Select(r => r.RegionPath).SingleOrDefaultAsync() ?? "/none/";
            users = users.Where(RegionRange.Within<Qualis.Platform.Accounts.QualisUser>(path));
        }
        var now = DateTimeOffset.UtcNow;
        var list = await users.PageAsync(ListRequest.From(Request, PageSize), Sorts,
            o => o.Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role, u.RegionCode, u.Organisation, u.IsDisabled, u.LockoutEnd }),
            ct: HttpContext.RequestAborted);
        var page = list.Rows;
        var names = await db.Set<Region>().AsNoTracking().Where(r => page.Select(p => p.RegionCode).Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.DisplayName(english));
        Rows = page.Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.Role, u.RegionCode, names.GetValueOrDefault(u.RegionCode, ""), u.Organisation,
            u.IsDisabled, u.LockoutEnd > now)).ToList();
        Paging = list.Pager(Request);
    }
}
