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
    private static readonly string[] PublicPatterns = ["/health", "/openapi/", "Account/Login", "Account/AccessDenied", "Account/Language", "Error", "Public"];

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
                if (mine.StatusCode != HttpStatusCode.OK && viewer.Role != Roles.EnterpriseUser)
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
