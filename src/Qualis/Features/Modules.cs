using System.Security.Claims;
using Qualis.Platform.Accounts;

namespace Qualis.Features;

/// <summary>The modules in the navigation, with the roles that see each. A new module adds its line here.</summary>
public static class Modules
{
    public sealed record Module(string Path, string TextKey, string[] Roles);

    public static readonly Module[] All =
    [
        new("/Registry/Enterprises", "nav.enterprises", [.. Qualis.Platform.Accounts.Roles.Officials.Split(','), Qualis.Platform.Accounts.Roles.Inspector, Qualis.Platform.Accounts.Roles.PartnerDepartment]),
        new("/Registry/Directories", "nav.directories", [.. Qualis.Platform.Accounts.Roles.Officials.Split(','), Qualis.Platform.Accounts.Roles.Inspector, Qualis.Platform.Accounts.Roles.PartnerDepartment]),
        new("/Registry/Import", "nav.import", Qualis.Platform.Accounts.Roles.Officials.Split(',')),
        new("/Supervision", "nav.supervision", [.. Qualis.Platform.Accounts.Roles.Officials.Split(','), Qualis.Platform.Accounts.Roles.Inspector,
            Qualis.Platform.Accounts.Roles.TestingAgency, Qualis.Platform.Accounts.Roles.EnterpriseUser]),
        new("/Audit", "nav.audit", Qualis.Platform.Accounts.Roles.Officials.Split(',')),
        new("/Admin/Users", "nav.users", [Qualis.Platform.Accounts.Roles.Administrator]),
        new("/Admin/ApiClients", "nav.api_clients", [Qualis.Platform.Accounts.Roles.Administrator]),
    ];

    public static IEnumerable<Module> Visible(ClaimsPrincipal user) => All.Where(m => m.Roles.Any(user.IsInRole));
}
