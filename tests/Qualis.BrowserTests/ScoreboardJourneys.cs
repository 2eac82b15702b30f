using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>The scoreboard (目标进展看板) in a real browser: the province reads the demo 2018 plan's table, tile grid and progress chart.</summary>
public sealed class ScoreboardJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_province_reads_the_scoreboard_with_its_tiles_and_progress_chart()
    {
        var page = await browser.SignedInAsync("province");
        await page.GotoAsync("/Plans");
        await page.ClickAsync("#scoreboard-link");
        await page.SelectOptionAsync("select[name='year']", "2018");
        await page.ClickAsync("form[method='get'] button");
        await page.WaitForSelectorAsync("#scoreboard-tiles canvas");
        await page.WaitForSelectorAsync("#scoreboard-progress canvas");
        (await page.Locator("#scoreboard tbody tr").CountAsync()).ShouldBe(16);
        await page.SaveAsync("plans-scoreboard");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task One_citys_chart_the_bulletin_printed_and_the_public_page_read_in_both_languages()
    {
        var page = await browser.SignedInAsync("province");
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            var suffix = lang == "en" ? "en" : "zh";
            await page.GotoAsync("/Plans/Scoreboard?year=2018");
            await page.ChooseLanguageAsync(lang);
            await page.WaitForSelectorAsync("#scoreboard-tiles canvas");
            await page.SaveAsync($"plans-scoreboard-{suffix}");

            // The city's name opens its targets over time: the line chart, and the same figures in the table below.
            await page.ClickAsync("#scoreboard tbody tr[data-city='340100'] a.city-trend");
            await page.WaitForSelectorAsync("#city-trend-chart canvas");
            (await page.Locator("#city-trend thead th[data-day]").CountAsync()).ShouldBe(4);
            (await page.InnerTextAsync("h1")).ShouldContain(lang == "en" ? "Hefei" : "合肥市");
            await page.SaveAsync($"plans-city-trend-{suffix}");

            // The bulletin, as printed: the document only, no bar, trail or buttons.
            await page.GotoAsync("/Plans/Bulletin?year=2018");
            (await page.Locator("#bulletin-table tbody tr").CountAsync()).ShouldBe(16);
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            (await page.IsVisibleAsync(".navbar")).ShouldBeFalse();
            (await page.IsVisibleAsync("#bulletin-export")).ShouldBeFalse();
            (await page.IsVisibleAsync("#bulletin")).ShouldBeTrue();
            await page.SaveAsync($"plans-bulletin-print-{suffix}");
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
        }
        await page.GotoAsync("/");
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();

        // The public side, not signed in: the plan, its measures with their leads, the published targets' progress and the tiles.
        var visitor = await browser.NewPageAsync();
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            await visitor.GotoAsync("/Public");
            await visitor.ChooseLanguageAsync(lang);
            await visitor.ClickAsync("a[href='/Public/Plans']");
            await visitor.ClickAsync("#public-plans a[href^='/Public/Plans/']");
            await visitor.WaitForSelectorAsync("#public-tiles canvas");
            (await visitor.Locator("#public-progress tbody tr").CountAsync()).ShouldBe(16);
            (await visitor.InnerTextAsync("#public-measures")).ShouldContain(lang == "en" ? "Led by:" : "牵头单位：");
            await visitor.SaveAsync($"public-plan-{(lang == "en" ? "en" : "zh")}");
        }
        visitor.ConsoleErrors().ShouldBeEmpty();
        await visitor.Context.CloseAsync();
    }
}
