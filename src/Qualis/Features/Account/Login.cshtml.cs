using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Account;

[EnableRateLimiting(SecuritySetup.LoginRateLimit)]
public sealed class LoginModel(SignInManager<QualisUser> signIn, Qualis.Platform.Time.PeopleClock clock, IStringLocalizer l, ILogger<LoginModel> log) : PageModel
{
    [BindProperty, Required(ErrorMessage = "validation.required"), Display(Name = "login.username")]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "validation.required"), DataType(DataType.Password), Display(Name = "login.password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await signIn.UserManager.FindByNameAsync(UserName.Trim());
        if (user is { IsDisabled: true })
        {
            log.LogWarning("Sign-in refused for disabled account {User}", UserName);
            ModelState.AddModelError("", l["login.disabled"]);
            return Page();
        }
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            log.LogWarning("Sign-in refused for locked account {User}", UserName);
            var until = user!.LockoutEnd is { } end ? clock.FormatTime(end) : null;
            ModelState.AddModelError("", l["login.locked", until ?? ""]);
            return Page();
        }
        if (!result.Succeeded)
        {
            log.LogWarning("Failed sign-in for {User}", UserName);
            ModelState.AddModelError("", l["login.failed"]);
            return Page();
        }
        log.LogInformation("{User} signed in", user!.UserName);
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(user.Culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
