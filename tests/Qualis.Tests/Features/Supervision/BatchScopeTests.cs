using System.Net;
using AngleSharp.Html.Parser;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Items;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Audit;
using Qualis.Tests.Platform.Web;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// Issue 13's "the draw ignores its item", through HTTP on both databases: a batch takes its scope from its items unless
/// the official chooses one (and the change is on record), a scope nothing narrows needs a confirmation, and the batch page
/// previews before the commit exactly what the commit then freezes, strata by name.
/// </summary>
public abstract class BatchScopeTests(QualisApp app)
{
    private const string Hefei = "340100";

    private static Dictionary<string, string> BatchForm(string item, string ratio = "1") =>
        new() { ["Form.Name"] = "范围测试批次", ["Form.Items"] = item, ["Form.Ratio"] = ratio, ["Form.TeamSize"] = "2", ["Form.ExcludeClosed"] = "true" };

    private Task<PlanBatch> BatchAsync(Guid id) => app.WithDb(db => db.Set<PlanBatch>().AsNoTracking().SingleAsync(b => b.Id == id));

    [Fact]
    public async Task A_batch_saved_without_a_scope_takes_its_items_and_a_change_from_it_is_on_record()
    {
        var batchId = await PageForms.DrawableBatchAsync(app, Hefei);
        var hefei = await app.SignedInAs("hefei");
        var page = $"/Supervision/Plans/Batch/{batchId}";

        // CJ-01 电线电缆: product category DX01, producers (C 制造业). Saved with no scope of its own, the batch takes them.
        (await hefei.PostFormAsync(page, BatchForm("CJ-01"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = (await BatchAsync(batchId)).Settings;
        saved.ProductCategories.ShouldBe(["DX01"]);
        saved.Industries.ShouldBe(["C"]);
        saved.WholeScopeConfirmed.ShouldBeFalse();
        var html = await hefei.GetStringAsync(page);
        new HtmlParser().ParseDocument(html).QuerySelector("#scope-change").ShouldBeNull("the items' own scope is no change");
        html.ShouldContain("DX01 ");

        // The official narrows the industries to 38 电气机械和器材制造业: it stands, and the page and the trail say what changed.
        var own = BatchForm("CJ-01");
        own["Form.Industries"] = "38";
        own["Form.ProductCategories"] = "DX01";
        (await hefei.PostFormAsync(page, own)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved = (await BatchAsync(batchId)).Settings;
        saved.Industries.ShouldBe(["38"]);
        saved.ItemIndustries.ShouldBe(["C"]);
        var change = new HtmlParser().ParseDocument(await hefei.GetStringAsync(page)).QuerySelector("#scope-change")!.TextContent;
        change.ShouldContain("增加 38 电气机械和器材制造业");
        change.ShouldContain("去掉 C 制造业");
        var trail = await app.WithDb(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityType == nameof(PlanBatch) && e.EntityKey == batchId.ToString()).OrderBy(e => e.Sequence).Select(e => e.After).ToListAsync());
        trail[^1].ShouldNotBeNull().ShouldContain("ItemIndustries");
        trail[^1]!.ShouldContain("38");
    }

    [Fact]
    public async Task A_scope_that_nothing_narrows_is_saved_only_with_its_confirmation()
    {
        // An item with neither a product category nor target industries (检查对象不限), as the province keeps it.
        var province = await app.SignedInAs("province");
        var code = "ALL-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var item = new Dictionary<string, string>
        {
            ["Form.Code"] = code, ["Form.Name"] = "不限对象事项", ["Form.LegalBasis"] = "《产品质量法》", ["Form.Department"] = "质量监督处",
            ["Form.ObjectType"] = "各类企业", ["Form.IsKey"] = "true", ["Form.RatioPercent"] = "5", ["Form.Frequency"] = "每年一次", ["Form.Method"] = "书面检查",
            ["Form.Active"] = "true", ["Form.TargetIndustries"] = "ZZ",
        };
        var unknown = await province.PostFormAsync("/Supervision/Items", item);
        unknown.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await unknown.Content.ReadAsStringAsync()).ShouldContain("行业“ZZ”不在国民经济行业分类中");
        item.Remove("Form.TargetIndustries");
        (await province.PostFormAsync("/Supervision/Items", item)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var batchId = await PageForms.DrawableBatchAsync(app, Hefei);
        var hefei = await app.SignedInAs("hefei");
        var page = $"/Supervision/Plans/Batch/{batchId}";
        var refused = await hefei.PostFormAsync(page, BatchForm(code));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var field = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync())
            .QuerySelector("#Form_WholeScopeConfirmed")!.ParentElement!.ParentElement!.QuerySelector(".text-danger")!.TextContent;
        field.ShouldContain("请选择行业或产品类别，或勾选确认不限");
        (await BatchAsync(batchId)).Settings.ItemCodes.ShouldBe(["CJ-05"], "the refused batch keeps its rules");

        var confirmed = BatchForm(code);
        confirmed["Form.WholeScopeConfirmed"] = "true";
        (await hefei.PostFormAsync(page, confirmed)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = (await BatchAsync(batchId)).Settings;
        (saved.WholeScopeConfirmed, saved.ProductCategories.Count, saved.Industries.Count).ShouldBe((true, 0, 0));
        new HtmlParser().ParseDocument(await hefei.GetStringAsync(page)).QuerySelector("#preview-scope")!.TextContent.ShouldContain("不限行业和产品类别（已确认）");

        // An item that names its target industries passes them on, and the list shows them by name.
        (await app.WithDb(db => db.Set<InspectionItem>().SingleAsync(i => i.Code == "CJ-05"))).TargetIndustries.ShouldBe("C");
        (await province.GetStringAsync("/Supervision/Items")).ShouldContain("C 制造业");
    }

    [Fact]
    public async Task The_preview_before_the_commit_shows_by_name_what_the_commit_then_freezes()
    {
        var batchId = await PageForms.DrawableBatchAsync(app, Hefei);
        var excluded = await app.WithDb(db => db.Set<Enterprise>().AsNoTracking()
            .Where(e => e.RegionPath.StartsWith("/340000/340100/") && e.Status == EnterpriseStatus.Existing).OrderBy(e => e.CreditCode).Select(e => e.CreditCode).FirstAsync());
        // An ordinary item at three a stratum: the 20% cap takes small strata down to what 20% of them gives.
        await app.WithDb(async db =>
        {
            var batch = await db.Set<PlanBatch>().SingleAsync(b => b.Id == batchId);
            batch.Settings = new BatchSettings
            {
                ItemCodes = ["CJ-05"], ByRegion = RegionStrata.County, ByCreditClass = true, RatioPercent = null, CountPerStratum = 3, TeamSize = 2,
                ExcludeInspectedWithinMonths = null, ManualExclusions = [new ManualExclusion(excluded, "正在立案调查")], WholeScopeConfirmed = true,
            };
            await db.SaveChangesAsync();
        });
        var hefei = await app.SignedInAs("hefei");
        var page = $"/Supervision/Plans/Batch/{batchId}";
        var document = new HtmlParser().ParseDocument(await hefei.GetStringAsync(page));
        var rows = document.QuerySelectorAll("#preview-strata tbody tr").Select(r => (
            Key: r.GetAttribute("data-key")!, Name: r.Children[0].TextContent.Trim(),
            Size: int.Parse(r.Children[1].TextContent), Target: int.Parse(r.Children[2].TextContent), CappedOff: int.Parse(r.Children[3].TextContent))).ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => !r.Name.Contains('|') && !r.Name.Contains("3401") && r.Name.Contains("类"), "strata by county and class name, not 340102|A");
        rows.ShouldContain(r => r.CappedOff > 0, "the cap bites somewhere at three a stratum");
        document.QuerySelector("#preview-exclusions")!.TextContent.ShouldContain("人工排除 1 家（名单 1 条）");
        document.QuerySelector("#preview-cap")!.TextContent.ShouldContain($"上限共减少 {rows.Sum(r => r.CappedOff)} 家");
        document.QuerySelector("#preview-problems").ShouldBeNull();

        var commit = await hefei.PostFormAsync(page + "?handler=Commit", Witnessing.CommitFields(), page);
        commit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var drawId = Guid.Parse(commit.Headers.Location!.ToString().Split('/')[^1]);
        var draw = await app.WithDb(db => db.Set<Draw>().AsNoTracking().SingleAsync(d => d.Id == drawId));
        var frozen = DrawParameters.FromJson(draw.Parameters).Strata;
        frozen.Select(s => (s.Key, s.Size, s.Target, s.Uncapped > 0 ? s.Uncapped - s.Target : 0))
            .ShouldBe(rows.Select(r => (r.Key, r.Size, r.Target, r.CappedOff)));
        document.QuerySelector("#preview-summary")!.TextContent.ShouldContain($"符合条件 {draw.Eligible:N0} 家 · {draw.StrataCount} 个分层 · 拟抽取 {draw.TargetCount:N0} 家");

        // Once committed the page previews nothing: what stands is the draw.
        new HtmlParser().ParseDocument(await hefei.GetStringAsync(page)).QuerySelector("#draw-preview").ShouldBeNull();
    }

    [Fact]
    public async Task A_shortfall_is_shown_before_the_commit_with_the_stratum_by_name()
    {
        var batchId = await PageForms.DrawableBatchAsync(app, Hefei);
        await app.WithDb(async db =>
        {
            var batch = await db.Set<PlanBatch>().SingleAsync(b => b.Id == batchId);
            // A key item has no cap, so fifty a county is more than small counties hold.
            batch.Settings = new BatchSettings { ItemCodes = ["CJ-01"], ProductCategories = ["DX01"], ByRegion = RegionStrata.County, RatioPercent = null, CountPerStratum = 50, TeamSize = 2 };
            await db.SaveChangesAsync();
        });
        var hefei = await app.SignedInAs("hefei");
        var document = new HtmlParser().ParseDocument(await hefei.GetStringAsync($"/Supervision/Plans/Batch/{batchId}"));
        var problems = document.QuerySelector("#preview-problems")!.TextContent;
        problems.ShouldContain("需抽取 50 家");
        problems.ShouldNotContain("|");
        var shortRow = document.QuerySelectorAll("#preview-strata tbody tr.table-danger").First();
        int.Parse(shortRow.Children[4].TextContent).ShouldBe(50 - int.Parse(shortRow.Children[1].TextContent));
        problems.ShouldContain(shortRow.Children[0].TextContent.Trim());
    }
}

public sealed class BatchScopeOnSqlite(SqliteApp app) : BatchScopeTests(app), IClassFixture<SqliteApp>;

public sealed class BatchScopeOnPostgres(PostgresApp app) : BatchScopeTests(app), IClassFixture<PostgresApp>;
