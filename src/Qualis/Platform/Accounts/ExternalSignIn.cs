using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Qualis.Platform.Accounts;

/// <summary>
/// The seam for signing in through an external identity provider over OpenID Connect: the province's government-service
/// legal-person account (政务服务网法人账户) or the electronic business licence (电子营业执照) return the firm's credit
/// code in a claim, which finds the enterprise's account here. Configured by the section <c>Authentication:Oidc</c>;
/// without it there is no such scheme and no button on the sign-in page.
/// </summary>
/// <param name="DisplayName">The provider's name on the button ("使用{DisplayName}登录").</param>
/// <param name="EnterpriseCodeClaim">The claim of the returned identity that carries the unified social credit code.</param>
public sealed record OidcSettings(string Authority, string ClientId, string? ClientSecret, string DisplayName, string EnterpriseCodeClaim)
{
    public const string Section = "Authentication:Oidc";
    public const string Scheme = "oidc";
    public const string DefaultEnterpriseCodeClaim = "uscc";

    /// <summary>The settings, or null when the section is absent; a present but malformed section stops start-up naming the setting.</summary>
    public static OidcSettings? From(IConfiguration config)
    {
        var section = config.GetSection(Section);
        if (!section.Exists()) return null;
        var authority = section["Authority"];
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            throw new SettingException(Section + ":Authority", authority, "expected the https:// address of the identity provider");
        var clientId = section["ClientId"];
        if (string.IsNullOrWhiteSpace(clientId))
            throw new SettingException(Section + ":ClientId", clientId, "required when Authentication:Oidc is set");
        var displayName = section["DisplayName"];
        var claim = section["EnterpriseCodeClaim"];
        return new OidcSettings(authority!, clientId.Trim(), string.IsNullOrWhiteSpace(section["ClientSecret"]) ? null : section["ClientSecret"],
            string.IsNullOrWhiteSpace(displayName) ? uri.Host : displayName.Trim(),
            string.IsNullOrWhiteSpace(claim) ? DefaultEnterpriseCodeClaim : claim.Trim());
    }
}

/// <summary>What the sign-in page needs to know of the external provider: whether there is one, and its settings.</summary>
public sealed record ExternalSignIn(OidcSettings? Oidc)
{
    public bool IsConfigured => Oidc is not null;
}

public static class ExternalSignInSetup
{
    public static void AddExternalSignIn(this IServiceCollection services, IConfiguration config)
    {
        var settings = OidcSettings.From(config);
        services.AddSingleton(new ExternalSignIn(settings));
        if (settings is null) return;
        services.AddAuthentication().AddOpenIdConnect(OidcSettings.Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            // The provider's identity lands in Identity's external cookie; the sign-in page maps it to an account.
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = "/signin-oidc";
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
        });
    }
}
