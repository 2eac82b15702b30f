using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qualis.Platform.Accounts;

namespace Qualis.Tests.Platform.Accounts;

/// <summary>
/// The OpenID Connect seam, its configuration only: absent, no scheme and no button; present, the scheme with the
/// configured options and the button; malformed, start-up stops naming the setting.
/// </summary>
public sealed class ExternalSignInTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Without_the_section_there_is_no_provider()
    {
        OidcSettings.From(Config([])).ShouldBeNull();
    }

    [Fact]
    public void The_section_is_read_with_its_defaults()
    {
        var s = OidcSettings.From(Config(new() { ["Authentication:Oidc:Authority"] = "https://sso.ahzwfw.gov.cn/oidc", ["Authentication:Oidc:ClientId"] = "qualis" }))!;
        s.Authority.ShouldBe("https://sso.ahzwfw.gov.cn/oidc");
        s.ClientId.ShouldBe("qualis");
        s.ClientSecret.ShouldBeNull();
        s.DisplayName.ShouldBe("sso.ahzwfw.gov.cn");
        s.EnterpriseCodeClaim.ShouldBe(OidcSettings.DefaultEnterpriseCodeClaim);
    }

    [Theory]
    [InlineData("http://sso.example.cn", "qualis", "Authentication:Oidc:Authority")]
    [InlineData("sso.example.cn", "qualis", "Authentication:Oidc:Authority")]
    [InlineData("https://sso.example.cn", "", "Authentication:Oidc:ClientId")]
    [InlineData("https://sso.example.cn", null, "Authentication:Oidc:ClientId")]
    public void A_malformed_section_is_refused_naming_the_setting(string authority, string? clientId, string setting)
    {
        var e = Should.Throw<SettingException>(() => OidcSettings.From(Config(new()
            { ["Authentication:Oidc:Authority"] = authority, ["Authentication:Oidc:ClientId"] = clientId, ["Authentication:Oidc:DisplayName"] = "x" })));
        e.Key.ShouldBe(setting);
        e.Message.ShouldContain(setting);
    }

    [Theory]
    [InlineData("Authentication__Oidc__Authority", "http://sso.example.cn", "Authentication:Oidc:Authority")]
    [InlineData("Authentication__Oidc__Authority", "https://sso.example.cn", "Authentication:Oidc:ClientId")]
    [InlineData("Authentication__Oidc__DisplayName", "政务服务网", "Authentication:Oidc:Authority")]
    public async Task A_malformed_section_stops_start_up_naming_the_setting(string variable, string value, string setting)
    {
        using var scratch = await ScratchDb.CreateAsync(DatabaseProvider.Sqlite);
        var environment = Cli.SettingsFor(scratch.Database);
        environment[variable] = value;
        var run = await Cli.RunAsync(environment);
        run.ExitCode.ShouldBe(2, run.All);
        run.Error.ShouldContain(setting);
    }
}

/// <summary>The application without the section: no such scheme, no button.</summary>
public sealed class WithoutExternalSignIn(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task There_is_no_scheme_and_no_button()
    {
        (await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OidcSettings.Scheme)).ShouldBeNull();
        var login = await app.Anonymous().GetStringAsync("/Account/Login");
        login.ShouldNotContain("id=\"login-external\"");
        login.ShouldContain("id=\"login-submit\"");
    }
}

public sealed class OidcApp() : QualisApp(DatabaseProvider.Sqlite, new Dictionary<string, string?>
{
    ["Authentication:Oidc:Authority"] = "https://sso.ahzwfw.gov.cn/oidc",
    ["Authentication:Oidc:ClientId"] = "qualis-platform",
    ["Authentication:Oidc:ClientSecret"] = "s3cret",
    ["Authentication:Oidc:DisplayName"] = "安徽政务服务网法人账户",
    ["Authentication:Oidc:EnterpriseCodeClaim"] = "legal_person_uscc",
});

/// <summary>The application with the section: the scheme with the configured options, and the button on the sign-in page.</summary>
public sealed class WithExternalSignIn(OidcApp app) : IClassFixture<OidcApp>
{
    [Fact]
    public async Task The_scheme_is_registered_with_the_configured_options_and_the_button_appears()
    {
        var scheme = await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OidcSettings.Scheme);
        scheme.ShouldNotBeNull();
        scheme.HandlerType.ShouldBe(typeof(OpenIdConnectHandler));
        scheme.DisplayName.ShouldBe("安徽政务服务网法人账户");
        var options = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcSettings.Scheme);
        options.Authority.ShouldBe("https://sso.ahzwfw.gov.cn/oidc");
        options.ClientId.ShouldBe("qualis-platform");
        options.ClientSecret.ShouldBe("s3cret");
        options.ResponseType.ShouldBe("code");
        options.UsePkce.ShouldBeTrue();
        options.SignInScheme.ShouldBe(Microsoft.AspNetCore.Identity.IdentityConstants.ExternalScheme);
        app.Services.GetRequiredService<ExternalSignIn>().Oidc!.EnterpriseCodeClaim.ShouldBe("legal_person_uscc");

        var login = await app.Anonymous().GetStringAsync("/Account/Login");
        login.ShouldContain("id=\"login-external\"");
        login.ShouldContain("使用安徽政务服务网法人账户登录");
    }
}
