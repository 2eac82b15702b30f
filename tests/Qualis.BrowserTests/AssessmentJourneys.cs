using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>The assessment in a real browser: the province reads the 2017 ranking with its chart, an explanation and the bulletin; Hefei scores an item of its 2018 self-assessment.</summary>
public sealed class AssessmentJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_province_reads_the_ranking_and_its_explanations_and_a_city_scores_itself()
    {
        var page = await browser.SignedInAsync("province");
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-group-action");
        await page.ClickAsync("#nav a[href='/Assessment']");
        (await page.Locator("#schemes tbody tr").CountAsync()).ShouldBe(2);
        await page.SaveAsync("assessment-schemes");

        await page.ClickAsync("#schemes tbody tr:has-text('2017') a:has-text('考核结果与排名')");
        await page.WaitForSelectorAsync("#assessment-chart canvas");
        (await page.Locator("#ranking tbody tr").CountAsync()).ShouldBe(16);
        await page.SaveAsync("assessment-ranking");

        var first = page.Locator("#ranking tbody tr").First;
        var score = (await first.Locator("td").Nth(2).InnerTextAsync()).Trim();
        await first.Locator("td").Nth(2).Locator("a").ClickAsync();
        (await page.InnerTextAsync("#explained-sum")).Trim().ShouldBe(score);
        await page.SaveAsync("assessment-explanation");

        await page.GoBackAsync();
        await page.ClickAsync("#bulletin-link");
        (await page.InnerTextAsync("#bulletin")).ShouldMatch("[ABCD]等次");
        await page.SaveAsync("assessment-bulletin");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();

        var city = await browser.SignedInAsync("hefei");
        await city.GotoAsync("/Assessment");
        await city.ClickAsync("#schemes tbody tr:has-text('2018') a:has-text('本地自评')");
        await city.CheckAsync("#met-1\\.1");
        await city.FillAsync("#note-1\\.1", "已纳入市政府年度绩效考核，见考核文件");
        await city.ClickAsync("#save-1\\.1");
        await city.WaitForSelectorAsync("#item-1\\.1:has-text('已纳入市政府年度绩效考核')");
        await city.SaveAsync("assessment-self");
        city.ConsoleErrors().ShouldBeEmpty();
        await city.Context.CloseAsync();
    }
}
