using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>Key objects (四重) in a real browser: a city enrols a key park and a key enterprise found by name, withdraws one, and the province reads the summary chart.</summary>
public sealed class KeyObjectsJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_city_enrols_a_park_and_an_enterprise_withdraws_one_and_the_province_sees_the_summary()
    {
        var page = await browser.SignedInAsync("hefei");
        await page.ClickAsync("#nav-group-action");
        await page.ClickAsync("#nav a[href='/KeyObjects']");
        (await page.Locator("#keyobjects tbody tr").CountAsync()).ShouldBeGreaterThan(10);
        await page.SaveAsync("keyobjects-list");

        // A park: the chooser offers Hefei's parks by name; an empty reason is refused on its field.
        await page.ClickAsync("#enrol-park");
        await page.SelectOptionAsync("#Form_ParkId", new SelectOptionValue { Label = "合肥经济技术开发区（合肥市，国家级）" });
        await page.SubmitAsync("#save-enrolment");
        (await page.InnerTextAsync("#enrol-form")).ShouldContain("请填写列入理由");
        await page.FillAsync("#Form_Reason", "国家级经开区，汽车及零部件产业集聚。");
        await page.FillAsync("#Form_Goal", "园区内规上企业全部建立首席质量官制度。");
        await page.ClickAsync("#save-enrolment");
        await page.WaitForSelectorAsync("#audit-history");
        (await page.TextContentAsync("h1"))!.ShouldBe("合肥经济技术开发区");

        // An enterprise found by a fragment of its name and chosen from the matches.
        await page.GotoAsync("/KeyObjects/Enrol?kind=Enterprise");
        await page.FillAsync("input[name='find']", "示范电缆");
        await page.ClickAsync("#enterprise-search button");
        await page.ClickAsync("#enterprise-matches a.choose-enterprise");
        (await page.TextContentAsync("#chosen-enterprise"))!.ShouldContain("合肥示范电缆有限公司");
        await page.FillAsync("#Form_Reason", "线缆行业龙头，带动配套企业多。");
        await page.FillAsync("#Form_Goal", "产品监督抽查合格率保持 100%。");
        await page.SaveAsync("keyobjects-enrol-enterprise");
        await page.ClickAsync("#save-enrolment");
        await page.WaitForSelectorAsync("#audit-history");
        (await page.TextContentAsync("h1"))!.ShouldBe("合肥示范电缆有限公司");

        await page.FillAsync("#WithdrawalReason", "企业搬迁出园区，改列其他企业。");
        await page.ClickAsync("#withdraw");
        await page.WaitForSelectorAsync("#enrolment-status");
        (await page.TextContentAsync("#enrolment-status"))!.ShouldContain("已撤销");
        await page.SaveAsync("keyobjects-withdrawn");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();

        var province = await browser.SignedInAsync("province");
        await province.GotoAsync("/KeyObjects/Summary");
        await province.WaitForSelectorAsync("#keyobjects-chart canvas");
        (await province.Locator("#keyobjects-summary-table tbody tr").CountAsync()).ShouldBe(16);
        await province.SaveAsync("keyobjects-summary");
        province.ConsoleErrors().ShouldBeEmpty();
        await province.Context.CloseAsync();
    }
}
