using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Web;

namespace Qualis.Features.Admin.Users;

/// <summary>The accounts, for the system administrator (who creates them) and the security administrator (who assigns their roles).</summary>
[Authorize(Policy = Policies.AccountAdministrators)]
public sealed class IndexModel(QualisDb db, IStringLocalizer l) : PageModel, IListExport
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
        var users = await FilteredAsync();
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

    /// <summary>Every matching account in the list's order.</summary>
    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        var names = await db.Set<Region>().AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.DisplayName(english), ct);
        var now = DateTimeOffset.UtcNow;
        var matching = await FilteredAsync();
        var rows = matching.Ordered(null, Sorts)
            .Select(u => new { u.UserName, u.DisplayName, u.Role, u.RegionCode, u.Organisation, u.IsDisabled, u.LockoutEnd })
            .AsAsyncEnumerable()
            .Select(u => new object?[]
            {
                u.UserName, u.DisplayName, l["role." + u.Role].Value, names.GetValueOrDefault(u.RegionCode, u.RegionCode), u.Organisation,
                l[u.IsDisabled ? "user.disabled" : u.LockoutEnd > now ? "user.locked" : "user.active"].Value,
            });
        string[] headers = ["user.user_name", "user.display_name", "user.role", "user.region", "user.organisation", "user.status"];
        return new ExportTable(english ? "users" : "用户", headers.Select(h => l[h].Value).ToList(), rows) { Count = ExportTable.CountOf(matching) };
    }

    private async Task<IQueryable<Qualis.Platform.Accounts.QualisUser>> FilteredAsync()
    {
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
        return users;
    }
}
