using System.Security.Claims;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Account;

/// <summary>
/// The second step of an administrator's sign-in (动态口令): the six-digit code of the authenticator app, or one of the
/// recovery codes shown at enrolment. A wrong code counts in <see cref="SignInGuard"/> for the account's name and the
/// client's address, like a wrong password, and earns the same growing waits.
/// </summary>
[EnableRateLimiting(SecuritySetup.LoginRateLimit)]
public sealed class TwoFactorModel(SignInManager<QualisUser> signIn, SignInGuard guard, Qualis.Platform.Time.PeopleClock clock, IStringLocalizer l,
    ILogger<TwoFactorModel> log) : PageModel
{
    [BindProperty, Required(ErrorMessage = "validation.required"), StringLength(32, ErrorMessage = "validation.max_length"), Display(Name = "two_factor.code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Whether someone passed the password in this browser a moment ago; otherwise the page only points back to sign-in.</summary>
    public bool Pending { get; private set; }

    public async Task OnGetAsync() => Pending = await PendingUserAsync() is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await PendingUserAsync();
        if (user is null) return LocalRedirect("/Account/Login");
        Pending = true;
        if (!ModelState.IsValid) return Page();
        var name = guard.Normalize(user.UserName!);
        var address = SignInGuard.AddressOf(HttpContext);
        if (await guard.WaitUntilAsync(name, address) is { } until)
        {
            ModelState.AddModelError("", l["login.wait", clock.FormatTime(until)]);
            return Page();
        }
        var code = Code.Replace(" ", "").Trim();
        var users = signIn.UserManager;
        var right = !user.IsDisabled && (code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded);
        if (!right)
        {
            await guard.FailedAsync(name, address);
            log.LogWarning("Wrong second-factor code for {User} from {Address}", user.UserName, address);
            ModelState.AddModelError(nameof(Code), l["two_factor.wrong"]);
            return Page();
        }
        await guard.SucceededAsync(name, address);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        // A recovery code used up changed the account's stamp: sign in with the account as it is now.
        user = await users.FindByIdAsync(user.Id) ?? user;
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
        log.LogInformation("{User} signed in with the second factor", user.UserName);
        return this.SignedInRedirect(user, ReturnUrl);
    }

    private async Task<QualisUser?> PendingUserAsync()
    {
        var pending = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        var id = pending.Principal?.FindFirstValue(ClaimTypes.Name);
        return id is null ? null : await signIn.UserManager.FindByIdAsync(id);
    }
}
