using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Platform.Accounts;
using Qualis.Platform.Modules;

namespace Qualis.Tests.Platform.Modules;

/// <summary>
/// Each module declares itself once (Program.cs adds it), and the navigation shows a module, or a tab inside one, to
/// exactly the callers its policy lets open the page behind it: the access the matrix checks, nothing kept beside it.
/// </summary>
public abstract partial class ModuleTests(QualisApp app)
{
    private ModuleCatalog Catalog => app.Services.GetRequiredService<ModuleCatalog>();

    [Fact]
    public async Task The_top_bar_and_the_home_page_show_each_account_exactly_the_modules_it_may_open()
    {
        DemoAccounts.All.Select(a => a.Role).Distinct().Order().ShouldBe(Roles.All.Order(), "a demo account for every role");
        var failures = new List<string>();
        foreach (var account in DemoAccounts.All)
        {
            var client = await app.SignedInAs(account.UserName);
            var allowed = await AllowedAsync(client, Catalog.Navigation.Where(e => e.Menu == NavEntry.TopBar));
            var home = await client.GetStringAsync("/");
            // The top bar gathers a group's entries into its drop-down, so its order is the modules' order by group: compare the sets.
            Compare(failures, account.UserName + " top bar", Links(TopBar().Match(home).Value).Where(l => l != "/").Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal).ToList());
            Compare(failures, account.UserName + " home page", Links(HomeModules().Match(home).Value), allowed);
        }
        var anonymous = await app.Anonymous().GetStringAsync("/Account/Login");
        Compare(failures, "anonymous top bar", Links(TopBar().Match(anonymous).Value), await AllowedAsync(app.Anonymous(), Catalog.Navigation.Where(e => e.Menu == NavEntry.TopBar)));
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_supervision_tabs_show_each_account_exactly_the_tabs_it_may_open()
    {
        var tabs = Catalog.Navigation.Where(e => e.Menu == Qualis.Features.Supervision.SupervisionModule.TabsMenu).ToList();
        tabs.Count.ShouldBeGreaterThan(2);
        var failures = new List<string>();
        var shown = 0;
        foreach (var account in DemoAccounts.All)
        {
            var client = await app.SignedInAs(account.UserName);
            var page = await client.GetAsync("/Supervision");
            if (page.StatusCode != HttpStatusCode.OK) continue;
            shown++;
            var nav = SupervisionTabs().Match(await page.Content.ReadAsStringAsync()).Value;
            Compare(failures, account.UserName + " supervision tabs", Links(nav), await AllowedAsync(client, tabs));
        }
        shown.ShouldBeGreaterThan(3);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Program_adds_every_module_once_and_is_the_only_place_that_does()
    {
        var declared = DeclaredModules.All.Select(m => m.GetType()).ToList();
        Catalog.Modules.Select(m => m.GetType()).ShouldBe(declared, ignoreOrder: true);

        var source = Path.Combine(Cli.RepositoryRoot, "src", "Qualis");
        var adders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && File.ReadAllText(f).Contains("AddModule<"))
            .Select(f => Path.GetRelativePath(source, f)).ToList();
        adders.ShouldBe(["Program.cs", Path.Combine("Platform", "Modules", "ModuleSetup.cs")], ignoreOrder: true);

        // One module for each top-level feature folder, in that folder's namespace (the shell's Shared folder aside).
        var folders = Directory.EnumerateDirectories(Path.Combine(source, "Features")).Select(Path.GetFileName).Where(f => f != "Shared");
        foreach (var folder in folders)
            declared.Count(t => t.Namespace == "Qualis.Features." + folder).ShouldBe(1, $"Features/{folder} needs exactly one module class");
    }

    [Fact]
    public void Every_policy_and_API_scope_the_modules_name_is_registered()
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>>().Value;
        foreach (var entry in Catalog.Navigation.Where(e => e.Policy is not null))
            options.GetPolicy(entry.Policy!).ShouldNotBeNull($"{entry.Path} names the unknown policy {entry.Policy}");
        foreach (var scope in Catalog.ApiScopes)
            options.GetPolicy(Qualis.Platform.ApiKeys.ApiScopes.Policy(scope)).ShouldNotBeNull(scope);
    }

    /// <summary>The entries whose page the client gets (200) rather than a redirect to sign in or to access denied.</summary>
    private static async Task<List<string>> AllowedAsync(HttpClient client, IEnumerable<NavEntry> entries)
    {
        var allowed = new List<string>();
        foreach (var entry in entries)
            if ((await client.GetAsync(entry.Path)).StatusCode == HttpStatusCode.OK) allowed.Add(entry.Path);
        return allowed;
    }

    private static void Compare(List<string> failures, string where, IEnumerable<string> shown, List<string> allowed)
    {
        var links = shown.ToList();
        if (!links.SequenceEqual(allowed)) failures.Add($"{where} shows [{string.Join(", ", links)}] but may open [{string.Join(", ", allowed)}]");
    }

    // A drop-down's toggle (href="#") is not a link of its own; its entries are.
    private static IEnumerable<string> Links(string html) => Href().Matches(html).Select(m => m.Groups[1].Value).Where(l => l != "#");

    [GeneratedRegex(@"<ul class=""navbar-nav me-auto"">.*?</ul>\s*<form", RegexOptions.Singleline)]
    private static partial Regex TopBar();

    [GeneratedRegex(@"<div [^>]*id=""home-modules"">.*?</div>", RegexOptions.Singleline)]
    private static partial Regex HomeModules();

    [GeneratedRegex(@"<ul class=""nav nav-tabs mb-3"" id=""supervision-nav"">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex SupervisionTabs();

    [GeneratedRegex(@"href=""([^""]+)""")]
    private static partial Regex Href();
}

public sealed class ModuleTestsOnSqlite(SqliteApp app) : ModuleTests(app), IClassFixture<SqliteApp>;
public sealed class ModuleTestsOnPostgres(PostgresApp app) : ModuleTests(app), IClassFixture<PostgresApp>;
