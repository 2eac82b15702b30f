using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>
/// A large export in a real browser, in Chinese and in English: the export button of a list above the threshold leads to
/// the progress page, whose script follows the job until the download appears; the file downloads under the list's
/// name and the day; My exports, reached from the account menu, lists it.
/// </summary>
public sealed class ExportJourneys(ExportBrowserApp browser) : IClassFixture<ExportBrowserApp>
{
    [Fact]
    public async Task An_official_exports_a_list_above_the_threshold_follows_its_progress_and_downloads_it_in_both_languages()
    {
        var page = await browser.SignedInAsync("province");
        foreach (var (lang, name, rowsWord) in new[] { ("zh-CN", "企业名录", "行"), ("en", "Enterprises", "rows") })
        {
            await page.GotoAsync("/Registry/Enterprises?status=Existing&sort=name");
            await page.ChooseLanguageAsync(lang);
            await page.ClickAsync("#export-xlsx");
            await page.WaitForURLAsync(new Regex("/Account/Exports/[0-9a-f-]{36}$"));
            await page.WaitForSelectorAsync("#export-bar");
            (await page.InnerTextAsync("#export-progress")).ShouldContain(rowsWord);

            // The script polls the job until it is done, then shows the download without a reload.
            await page.WaitForSelectorAsync("#export-download:not(.d-none)", new() { Timeout = 60_000 });
            (await page.GetAttributeAsync("#export-bar", "value")).ShouldBe("100");
            (await page.InnerTextAsync("#export-status")).ShouldNotBeEmpty();
            await page.SaveAsync($"export-progress-{lang}");

            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-download"));
            download.SuggestedFilename.ShouldMatch($"^{name}-\\d{{4}}-\\d{{2}}-\\d{{2}}\\.xlsx$");
            var path = await download.PathAsync();
            (await File.ReadAllBytesAsync(path))[..2].ShouldBe("PK"u8.ToArray());

            await page.ClickAsync("#user-menu");
            await page.ClickAsync("#my-exports-menu");
            await page.WaitForSelectorAsync("#exports");
            (await page.Locator("#exports tbody tr[data-export]").CountAsync()).ShouldBeGreaterThan(0);
            await page.SaveAsync($"my-exports-{lang}");
        }
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}

/// <summary>An application whose exports go to the background above 10 rows, so the demo lists do.</summary>
public sealed class ExportBrowserApp() : BrowserApp(new ExportApp())
{
    public sealed class ExportApp() : QualisApp(DatabaseProvider.Sqlite, new Dictionary<string, string?>
    {
        ["Exports:BackgroundAboveRows"] = "10",
        ["Exports:PollSeconds"] = "1",
    });
}
