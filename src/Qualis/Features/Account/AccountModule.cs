using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Qualis.Platform.Modules;

namespace Qualis.Features.Account;

/// <summary>Signing in and out, and the language choice; the accounts themselves are Platform's.</summary>
public sealed class AccountModule : IModule
{
    public void ConfigurePages(PageConventionCollection pages)
    {
        pages.AllowAnonymousToPage("/Account/Login");
        pages.AllowAnonymousToPage("/Account/AccessDenied");
        pages.AllowAnonymousToPage("/Account/Language");
        // The second factor comes before the sign-in is complete; the page itself checks who passed the password.
        pages.AllowAnonymousToPage("/Account/TwoFactor");
    }
}
