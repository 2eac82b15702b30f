using System.Security.Claims;

namespace Qualis.Platform.Modules;

/// <summary>The entries of a menu the signed-in user may open: each entry's policy decides, as it does for the page.</summary>
public sealed class Navigation(ModuleCatalog catalog, IAuthorizationService authorization)
{
    public async Task<IReadOnlyList<NavEntry>> VisibleAsync(ClaimsPrincipal user, string menu = NavEntry.TopBar)
    {
        var decided = new Dictionary<string, bool>(StringComparer.Ordinal);
        var visible = new List<NavEntry>();
        foreach (var entry in catalog.Navigation.Where(e => e.Menu == menu))
        {
            if (entry.Policy is { } policy)
            {
                if (!decided.TryGetValue(policy, out var allowed))
                    decided[policy] = allowed = (await authorization.AuthorizeAsync(user, policy)).Succeeded;
                if (!allowed) continue;
            }
            visible.Add(entry);
        }
        return visible;
    }
}
