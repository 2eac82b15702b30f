using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qualis.Platform.Access;
using Qualis.Platform.Accounts;
using Qualis.Platform.Modules;

namespace Qualis.Tests.Support;

/// <summary>
/// The real application on a real Kestrel port over a real database, migrated and filled with the demo data.
/// One instance per test class (xunit class fixture); <see cref="SqliteApp"/> and <see cref="PostgresApp"/> pick the provider.
/// </summary>
public abstract class QualisApp : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; }
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _ownsDatabase;

    protected QualisApp(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
        : this(TestDatabase.Create(provider), settings, ownsDatabase: true)
    {
    }

    /// <summary>An instance on a database it does not own (several instances on one database), on the given port (0: any).</summary>
    protected QualisApp(TestDatabase database, IDictionary<string, string?>? settings, bool ownsDatabase, int port = 0)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = Database.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemoData"] = "true",
            ["DataProtection:KeysFolder"] = Path.Combine(Database.Folder, "keys"),
            ["Import:Folder"] = Path.Combine(Database.Folder, "imports"),
            ["Attachments:Folder"] = Path.Combine(Database.Folder, "attachments"),
            ["Security:LoginAttemptsPerMinute"] = "1000",
            ["Security:ApiStrangerCallsPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests add firms and look for them at once, and some lower the common-fragment bound: no kept pages here
            // (CommonNamePagesTests keeps its own).
            ["Registry:CommonNameSeconds"] = "0",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
        UseKestrel(port);
        StartServer();
    }

    public DatabaseProvider Provider => Database.Provider;

    /// <summary>Every API scope the modules declare.</summary>
    public IReadOnlyList<string> AllApiScopes => Services.GetRequiredService<ModuleCatalog>().ApiScopes;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the build's static-asset manifest (compressed copies under obj/) is not read by default.
        builder.UseStaticWebAssets();
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
    }

    /// <summary>The address Kestrel listens on, for browsers and raw HTTP clients.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>An HTTP client with its own cookies, not signed in; it does not follow redirects.</summary>
    public HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>
    /// A client signed in through the login form as the given account (demo password unless given). An administrator
    /// also passes the second factor the way a person with an authenticator app does: the code from the key the
    /// enrolment page shows at the first sign-in, and at later sign-ins the code of the key stored for the account.
    /// </summary>
    public async Task<HttpClient> SignedInAs(string userName, string password = DemoAccounts.Password)
    {
        var client = Anonymous();
        await SignInAsync(client, userName, password);
        return client;
    }

    /// <summary>Signs the given client in as <see cref="SignedInAs"/> does, second factor included.</summary>
    public async Task SignInAsync(HttpClient client, string userName, string password = DemoAccounts.Password)
    {
        var response = await client.PostFormAsync("/Account/Login", new() { ["UserName"] = userName, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode} {Forms.ErrorsIn(await response.Content.ReadAsStringAsync())}");
        var location = response.Headers.Location!.ToString();
        if (location.Split('?')[0] == AdminTwoFactor.CodePath)
        {
            var code = Totp.Now(await AuthenticatorKeyAsync(userName) ?? throw new InvalidOperationException($"{userName} has no authenticator key."));
            response = await client.PostFormAsync(location, new() { ["Code"] = code });
            if (response.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"Second factor of {userName} refused: {(int)response.StatusCode} {Forms.ErrorsIn(await response.Content.ReadAsStringAsync())}");
            location = response.Headers.Location!.ToString();
        }
        if (location == AdminTwoFactor.EnrolPath) await EnrolAsync(client, userName);
    }

    /// <summary>Sets up the second factor of a signed-in administrator through the enrolment page; the key it showed.</summary>
    public static async Task<string> EnrolAsync(HttpClient client, string userName)
    {
        var key = AuthenticatorKeyOnPage(await client.GetStringAsync(AdminTwoFactor.EnrolPath));
        var done = await client.PostFormAsync(AdminTwoFactor.EnrolPath, new() { ["Code"] = Totp.Now(key) });
        var html = await done.Content.ReadAsStringAsync();
        if (done.StatusCode != HttpStatusCode.OK || !html.Contains("id=\"recovery-codes\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"Second-factor set-up of {userName} failed: {(int)done.StatusCode} {Forms.ErrorsIn(html)}");
        return key;
    }

    public static string AuthenticatorKeyOnPage(string html) =>
        Regex.Match(html, "id=\"authenticator-key\">([A-Z2-7 ]+)</code>") is { Success: true } m
            ? m.Groups[1].Value.Replace(" ", "")
            : throw new InvalidOperationException("The enrolment page shows no authenticator key.");

    /// <summary>The authenticator key stored for the account (what the administrator's phone holds), or null before enrolment.</summary>
    public async Task<string?> AuthenticatorKeyAsync(string userName)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Set("test", "test", "test", null, null);
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<QualisUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No account {userName}.");
        return await users.GetAuthenticatorKeyAsync(user);
    }

    /// <summary>Runs work against the database as an unrestricted system actor, or as the given region.</summary>
    public async Task<T> WithDb<T>(Func<QualisDb, Task<T>> work, string? regionPath = null)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Set("test", "test", "test", null, regionPath);
        return await work(scope.ServiceProvider.GetRequiredService<QualisDb>());
    }

    public Task WithDb(Func<QualisDb, Task> work, string? regionPath = null) =>
        WithDb<bool>(async db => { await work(db); return true; }, regionPath);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase) Database.Dispose();
    }
}

public sealed class SqliteApp() : QualisApp(SeededTemplate.CopyFor(DatabaseProvider.Sqlite), settings: null, ownsDatabase: true);
public sealed class PostgresApp() : QualisApp(SeededTemplate.CopyFor(DatabaseProvider.Postgres), settings: null, ownsDatabase: true);

/// <summary>
/// The migrated database with the demo data, made once per provider and test run by the application itself (started on
/// an empty database with the default settings, as <see cref="SqliteApp"/> and <see cref="PostgresApp"/> are, and
/// stopped), so that each of those fixtures starts on a copy instead of loading the demo data again. The application
/// still migrates and seeds at its start; on the copy both find their work done. Fixtures with other settings or other
/// services (a clock of their own) load their data themselves.
/// </summary>
public static class SeededTemplate
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<TestDatabase>> Templates = new();

    /// <summary>A fresh copy of the provider's template, made first if this is the run's first.</summary>
    public static TestDatabase CopyFor(DatabaseProvider provider) =>
        TestDatabase.CopyOf(Templates.GetOrAdd(provider, p => new Lazy<TestDatabase>(() => Make(p))).Value);

    private static TestDatabase Make(DatabaseProvider provider)
    {
        var database = TestDatabase.Create(provider);
        try
        {
            using (new TemplateApp(database)) { }
            if (provider == DatabaseProvider.Sqlite)
            {
                // Everything into the one file that is copied (the WAL is left behind), the app's idle pooled connections closed first.
                SqliteConnection.ClearAllPools();
                using var conn = new SqliteConnection(database.ConnectionString);
                conn.Open();
                using var cmd = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE);", conn);
                cmd.ExecuteNonQuery();
            }
            else
            {
                // The app's idle connections to the template must go before it is copied. Its pool is keyed by the
                // connection string the platform made (DatabaseSettings adds Max Auto Prepare and options), not this
                // one, so every pool is cleared: connections in use elsewhere are closed only when they are returned.
                NpgsqlConnection.ClearAllPools();
            }
        }
        catch
        {
            database.Dispose();
            throw;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => database.Dispose();
        return database;
    }

    private sealed class TemplateApp(TestDatabase database) : QualisApp(database, settings: null, ownsDatabase: false);
}

/// <summary>Form posts the way a browser sends them: with the antiforgery token of the page the form is on.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? pageUrl = null)
    {
        var page = await client.GetAsync(pageUrl ?? url);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {pageUrl ?? url} ({(int)page.StatusCode}).");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token of the signed-in session, read from the home page's forms.</summary>
    public static async Task<string> TokenAsync(this HttpClient client, string pageUrl = "/")
    {
        var html = await client.GetStringAsync(pageUrl);
        var token = TokenPattern().Match(html);
        return token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {pageUrl}.");
    }

    public static string ErrorsIn(string html) =>
        string.Join(" | ", ErrorPattern().Matches(html).Select(m => WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<.*?>", "")).Trim()).Where(s => s.Length > 0));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("class=\"(?:text-danger[^\"]*|alert alert-danger[^\"]*|validation-summary-errors[^\"]*)\"[^>]*>(.*?)</(?:span|div)>", RegexOptions.Singleline)]
    private static partial Regex ErrorPattern();
}
