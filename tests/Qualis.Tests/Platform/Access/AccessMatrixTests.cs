using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Platform.Access;
using Qualis.Platform.Accounts;
using Qualis.Platform.ApiKeys;

namespace Qualis.Tests.Platform.Access;

/// <summary>
/// The access matrix, over every page and endpoint the application maps (so new features fall under it without a
/// line here): anonymous callers are refused outside the public pages, roles are refused outside their policies,
/// and an official of one city gets nothing of another city's records, for every kind of region-scoped record.
/// </summary>
public abstract class AccessMatrixTests(QualisApp app)
{
    /// <summary>What anyone may open without signing in.</summary>
    private static readonly string[] PublicPatterns = ["/health", "/openapi/", "/api/reference", "Account/Login", "Account/AccessDenied", "Account/Language", "Account/TwoFactor", "Error", "Public"];

    /// <summary>
    /// Routes a role allowed by the policy opens only for some records of its own city, so the matrix's sample (a draft)
    /// is not found for it: a partner department reads the progress matrix of issued plans only (its own column; see
    /// DepartmentProgressTests). An improvement project or task opens to an account that is no official only when it owns a
    /// task of it or sat on its consultation as an expert (ImprovementTests). It is still refused everything of another city.
    /// </summary>
    private static readonly HashSet<(string Pattern, string Role)> OwnRecordNotShown =
    [
        ("Plans/{id:guid}/Matrix", Roles.PartnerDepartment),
        ("Improvement/{id:guid}", Roles.PartnerDepartment), ("Improvement/{id:guid}", Roles.TestingAgency), ("Improvement/{id:guid}", Roles.Inspector),
        ("Improvement/Tasks/{id:guid}", Roles.PartnerDepartment), ("Improvement/Tasks/{id:guid}", Roles.TestingAgency), ("Improvement/Tasks/{id:guid}", Roles.Inspector),
        // A batch's results announcement (抽查结果公告) exists once some of its results are published; the sample batch has none
        // (SupervisionDocumentsTests prints one of a batch that has).
        ("Supervision/Plans/Batch/{id:guid}/Print", Roles.CityOfficer), ("Supervision/Plans/Batch/{id:guid}/Print", Roles.Administrator),
    ];

    private const string OwnCity = "340100";   // 合肥
    private const string OtherCity = "340200"; // 芜湖

    private IReadOnlyList<MappedRoute> Routes => MappedRoute.All(app);

    [Fact]
    public void The_matrix_sees_the_pages_and_endpoints_of_every_module()
    {
        var patterns = Routes.Select(r => r.Pattern).ToList();
        patterns.ShouldContain("Admin/Users/Edit/{id}");
        patterns.ShouldContain("/api/regions/{code}");
        Routes.Count(r => r.RecordType is not null).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_everywhere_but_the_public_pages()
    {
        var anonymous = app.Anonymous();
        foreach (var route in Routes)
        {
            var isPublic = PublicPatterns.Any(p => route.Pattern.StartsWith(p, StringComparison.Ordinal));
            if (route.Anonymous)
            {
                isPublic.ShouldBeTrue($"{route} allows anonymous access but is not a public page");
                continue;
            }
            foreach (var method in route.Methods)
            {
                var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), route.UrlWithDummyValues()));
                if (route.IsApi)
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {route}");
                    response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{method} {route}");
                }
                else
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{method} {route}");
                    response.Headers.Location!.ToString().ShouldContain("/Account/Login", Case.Sensitive, $"{method} {route}");
                }
            }
        }
    }

    [Fact]
    public async Task Each_role_is_refused_the_pages_its_policy_does_not_allow()
    {
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var checkedPairs = 0;
        foreach (var account in DemoAccounts.All)
        {
            var client = await app.SignedInAs(account.UserName);
            foreach (var route in Routes.Where(r => !r.Anonymous && r.Policies.Count > 0))
            {
                var allowed = await AllowedRolesAsync(policies, route);
                if (allowed is null || allowed.Contains(account.Role)) continue;
                var response = await client.GetAsync(route.UrlWithDummyValues());
                checkedPairs++;
                if (route.IsApi) response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{account.UserName} GET {route}");
                else response.Headers.Location?.ToString().ShouldContain("/Account/AccessDenied", Case.Sensitive, $"{account.UserName} GET {route}");
            }
        }
        checkedPairs.ShouldBeGreaterThan(10);
    }

    /// <summary>
    /// 三员分立: each of the three administrators is refused the others' pages (by the policies, over every route) and
    /// the others' actions on the pages they share (by the handlers), and nobody changes their own role. The division
    /// is the table in docs/deployment.md.
    /// </summary>
    [Fact]
    public async Task The_three_administrators_are_refused_each_others_pages_and_actions()
    {
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var pages = new Dictionary<string, string[]>
        {
            [Roles.Administrator] = ["Admin/Users/Create", "Admin/ApiClients", "Admin/ApiClients/Detail/{id:guid}"],
            [Roles.SecurityAdministrator] = ["Admin/Security"],
            [Roles.AuditAdministrator] = ["Audit"],
        };
        var checkedPairs = 0;
        foreach (var (owner, patterns) in pages)
            foreach (var pattern in patterns)
            {
                var route = Routes.FirstOrDefault(r => r.Pattern == pattern || r.Pattern == pattern + "/Index") ?? throw new InvalidOperationException($"No route {pattern}");
                (await AllowedRolesAsync(policies, route) ?? Roles.All).Where(Roles.IsAdministrator).ShouldBe([owner], $"{pattern} belongs to {owner} alone");
                foreach (var other in Roles.Administrators.Where(r => r != owner))
                {
                    var client = await app.SignedInAs(DemoAccounts.All.Single(a => a.Role == other).UserName);
                    var response = await client.GetAsync(route.UrlWithDummyValues());
                    response.Headers.Location?.ToString().ShouldContain("/Account/AccessDenied", Case.Sensitive, $"{other} GET {pattern}");
                    checkedPairs++;
                }
            }
        checkedPairs.ShouldBe(10);
        // The audit trail's contents are the audit administrator's alone: officials read a record's history on its page.
        foreach (var official in new[] { "province", "hefei" })
            (await (await app.SignedInAs(official)).GetAsync("/Audit")).Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        // The whole trail is more than a synchronous export takes: it becomes a background export of the auditor's own.
        var export = await (await app.SignedInAs("auditor")).GetAsync("/Audit?handler=Export&format=csv");
        (export.StatusCode == HttpStatusCode.OK || export.Headers.Location?.ToString().StartsWith("/Account/Exports", StringComparison.Ordinal) == true)
            .ShouldBeTrue($"the auditor's export answered {(int)export.StatusCode} {export.Headers.Location}");

        var system = await app.SignedInAs("admin");
        var security = await app.SignedInAs("security");
        var auditor = await app.SignedInAs("auditor");
        var id = await RecordSamples.NewUserAsync(app, $"duty.{Guid.NewGuid():N}"[..20], Roles.CityOfficer, OwnCity, "分立测试");
        var edit = $"/Admin/Users/Edit/{id}";
        Task<QualisUser> Account(string userId) => app.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));
        async Task Refused(HttpClient client, string handler, Dictionary<string, string>? fields = null)
        {
            var before = await AuditCountAsync();
            var response = await client.PostFormAsync($"{edit}?handler={handler}", fields ?? [], edit);
            response.Headers.Location?.ToString().ShouldContain("/Account/AccessDenied", Case.Sensitive, handler);
            (await AuditCountAsync()).ShouldBe(before, $"{handler} refused but changed something");
        }

        // The auditor does not even open the account.
        (await auditor.GetAsync(edit)).Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        // The security administrator neither disables, enables nor resets passwords, nor creates accounts.
        await Refused(security, "Disable");
        await Refused(security, "Enable");
        await Refused(security, "ResetPassword", new() { ["NewPassword"] = "Security#Reset2026" });
        (await security.GetAsync("/Admin/Users/Create")).Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        // The system administrator neither unlocks, resets second factors nor ends sessions …
        await Refused(system, "Unlock");
        await Refused(system, "ResetTwoFactor");
        await Refused(system, "EndSessions");
        // … nor changes a role or region, nor creates an administrator.
        var roleChange = await system.PostFormAsync($"{edit}?handler=Save", new()
            { ["Form.DisplayName"] = "分立测试", ["Form.Role"] = Roles.AuditAdministrator, ["Form.RegionCode"] = OwnCity }, edit);
        Forms.ErrorsIn(await roleChange.Content.ReadAsStringAsync()).ShouldContain("角色和所属区域由安全管理员分配");
        (await Account(id)).Role.ShouldBe(Roles.CityOfficer);
        var createAdmin = await system.PostFormAsync("/Admin/Users/Create", new()
        {
            ["UserName"] = $"made.{Guid.NewGuid():N}"[..16], ["Password"] = DemoAccounts.Password, ["Form.DisplayName"] = "自封管理员",
            ["Form.Role"] = Roles.SecurityAdministrator, ["Form.RegionCode"] = "340000",
        });
        createAdmin.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await createAdmin.Content.ReadAsStringAsync()).ShouldContain("角色和所属区域由安全管理员分配");
        (await app.WithDb(db => db.Users.CountAsync(u => u.DisplayName == "自封管理员"))).ShouldBe(0);
        // The security administrator changes no particulars, but assigns the role, an administrator's among them.
        var rename = await security.PostFormAsync($"{edit}?handler=Save", new() { ["Form.DisplayName"] = "改名" }, edit);
        Forms.ErrorsIn(await rename.Content.ReadAsStringAsync()).ShouldContain("账户基本信息由系统管理员维护");
        (await Account(id)).DisplayName.ShouldBe("分立测试");
        var grant = await security.PostFormAsync($"{edit}?handler=Save", new() { ["Form.Role"] = Roles.AuditAdministrator, ["Form.RegionCode"] = "340000" }, edit);
        grant.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await grant.Content.ReadAsStringAsync()));
        (await Account(id)).Role.ShouldBe(Roles.AuditAdministrator);
        // Nobody changes their own role or region.
        foreach (var (client, userName) in new[] { (security, "security"), (system, "admin") })
        {
            var own = (await app.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName))).Id;
            var mine = await client.PostFormAsync($"/Admin/Users/Edit/{own}?handler=Save", new() { ["Form.Role"] = Roles.ProvincialOfficer, ["Form.RegionCode"] = "340000" },
                $"/Admin/Users/Edit/{own}");
            Forms.ErrorsIn(await mine.Content.ReadAsStringAsync()).ShouldNotBeEmpty($"{userName} changing its own role");
            (await Account(own)).Role.ShouldBe(DemoAccounts.All.Single(a => a.UserName == userName).Role);
        }
    }

    [Fact]
    public void Every_kind_of_region_scoped_record_has_a_sample_for_the_matrix()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Qualis.Platform.Data.QualisDb>();
        var kinds = db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => typeof(IRegionScoped).IsAssignableFrom(t)).ToList();
        kinds.ShouldNotBeEmpty();
        foreach (var kind in kinds)
            RecordSamples.Makers.ShouldContainKey(kind, $"{kind.Name} is region-scoped: add a maker for it to RecordSamples so the access matrix covers it");
    }

    [Fact]
    public async Task An_official_of_one_city_gets_nothing_of_another_citys_records()
    {
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var failures = new List<string>();
        var checkedRoutes = 0;
        foreach (var route in Routes.Where(r => r.RecordType is not null))
        {
            var maker = RecordSamples.Makers[route.RecordType!];
            var theirs = await maker(app, OtherCity, $"芜湖样本{Guid.NewGuid():N}"[..12]);
            var ours = await maker(app, OwnCity, $"合肥样本{Guid.NewGuid():N}"[..12]);
            foreach (var viewer in await ViewersAsync(policies, route))
            {
                checkedRoutes++;
                // An enterprise user sees only its own enterprise, not the rest of its city.
                var mine = await viewer.SendAsync(HttpMethod.Get, route.Url(ours.RouteValues));
                if (mine.StatusCode != HttpStatusCode.OK && viewer.Role != Roles.EnterpriseUser
                    && !(OwnRecordNotShown.Contains((route.Pattern, viewer.Role)) && mine.StatusCode == HttpStatusCode.NotFound))
                    failures.Add($"{viewer.Name} GET {route} of its own city: {(int)mine.StatusCode}");

                var other = await viewer.SendAsync(HttpMethod.Get, route.Url(theirs.RouteValues));
                if (!Refused(other)) failures.Add($"{viewer.Name} GET {route} of another city: {(int)other.StatusCode}");
                else if ((await other.Content.ReadAsStringAsync()).Contains(theirs.Marker)) failures.Add($"{viewer.Name} GET {route}: refused but shows {theirs.Marker}");

                // Every form handler on the record's page is refused too, and changes nothing.
                foreach (var handler in route.PostHandlers)
                {
                    var before = await AuditCountAsync();
                    var url = route.Url(theirs.RouteValues) + (handler.Length > 0 ? "?handler=" + handler : "");
                    var post = await viewer.PostAsync(url);
                    if (!Refused(post)) failures.Add($"{viewer.Name} POST {url} of another city: {(int)post.StatusCode}");
                    if (await AuditCountAsync() != before) failures.Add($"{viewer.Name} POST {url} of another city changed something");
                }
            }
        }
        checkedRoutes.ShouldBeGreaterThanOrEqualTo(4);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task No_list_shows_another_citys_records()
    {
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var markers = new List<string>();
        foreach (var (_, maker) in RecordSamples.Makers)
            markers.Add((await maker(app, OtherCity, $"芜湖列表{Guid.NewGuid():N}"[..12])).Marker);

        var failures = new List<string>();
        foreach (var route in Routes.Where(r => !r.HasParameters && !r.Anonymous && r.Methods.Contains("GET")))
            foreach (var viewer in await ViewersAsync(policies, route))
            {
                var response = await viewer.SendAsync(HttpMethod.Get, "/" + route.Pattern.TrimStart('/'));
                var body = await response.Content.ReadAsStringAsync();
                foreach (var marker in markers.Where(body.Contains))
                    failures.Add($"{viewer.Name} GET {route} shows {marker}");
            }
        failures.ShouldBeEmpty();
    }

    private static bool Refused(HttpResponseMessage r) =>
        r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/AccessDenied"));

    private Task<long> AuditCountAsync() => app.WithDb(db => db.AuditEntries.LongCountAsync());

    /// <summary>Hefei callers allowed by the route's policy: an account of each allowed role, and for the API a partner system's key.</summary>
    private async Task<List<Viewer>> ViewersAsync(IAuthorizationPolicyProvider policies, MappedRoute route)
    {
        var roles = await AllowedRolesAsync(policies, route) ?? Roles.All;
        var viewers = new List<Viewer>();
        foreach (var role in roles.Where(r => Roles.RequiredLevel(r) is null or Qualis.Platform.Regions.RegionLevel.City))
            viewers.Add(await Viewer.AccountAsync(app, role, OwnCity));
        if (route.IsApi) viewers.Add(await Viewer.ApiKeyAsync(app, OwnCity));
        return viewers;
    }

    /// <summary>The roles the route's policies allow, or null when any signed-in user may call it.</summary>
    internal static async Task<IReadOnlyList<string>?> AllowedRolesAsync(IAuthorizationPolicyProvider policies, MappedRoute route)
    {
        IEnumerable<string>? allowed = route.Roles.Count > 0 ? route.Roles : null;
        foreach (var name in route.Policies)
        {
            var policy = await policies.GetPolicyAsync(name) ?? throw new InvalidOperationException($"{route} names unknown policy {name}");
            foreach (var requirement in policy.Requirements)
            {
                IEnumerable<string>? roles = requirement switch
                {
                    RolesAuthorizationRequirement r => r.AllowedRoles,
                    { } x when x.GetType().Name == "ApiScopeRequirement" => Roles.Officials.Split(','),
                    _ => null,
                };
                if (roles is not null) allowed = allowed is null ? roles : allowed.Intersect(roles);
            }
        }
        return allowed?.ToList();
    }
}

/// <summary>A caller of the application: a signed-in account, or a partner system with an API key.</summary>
public sealed class Viewer
{
    private static readonly Dictionary<(QualisApp, string, string), Viewer> Cache = [];
    private readonly HttpClient _client;
    private readonly string? _token;
    public string Name { get; }
    public string Role { get; }

    private Viewer(string name, string role, HttpClient client, string? token) => (Name, Role, _client, _token) = (name, role, client, token);

    public static async Task<Viewer> AccountAsync(QualisApp app, string role, string region)
    {
        if (Cache.TryGetValue((app, role, region), out var cached)) return cached;
        var userName = $"matrix.{role}.{region}";
        await RecordSamples.NewUserAsync(app, userName, role, region, $"{role} {region}");
        var client = await app.SignedInAs(userName);
        return Cache[(app, role, region)] = new Viewer(userName, role, client, await client.TokenAsync());
    }

    public static async Task<Viewer> ApiKeyAsync(QualisApp app, string region)
    {
        if (Cache.TryGetValue((app, "api", region), out var cached)) return cached;
        var (_, key) = await RecordSamples.NewApiClientAsync(app, region, $"matrix key {region}", app.AllApiScopes);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return Cache[(app, "api", region)] = new Viewer($"api key of {region}", "api-client", client, null);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url) => _client.SendAsync(new HttpRequestMessage(method, url));

    public Task<HttpResponseMessage> PostAsync(string url) =>
        _client.PostAsync(url, new FormUrlEncodedContent(_token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = _token }));
}

public sealed class AccessMatrixOnSqlite(SqliteApp app) : AccessMatrixTests(app), IClassFixture<SqliteApp>;
public sealed class AccessMatrixOnPostgres(PostgresApp app) : AccessMatrixTests(app), IClassFixture<PostgresApp>;
