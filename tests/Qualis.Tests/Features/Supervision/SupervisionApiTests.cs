using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Qualis.Features.Supervision;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Regions;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Supervision;

/// <summary>/api/supervision on both databases: the scope, the area, the filters, and what a draw publishes when.</summary>
public abstract class SupervisionApiTests(QualisApp app) : IAsyncLifetime
{
    private SpotCheckResults _data = null!;

    public async Task InitializeAsync() => _data = await SpotCheckResults.EnsureAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> PartnerAsync(string region, params string[] scopes)
    {
        var (_, key) = await RecordSamples.NewApiClientAsync(app, region, $"协作系统 {region} {Guid.NewGuid():N}"[..20], scopes);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string url)
    {
        response.StatusCode.ShouldBe(status, url);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", url);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().ShouldBe((int)status, url);
    }

    private static List<string> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("enterpriseName").GetString()!.Replace(SpotCheckResults.Tag + "有限公司", "")).ToList();

    [Fact]
    public async Task A_key_needs_the_supervision_scope()
    {
        var without = await PartnerAsync("340100", Qualis.Features.Registry.RegistryModule.EnterprisesReadScope);
        var (revokedClient, revokedKey) = await RecordSamples.NewApiClientAsync(app, "340100", "已停用的协作系统", [SupervisionModule.ReadScope]);
        await app.WithDb(async db =>
        {
            var client = await db.Set<ApiClient>().SingleAsync(c => c.Id == revokedClient.Id);
            (client.RevokedAt, client.RevokedReason) = (DateTime.UtcNow, "系统下线");
            await db.SaveChangesAsync();
        });
        var revoked = app.Anonymous();
        revoked.DefaultRequestHeaders.Add("X-Api-Key", revokedKey);
        var unknown = app.Anonymous();
        unknown.DefaultRequestHeaders.Add("X-Api-Key", "qk_abcdefgh_" + new string('x', 32));
        foreach (var url in new[] { "/api/supervision/plans", "/api/supervision/draws", "/api/supervision/checks", "/api/supervision/results" })
        {
            await ShouldBeProblemAsync(await without.GetAsync(url), HttpStatusCode.Forbidden, url);
            await ShouldBeProblemAsync(await app.Anonymous().GetAsync(url), HttpStatusCode.Unauthorized, url);
            await ShouldBeProblemAsync(await unknown.GetAsync(url), HttpStatusCode.Unauthorized, url);
            await ShouldBeProblemAsync(await revoked.GetAsync(url), HttpStatusCode.Unauthorized, url);
        }
        var with = await PartnerAsync("340100", SupervisionModule.ReadScope);
        (await with.GetAsync("/api/supervision/results")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var official = await app.SignedInAs("hefei");
        (await official.GetAsync("/api/supervision/results")).StatusCode.ShouldBe(HttpStatusCode.OK, "officials signed in use it without a key");
        (await (await app.SignedInAs("inspector")).GetAsync("/api/supervision/results")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Results_are_final_within_the_area_and_filtered()
    {
        var hefei = await PartnerAsync("340100", SupervisionModule.ReadScope);
        const string year = "&from=2024-01-01&to=2024-12-31";
        var all = await JsonAsync(hefei, "/api/supervision/results?pageSize=500" + year);
        all.GetProperty("total").GetInt32().ShouldBe(6);
        Names(all).ShouldBe(["FeidongPass", "FeidongFail", "Retested", "ShushanPass", "Corrected", "Tested"], ignoreOrder: true);

        Names(await JsonAsync(hefei, "/api/supervision/results?region=340122" + year)).ShouldBe(["FeidongPass", "FeidongFail", "Retested"], ignoreOrder: true);
        Names(await JsonAsync(hefei, "/api/supervision/results?result=Fail" + year)).ShouldBe(["FeidongFail", "Corrected"], ignoreOrder: true);
        Names(await JsonAsync(hefei, "/api/supervision/results?category=DX&to=2025-12-31")).ShouldBe(["FeidongPass", "FeidongFail", "Retested", "ShushanPass", "Earlier"], ignoreOrder: true);
        Names(await JsonAsync(hefei, "/api/supervision/results?industry=24" + year)).ShouldBe(["Corrected", "Tested"], ignoreOrder: true);
        // From 2019: the demo's own published results of 2018 (the province's checks) are not this test's.
        Names(await JsonAsync(hefei, "/api/supervision/results?published=true&from=2019-01-01&to=2025-12-31")).ShouldBe(["FeidongPass", "FeidongFail", "Retested", "Corrected"], ignoreOrder: true);
        Names(await JsonAsync(hefei, "/api/supervision/results?q=Shushan")).ShouldBe(["ShushanPass"]);
        Names(await JsonAsync(hefei, "/api/supervision/results?region=340202")).ShouldBeEmpty("a region outside the area matches nothing");

        var retested = (await JsonAsync(hefei, "/api/supervision/results?q=Retested")).GetProperty("items")[0];
        retested.GetProperty("result").GetString().ShouldBe("Pass");
        retested.GetProperty("retested").GetBoolean().ShouldBeTrue();
        retested.GetProperty("failures").GetArrayLength().ShouldBe(0);

        var province = await PartnerAsync("340000", SupervisionModule.ReadScope);
        var wuhuFail = (await JsonAsync(province, "/api/supervision/results?q=WuhuFail")).GetProperty("items")[0];
        wuhuFail.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("item").GetString()).ShouldBe(["泄漏电流"], "the re-test's failures stand");

        var page1 = await JsonAsync(hefei, "/api/supervision/results?pageSize=4&page=1" + year);
        var page2 = await JsonAsync(hefei, "/api/supervision/results?pageSize=4&page=2" + year);
        (Names(page1).Count, Names(page2).Count).ShouldBe((4, 2));
        Names(page1).Intersect(Names(page2)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_check_outside_the_area_is_not_found()
    {
        var hefei = await PartnerAsync("340100", SupervisionModule.ReadScope);
        var wuhuCheck = _data["WuhuPass"].Id;
        (await hefei.GetAsync($"/api/supervision/checks/{wuhuCheck}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var province = await PartnerAsync("340000", SupervisionModule.ReadScope);
        var check = await JsonAsync(province, $"/api/supervision/checks/{wuhuCheck}");
        check.GetProperty("check").GetProperty("regionCode").GetString().ShouldBe("340202");

        var corrected = await JsonAsync(hefei, $"/api/supervision/checks/{_data["Corrected"].Id}");
        corrected.GetProperty("check").GetProperty("finalResult").GetString().ShouldBe("Fail");
        corrected.GetProperty("samplers").GetArrayLength().ShouldBe(2);
        corrected.GetProperty("failures")[0].GetProperty("item").GetString().ShouldBe("小零件");
        corrected.GetProperty("corrections").GetArrayLength().ShouldBe(2);
        var retested = (await hefei.GetStringAsync($"/api/supervision/checks/{_data["Retested"].Id}"));
        retested.ShouldNotContain("检验方法有误", Case.Sensitive, "the objection's text stays on the platform");
        retested.ShouldContain("\"decision\":\"RetestGranted\"");

        var feidong = await app.SignedInAs("feidong");
        (await feidong.GetAsync($"/api/supervision/checks/{_data["Corrected"].Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "Shushan is outside Feidong");
        var own = await JsonAsync(feidong, "/api/supervision/checks?pageSize=500");
        own.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("regionCode").GetString() == "340122");
    }

    [Fact]
    public async Task Checks_filter_by_status_region_and_draw()
    {
        var hefei = await PartnerAsync("340100", SupervisionModule.ReadScope);
        Names(await JsonAsync(hefei, $"/api/supervision/checks?q={SpotCheckResults.Tag}&status=Tested")).ShouldBe(["Tested"]);
        Names(await JsonAsync(hefei, $"/api/supervision/checks?q={SpotCheckResults.Tag}&status=ToSample")).ShouldBe(["NoResult"]);
        Names(await JsonAsync(hefei, $"/api/supervision/checks?draw={_data["Earlier"].DrawId}")).ShouldBe(["Earlier"]);
        (await hefei.GetAsync("/api/supervision/checks?status=Lost")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Plans_and_draws_show_what_is_published_and_the_seed_once_drawn()
    {
        var hefei = await PartnerAsync("340100", SupervisionModule.ReadScope);
        var plans = await JsonAsync(hefei, "/api/supervision/plans?year=2026");
        var plan = plans.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "合肥市 2026 年双随机抽查计划");
        var batch = plan.GetProperty("batches").EnumerateArray().ShouldHaveSingleItem();
        batch.GetProperty("settings").GetProperty("ItemCodes")[0].GetString().ShouldBe("CJ-01");
        batch.GetProperty("settings").GetProperty("ByRegion").GetString().ShouldBe("County");
        var planId = plan.GetProperty("id").GetString();
        (await JsonAsync(hefei, $"/api/supervision/plans/{planId}")).GetProperty("batches").GetArrayLength().ShouldBe(1);

        var draws = await JsonAsync(hefei, $"/api/supervision/draws?plan={planId}");
        var summary = draws.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        summary.GetProperty("status").GetString().ShouldBe("Drawn");
        var seed = summary.GetProperty("seed").GetString()!;
        Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(seed))).ShouldBe(summary.GetProperty("commitment").GetString(), "the revealed seed matches the commitment");
        summary.GetProperty("snapshotHash").GetString()!.Length.ShouldBe(64);
        summary.GetProperty("parameters").GetProperty("strata").GetArrayLength().ShouldBeGreaterThan(0);
        summary.ToString().ShouldNotContain("sealedSeed", Case.Insensitive);

        var drawId = summary.GetProperty("id").GetString();
        var detail = await JsonAsync(hefei, $"/api/supervision/draws/{drawId}");
        var targets = detail.GetProperty("targets").EnumerateArray().ToList();
        targets.Count.ShouldBe(summary.GetProperty("targetCount").GetInt32());
        targets.ShouldAllBe(t => t.GetProperty("regionCode").GetString()!.StartsWith("3401"));
        targets.Where(t => t.GetProperty("team").GetArrayLength() > 0).ShouldAllBe(t => t.GetProperty("team").GetArrayLength() >= 2);
        targets.SelectMany(t => t.GetProperty("team").EnumerateArray()).ShouldAllBe(m => m.GetProperty("name").GetString()!.Length > 0);
        (await JsonAsync(hefei, $"/api/supervision/checks?draw={drawId}&pageSize=1")).GetProperty("total").GetInt32().ShouldBe(targets.Count, "one spot check per target");

        var wuhu = await PartnerAsync("340200", SupervisionModule.ReadScope);
        (await wuhu.GetAsync($"/api/supervision/draws/{drawId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wuhu.GetAsync($"/api/supervision/plans/{planId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(wuhu, "/api/supervision/draws")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_committed_draw_shows_its_commitment_but_no_seed()
    {
        const string sealedSeed = "CfDJ8-sealed-seed-never-sent";
        var draw = new Draw
        {
            BatchId = Guid.CreateVersion7(), PlanId = Guid.CreateVersion7(), Number = 1, Status = DrawStatus.Committed, Commitment = new string('c', 64),
            SnapshotHash = new string('s', 64), InputsHash = new string('i', 64), Parameters = new DrawParameters { Batch = "待抽取批次" }.ToJson(),
            SealedSeed = sealedSeed, CommittedAt = DateTime.UtcNow, CommittedBy = "hefei",
        };
        await app.WithDb(async db =>
        {
            draw.RegionPath = await db.Set<Region>().Where(r => r.Code == "340100").Select(r => r.RegionPath).SingleAsync();
            db.Add(draw);
            await db.SaveChangesAsync();
        });
        var hefei = await app.SignedInAs("hefei");
        var body = await hefei.GetStringAsync($"/api/supervision/draws/{draw.Id}");
        body.ShouldNotContain(sealedSeed);
        var shown = JsonDocument.Parse(body).RootElement.GetProperty("draw");
        shown.GetProperty("status").GetString().ShouldBe("Committed");
        shown.GetProperty("commitment").GetString().ShouldBe(draw.Commitment);
        shown.GetProperty("parameters").GetProperty("batch").GetString().ShouldBe("待抽取批次");
        shown.GetProperty("seed").ValueKind.ShouldBe(JsonValueKind.Null);
        (await hefei.GetStringAsync("/api/supervision/draws?status=Committed")).ShouldNotContain(sealedSeed);
    }
}

public sealed class SupervisionApiOnSqlite(SqliteApp app) : SupervisionApiTests(app), IClassFixture<SqliteApp>;
public sealed class SupervisionApiOnPostgres(PostgresApp app) : SupervisionApiTests(app), IClassFixture<PostgresApp>;
