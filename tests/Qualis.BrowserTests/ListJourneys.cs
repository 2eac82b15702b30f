using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>
/// The shared list in a real browser: the enterprise list at phone width (390 px) and at 1366 px, in Chinese and in
/// English; next page, page size; names keep their words on one line and the table scrolls inside its box.
/// </summary>
public sealed class ListJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_enterprise_list_pages_and_changes_its_page_size_at_phone_and_desk_width_in_both_languages()
    {
        var page = await browser.SignedInAsync("province");
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            await page.SetViewportSizeAsync(1366, 900);
            await page.GotoAsync("/");
            await page.ChooseLanguageAsync(lang);
            foreach (var width in new[] { 1366, 390 })
            {
                await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                await page.GotoAsync("/Registry/Enterprises?sort=name");
                var first = await page.Locator("#enterprises tbody tr td:first-child").AllTextContentsAsync();
                first.Count.ShouldBe(25);
                await page.SaveAsync($"enterprises-{lang}-{width}");

                // Next page: other rows, the pager marks page 2.
                await page.ClickAsync("#page-next");
                await page.WaitForURLAsync("**page=2**");
                var second = await page.Locator("#enterprises tbody tr td:first-child").AllTextContentsAsync();
                second.Count.ShouldBe(25);
                second.Intersect(first).ShouldBeEmpty();
                (await page.TextContentAsync(".pagination .active"))!.Trim().ShouldBe("2");
                await page.SaveAsync($"enterprises-page2-{lang}-{width}");

                // Page size: 50 rows from the first page, the sort kept.
                await page.SelectOptionAsync("#page-size-select", "50");
                await page.WaitForURLAsync("**per=50**");
                (await page.Locator("#enterprises tbody tr").CountAsync()).ShouldBe(50);
                page.Url.ShouldContain("sort=name");
                page.Url.ShouldNotContain("page=2");

                // Names are never broken one character a line: a name cell is one line high, the table scrolls in its box.
                var nameCell = page.Locator("#enterprises tbody tr:first-child td:nth-child(2)");
                var box = (await nameCell.BoundingBoxAsync())!;
                box.Height.ShouldBeLessThan(40, $"{lang} at {width} px: the name wraps");
                var scrolls = await page.EvaluateAsync<bool>("() => { const b = document.querySelector('.table-responsive'); return b.scrollWidth > b.clientWidth; }");
                if (width == 390) scrolls.ShouldBeTrue("at phone width the table scrolls inside its box");
                var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                if (pageWidth > width + 1)
                {
                    var wide = await page.EvaluateAsync<string>("w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ')", width);
                    pageWidth.ShouldBeLessThanOrEqualTo(width + 1, $"{lang} at {width} px: the page itself scrolls sideways ({wide})");
                }
                pageWidth.ShouldBeLessThanOrEqualTo(width + 1, $"{lang} at {width} px: the page itself does not scroll sideways");
                await page.SaveAsync($"enterprises-50-{lang}-{width}");
            }
        }
        await page.SetViewportSizeAsync(1366, 900);
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
