using System.Net;
using Qualis.Features.Supervision.Items;
using Qualis.Features.Supervision.Plans;
using Qualis.Tests.Platform.Web;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// The ordinary items' cap (Supervision:OrdinaryItemCapPercent, 20% by default) is said on the field when an item or a
/// batch of ordinary items is saved above it, instead of biting silently at draw time (3 targets became 1); a key item
/// or a batch with one is not capped.
/// </summary>
public abstract class OrdinaryItemCapTests(QualisApp app)
{
    [Fact]
    public async Task An_ordinary_item_or_a_batch_of_only_ordinary_items_above_the_cap_is_refused_on_its_field()
    {
        var province = await app.SignedInAs("province");
        var code = "CAP-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var item = new Dictionary<string, string>
        {
            ["Form.Code"] = code, ["Form.Name"] = "上限测试事项", ["Form.LegalBasis"] = "《产品质量法》", ["Form.Department"] = "质量监督处",
            ["Form.ObjectType"] = "生产企业", ["Form.RatioPercent"] = "50", ["Form.Frequency"] = "每年一次", ["Form.Method"] = "抽样检验", ["Form.Active"] = "true",
        };
        var refused = await province.PostFormAsync("/Supervision/Items", item);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await refused.Content.ReadAsStringAsync()).ShouldContain("一般检查事项的抽查比例不得超过 20%");
        (await app.WithDb(db => db.Set<InspectionItem>().AnyAsync(i => i.Code == code))).ShouldBeFalse();

        item["Form.IsKey"] = "true";
        (await province.PostFormAsync("/Supervision/Items", item)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<InspectionItem>().SingleAsync(i => i.Code == code))).RatioPercent.ShouldBe(50m);

        // A Hefei batch of CJ-05 (an ordinary item) at 1%: 50% is refused on the ratio, and the batch keeps its 1%.
        var batchId = await PageForms.DrawableBatchAsync(app, "340100");
        var hefei = await app.SignedInAs("hefei");
        var page = $"/Supervision/Plans/Batch/{batchId}";
        var batch = new Dictionary<string, string> { ["Form.Name"] = "上限测试批次", ["Form.Items"] = "CJ-05", ["Form.Ratio"] = "50", ["Form.TeamSize"] = "2" };
        var over = await hefei.PostFormAsync(page, batch);
        over.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await over.Content.ReadAsStringAsync()).ShouldContain("所选均为一般检查事项，抽取比例不得超过 20%");
        (await app.WithDb(db => db.Set<PlanBatch>().SingleAsync(b => b.Id == batchId))).Settings.RatioPercent.ShouldBe(1m);

        batch["Form.Ratio"] = "20";
        (await hefei.PostFormAsync(page, batch)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the cap itself is allowed");
        batch["Form.Items"] = "CJ-01";
        batch["Form.Ratio"] = "50";
        (await hefei.PostFormAsync(page, batch)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a key item is not capped");
        (await app.WithDb(db => db.Set<PlanBatch>().SingleAsync(b => b.Id == batchId))).Settings.RatioPercent.ShouldBe(50m);
    }
}

public sealed class OrdinaryItemCapOnSqlite(SqliteApp app) : OrdinaryItemCapTests(app), IClassFixture<SqliteApp>;

public sealed class OrdinaryItemCapOnPostgres(PostgresApp app) : OrdinaryItemCapTests(app), IClassFixture<PostgresApp>;
