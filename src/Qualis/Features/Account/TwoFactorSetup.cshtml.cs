using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using QRCoder;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Account;

/// <summary>
/// Setting up the second factor (绑定动态口令), which the three administrators do at their first sign-in before any other
/// page (<see cref="AdminTwoFactor"/>): the authenticator app reads the key from a QR code (or it is typed), and the first
/// right code turns the second factor on. The recovery codes are shown once, on the answer to that code.
/// </summary>
[EnableRateLimiting(SecuritySetup.LoginRateLimit)]
public sealed class TwoFactorSetupModel(UserManager<QualisUser> users, SignInManager<QualisUser> signIn, SignInGuard guard, SecuritySettings security,
    Qualis.Platform.Time.PeopleClock clock, IStringLocalizer l, ILogger<TwoFactorSetupModel> log) : PageModel
{
    [BindProperty, Required(ErrorMessage = "validation.required"), StringLength(16, ErrorMessage = "validation.max_length"), Display(Name = "two_factor.code")]
    public string Code { get; set; } = "";

    /// <summary>The shared key in groups of four, for typing into an app that cannot scan.</summary>
    public string Key { get; private set; } = "";
    /// <summary>The QR code of the otpauth URI, as a PNG data URI (the content security policy allows data: images).</summary>
    public string QrCode { get; private set; } = "";
    /// <summary>The recovery codes, shown once, right after the second factor was turned on.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !security.TwoFactorRequired(user) || user.TwoFactorEnabled) return LocalRedirect("/");
        await ShowKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !security.TwoFactorRequired(user) || user.TwoFactorEnabled) return LocalRedirect("/");
        if (!ModelState.IsValid) return await ShowKeyAsync(user);
        var name = guard.Normalize(user.UserName!);
        var address = SignInGuard.AddressOf(HttpContext);
        if (await guard.WaitUntilAsync(name, address) is { } until)
        {
            ModelState.AddModelError("", l["login.wait", clock.FormatTime(until)]);
            return await ShowKeyAsync(user);
        }
        var code = Code.Replace(" ", "").Trim();
        if (await users.GetAuthenticatorKeyAsync(user) is null
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await guard.FailedAsync(name, address);
            log.LogWarning("Wrong code while {User} set up the second factor from {Address}", user.UserName, address);
            ModelState.AddModelError(nameof(Code), l["two_factor.wrong"]);
            return await ShowKeyAsync(user);
        }
        await guard.SucceededAsync(name, address);
        // Two submissions at once: the account's concurrency stamp lets one turn the factor on and make the recovery
        // codes; the other finds the account changed and goes home (its session ended with the new stamp).
        if (!(await users.SetTwoFactorEnabledAsync(user, true)).Succeeded) return LocalRedirect("/");
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, AdminTwoFactor.RecoveryCodes) ?? []];
        // Turning the factor on changed the account's stamp: this session continues on a new cookie, without the enrolment claim.
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
        log.LogInformation("{User} set up the second factor", user.UserName);
        return Page();
    }

    private async Task<PageResult> ShowKeyAsync(QualisUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("The authenticator key was not stored.");
            // A new key changes the account's stamp: keep this session on a cookie that carries the new one.
            await signIn.RefreshSignInAsync(user);
        }
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c)));
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AdminTwoFactor.AuthenticatorUri(user.UserName!, key), QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        return Page();
    }
}
