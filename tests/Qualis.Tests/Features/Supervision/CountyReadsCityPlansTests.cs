using System.Net;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// A county officer reads, and only reads, the city's sampling plan that covers the county (its enterprises are drawn and
/// checked under it): the plan in the list, its page and its batches without any button, a batch scoped to another county
/// not at all, and a forged save or commit refused with 403 and nothing changed; the city's draw likewise, with the county's
/// own targets only.
/// </summary>
public abstract class CountyReadsCityPlansTests(QualisApp app)
{
    [Fact]
    public async Task A_county_officer_reads_the_city_plan_covering_the_county_without_buttons_and_a_forged_post_is_refused()
    {
        var name = "合肥市覆盖县区计划 " + Guid.NewGuid().ToString("N")[..6];
        var plan = new SamplingPlan { Year = 2026, Name = name, RegionCode = "340100", CreatedAt = DateTime.UtcNow };
        var whole = new PlanBatch { PlanId = plan.Id, Number = 1, Name = "全市批次", CreatedAt = DateTime.UtcNow, Settings = new BatchSettings { ItemCodes = ["CJ-05"] } };
        var feidong = new PlanBatch { PlanId = plan.Id, Number = 2, Name = "肥东县批次", CreatedAt = DateTime.UtcNow, Settings = new BatchSettings { ItemCodes = ["CJ-05"], ScopeRegion = "340122" } };
        var other = new PlanBatch { PlanId = plan.Id, Number = 3, Name = "蜀山区批次", CreatedAt = DateTime.UtcNow, Settings = new BatchSettings { ItemCodes = ["CJ-05"], ScopeRegion = "340104" } };
        await app.WithDb(async db =>
        {
            var path = await db.Set<Region>().Where(r => r.Code == "340100").Select(r => r.RegionPath).SingleAsync();
            plan.RegionPath = whole.RegionPath = feidong.RegionPath = other.RegionPath = path;
            db.AddRange(plan, whole, feidong, other);
            await db.SaveChangesAsync();
        });

        var county = await app.SignedInAs("feidong");
        (await county.GetStringAsync("/Supervision/Plans")).ShouldContain(name);
        var detail = await county.GetStringAsync($"/Supervision/Plans/{plan.Id}");
        detail.ShouldContain("id=\"plan-read-only\"");
        detail.ShouldNotContain("id=\"add-batch\"");
        detail.ShouldContain("全市批次");
        detail.ShouldContain("肥东县批次");
        detail.ShouldNotContain("蜀山区批次");

        foreach (var batch in new[] { whole, feidong })
        {
            var page = await county.GetStringAsync($"/Supervision/Plans/Batch/{batch.Id}");
            page.ShouldContain("id=\"batch-read-only\"");
            page.ShouldNotContain("id=\"save-batch\"");
            page.ShouldNotContain("id=\"commit-draw\"");
        }
        (await county.GetAsync($"/Supervision/Plans/Batch/{other.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Forged posts: a save, a commit and a new batch under the city's plan.
        var before = await app.WithDb(db => db.AuditEntries.LongCountAsync());
        var url = $"/Supervision/Plans/Batch/{whole.Id}";
        (await county.PostFormAsync(url, new() { ["Form.Name"] = "县局改名", ["Form.Items"] = "CJ-05", ["Form.Ratio"] = "5", ["Form.TeamSize"] = "2" }, url))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await county.PostFormAsync(url + "?handler=Commit", [], url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var create = $"/Supervision/Plans/Batch?plan={plan.Id}";
        (await county.PostFormAsync(create, new() { ["Form.Name"] = "县局批次", ["Form.Items"] = "CJ-05", ["Form.Ratio"] = "5", ["Form.TeamSize"] = "2" }, create))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDb(db => db.AuditEntries.LongCountAsync())).ShouldBe(before);
        (await app.WithDb(db => db.Set<PlanBatch>().Where(b => b.PlanId == plan.Id).Select(b => b.Name).ToListAsync()))
            .ShouldBe(["全市批次", "肥东县批次", "蜀山区批次"], ignoreOrder: true);

        // The city's own officers still change it; another city does not see it.
        var hefei = await app.SignedInAs("hefei");
        (await hefei.GetStringAsync($"/Supervision/Plans/{plan.Id}")).ShouldContain("id=\"add-batch\"");
        (await hefei.GetStringAsync(url)).ShouldContain("id=\"save-batch\"");
        (await (await app.SignedInAs("wuhu")).GetAsync($"/Supervision/Plans/{plan.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_county_officer_reads_the_city_draw_covering_the_county_with_its_own_targets_only_and_cannot_run_or_annul_it()
    {
        // A drawn draw of Hefei whose batch covers the whole city, 肥东县 with it.
        var (draw, feidongPath) = await app.WithDb(async db =>
        {
            var hefei = await db.Set<Region>().Where(r => r.Code == "340100").Select(r => r.RegionPath).SingleAsync();
            var wholeCity = (await db.Set<PlanBatch>().Where(b => b.RegionPath == hefei).ToListAsync()).Where(b => b.Settings.ScopeRegion is null).Select(b => b.Id).ToList();
            var d = await db.Set<Qualis.Features.Supervision.Draws.Draw>().Where(d => wholeCity.Contains(d.BatchId) && d.Status == Qualis.Features.Supervision.Draws.DrawStatus.Drawn)
                .OrderBy(d => d.CommittedAt).FirstAsync();
            return (d, await db.Set<Region>().Where(r => r.Code == "340122").Select(r => r.RegionPath).SingleAsync());
        });
        var targets = await app.WithDb(db => db.Set<Qualis.Features.Supervision.Draws.DrawTarget>().Where(t => t.DrawId == draw.Id).ToListAsync());
        var own = targets.Where(t => t.RegionPath.StartsWith(feidongPath, StringComparison.Ordinal)).ToList();
        var others = targets.Except(own).ToList();
        others.ShouldNotBeEmpty();

        var county = await app.SignedInAs("feidong");
        var url = $"/Supervision/Draws/{draw.Id}";
        var page = System.Net.WebUtility.HtmlDecode(await county.GetStringAsync(url));
        page.ShouldContain("id=\"draw-read-only\"");
        page.ShouldNotContain("id=\"annul-draw\"");
        page.ShouldNotContain("id=\"print-notice\"");
        foreach (var t in own) page.ShouldContain(t.CreditCode);
        foreach (var t in others) page.ShouldNotContain(t.CreditCode);
        (await county.GetStringAsync($"/Supervision/Plans/{draw.PlanId}")).ShouldContain($"href=\"{url}\"");

        var before = await app.WithDb(db => db.AuditEntries.LongCountAsync());
        (await county.PostFormAsync(url + "?handler=Annul", new() { ["reason"] = "县局试图作废本次抽取" }, url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDb(db => db.AuditEntries.LongCountAsync())).ShouldBe(before);
        (await (await app.SignedInAs("wuhu")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class CountyReadsCityPlansOnSqlite(SqliteApp app) : CountyReadsCityPlansTests(app), IClassFixture<SqliteApp>;

public sealed class CountyReadsCityPlansOnPostgres(PostgresApp app) : CountyReadsCityPlansTests(app), IClassFixture<PostgresApp>;
