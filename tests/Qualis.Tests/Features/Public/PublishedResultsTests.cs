using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Tests.Features.Supervision;

namespace Qualis.Tests.Features.Public;

/// <summary>
/// The public results page (监督抽查结果公示) without signing in, on both databases: only published results, only the
/// published fields, searchable, with the failed items that stand and the corrections.
/// </summary>
public abstract class PublishedResultsTests(QualisApp app) : IAsyncLifetime
{
    private SpotCheckResults _data = null!;

    public async Task InitializeAsync() => _data = await SpotCheckResults.EnsureAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] Published = ["FeidongPass", "FeidongFail", "Retested", "Corrected", "WuhuPass", "WuhuFail"];

    private async Task<(List<string> Names, IDocument Page, string Html)> SearchAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/Public/Results?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var page = await new HtmlParser().ParseDocumentAsync(html);
        var names = page.QuerySelectorAll("#published-results tbody.published-result .enterprise-name")
            .Select(e => e.TextContent.Replace(SpotCheckResults.Tag + "有限公司", "")).ToList();
        return (names, page, html);
    }

    [Fact]
    public async Task Anyone_sees_the_published_results_and_nothing_else()
    {
        var (names, page, html) = await SearchAsync(app.Anonymous(), "enterprise=" + Uri.EscapeDataString(SpotCheckResults.Tag));
        names.ShouldBe(["WuhuFail", "Corrected", "Retested", "WuhuPass", "FeidongFail", "FeidongPass"], "newest publication first");
        foreach (var unpublished in new[] { "ShushanPass", "Tested", "Earlier", "NoResult" })
        {
            names.ShouldNotContain(unpublished);
            html.ShouldNotContain(_data[unpublished].CreditCode);
            (await app.Anonymous().GetAsync($"/Public/Results/{_data[unpublished].Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        (await app.Anonymous().GetAsync($"/Public/Results/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var row = page.QuerySelectorAll("tbody.published-result").Single(r => r.GetAttribute("data-id") == _data["FeidongFail"].Id.ToString());
        var cells = row.QuerySelector("tr")!.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        cells[0].ShouldContain(_data["FeidongFail"].CreditCode);
        cells[1].ShouldBe("合肥市 肥东县");
        cells[2].ShouldContain("DX01 样品");
        cells[2].ShouldContain("额定电压450/750V及以下聚氯乙烯绝缘电缆电线");
        (cells[3], cells[4], cells[5]).ShouldBe(("BV-2.5", "2024-01-03", "皖牌"));
        cells[6].ShouldBe("不合格");
        cells[7].ShouldBe("安徽省产品质量监督检验研究院");
        cells[8].ShouldBe("2024-03-01");
        row.QuerySelector("table.failures tbody")!.TextContent.ShouldContain("导体电阻");
        row.QuerySelector("table.failures tbody")!.TextContent.ShouldContain("3.35 Ω/km");

        // The public page is the same for everyone: an official of Wuhu sees Hefei's publications too.
        var (asWuhu, _, _) = await SearchAsync(await app.SignedInAs("wuhu"), "enterprise=" + Uri.EscapeDataString(SpotCheckResults.Tag));
        asWuhu.ShouldBe(names);
    }

    [Fact]
    public async Task No_field_that_is_not_for_publication_shows()
    {
        var anonymous = app.Anonymous();
        var pages = new List<string> { (await SearchAsync(anonymous, "enterprise=" + Uri.EscapeDataString(SpotCheckResults.Tag))).Html };
        foreach (var name in Published)
            pages.Add(await anonymous.GetStringAsync($"/Public/Results/{_data[name].Id}"));
        foreach (var html in pages)
        {
            html.ShouldNotContain(SpotCheckResults.Secret, Case.Sensitive, "samplers, sampling place, objection, decision, result author and internal corrections");
            foreach (var check in _data.Checks.Values)
            {
                html.ShouldNotContain(check.DrawId.ToString());
                html.ShouldNotContain(check.EnterpriseId.ToString());
                html.ShouldNotContain(check.AgencyId!.Value.ToString());
                html.ShouldNotContain(check.DrawTargetId.ToString());
            }
        }
    }

    [Fact]
    public async Task The_failed_items_are_those_of_the_result_that_stands()
    {
        var anonymous = app.Anonymous();
        var retested = await anonymous.GetStringAsync($"/Public/Results/{_data["Retested"].Id}");
        retested.ShouldContain("result-pass");
        retested.ShouldNotContain("绝缘厚度初检项", Case.Sensitive, "the re-test passed: the first test's failure does not stand");

        var page = await new HtmlParser().ParseDocumentAsync(await anonymous.GetStringAsync($"/Public/Results/{_data["WuhuFail"].Id}"));
        var items = page.QuerySelectorAll("#failed-items tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        items.ShouldBe([["泄漏电流", "GB 4706.1-2005 第 13.2 条", "≤0.75 mA", "0.82 mA"]], "the re-test's failures, not the first test's");
        page.QuerySelector("#published-result")!.TextContent.ShouldContain("芜湖市 镜湖区");
    }

    [Fact]
    public async Task Corrections_show_with_field_before_after_reason_and_date()
    {
        var (_, list, _) = await SearchAsync(app.Anonymous(), "enterprise=" + Uri.EscapeDataString("Corrected"));
        list.QuerySelector("tbody.published-result .corrected").ShouldNotBeNull();

        var page = await new HtmlParser().ParseDocumentAsync(await app.Anonymous().GetStringAsync($"/Public/Results/{_data["Corrected"].Id}"));
        var rows = page.QuerySelectorAll("#corrections tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        rows.ShouldBe([["2024-06-20", "规格型号", "TY-01 → TY-01A", "型号录入有误"]], "a correction of the samplers is not published");
        page.QuerySelector("#published-result")!.TextContent.ShouldContain("TY-01A");
    }

    [Fact]
    public async Task Search_by_enterprise_product_period_and_result()
    {
        var anonymous = app.Anonymous();
        var tag = "enterprise=" + Uri.EscapeDataString(SpotCheckResults.Tag);
        (await SearchAsync(anonymous, "enterprise=" + Uri.EscapeDataString("FeidongPass" + SpotCheckResults.Tag))).Names.ShouldBe(["FeidongPass"]);
        (await SearchAsync(anonymous, "enterprise=" + _data["WuhuPass"].CreditCode[..17])).Names.ShouldBe(["WuhuPass"], "a credit-code prefix");
        (await SearchAsync(anonymous, tag + "&product=" + Uri.EscapeDataString("电线电缆"))).Names
            .ShouldBe(["Retested", "WuhuPass", "FeidongFail", "FeidongPass"], ignoreOrder: true, "a category name stands for its products");
        (await SearchAsync(anonymous, tag + "&product=ET01")).Names.ShouldBe(["Corrected"]);
        (await SearchAsync(anonymous, tag + "&product=" + Uri.EscapeDataString("JD01 样"))).Names.ShouldBe(["WuhuFail"], "a product-name fragment");
        (await SearchAsync(anonymous, tag + "&from=2024-03-01&to=2024-05-10")).Names.ShouldBe(["Retested", "WuhuPass", "FeidongFail"]);
        (await SearchAsync(anonymous, tag + "&result=Fail")).Names.ShouldBe(["WuhuFail", "Corrected", "FeidongFail"], "the final result: the passed re-test is not a failure");
        (await SearchAsync(anonymous, tag + "&result=Pass&product=DX02")).Names.ShouldBe(["Retested"]);
        (await SearchAsync(anonymous, tag + "&product=" + Uri.EscapeDataString("没有这种产品"))).Page.QuerySelector("#published-results")!.TextContent.ShouldContain("没有符合条件的记录");
    }

    [Fact]
    public async Task Results_are_paged_and_the_public_index_links_the_page()
    {
        var anonymous = app.Anonymous();
        var index = await anonymous.GetStringAsync("/Public");
        index.ShouldContain("href=\"/Public/Results\"");

        var (all, page, _) = await SearchAsync(anonymous);
        // Every published result is counted (the demo publishes the province's checks too, more than a page holds).
        var published = await app.WithDb(db => db.Set<SpotCheck>().CountAsync(c => c.Status == SpotCheckStatus.Published));
        page.QuerySelector("#list-total")!.TextContent.Replace(",", "").ShouldContain(published.ToString(System.Globalization.CultureInfo.InvariantCulture));
        all.Count.ShouldBeGreaterThan(0);
        var second = await anonymous.GetAsync("/Public/Results?page=2");
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/Public/Results?page=-3")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class PublishedResultsOnSqlite(SqliteApp app) : PublishedResultsTests(app), IClassFixture<SqliteApp>;
public sealed class PublishedResultsOnPostgres(PostgresApp app) : PublishedResultsTests(app), IClassFixture<PostgresApp>;
