using System.Security.Claims;

namespace Qualis.Platform.Accounts;

/// <summary>
/// The security settings in force, read once at start-up (SecuritySetup) and shown to the security administrator.
/// </summary>
/// <param name="AdminTwoFactor">
/// Security:AdminTwoFactor (default true): the three administrators sign in with a second factor (TOTP). False is
/// refused outside the Development and Testing environments.
/// </param>
/// <param name="AuditRetentionDays">
/// Audit:RetentionDays (default 180, at least 180: 等保 level 3 asks for six months). The audit trail is append-only and
/// hash-chained, and the platform never deletes from it, so this is the guaranteed minimum, not a purge schedule.
/// </param>
public sealed record SecuritySettings(int IdleTimeoutMinutes, int MaxFailedLogins, int LockoutMinutes, int LoginAttemptsPerMinute,
    bool AdminTwoFactor, int AuditRetentionDays)
{
    public const int MinimumAuditRetentionDays = 180;

    public static SecuritySettings Read(IConfiguration config, IHostEnvironment env, Func<string, int, int> positiveInt)
    {
        var retention = positiveInt("Audit:RetentionDays", MinimumAuditRetentionDays);
        if (retention < MinimumAuditRetentionDays)
            throw new SettingException("Audit:RetentionDays", config["Audit:RetentionDays"],
                $"audit entries must be kept at least {MinimumAuditRetentionDays} days (等保 level 3: six months)");
        var twoFactorValue = config["Security:AdminTwoFactor"];
        bool twoFactor;
        if (string.IsNullOrWhiteSpace(twoFactorValue)) twoFactor = true;
        else if (!bool.TryParse(twoFactorValue, out twoFactor)) throw new SettingException("Security:AdminTwoFactor", twoFactorValue, "expected true or false");
        if (!twoFactor && !env.IsDevelopment() && !env.IsEnvironment("Testing"))
            throw new SettingException("Security:AdminTwoFactor", twoFactorValue,
                "administrators must sign in with a second factor; false is allowed only in the Development and Testing environments");
        return new SecuritySettings(positiveInt("Security:IdleTimeoutMinutes", 30), positiveInt("Security:MaxFailedLogins", 5),
            positiveInt("Security:LockoutMinutes", 15), positiveInt("Security:LoginAttemptsPerMinute", 10), twoFactor, retention);
    }

    /// <summary>Whether this account signs in with a second factor: the three administrators do, while the setting is on.</summary>
    public bool TwoFactorRequired(QualisUser user) => AdminTwoFactor && Roles.IsAdministrator(user.Role);
}

/// <summary>
/// A second factor for the three administrators (TOTP, RFC 6238: six digits every 30 seconds from a shared key, which
/// any authenticator app computes offline), on ASP.NET Core Identity's own authenticator support.
/// <para>
/// An administrator who has not enrolled yet is signed in after the password with <see cref="QualisClaims.MustEnrolTwoFactor"/>
/// and, like <see cref="PasswordChangeGate"/>, opens only the enrolment page (and the password change, signing out and
/// the language switch) until the first code is right. An enrolled administrator is not signed in by the password at all:
/// the sign-in page remembers who passed it (Identity's short-lived two-factor cookie) and the code page signs in. Wrong
/// codes count in <see cref="SignInGuard"/> like wrong passwords, with the same growing waits.
/// </para>
/// </summary>
public static class AdminTwoFactor
{
    public const string EnrolPath = "/Account/TwoFactorSetup";
    public const string CodePath = "/Account/TwoFactor";
    public const string Issuer = "Qualis";
    public const int RecoveryCodes = 10;

    private static readonly string[] Open = [EnrolPath, PasswordChangeGate.PagePath, "/Account/Logout", "/Account/Language", "/Account/Login", "/Account/AccessDenied", "/Error"];

    /// <summary>The otpauth URI an authenticator app reads from the enrolment QR code.</summary>
    public static string AuthenticatorUri(string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>The partial sign-in that remembers who passed the password until the code is entered.</summary>
    public static ClaimsPrincipal Pending(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, userId)], Microsoft.AspNetCore.Identity.IdentityConstants.TwoFactorUserIdScheme));

    public static IApplicationBuilder UseAdminTwoFactorEnrolment(this IApplicationBuilder app) =>
        app.UseAccountGate(QualisClaims.MustEnrolTwoFactor, EnrolPath, Open, "Second factor required", "Set up the authenticator on the website first.");
}
