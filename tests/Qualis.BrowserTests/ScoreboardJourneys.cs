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
}
