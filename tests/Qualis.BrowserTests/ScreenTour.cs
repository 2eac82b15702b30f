using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>
/// Every list and its page 2, in Chinese and English, at 1366 px and 390 px, as the official who uses it: a screenshot
/// of each for a person to look at, and what a screenshot can show by itself checked on each: no text key in place of
/// a text, no script error, a page no wider than the window (a wide table scrolls in its own box), the top bar on one
/// line at 1366 px, and page 2 marked as the current page.
/// </summary>
public sealed class ScreenTour(BrowserApp browser) : IClassFixture<BrowserApp>
{
    public static TheoryData<string, string, string> Lists => new()
    {
        { "province", "enterprises", "/Registry/Enterprises?per=10" },
        { "province", "inspectors", "/Registry/Directories/inspectors?per=10" },
        { "province", "testing-agencies", "/Registry/Directories/testing-agencies?per=10" },
        { "province", "parks", "/Registry/Directories/parks" },
        { "province", "departments", "/Departments?per=10" },
        { "province", "spot-checks", "/Supervision/Checks?per=10" },
        { "province", "recusals", "/Supervision/Recusals?per=10" },
        { "auditor", "audit", "/Audit?per=10" },
        { "province", "account-claims", "/Registry/Accounts/Claims" },
        { "admin", "users", "/Admin/Users?per=10" },
        { "", "public-results", "/Public/Results?per=10" },
        { "", "public-draws", "/Public/Draws?per=10" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Each_list_and_its_page_2_read_well_in_both_languages_and_widths(string user, string name, string url)
    {
        var page = user.Length == 0 ? await browser.NewPageAsync() : await browser.SignedInAsync(user);
        foreach (var lang in new[] { "zh-CN", "en" })
            foreach (var width in new[] { 1366, 390 })
            {
                await page.SetViewportSizeAsync(width, 900);
                await page.GotoAsync(url);
                await page.ChooseLanguageAsync(lang);
                await LooksRightAsync(page, $"tour-{name}-{lang}-{width}", width);
                // Page 2 where the list has one, reached through its own "next" link.
                var next = page.Locator("#page-next[href]");
                if (await next.CountAsync() == 1)
                {
                    await page.GotoAsync((await next.GetAttributeAsync("href"))!);
                    (await page.TextContentAsync(".pagination .active"))!.Trim().ShouldBe("2", $"{name} {lang} {width}");
                    await LooksRightAsync(page, $"tour-{name}-page2-{lang}-{width}", width);
                }
            }
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    private static async Task LooksRightAsync(IPage page, string shot, int width)
    {
        await page.SaveAsync(shot);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, $"{shot}: the page is wider than the window");
        if (width == 1366) (await page.Locator("nav.navbar").BoundingBoxAsync())!.Height.ShouldBeLessThan(64, $"{shot}: the top bar wraps");
        (await page.ContentAsync()).ShouldNotContain("Exception", Case.Sensitive, shot);
    }
}
