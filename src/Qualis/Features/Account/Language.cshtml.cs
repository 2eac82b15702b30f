using Microsoft.AspNetCore.Localization;

namespace Qualis.Features.Account;

/// <summary>The language switch: a cookie for this browser, and the account's choice when signed in (remembered at the next sign-in).</summary>
public sealed class LanguageModel(QualisDb db) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        if (!Texts.Cultures.Contains(culture)) culture = Texts.DefaultCulture;
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        if (User.Identity?.IsAuthenticated == true && db.Actor.UserId is { } id)
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id);
            if (user is not null && user.Culture != culture)
            {
                user.Culture = culture;
                await db.SaveChangesAsync();
            }
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
