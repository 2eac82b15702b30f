using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Platform.Accounts;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Web;

/// <summary>Sign-in protections and the headers every response carries.</summary>
public sealed class SecurityTests(SecurityTests.ClockApp app) : IClassFixture<SecurityTests.ClockApp>
{
    /// <summary>The application on SQLite with a clock the test can move forward, and a tight sign-in rate limit.</summary>
    public sealed class ClockApp() : QualisApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "1000" })
    {
        public ShiftableClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        }
    }

    public sealed class ShiftableClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var url in new[] { "/Account/Login", "/health", "/api/regions", "/no-such-page" })
        {
            var response = await app.Anonymous().GetAsync(url);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("default-src 'self'");
            csp.ShouldContain("frame-ancestors 'none'");
            csp.ShouldNotContain("unsafe-inline");
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
            response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        }
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var admin = await app.SignedInAs("admin");
        var before = await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Users));
        var response = await admin.PostAsync("/Admin/Users/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "forged.user", ["Password"] = "Forged#2026x", ["Form.DisplayName"] = "伪造", ["Form.Role"] = Roles.CityOfficer, ["Form.RegionCode"] = "340100",
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Users))).ShouldBe(before);
    }

    [Fact]
    public async Task A_lock_an_administrator_set_refuses_even_the_right_password_until_lifted()
    {
        await RecordSamples.NewUserAsync(app, "lockout.target", Roles.CountyOfficer, "340122", "锁定测试");
        var id = await app.WithDb(async db =>
        {
            var user = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.UserName == "lockout.target");
            user.LockoutEnd = DateTimeOffset.UtcNow.AddHours(1);
            await db.SaveChangesAsync();
            return user.Id;
        });
        var client = app.Anonymous();
        var right = await client.PostFormAsync("/Account/Login", new() { ["UserName"] = "lockout.target", ["Password"] = DemoAccounts.Password });
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        // The same words as a wrong password: the page does not tell a stranger the account exists and is locked.
        Forms.ErrorsIn(await right.Content.ReadAsStringAsync()).ShouldContain("用户名或密码不正确");

        // The security administrator can lift the lock.
        var admin = await app.SignedInAs("security");
        (await admin.GetStringAsync($"/Admin/Users/Edit/{id}")).ShouldContain("已锁定");
        (await admin.PostFormAsync($"/Admin/Users/Edit/{id}?handler=Unlock", [], $"/Admin/Users/Edit/{id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.PostFormAsync("/Account/Login", new() { ["UserName"] = "lockout.target", ["Password"] = DemoAccounts.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_session_left_idle_expires()
    {
        await RecordSamples.NewUserAsync(app, "idle.user", Roles.CityOfficer, "340100", "闲置测试");
        var client = await app.SignedInAs("idle.user");
        try
        {
            app.Clock.Offset = TimeSpan.FromMinutes(25);
            (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK, "still within the idle limit");
            app.Clock.Offset = TimeSpan.FromMinutes(25 + 31);
            var expired = await client.GetAsync("/");
            expired.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            expired.Headers.Location!.ToString().ShouldContain("/Account/Login");
        }
        finally { app.Clock.Offset = TimeSpan.Zero; }
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_is_signed_out_at_once()
    {
        var id = await RecordSamples.NewUserAsync(app, "to.disable", Roles.CityOfficer, "340100", "停用测试");
        var user = await app.SignedInAs("to.disable");
        (await user.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await app.SignedInAs("admin");
        (await admin.PostFormAsync($"/Admin/Users/Edit/{id}?handler=Disable", [], $"/Admin/Users/Edit/{id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The next request is refused: the session is checked against the account every time.
        (await user.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await app.Anonymous().PostFormAsync("/Account/Login", new() { ["UserName"] = "to.disable", ["Password"] = DemoAccounts.Password });
        Forms.ErrorsIn(await again.Content.ReadAsStringAsync()).ShouldContain("用户名或密码不正确");
    }
}

/// <summary>Sign-in attempts per address are limited; the limit answers 429.</summary>
public sealed class LoginRateLimitTests(LoginRateLimitTests.LimitedApp app) : IClassFixture<LoginRateLimitTests.LimitedApp>
{
    public sealed class LimitedApp() : QualisApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "3" });

    [Fact]
    public async Task The_fourth_sign_in_attempt_in_a_minute_is_refused_with_429()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 3; i++)
            (await client.PostFormAsync("/Account/Login", new() { ["UserName"] = "hefei", ["Password"] = "wrong" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await client.PostFormAsync("/Account/Login", new() { ["UserName"] = "hefei", ["Password"] = DemoAccounts.Password });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("请求过于频繁");
        // Showing the form is not limited.
        (await client.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
