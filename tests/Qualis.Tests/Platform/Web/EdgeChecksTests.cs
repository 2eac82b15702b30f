using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Platform.Web;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Web;

/// <summary>
/// The edge (<see cref="EdgeChecks"/>): every GET page and endpoint that takes query parameters, found from the running
/// application's routes, answers a NUL and an over-long search term with a 400 that names the field, never a 500; the
/// response headers (no Server, no-store on the API and downloads, HSTS and Secure cookies only over HTTPS); the Host check.
/// </summary>
public abstract class EdgeChecksTests(QualisApp app)
{
    /// <summary>The query parameters a GET route binds: a page's [BindProperty(SupportsGet)] properties and GET handlers' arguments, an endpoint's simple arguments.</summary>
    public static IReadOnlyList<(MappedRoute Route, IReadOnlyList<string> Parameters)> QueryRoutes(QualisApp app)
    {
        var byPattern = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .GroupBy(e => e.RoutePattern.RawText!).ToDictionary(g => g.Key, g => g.ToList());
        var found = new List<(MappedRoute, IReadOnlyList<string>)>();
        foreach (var route in MappedRoute.All(app).Where(r => r.Methods.Contains("GET")))
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var endpoint in byPattern[route.Pattern])
            {
                var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is { } page)
                {
                    foreach (var p in page.HandlerTypeInfo.GetProperties())
                        if (p.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true } bind) names.Add(bind.Name ?? p.Name);
                    foreach (var h in page.HandlerMethods.Where(h => h.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase)))
                        foreach (var p in h.Parameters.Where(p => Simple(p.ParameterType) && !routeValues.Contains(p.Name))) names.Add(p.Name);
                }
                else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
                    foreach (var p in method.GetParameters().Where(p => Simple(p.ParameterType) && !routeValues.Contains(p.Name!))) names.Add(p.Name!);
            }
            if (names.Count > 0) found.Add((route, names.Order(StringComparer.Ordinal).ToList()));
        }
        return found;
    }

    private static bool Simple(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(string) || t.IsPrimitive || t.IsEnum || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(decimal);
    }

    private async Task<HttpClient> ClientFor(MappedRoute route) => route.IsApi
        ? await ApiClientAsync()
        : await app.SignedInAs("province");

    private HttpClient? _api;
    private async Task<HttpClient> ApiClientAsync()
    {
        if (_api is not null) return _api;
        var (_, key) = await RecordSamples.NewApiClientAsync(app, "340000", "edge key " + Guid.NewGuid().ToString("N")[..6], app.AllApiScopes);
        _api = app.Anonymous();
        _api.DefaultRequestHeaders.Add("X-Api-Key", key);
        return _api;
    }

    [Fact]
    public async Task Every_get_with_query_parameters_answers_a_nul_and_an_over_long_term_with_a_named_400()
    {
        var routes = QueryRoutes(app);
        // The public search, the enterprise list and the partner API's enterprise search are among them.
        routes.Select(r => r.Route.Pattern).ShouldContain(p => p.StartsWith("Public/Results", StringComparison.Ordinal));
        routes.Select(r => r.Route.Pattern).ShouldContain(p => p.Trim('/') == "api/enterprises");
        routes.Count.ShouldBeGreaterThan(15);
        var failures = new List<string>();
        foreach (var (route, parameters) in routes)
        {
            var client = await ClientFor(route);
            var url = route.HasParameters ? route.UrlWithDummyValues() : "/" + route.Pattern.TrimStart('/');
            foreach (var name in parameters)
            {
                foreach (var (value, what) in new[] { ("a%00b", "control_characters"), (new string('质', 51), "too_long"), ("%7F", "control_characters") })
                {
                    if (what == "too_long" && !EdgeChecks.SearchParameters.Contains(name)) continue;
                    var response = await client.GetAsync($"{url}?{name}={(what == "too_long" ? Uri.EscapeDataString(value) : value)}");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.BadRequest) failures.Add($"{url}?{name} ({what}): {(int)response.StatusCode}");
                    else if (what == "too_long" && !body.Contains("50")) failures.Add($"{url}?{name}: the 400 does not give the bound");
                    else if (!body.Contains(route.IsApi ? "\"parameter\":\"" + name + "\"" : "error-detail")) failures.Add($"{url}?{name}: the 400 does not name the field");
                }
            }
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_page_names_the_field_in_the_readers_language_and_a_term_at_the_bound_is_searched()
    {
        var anonymous = app.Anonymous();
        var tooLong = await anonymous.GetAsync("/Public/Results?enterprise=" + Uri.EscapeDataString(new string('质', 51)));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync());
        html.ShouldContain("查询条件“企业”不能超过 50 个字符");
        (await anonymous.GetAsync("/Public/Results?enterprise=" + Uri.EscapeDataString(new string('质', 50)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var nul = await anonymous.GetAsync("/Public/Results?enterprise=%00");
        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await nul.Content.ReadAsStringAsync()).ShouldContain("查询条件“企业”含有不可见的控制字符");
        // A NUL in a path segment (a credit code looked up by the API) is refused too.
        var api = await ApiClientAsync();
        var path = await api.GetAsync("/api/enterprises/91340100%00");
        // (Kestrel itself refuses a NUL in the path before the application sees it.)
        path.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task No_server_header_and_no_store_on_the_api_and_on_downloads_and_no_hsts_over_plain_http()
    {
        var province = await app.SignedInAs("province");
        var api = await ApiClientAsync();
        foreach (var response in new[]
                 {
                     await app.Anonymous().GetAsync("/Account/Login"),
                     await api.GetAsync("/api/regions"),
                     await province.GetAsync("/Departments?handler=Export&format=csv"),
                 })
        {
            response.Headers.Contains("Server").ShouldBeFalse(response.RequestMessage!.RequestUri!.ToString());
            response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        }
        var json = await api.GetAsync("/api/regions");
        json.Headers.CacheControl?.NoStore.ShouldBe(true, (int)json.StatusCode + "\n" + json.Headers + json.Content.Headers);
        var export = await app.Anonymous().GetAsync("/Public/Results?handler=Export&format=xlsx");
        export.StatusCode.ShouldBe(HttpStatusCode.OK, export.Headers + "\n" + export.Content.Headers);
        string.Join(",", export.Content.Headers.TryGetValues("Content-Disposition", out var d) ? d : []).ShouldStartWith("attachment", Case.Sensitive, export.Headers + "\n" + export.Content.Headers);
        export.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task A_host_outside_allowed_hosts_is_refused_and_never_reflected()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/Registry/Enterprises");
        request.Headers.Host = "evil.example";
        var response = await app.Anonymous().SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (response.Headers.Location?.ToString() ?? "").ShouldNotContain("evil.example");
        app.Services.GetRequiredService<IConfiguration>()["AllowedHosts"].ShouldNotBe("*");
    }
}

public sealed class EdgeChecksOnSqlite(SqliteApp app) : EdgeChecksTests(app), IClassFixture<SqliteApp>;
public sealed class EdgeChecksOnPostgres(PostgresApp app) : EdgeChecksTests(app), IClassFixture<PostgresApp>;

/// <summary>Over HTTPS (the request says so, as it does behind a proxy that forwards the scheme): HSTS and Secure cookies.</summary>
public sealed class EdgeHeadersOverHttpsTests
{
    private static async Task<HttpResponseMessage> GetAsync(string baseAddress)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["AllowedHosts"] = "qualis.example";
        builder.WebHost.UseTestServer();
        builder.Services.AddQualisEdge(builder.Configuration);
        await using var app = builder.Build();
        app.UseEdgeHeaders();
        app.MapGet("/cookie", (HttpContext http) => { http.Response.Cookies.Append("qualis.test", "1"); return "ok"; });
        await app.StartAsync();
        var client = app.GetTestClient();
        client.BaseAddress = new Uri(baseAddress);
        return await client.GetAsync("/cookie");
    }

    [Fact]
    public async Task Https_gets_hsts_and_secure_cookies_and_http_gets_neither()
    {
        var https = await GetAsync("https://qualis.example/");
        https.Headers.Contains("Strict-Transport-Security").ShouldBeTrue(https.Headers.ToString() + https.RequestMessage!.RequestUri);
        https.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
        https.Headers.GetValues("Set-Cookie").Single().ShouldContain("secure", Case.Insensitive);

        var http = await GetAsync("http://qualis.example/");
        http.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        http.Headers.GetValues("Set-Cookie").Single().ShouldNotContain("secure", Case.Insensitive);
    }
}
