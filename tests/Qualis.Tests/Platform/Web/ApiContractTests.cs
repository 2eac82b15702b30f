using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Audit;
using Qualis.Platform.Regions;
using Qualis.Platform.Web;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Web;

/// <summary>
/// The partner API's contract (/openapi/v1.json) on both databases: what it declares, that every live answer matches it,
/// that bad query values are named problems, that lists synchronise by updatedSince, and that a client generated from
/// it by a standard generator (NSwag) compiles and works with a key.
/// </summary>
public abstract class ApiContractTests(QualisApp app) : IAsyncLifetime
{
    private JsonObject _doc = null!;
    private HttpClient _partner = null!;
    private string _key = "";
    /// <summary>A draw that left a target without a team: its unstaffed report must come through typed.</summary>
    private Draw _unstaffedDraw = null!;

    public async Task InitializeAsync()
    {
        _doc = JsonNode.Parse(await app.Anonymous().GetStringAsync(ApiDocument.DocumentPath))!.AsObject();
        (_, _key) = await RecordSamples.NewApiClientAsync(app, "340000", $"契约测试 {Guid.NewGuid():N}"[..16], app.AllApiScopes);
        _partner = app.Anonymous();
        _partner.DefaultRequestHeaders.Add("X-Api-Key", _key);
        _unstaffedDraw = await AddUnstaffedDrawAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        from path in _doc["paths"]!.AsObject()
        from op in path.Value!.AsObject()
        select (path.Key, op.Key, op.Value!.AsObject());

    private static IEnumerable<JsonObject> Parameters(JsonObject op) => op["parameters"]?.AsArray().Select(p => p!.AsObject()) ?? [];

    private static bool IsList(JsonObject op) => Parameters(op).Any(p => (string?)p["name"] == "pageSize") || (string?)op["operationId"] is "ListRegions" or "RecordHistory";

    [Fact]
    public void The_document_declares_the_key_scheme_and_every_operation_its_texts_problems_and_page_limits()
    {
        var scheme = _doc["components"]!["securitySchemes"]![ApiDocument.SecuritySchemeName]!;
        ((string?)scheme["type"], (string?)scheme["in"], (string?)scheme["name"]).ShouldBe(("apiKey", "header", "X-Api-Key"));
        var operations = Operations().ToList();
        operations.Count.ShouldBeGreaterThanOrEqualTo(12);
        foreach (var (path, method, op) in operations)
        {
            var name = $"{method} {path}";
            ((string?)op["summary"]).ShouldNotBeNullOrWhiteSpace(name);
            ((string?)op["description"]).ShouldNotBeNullOrWhiteSpace(name);
            op["security"]!.AsArray().ShouldContain(r => r!.AsObject().ContainsKey(ApiDocument.SecuritySchemeName), name);
            foreach (var status in new[] { "400", "401", "403", "404", "429" })
                op["responses"]![status]?["content"]?["application/problem+json"]?["schema"].ShouldNotBeNull($"{name} {status}");
            var pageSize = Parameters(op).FirstOrDefault(p => (string?)p["name"] == "pageSize");
            if (pageSize is not null)
            {
                ((int)pageSize["schema"]!["minimum"]!, (int)pageSize["schema"]!["maximum"]!).ShouldBe((1, ApiDocument.MaxPageSize), name);
                ((string?)pageSize["description"] ?? "").ShouldContain("500");
                ((int)Parameters(op).Single(p => (string?)p["name"] == "page")["schema"]!["minimum"]!).ShouldBe(1, name);
            }
            if (IsList(op))
                Parameters(op).ShouldContain(p => (string?)p["name"] == "updatedSince" && (string?)p["schema"]!["format"] == "date-time", name);
        }
        var text = _doc.ToJsonString();
        text.ShouldNotContain("\"pattern\":\"^-?(?:0|[1-9]\\\\d*)$\"", customMessage: "numbers are numbers, not integer-or-string");
        // Every schema says what it holds: no empty schema (an untyped JsonElement) and every enum a string of names.
        foreach (var (name, schema) in _doc["components"]!["schemas"]!.AsObject())
        {
            schema!.AsObject().Count.ShouldBeGreaterThan(0, name);
            if (schema["enum"] is { } values)
            {
                ((string?)schema["type"]).ShouldBe("string", name);
                values.AsArray().ShouldAllBe(v => v != null && v.GetValueKind() == JsonValueKind.String);
            }
        }
        foreach (var property in Schemas().SelectMany(s => s["properties"]?.AsObject() ?? []))
            property.Value!.AsObject().Count.ShouldBeGreaterThan(0, property.Key);
        foreach (var (type, property) in new[] { ("EnterpriseRow", "size"), ("CheckRow", "status"), ("DrawDto", "status"), ("ResultRow", "result"), ("WitnessDto", "role") })
            _doc["components"]!["schemas"]![type]!["properties"]![property]!["enum"].ShouldNotBeNull($"{type}.{property} lists its values");
        _doc["components"]!["schemas"]!["DrawDto"]!["properties"]!["unstaffed"]!.ToJsonString().ShouldContain("UnstaffedRow");
        _doc["components"]!["schemas"]!["BatchDto"]!["properties"]!["settings"]!.ToJsonString().ShouldContain("BatchSettings");
        _doc["components"]!["schemas"]!["DrawDto"]!["properties"]!["witnesses"]!.ToJsonString().ShouldContain("WitnessesDto");
    }

    private IEnumerable<JsonObject> Schemas() => _doc["components"]!["schemas"]!.AsObject().Select(s => s.Value!.AsObject());

    [Fact]
    public async Task Every_operation_answers_a_body_that_validates_against_its_schema()
    {
        var lists = new Dictionary<string, JsonNode>();
        async Task<JsonNode> Get(string operationId, string url)
        {
            var (path, _, op) = Operations().Single(o => (string?)o.Operation["operationId"] == operationId);
            var response = await _partner.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: {body}");
            ShouldMatch(op["responses"]!["200"]!["content"]!["application/json"]!["schema"]!, body, url);
            return JsonNode.Parse(body)!;
        }

        var order = new (string OperationId, Func<Task<string>> Url)[]
        {
            ("ListRegions", () => Task.FromResult("/api/regions")),
            ("GetRegion", () => Task.FromResult("/api/regions/340100")),
            ("ListEnterprises", () => Task.FromResult("/api/enterprises?pageSize=100")),
            ("GetEnterprise", () => Task.FromResult("/api/enterprises/" + (string)lists["ListEnterprises"]["items"]![0]!["creditCode"]!)),
            ("ListPlans", () => Task.FromResult("/api/supervision/plans?pageSize=500")),
            ("GetPlan", () => Task.FromResult("/api/supervision/plans/" + (string)lists["ListPlans"]["items"]![0]!["id"]!)),
            ("ListDraws", () => Task.FromResult("/api/supervision/draws?pageSize=500")),
            ("GetDraw", () => Task.FromResult("/api/supervision/draws/" + (string)lists["ListDraws"]["items"]![0]!["id"]!)),
            ("ListSpotChecks", () => Task.FromResult("/api/supervision/checks?pageSize=500")),
            ("GetSpotCheck", () => Task.FromResult("/api/supervision/checks/" + (string)lists["ListSpotChecks"]["items"]![0]!["id"]!)),
            ("ListResults", () => Task.FromResult("/api/supervision/results?pageSize=500")),
            ("RecordHistory", () => Task.FromResult($"/api/audit/Draw/{_unstaffedDraw.Id}")),
        };
        Operations().Select(o => (string)o.Operation["operationId"]!).ShouldBe(order.Select(o => o.OperationId), ignoreOrder: true,
            "every operation of the document is fetched here: add a new one to this list");
        foreach (var (operationId, url) in order) lists[operationId] = await Get(operationId, await url());

        // The data the lists carry: the demo's plans, drawn draws with their seeds, checks with results, and a draw that
        // could not staff a target, whose report is typed.
        lists["ListDraws"]["items"]!.AsArray().ShouldContain(d => (string?)d!["seed"] != null);
        lists["ListDraws"]["items"]!.AsArray().ShouldContain(d => d!["witnesses"] != null && (string?)d["witnesses"]!["fileSha256"] != null, "the demo's witnessed draws");
        lists["ListResults"]["items"]!.AsArray().Count.ShouldBeGreaterThan(0);
        var unstaffed = (await Get("GetDraw", $"/api/supervision/draws/{_unstaffedDraw.Id}"))["draw"]!["unstaffed"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)unstaffed["CreditCode"], (int)unstaffed["Required"]!, (int)unstaffed["LinkedUnit"]!).ShouldBe(("91340100MA2TEST001", 2, 3));

        // The validator refuses what the document does not allow: a number sent as text, a name outside an enum.
        var drawSchema = _doc["paths"]!["/api/supervision/draws/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var tampered = (await Get("GetDraw", $"/api/supervision/draws/{_unstaffedDraw.Id}")).AsObject();
        tampered["draw"]!["number"] = "1";
        Evaluate(drawSchema, tampered.ToJsonString()).Valid.ShouldBeFalse();
        tampered["draw"]!["number"] = 1;
        tampered["draw"]!["status"] = "Finished";
        Evaluate(drawSchema, tampered.ToJsonString()).Valid.ShouldBeFalse();

        // The problems are those the document describes.
        var problem = await _partner.GetAsync("/api/supervision/draws/" + Guid.NewGuid());
        problem.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ShouldMatch(_doc["paths"]!["/api/supervision/draws/{id}"]!["get"]!["responses"]!["404"]!["content"]!["application/problem+json"]!["schema"]!,
            await problem.Content.ReadAsStringAsync(), "404");
        var refused = await app.Anonymous().GetAsync("/api/regions");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ShouldMatch(_doc["paths"]!["/api/regions"]!["get"]!["responses"]!["401"]!["content"]!["application/problem+json"]!["schema"]!,
            await refused.Content.ReadAsStringAsync(), "401");
    }

    /// <summary>Validates a body against a schema of the document (JSON Schema 2020-12, formats checked).</summary>
    private void ShouldMatch(JsonNode schema, string body, string what)
    {
        var (valid, errors) = Evaluate(schema, body);
        valid.ShouldBeTrue($"{what} does not match its schema: {errors}");
    }

    private (bool Valid, string Errors) Evaluate(JsonNode schema, string body)
    {
        var root = schema.DeepClone().AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _doc["components"]!["schemas"]!.DeepClone();
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/");
        var compiled = JsonSchema.FromText(text, new BuildOptions(), new Uri($"https://qualis.test/{Guid.NewGuid():N}"));
        using var instance = JsonDocument.Parse(body);
        var result = compiled.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors!.Values)}").Take(10);
        return (result.IsValid, string.Join(" | ", errors));
    }

    [Fact]
    public async Task The_reference_page_is_open_to_anyone_and_linked_from_the_public_index()
    {
        var anonymous = app.Anonymous();
        var index = await anonymous.GetStringAsync("/Public");
        index.ShouldContain($"href=\"{ApiDocument.ReferencePath}\"");
        index.ShouldContain($"href=\"{ApiDocument.DocumentPath}\"");
        var page = await anonymous.GetAsync(ApiDocument.ReferencePath + "/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("openapi/v1.json");
        html.ShouldContain("ApiKey", customMessage: "the page offers the key scheme for trying calls");
        (await anonymous.GetAsync(ApiDocument.ReferencePath + "/scalar.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Only this page may run inline script; the others keep the strict policy.
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self' 'unsafe-inline'");
        (await anonymous.GetAsync("/Public")).Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self';");
    }

    [Fact]
    public async Task A_query_value_that_cannot_be_read_is_a_400_problem_naming_the_parameter()
    {
        var cases = new List<(string Url, string Parameter)>
        {
            ("/api/supervision/checks?status=drawn", "status"),
            ("/api/supervision/results?from=yesterday", "from"),
            ("/api/supervision/draws?plan=not-a-uuid", "plan"),
            ("/api/enterprises?exactCount=maybe", "exactCount"),
            ("/api/enterprises?updatedSince=2026-12-01", "updatedSince"),
        };
        foreach (var (path, _, op) in Operations().Where(o => IsList(o.Operation)))
        {
            cases.Add((path.Replace("{entityType}", "Region").Replace("{key}", "340100") + "?updatedSince=notadate", "updatedSince"));
            if (Parameters(op).Any(p => (string?)p["name"] == "page")) cases.Add((path + "?page=abc", "page"));
        }
        foreach (var (url, parameter) in cases)
        {
            var response = await _partner.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", url);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("errors").TryGetProperty(parameter, out var messages).ShouldBeTrue(url);
            messages[0].GetString()!.ShouldContain($"\"{parameter}\"", customMessage: url);
            problem.GetProperty("detail").GetString()!.ShouldContain("expected", customMessage: url);
        }
    }

    [Fact]
    public async Task Lists_keep_what_changed_since_an_instant()
    {
        var before = await app.WithDb(db => db.Set<Enterprise>().OrderBy(e => e.CreditCode).Select(e => e.CreditCode).Take(3).ToListAsync());
        var oldDraw = await app.WithDb(db => db.Set<Draw>().Where(d => d.Id != _unstaffedDraw.Id).Select(d => d.Id).FirstAsync());
        var since = DateTime.UtcNow;
        await Task.Delay(20);
        await app.WithDb(async db =>
        {
            var firm = await db.Set<Enterprise>().SingleAsync(e => e.CreditCode == before[0]);
            firm.LegalRepresentative = "增量同步测试";
            firm.UpdatedAt = DateTime.UtcNow;
            var later = await db.Set<Enterprise>().SingleAsync(e => e.CreditCode == before[2]);
            later.LegalRepresentative = "增量同步测试";
            later.UpdatedAt = firm.UpdatedAt.AddSeconds(1);
            var region = await db.Set<Region>().SingleAsync(r => r.Code == "340181");
            region.NameEn = "Chaohu " + Guid.NewGuid().ToString("N")[..4];
            await db.SaveChangesAsync();
        });
        var draw = await AddUnstaffedDrawAsync();
        var instant = Uri.EscapeDataString(since.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture));

        var firms = await _partner.GetFromJsonAsync<JsonElement>($"/api/enterprises?pageSize=500&updatedSince={instant}");
        var codes = firms.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()!).ToList();
        codes.Where(c => before.Contains(c)).ShouldBe([before[0], before[2]], "the changes in their order, the oldest first");
        codes.ShouldNotContain(before[1]);
        var all = await _partner.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=1&exactCount=true");
        firms.GetProperty("total").GetInt32().ShouldBeLessThan(all.GetProperty("total").GetInt32());

        var regions = (await _partner.GetFromJsonAsync<JsonElement>($"/api/regions?updatedSince={instant}")).EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        regions.ShouldContain("340181");
        regions.ShouldNotContain("340100");

        var draws = (await _partner.GetFromJsonAsync<JsonElement>($"/api/supervision/draws?updatedSince={instant}")).GetProperty("items").EnumerateArray()
            .Select(d => d.GetProperty("id").GetGuid()).ToList();
        draws.ShouldContain(draw.Id);
        draws.ShouldNotContain(oldDraw);
        (await _partner.GetFromJsonAsync<JsonElement>($"/api/supervision/checks?updatedSince={instant}")).GetProperty("total").GetInt32().ShouldBe(0);
        (await _partner.GetFromJsonAsync<JsonElement>($"/api/supervision/plans?updatedSince={instant}")).GetProperty("total").GetInt32().ShouldBe(0);
        (await _partner.GetFromJsonAsync<JsonElement>($"/api/supervision/draws?updatedSince=2000-01-01T00:00:00Z")).GetProperty("total").GetInt32().ShouldBeGreaterThan(draws.Count);
        // An instant whose + came unencoded (a space) is still read with its offset.
        (await _partner.GetAsync($"/api/regions?updatedSince=2000-01-01T08:00:00 08:00")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_generated_by_NSwag_from_the_document_compiles_and_calls_the_platform_with_a_key()
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(_doc.ToJsonString());
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "QualisClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            UseBaseUrl = true,
            GenerateClientInterfaces = false,
        };
        settings.CSharpGeneratorSettings.Namespace = "Partner.Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Partner.Generated", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));

        var context = new AssemblyLoadContext("generated-client", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var type = assembly.GetType("Partner.Generated.QualisClient")!;
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Add("X-Api-Key", _key);
            // NSwag takes the base address from the document's server (this platform) and the caller's HttpClient with its key.
            var client = Activator.CreateInstance(type, http)!;
            type.GetProperty("BaseUrl")!.SetValue(client, app.BaseAddress.ToString());

            var regions = (System.Collections.IEnumerable)(await CallAsync(client, "ListRegionsAsync", new() { ["parent"] = "340000" }))!;
            regions.Cast<object>().Select(r => (string)Property(r, "Code")!).Order().ShouldBe(await app.WithDb(db =>
                db.Set<Region>().Where(r => r.ParentCode == "340000").OrderBy(r => r.Code).Select(r => r.Code).ToListAsync()));

            var expected = await app.WithDb(db => db.Set<Enterprise>().Where(e => e.Size != null).OrderBy(e => e.CreditCode).Select(e => new { e.CreditCode, e.Name, e.Size }).FirstAsync());
            var firm = (await CallAsync(client, "GetEnterpriseAsync", new() { ["code"] = expected.CreditCode }))!;
            ((string)Property(firm, "Name")!).ShouldBe(expected.Name);
            Property(firm, "Size")!.ToString().ShouldBe(expected.Size!.Value.ToString(), "an enum of the document is an enum of the client");

            // The unstaffed report, which an untyped document made generated clients drop, comes through.
            var detail = (await CallAsync(client, "GetDrawAsync", new() { ["id"] = _unstaffedDraw.Id }))!;
            var unstaffed = ((System.Collections.IEnumerable)Property(Property(detail, "Draw")!, "Unstaffed")!).Cast<object>().ShouldHaveSingleItem();
            ((string)Property(unstaffed, "CreditCode")!).ShouldBe("91340100MA2TEST001");
        }
        finally
        {
            context.Unload();
        }
    }

    private static object? Property(object target, string name) =>
        (target.GetType().GetProperty(name) ?? throw new InvalidOperationException($"{target.GetType().Name} has no {name}")).GetValue(target);

    /// <summary>Calls a generated operation by name, the given arguments by parameter name and the others left out.</summary>
    private static async Task<object?> CallAsync(object client, string method, Dictionary<string, object?> arguments)
    {
        var info = client.GetType().GetMethods().Single(m => m.Name == method && m.GetParameters().All(p => p.ParameterType != typeof(CancellationToken)));
        var values = info.GetParameters().Select(p => arguments.TryGetValue(p.Name!, out var v) ? v : p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
        var task = (Task)info.Invoke(client, values)!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }

    /// <summary>A drawn draw in Hefei whose inspectors could not staff one target (as DrawService stores the report).</summary>
    private async Task<Draw> AddUnstaffedDrawAsync()
    {
        var seed = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var draw = new Draw
        {
            BatchId = Guid.CreateVersion7(), PlanId = Guid.CreateVersion7(), Number = 1, Status = DrawStatus.Drawn,
            Commitment = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(seed))),
            SnapshotHash = new string('s', 64), InputsHash = new string('i', 64), Parameters = new DrawParameters { Batch = "契约测试批次", Strata = [new("340100", 10, 1)] }.ToJson(),
            Seed = seed, CommittedAt = DateTime.UtcNow.AddMinutes(-1), DrawnAt = DateTime.UtcNow, CommittedBy = "hefei", DrawnBy = "hefei", Eligible = 10, StrataCount = 1, TargetCount = 1,
            Unstaffed = JsonSerializer.Serialize(new[] { new { CreditCode = "91340100MA2TEST001", Required = 2, Eligible = 1, PoolSize = 4, LinkedUnit = 3, DeclaredConflict = 0, LastInspection = 0, OwnCounty = 0 } }),
        };
        await app.WithDb(async db =>
        {
            draw.RegionPath = await db.Set<Region>().Where(r => r.Code == "340100").Select(r => r.RegionPath).SingleAsync();
            db.Add(draw);
            await db.SaveChangesAsync();
        });
        return draw;
    }
}

public sealed class ApiContractOnSqlite(SqliteApp app) : ApiContractTests(app), IClassFixture<SqliteApp>;
public sealed class ApiContractOnPostgres(PostgresApp app) : ApiContractTests(app), IClassFixture<PostgresApp>;
