using Qualis.Platform.Accounts;
using Qualis.Platform.ApiKeys;

namespace Qualis.Features;

/// <summary>Home: live counts of what the signed-in user can see (all filtered by region scope).</summary>
public sealed class IndexModel(QualisDb db) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string RegionName { get; private set; } = "";
    public string? EnterpriseCode { get; private set; }
    public List<KeyValuePair<string, int>> Counts { get; } = [];

    public async Task OnGetAsync()
    {
        DisplayName = User.Get(QualisClaims.DisplayName) ?? User.Identity?.Name ?? "";
        EnterpriseCode = User.Get(QualisClaims.EnterpriseCode);
        var code = User.Get(QualisClaims.RegionCode);
        var region = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().SingleOrDefaultAsync(r => r.Code == code);
        RegionName = region?.DisplayName(Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture)) ?? code ?? "";
        Counts.Add(new("home.count.regions", await db.Set<Region>().CountAsync()));
        Counts.Add(new("home.count.users", await db.Users.CountAsync()));
        if (User.IsInRole(Roles.Administrator))
            Counts.Add(new("home.count.api_clients", await db.Set<ApiClient>().CountAsync(c => c.RevokedAt == null)));
        if (Roles.Officials.Split(',').Any(User.IsInRole))
            Counts.Add(new("home.count.audit", await db.AuditEntries.CountAsync()));
    }
}
