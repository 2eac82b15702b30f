using Microsoft.AspNetCore.Localization;
using Qualis.Platform.Accounts;

namespace Qualis.Features.Account;

/// <summary>Where a sign-in lands (after the password, or after the second factor): in the account's language, at the page it asked for or at what must come first.</summary>
internal static class SignedInLanding
{
    public static IActionResult SignedInRedirect(this PageModel page, QualisUser user, string? returnUrl)
    {
        page.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(user.Culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        // A one-time or reset password is changed before anything else (PasswordChangeGate holds every other page).
        if (user.MustChangePassword) return page.LocalRedirect(PasswordChangeGate.PagePath);
        // An administrator without a second factor sets one up next (AdminTwoFactor holds every other page).
        if (page.HttpContext.RequestServices.GetRequiredService<SecuritySettings>().TwoFactorRequired(user) && !user.TwoFactorEnabled)
            return page.LocalRedirect(AdminTwoFactor.EnrolPath);
        return page.LocalRedirect(page.Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
