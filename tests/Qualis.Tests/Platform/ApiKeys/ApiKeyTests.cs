using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Qualis.Features.Registry;
using Qualis.Platform.ApiKeys;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.ApiKeys;

/// <summary>Partner systems' API keys: shown once, stored hashed, scoped, revocable, every use of a real key logged; refusals are problem details.</summary>
public abstract partial class ApiKeyTests(QualisApp app)
{
    [Fact]
    public async Task An_administrator_issues_a_key_that_is_shown_once_and_stored_only_as_a_hash()
    {
        var admin = await app.SignedInAs("admin");
        var response = await admin.PostFormAsync("/Admin/ApiClients?handler=Create", new()
        {
            ["Name"] = "省农业农村厅质量追溯系统", ["Department"] = "安徽省农业农村厅", ["RegionCode"] = "340000", ["Scopes"] = RegistryModule.RegionsReadScope,
        }, "/Admin/ApiClients");
        var html = await response.Content.ReadAsStringAsync();
        var key = KeyPattern().Match(html).Value;
        key.ShouldStartWith("qk_");

        var stored = await app.WithDb(db => db.Set<ApiClient>().SingleAsync(c => c.Name == "省农业农村厅质量追溯系统"));
        stored.KeyHash.ShouldNotContain(key);
        stored.KeyHash.Length.ShouldBe(64);
        (await admin.GetStringAsync("/Admin/ApiClients")).ShouldNotContain(key);

        var partner = WithKey(key);
        var regions = await partner.GetFromJsonAsync<List<RegionDto>>("/api/regions?parent=340000");
        regions!.Count.ShouldBe(16);
    }

    [Fact]
    public async Task A_key_works_only_within_its_scopes_and_its_region()
    {
        var (_, key) = await RecordSamples.NewApiClientAsync(app, "340100", "合肥市住建局系统", [RegistryModule.RegionsReadScope]);
        var partner = WithKey(key);

        (await partner.GetAsync("/api/regions/340181")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await partner.GetAsync("/api/regions/340202")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var regions = await partner.GetFromJsonAsync<List<RegionDto>>("/api/regions");
        regions!.ShouldAllBe(r => r.Code.StartsWith("3401"));

        var outOfScope = await partner.GetAsync("/api/audit/Region/340181");
        await ShouldBeProblemAsync(outOfScope, HttpStatusCode.Forbidden, "Out of scope");
    }

    [Fact]
    public async Task Unknown_malformed_and_revoked_keys_get_401_with_a_problem_body_and_each_use_of_a_real_key_is_logged()
    {
        var (client, key) = await RecordSamples.NewApiClientAsync(app, "340000", "海关系统", app.AllApiScopes);
        (await WithKey(key).GetAsync("/api/regions/340100")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var unknown = key[..^4] + "zzzz";
        await ShouldBeProblemAsync(await WithKey(unknown).GetAsync("/api/regions/340100"), HttpStatusCode.Unauthorized, "API key");
        await ShouldBeProblemAsync(await WithKey("not-a-key").GetAsync("/api/regions/340100"), HttpStatusCode.Unauthorized, "API key");

        var admin = await app.SignedInAs("admin");
        (await admin.PostFormAsync($"/Admin/ApiClients?handler=Revoke&id={client.Id}", new() { ["reason"] = "系统下线" }, "/Admin/ApiClients"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var revoked = await WithKey(key).GetAsync("/api/regions/340100");
        await ShouldBeProblemAsync(revoked, HttpStatusCode.Unauthorized, "revoked");

        // The log is written off the request, in batches (ApiKeyUseLog): wait for both uses to land.
        List<ApiKeyUse> uses = [];
        for (var i = 0; i < 100 && uses.Count < 2; i++)
        {
            if (i > 0) await Task.Delay(50);
            uses = await app.WithDb(db => db.Set<ApiKeyUse>().Where(u => u.KeyPrefix == client.KeyPrefix).OrderBy(u => u.At).ToListAsync());
        }
        // A forged key with the real prefix is counted per address (ApiCallers), not logged against the client.
        uses.Select(u => (u.Status, u.Outcome)).ShouldBe([(200, "ok"), (401, "revoked-key")]);
        uses.ShouldAllBe(u => u.Path == "/api/regions/340100" && u.Method == "GET");
        (await admin.GetStringAsync($"/Admin/ApiClients/Detail/{client.Id}")).ShouldContain("系统下线");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await app.Anonymous().GetStringAsync("/openapi/v1.json");
        doc.ShouldContain("/api/regions/{code}");
        doc.ShouldContain("/api/audit/{entityType}/{key}");
    }

    private HttpClient WithKey(string key)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string titleFragment)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain($"\"status\":{(int)status}");
        body.ShouldContain(titleFragment, Case.Insensitive);
    }

    private sealed record RegionDto(string Code, string Name, string? NameEn, string? ParentCode, int Level);

    [GeneratedRegex("qk_[a-z0-9]{8}_[a-z0-9]{32}")]
    private static partial Regex KeyPattern();
}

public sealed class ApiKeyTestsOnSqlite(SqliteApp app) : ApiKeyTests(app), IClassFixture<SqliteApp>;
public sealed class ApiKeyTestsOnPostgres(PostgresApp app) : ApiKeyTests(app), IClassFixture<PostgresApp>;
