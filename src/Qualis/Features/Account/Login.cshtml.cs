using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Account;

[EnableRateLimiting(SecuritySetup.LoginRateLimit)]
public sealed class LoginModel(SignInManager<QualisUser> signIn, SignInGuard guard, TimeProvider time, Qualis.Platform.Time.PeopleClock clock, ExternalSignIn external,
    QualisDb db, SecuritySettings security, IStringLocalizer l, ILogger<LoginModel> log) : PageModel
{
    [BindProperty, Required(ErrorMessage = "validation.required"), Display(Name = "login.username")]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "validation.required"), DataType(DataType.Password), Display(Name = "login.password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The external identity provider's name for its button, or null when none is configured.</summary>
    public string? ExternalProvider => external.Oidc?.DisplayName;

    public void OnGet() { }

    /// <summary>
    /// An unknown name, a wrong password, a disabled and a locked account all get the one message after the same work
    /// (SignInGuard: the name looked up, a hash verified, the failure counted per name and address).
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var name = guard.Normalize(UserName);
        var address = SignInGuard.AddressOf(HttpContext);
        if (await guard.WaitUntilAsync(name, address) is { } until)
        {
            log.LogWarning("Sign-in for {User} from {Address} refused: waiting until {Until}", UserName, address, until);
            ModelState.AddModelError("", l["login.wait", clock.FormatTime(until)]);
            return Page();
        }
        var user = await signIn.UserManager.FindByNameAsync(UserName.Trim());
        var matches = await guard.PasswordMatchesAsync(user, Password);
        var locked = user?.LockoutEnd is { } end && end > time.GetUtcNow();
        if (!matches || user is null || user.IsDisabled || locked)
        {
            await guard.FailedAsync(name, address);
            // The log, read by administrators, says which case it was; the page does not.
            log.LogWarning("Failed sign-in for {User} from {Address} ({Reason})", UserName, address,
                user is null ? "unknown" : !matches ? "wrong password" : user.IsDisabled ? "disabled" : "locked");
            ModelState.AddModelError("", l["login.failed"]);
            return Page();
        }
        if (security.TwoFactorRequired(user) && user.TwoFactorEnabled)
        {
            // Not signed in yet: the code page signs in. The failure count stays until the code is right, so that
            // wrong codes keep counting however often the password is entered again.
            await HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, AdminTwoFactor.Pending(user.Id));
            log.LogInformation("{User} passed the password; the second factor follows", user.UserName);
            return LocalRedirect(AdminTwoFactor.CodePath + (Url.IsLocalUrl(ReturnUrl) ? "?ReturnUrl=" + Uri.EscapeDataString(ReturnUrl!) : ""));
        }
        await guard.SucceededAsync(name, address);
        await signIn.SignInAsync(user, isPersistent: false);
        log.LogInformation("{User} signed in", user.UserName);
        return SignedIn(user);
    }

    private IActionResult SignedIn(QualisUser user) => this.SignedInRedirect(user, ReturnUrl);

    /// <summary>"使用…登录": off to the external identity provider, which comes back to <see cref="OnGetExternalAsync"/>.</summary>
    public IActionResult OnPostExternal()
    {
        if (!external.IsConfigured) return NotFound();
        return Challenge(new AuthenticationProperties { RedirectUri = "/Account/Login?handler=External" }, OidcSettings.Scheme);
    }

    /// <summary>
    /// Back from the provider: the returned legal-person identity names its enterprise by the credit code in the
    /// configured claim, and the enterprise's own account (the one a claim or batch issue opened, else another active
    /// enterprise account of that code) is signed in.
    /// </summary>
    public async Task<IActionResult> OnGetExternalAsync()
    {
        if (external.Oidc is not { } oidc) return NotFound();
        var outcome = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var code = outcome.Principal?.FindFirst(oidc.EnterpriseCodeClaim)?.Value?.Trim().ToUpperInvariant();
        if (!outcome.Succeeded || string.IsNullOrEmpty(code))
        {
            log.LogWarning("External sign-in without the {Claim} claim", oidc.EnterpriseCodeClaim);
            ModelState.AddModelError("", l["login.external_failed"]);
            return Page();
        }
        var user = await db.Users.OutsideArea(AreaReason.SignIn)
            .Where(u => u.EnterpriseCode == code && u.Role == Roles.EnterpriseUser && !u.IsDisabled)
            .OrderBy(u => u.IssuedForEnterprise == null).ThenBy(u => u.CreatedAt).FirstOrDefaultAsync();
        if (user is null)
        {
            log.LogWarning("External sign-in for enterprise {Code}, which has no account", code);
            ModelState.AddModelError("", l["login.external_no_account", code]);
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: OidcSettings.Scheme);
        log.LogInformation("{User} signed in through {Provider}", user.UserName, oidc.DisplayName);
        return SignedIn(user);
    }
}
