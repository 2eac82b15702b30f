using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Platform.Accounts;
using Qualis.Platform.ApiKeys;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Accounts;

/// <summary>
/// The application with each request's client address taken from a test header (what a trusted proxy's forwarded
/// header becomes in production), a small allowance for API callers without a valid key, and no notification pass
/// writing rows beside the tests.
/// </summary>
public abstract class AddressedApp(DatabaseProvider provider) : QualisApp(provider, new Dictionary<string, string?>
{
    ["Security:ApiStrangerCallsPerMinute"] = "50",
    ["Notifications:Enabled"] = "false",
})
{
    public const string AddressHeader = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    /// <summary>A client that is not signed in, seen by the server as coming from <paramref name="address"/>.</summary>
    public HttpClient From(string address)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[AddressHeader].ToString(), out var address)) http.Connection.RemoteIpAddress = address;
                return following(http);
            });
            next(app);
        };
    }
}

public sealed class AddressedSqliteApp() : AddressedApp(DatabaseProvider.Sqlite);
public sealed class AddressedPostgresApp() : AddressedApp(DatabaseProvider.Postgres);

/// <summary>
/// Sessions that end (logout, password change or reset, disabling, a role change end every session of the account at
/// once), sign-in that strangers cannot use against users, and the API's limit on callers without a valid key.
/// </summary>
public abstract class SignInAndSessionTests(AddressedApp app)
{
    private static int _next;
    private static string NewName(string what) => $"{what}.{Interlocked.Increment(ref _next)}.{Guid.NewGuid():N}"[..24];

    // ---- Sessions that end -------------------------------------------------------------------------------------

    [Fact]
    public async Task A_cookie_captured_before_logout_is_refused_afterwards()
    {
        var name = NewName("logout");
        await RecordSamples.NewUserAsync(app, name, Roles.CityOfficer, "340100", "注销测试");
        var user = await SignedInAs(name);
        var otherDevice = await SignedInAs(name);
        var cookie = AuthCookie(user);
        (await Replay(cookie).GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK, "the captured cookie works before logout");

        (await user.PostFormAsync("/Account/Logout", [], "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ShouldBeSentToLoginAsync(Replay(cookie));
        await ShouldBeSentToLoginAsync(otherDevice);
    }

    [Fact]
    public async Task A_password_change_ends_every_other_session_and_keeps_the_one_that_made_it()
    {
        var name = NewName("change");
        await RecordSamples.NewUserAsync(app, name, Roles.CityOfficer, "340100", "改密测试");
        var user = await SignedInAs(name);
        var cookie = AuthCookie(user);

        var changed = await user.PostFormAsync("/Account/ChangePassword", new()
        {
            ["CurrentPassword"] = DemoAccounts.Password, ["NewPassword"] = "Changed#Pass2026", ["ConfirmPassword"] = "Changed#Pass2026",
        });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ShouldBeSentToLoginAsync(Replay(cookie));
        (await user.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK, "the session that changed the password goes on");
    }

    public static TheoryData<string> AdministratorActions => ["reset", "disable", "role"];

    [Theory, MemberData(nameof(AdministratorActions))]
    public async Task An_administrators_reset_disable_or_role_change_ends_the_accounts_sessions_at_once(string action)
    {
        var name = NewName(action);
        var id = await RecordSamples.NewUserAsync(app, name, Roles.CityOfficer, "340100", "会话测试");
        var user = await SignedInAs(name);
        var cookie = AuthCookie(user);
        (await Replay(cookie).GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Reset and disable are the system administrator's; a role change is the security administrator's (三员分立).
        var admin = await app.SignedInAs(action == "role" ? "security" : "admin");
        var edit = $"/Admin/Users/Edit/{id}";
        var done = action switch
        {
            "reset" => await admin.PostFormAsync(edit + "?handler=ResetPassword", new() { ["NewPassword"] = "Reset#Session2026" }, edit),
            "disable" => await admin.PostFormAsync(edit + "?handler=Disable", [], edit),
            _ => await admin.PostFormAsync(edit + "?handler=Save", new()
            {
                ["Form.DisplayName"] = "会话测试", ["Form.Role"] = Roles.CountyOfficer, ["Form.RegionCode"] = "340122",
            }, edit),
        };
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await done.Content.ReadAsStringAsync()));

        // The very next request, with no minute of grace.
        await ShouldBeSentToLoginAsync(Replay(cookie));
        await ShouldBeSentToLoginAsync(user);
    }

    // ---- Sign-in that strangers cannot use against users --------------------------------------------------------

    [Fact]
    public async Task Unknown_wrong_disabled_and_locked_get_the_same_message_byte_for_byte()
    {
        var wrong = NewName("wrong");
        var disabled = NewName("disabled");
        var locked = NewName("locked");
        await RecordSamples.NewUserAsync(app, wrong, Roles.CityOfficer, "340100", "错误密码");
        await RecordSamples.NewUserAsync(app, disabled, Roles.CityOfficer, "340100", "已停用");
        await RecordSamples.NewUserAsync(app, locked, Roles.CityOfficer, "340100", "已锁定");
        await app.WithDb(async db =>
        {
            (await db.Users.SingleAsync(u => u.UserName == disabled)).IsDisabled = true;
            (await db.Users.SingleAsync(u => u.UserName == locked)).LockoutEnd = DateTimeOffset.UtcNow.AddHours(1);
            await db.SaveChangesAsync();
        });

        var messages = new List<string>();
        foreach (var (name, password) in new[] { (NewName("nobody"), "Whatever#2026"), (wrong, "Wrong#Pass2026"), (disabled, DemoAccounts.Password), (locked, DemoAccounts.Password) })
        {
            var response = await app.From("10.1.0.1").PostFormAsync("/Account/Login", new() { ["UserName"] = name, ["Password"] = password });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, name);
            messages.Add(SummaryOf(await response.Content.ReadAsStringAsync()));
        }
        messages[0].ShouldContain("用户名或密码不正确");
        messages.Distinct(StringComparer.Ordinal).Count().ShouldBe(1, string.Join(" / ", messages));
    }

    [Fact]
    public async Task Failures_from_one_address_make_that_address_wait_and_leave_the_account_open_to_another()
    {
        var name = NewName("target");
        await RecordSamples.NewUserAsync(app, name, Roles.CountyOfficer, "340122", "锁定测试");
        var attacker = app.From("10.2.0.66");
        for (var i = 0; i < 5; i++)
        {
            var failed = await attacker.PostFormAsync("/Account/Login", new() { ["UserName"] = name, ["Password"] = "Wrong#Guess" + i });
            SummaryOf(await failed.Content.ReadAsStringAsync()).ShouldContain("用户名或密码不正确");
        }
        // The attacker's address now waits, even with the right password: the guesses cost the guesser.
        var held = await attacker.PostFormAsync("/Account/Login", new() { ["UserName"] = name, ["Password"] = DemoAccounts.Password });
        held.StatusCode.ShouldBe(HttpStatusCode.OK);
        SummaryOf(await held.Content.ReadAsStringAsync()).ShouldContain("登录失败次数过多");

        // The owner, from another address, signs in at once; the account was never locked.
        var owner = await app.From("10.2.0.7").PostFormAsync("/Account/Login", new() { ["UserName"] = name, ["Password"] = DemoAccounts.Password });
        owner.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var account = await app.WithDb(db => db.Users.SingleAsync(u => u.UserName == name));
        account.LockoutEnd.ShouldBeNull();
        account.AccessFailedCount.ShouldBe(0);

        // An unknown name is counted and held exactly the same way, so the wait says nothing about who exists.
        var nobody = NewName("nobody");
        for (var i = 0; i < 5; i++) await attacker.PostFormAsync("/Account/Login", new() { ["UserName"] = nobody, ["Password"] = "Wrong#Guess" + i });
        var heldUnknown = await attacker.PostFormAsync("/Account/Login", new() { ["UserName"] = nobody, ["Password"] = DemoAccounts.Password });
        SummaryOf(await heldUnknown.Content.ReadAsStringAsync()).ShouldContain("登录失败次数过多");
    }

    // ---- The API's limit on the caller, not the key string ------------------------------------------------------

    [Fact]
    public async Task A_thousand_invalid_key_calls_add_no_rows_are_refused_after_the_limit_and_leave_a_valid_key_working()
    {
        var (client, key) = await RecordSamples.NewApiClientAsync(app, "340000", NewName("partner"), app.AllApiScopes);
        var partner = app.From("10.3.0.2");
        partner.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await partner.GetAsync("/api/regions/340100")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The valid call's log row is written as its response ends: wait for it before counting.
        for (var i = 0; i < 100 && await app.WithDb(db => db.Set<ApiKeyUse>().CountAsync(u => u.ClientId == client.Id)) == 0; i++) await Task.Delay(50);

        var callers = app.Services.GetRequiredService<ApiCallers>();
        var callsBefore = callers.StrangerCalls;
        var rowsBefore = await RowCountsAsync();
        var forger = app.From("10.3.0.66");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 1000; i++)
        {
            // Half carry the partner's real public prefix with a forged secret, half are random keys.
            var forged = i % 2 == 0 ? $"qk_{client.KeyPrefix}_{Guid.NewGuid():N}" : $"qk_{Guid.NewGuid():N}"[..11] + "_" + Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/regions/340100");
            request.Headers.Add("X-Api-Key", forged);
            statuses.Add((await forger.SendAsync(request)).StatusCode);
        }

        statuses.Take(50).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses.Skip(50).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        (await RowCountsAsync()).ShouldBe(rowsBefore, "no table gains a row from invalid keys");
        (callers.StrangerCalls - callsBefore).ShouldBe(1000, "every call is counted, in memory");

        for (var i = 0; i < 5; i++) (await partner.GetAsync("/api/regions/340100")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Without any key the forger's address is refused as well.
        (await app.From("10.3.0.66").GetAsync("/api/regions/340100")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static async Task ShouldBeSentToLoginAsync(HttpClient client)
    {
        var response = await client.GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    private readonly Dictionary<HttpClient, CookieContainer> _jars = [];

    /// <summary>Signs in through the login form with a cookie jar the test can read.</summary>
    private async Task<HttpClient> SignedInAs(string userName)
    {
        var jar = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = app.BaseAddress };
        var response = await client.PostFormAsync("/Account/Login", new() { ["UserName"] = userName, ["Password"] = DemoAccounts.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await response.Content.ReadAsStringAsync()));
        _jars[client] = jar;
        return client;
    }

    private string AuthCookie(HttpClient client) => _jars[client].GetCookies(app.BaseAddress)["qualis.auth"]!.Value;

    /// <summary>A fresh client carrying nothing but the captured sign-in cookie.</summary>
    private HttpClient Replay(string cookie)
    {
        var jar = new CookieContainer();
        jar.Add(app.BaseAddress, new Cookie("qualis.auth", cookie));
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = app.BaseAddress };
    }

    /// <summary>The page's validation summary, as the server wrote it.</summary>
    private static string SummaryOf(string html)
    {
        var start = html.IndexOf("validation-summary-errors", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "the page shows a sign-in error");
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    private Task<Dictionary<string, long>> RowCountsAsync() => app.WithDb(async db =>
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
        {
            // Table names from the model, not from input.
            var count = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            counts[table] = await db.Database.SqlQueryRaw<long>(count).SingleAsync();
        }
        return counts;
    });
}

public sealed class SignInAndSessionTestsOnSqlite(AddressedSqliteApp app) : SignInAndSessionTests(app), IClassFixture<AddressedSqliteApp>;
public sealed class SignInAndSessionTestsOnPostgres(AddressedPostgresApp app) : SignInAndSessionTests(app), IClassFixture<AddressedPostgresApp>;

/// <summary>The delays of <see cref="SignInGuard"/>: free failures, then doubling minutes, capped.</summary>
public sealed class SignInDelayTests
{
    [Fact]
    public void The_wait_doubles_from_one_minute_after_the_free_failures_up_to_the_longest()
    {
        var options = new SignInGuardOptions(5, TimeSpan.FromMinutes(15));
        Enumerable.Range(1, 10).Select(f => SignInGuard.WaitAfter(f, options)?.TotalMinutes)
            .ShouldBe([null, null, null, null, 1, 2, 4, 8, 15, 15]);
        SignInGuard.WaitAfter(int.MaxValue, options).ShouldBe(TimeSpan.FromMinutes(15));
    }
}

/// <summary>The in-memory count of API callers without a valid key: per address, shut at the allowance, summarised per window.</summary>
public sealed class ApiCallersTests
{
    [Fact]
    public void An_address_is_shut_at_its_allowance_and_the_window_counts_every_call()
    {
        using var callers = new ApiCallers(3);
        Enumerable.Range(0, 5).Select(_ => callers.Admit("10.9.0.1")).ShouldBe([true, true, true, false, false]);
        callers.IsShut("10.9.0.1").ShouldBeTrue();
        callers.IsShut("10.9.0.2").ShouldBeFalse();
        callers.Admit("10.9.0.2").ShouldBeTrue();
        callers.Refused("10.9.0.1");

        var window = callers.TakeWindow();
        window["10.9.0.1"].ShouldBe((6L, 3L));
        window["10.9.0.2"].ShouldBe((1L, 0L));
        (callers.StrangerCalls, callers.StrangerRefusals).ShouldBe((7L, 3L));
        callers.TakeWindow().ShouldBeEmpty();
    }
}
