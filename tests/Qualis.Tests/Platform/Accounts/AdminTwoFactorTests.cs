using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Data;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Accounts;

/// <summary>
/// The administrators' second factor (TOTP, RFC 6238) through HTTP: set up at the first sign-in before any other page,
/// a code at every later sign-in, wrong codes refused and counted with the sign-in failures, recovery codes that work
/// once, a session that still ends on sign-out, and a lost factor reset by the security administrator. The codes are
/// computed here from the shared key (<see cref="Totp"/>), as the administrator's phone computes them.
/// </summary>
public abstract partial class AdminTwoFactorTests(AddressedApp app)
{
    private static int _next;
    private static string NewName(string what) => $"tf.{what}.{Interlocked.Increment(ref _next)}.{Guid.NewGuid():N}"[..24];
    private static string NewAddress() => $"10.77.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private sealed record Browser(HttpClient Client, CookieContainer Jar);

    private Browser From(string address)
    {
        var jar = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add(AddressedApp.AddressHeader, address);
        return new Browser(client, jar);
    }

    private static async Task<HttpResponseMessage> PasswordAsync(Browser b, string name) =>
        await b.Client.PostFormAsync("/Account/Login", new() { ["UserName"] = name, ["Password"] = DemoAccounts.Password });

    private Task<QualisUser> AccountAsync(string name) =>
        app.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == name));

    private Task<int> FailuresAsync(string name, string address) => app.WithDb(db =>
        db.Set<SignInFailure>().Where(f => f.UserName == name.ToUpperInvariant() && f.Address == address).Select(f => f.Failures).SingleOrDefaultAsync());

    /// <summary>Signs in with the password, sets the factor up on the enrolment page: the key and the recovery codes it showed.</summary>
    private async Task<(Browser Browser, string Key, List<string> RecoveryCodes)> EnrolledAsync(string name, string role = Roles.SecurityAdministrator)
    {
        await RecordSamples.NewUserAsync(app, name, role, "340000", "双因素测试");
        var b = From(NewAddress());
        (await PasswordAsync(b, name)).Headers.Location!.ToString().ShouldBe(AdminTwoFactor.EnrolPath);
        var key = QualisApp.AuthenticatorKeyOnPage(await b.Client.GetStringAsync(AdminTwoFactor.EnrolPath));
        var done = await b.Client.PostFormAsync(AdminTwoFactor.EnrolPath, new() { ["Code"] = Totp.Now(key) });
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        var codes = RecoveryCodes().Matches(await done.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        return (b, key, codes);
    }

    [Fact]
    public async Task An_administrator_sets_up_the_second_factor_at_the_first_sign_in_before_any_other_page()
    {
        var name = NewName("enrol");
        await RecordSamples.NewUserAsync(app, name, Roles.AuditAdministrator, "340000", "审计管理员测试");
        var address = NewAddress();
        var b = From(address);
        (await PasswordAsync(b, name)).Headers.Location!.ToString().ShouldBe(AdminTwoFactor.EnrolPath);

        // Nothing else opens until the factor is set up; the API refuses.
        foreach (var url in new[] { "/", "/Audit", "/Account/Notifications" })
            (await b.Client.GetAsync(url)).Headers.Location?.ToString().ShouldBe(AdminTwoFactor.EnrolPath, url);
        (await b.Client.GetAsync("/api/regions/340000")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var page = await b.Client.GetStringAsync(AdminTwoFactor.EnrolPath);
        page.ShouldContain("src=\"data:image/png;base64,");
        var key = QualisApp.AuthenticatorKeyOnPage(page);
        key.Length.ShouldBeGreaterThanOrEqualTo(16);
        QualisApp.AuthenticatorKeyOnPage(await b.Client.GetStringAsync(AdminTwoFactor.EnrolPath)).ShouldBe(key, "the key stays while the page is opened again");

        var wrong = await b.Client.PostFormAsync(AdminTwoFactor.EnrolPath, new() { ["Code"] = Totp.Wrong(key) });
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await wrong.Content.ReadAsStringAsync()).ShouldContain("动态口令不正确");
        (await AccountAsync(name)).TwoFactorEnabled.ShouldBeFalse();
        (await FailuresAsync(name, address)).ShouldBe(1, "a wrong code counts with the sign-in failures");

        var right = await b.Client.PostFormAsync(AdminTwoFactor.EnrolPath, new() { ["Code"] = Totp.Now(key) });
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        var codes = RecoveryCodes().Matches(await right.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        codes.Count.ShouldBe(AdminTwoFactor.RecoveryCodes);
        (await AccountAsync(name)).TwoFactorEnabled.ShouldBeTrue();
        (await FailuresAsync(name, address)).ShouldBe(0);

        // The session goes on, and the recovery codes are never shown again.
        (await b.Client.GetAsync("/Audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync(AdminTwoFactor.EnrolPath)).Headers.Location!.ToString().ShouldBe("/");

        // The account's history says the factor was turned on; the key and the codes never reach the trail.
        var id = (await AccountAsync(name)).Id;
        var trail = await app.WithDb(db => db.AuditEntries.Select(e => new { e.EntityType, e.EntityKey, Text = (e.Before ?? "") + (e.After ?? "") }).ToListAsync());
        trail.ShouldContain(e => e.EntityType == nameof(QualisUser) && e.EntityKey == id && e.Text.Contains("TwoFactorEnabled"));
        trail.ShouldAllBe(e => !e.Text.Contains(key) && !codes.Any(e.Text.Contains));
    }

    [Fact]
    public async Task An_enrolled_administrator_signs_in_with_a_code_and_wrong_codes_are_refused_counted_and_made_to_wait()
    {
        var name = NewName("code");
        var (_, key, _) = await EnrolledAsync(name);

        var address = NewAddress();
        var b = From(address);
        var afterPassword = await PasswordAsync(b, name);
        afterPassword.Headers.Location!.ToString().ShouldBe(AdminTwoFactor.CodePath);
        // The password alone signs nobody in.
        (await b.Client.GetAsync("/")).Headers.Location!.ToString().ShouldContain("/Account/Login");

        var free = app.Services.GetRequiredService<SignInGuardOptions>().FreeFailures;
        for (var i = 1; i <= free; i++)
        {
            var wrong = await b.Client.PostFormAsync(AdminTwoFactor.CodePath, new() { ["Code"] = Totp.Wrong(key) });
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await FailuresAsync(name, address)).ShouldBe(i);
        }
        // Waiting now: even the right code is refused from this address until the wait is over.
        var waiting = await b.Client.PostFormAsync(AdminTwoFactor.CodePath, new() { ["Code"] = Totp.Now(key) });
        waiting.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await waiting.Content.ReadAsStringAsync()).ShouldContain("请于");
        (await b.Client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Entering the password again does not clear the count (only a right code does).
        await PasswordAsync(b, name);
        (await FailuresAsync(name, address)).ShouldBe(free);

        // From another address the owner signs in with the code.
        var owner = From(NewAddress());
        (await PasswordAsync(owner, name)).Headers.Location!.ToString().ShouldBe(AdminTwoFactor.CodePath);
        var signedIn = await owner.Client.PostFormAsync(AdminTwoFactor.CodePath, new() { ["Code"] = Totp.Now(key) });
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldBe("/");
        (await owner.Client.GetAsync("/Admin/Security")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_recovery_code_replaces_a_code_once()
    {
        var name = NewName("recovery");
        var (_, _, codes) = await EnrolledAsync(name);
        var first = From(NewAddress());
        await PasswordAsync(first, name);
        (await first.Client.PostFormAsync(AdminTwoFactor.CodePath, new() { ["Code"] = codes[0] })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await first.Client.GetAsync("/Admin/Security")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = From(NewAddress());
        await PasswordAsync(again, name);
        var used = await again.Client.PostFormAsync(AdminTwoFactor.CodePath, new() { ["Code"] = codes[0] });
        used.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await used.Content.ReadAsStringAsync()).ShouldContain("动态口令不正确");
    }

    [Fact]
    public async Task A_session_signed_in_with_the_second_factor_still_ends_on_sign_out()
    {
        var name = NewName("logout");
        var (_, key, _) = await EnrolledAsync(name);
        var b = From(NewAddress());
        await PasswordAsync(b, name);
        (await b.Client.PostFormAsync(AdminTwoFactor.CodePath, new() { ["Code"] = Totp.Now(key) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = b.Jar.GetCookies(app.BaseAddress)["qualis.auth"]!.Value;
        var replay = Replay(cookie);
        (await replay.GetAsync("/Admin/Security")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await b.Client.PostFormAsync("/Account/Logout", [], "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await Replay(cookie).GetAsync("/Admin/Security");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task The_code_page_without_a_password_first_only_points_to_sign_in()
    {
        var b = From(NewAddress());
        var page = await b.Client.GetAsync(AdminTwoFactor.CodePath);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("id=\"two-factor-expired\"");
        var post = await b.Client.PostFormAsync(AdminTwoFactor.CodePath, new() { ["Code"] = "123456" }, "/Account/Login");
        post.Headers.Location!.ToString().ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task The_security_administrator_resets_a_lost_factor_and_the_account_sets_it_up_again()
    {
        var name = NewName("lost");
        var (session, _, _) = await EnrolledAsync(name, Roles.Administrator);
        var id = (await AccountAsync(name)).Id;
        var edit = $"/Admin/Users/Edit/{id}";

        // Not the system administrator's to do, and nobody resets their own.
        var system = await app.SignedInAs("admin");
        (await system.PostFormAsync(edit + "?handler=ResetTwoFactor", [], edit)).Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        (await AccountAsync(name)).TwoFactorEnabled.ShouldBeTrue();

        var security = await app.SignedInAs("security");
        (await security.GetStringAsync(edit)).ShouldContain("id=\"reset-two-factor\"");
        (await security.PostFormAsync(edit + "?handler=ResetTwoFactor", [], edit)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AccountAsync(name)).TwoFactorEnabled.ShouldBeFalse();
        (await session.Client.GetAsync("/")).Headers.Location!.ToString().ShouldContain("/Account/Login", Case.Sensitive, "the reset ends the account's sessions");

        var b = From(NewAddress());
        (await PasswordAsync(b, name)).Headers.Location!.ToString().ShouldBe(AdminTwoFactor.EnrolPath);

        var own = (await AccountAsync("security")).Id;
        var mine = await security.PostFormAsync($"/Admin/Users/Edit/{own}?handler=ResetTwoFactor", [], $"/Admin/Users/Edit/{own}");
        Forms.ErrorsIn(await mine.Content.ReadAsStringAsync()).ShouldContain("不能重置自己的动态口令");
    }

    [Fact]
    public async Task Officials_sign_in_with_the_password_alone()
    {
        var b = From(NewAddress());
        (await PasswordAsync(b, "hefei")).Headers.Location!.ToString().ShouldBe("/");
    }

    private HttpClient Replay(string cookie)
    {
        var jar = new CookieContainer();
        jar.Add(app.BaseAddress, new Cookie("qualis.auth", cookie));
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = app.BaseAddress };
    }

    [GeneratedRegex("<li>([0-9A-Z]{5}-[0-9A-Z]{5})</li>")]
    private static partial Regex RecoveryCodes();
}

public sealed class AdminTwoFactorOnSqlite(AddressedSqliteApp app) : AdminTwoFactorTests(app), IClassFixture<AddressedSqliteApp>;
public sealed class AdminTwoFactorOnPostgres(AddressedPostgresApp app) : AdminTwoFactorTests(app), IClassFixture<AddressedPostgresApp>;

/// <summary>The settings a 等保 level 3 review reads: a wrong value stops start-up with a message that names the setting.</summary>
public sealed class SecuritySettingsTests
{
    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Qualis";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static SecuritySettings Read(string environment, params (string Key, string Value)[] values)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
        return SecuritySettings.Read(config, new Env(environment), (key, fallback) => int.TryParse(config[key], out var n) ? n : fallback);
    }

    [Fact]
    public void Audit_entries_are_kept_180_days_unless_more_is_set_and_less_stops_start_up()
    {
        Read("Production").AuditRetentionDays.ShouldBe(180);
        Read("Production", ("Audit:RetentionDays", "365")).AuditRetentionDays.ShouldBe(365);
        var refused = Should.Throw<SettingException>(() => Read("Production", ("Audit:RetentionDays", "179")));
        refused.Message.ShouldContain("Audit:RetentionDays");
        refused.Message.ShouldContain("180");
    }

    [Fact]
    public void The_second_factor_is_on_by_default_and_may_be_off_only_in_development_and_tests()
    {
        Read("Production").AdminTwoFactor.ShouldBeTrue();
        Read("Development", ("Security:AdminTwoFactor", "false")).AdminTwoFactor.ShouldBeFalse();
        Read("Testing", ("Security:AdminTwoFactor", "false")).AdminTwoFactor.ShouldBeFalse();
        Should.Throw<SettingException>(() => Read("Production", ("Security:AdminTwoFactor", "false"))).Message.ShouldContain("Security:AdminTwoFactor");
        Should.Throw<SettingException>(() => Read("Production", ("Security:AdminTwoFactor", "maybe"))).Message.ShouldContain("Security:AdminTwoFactor");
    }
}
