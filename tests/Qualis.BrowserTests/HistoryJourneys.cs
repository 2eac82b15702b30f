using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>The audit trail and a spot check's history in a real browser, as a Hefei official reads them, in Chinese and in English.</summary>
public sealed partial class HistoryJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_audit_trail_and_a_spot_checks_history_read_in_both_languages()
    {
        // The trail is the audit administrator's (三员分立); the official reads the history of a record on its page.
        var auditor = await browser.SignedInAsync("auditor");
        var page = await browser.SignedInAsync("hefei");
        var check = await browser.App.WithDb(db => db.Set<Qualis.Features.Supervision.SpotChecks.SpotCheck>()
            .Where(c => c.Status == Qualis.Features.Supervision.SpotChecks.SpotCheckStatus.Published)
            // Hefei's own batch, walked step by step; the province's demo checks (CJ-07) are seeded in their final state in one save.
            .Where(c => !c.ItemCodes.Contains("CJ-07")).OrderBy(c => c.CreditCode).Select(c => c.Id).FirstAsync());
        foreach (var (lang, type, status) in new[] { ("zh-CN", "抽查任务", "状态："), ("en", "Spot check", "Status:") })
        {
            foreach (var tab in new[] { auditor, page })
            {
                await tab.GotoAsync("/");
                await tab.ChooseLanguageAsync(lang);
            }

            await auditor.GotoAsync("/Audit");
            var table = await auditor.InnerTextAsync(".audit-table");
            GuidText().IsMatch(table).ShouldBeFalse("the trail shows a GUID");
            (await auditor.Locator(".audit-table tbody tr").CountAsync()).ShouldBe(50);
            var height = await auditor.EvaluateAsync<int>("document.documentElement.scrollHeight");
            height.ShouldBeLessThan(6000, "a page of the trail stays a page");
            await auditor.SaveAsync($"audit-{lang}");

            await auditor.SelectOptionAsync("select[name='type']", "SpotCheck");
            await auditor.ClickAsync("#audit-filter button");
            (await auditor.Locator(".audit-record").AllInnerTextsAsync()).ShouldAllBe(t => t.StartsWith(type));
            await auditor.SaveAsync($"audit-spot-checks-{lang}");

            await page.GotoAsync($"/Supervision/Checks/{check}");
            var history = page.Locator("#audit-history");
            await history.ScrollIntoViewIfNeededAsync();
            var text = await history.InnerTextAsync();
            text.ShouldContain(status);
            GuidText().IsMatch(text).ShouldBeFalse("the history shows a GUID");
            if (lang == "zh-CN") text.ShouldNotContain("ToSample");
            await history.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"spot-check-history-{lang}.png") });
            await page.SaveAsync($"spot-check-with-history-{lang}");
        }
        foreach (var tab in new[] { auditor, page })
        {
            await tab.ChooseLanguageAsync("zh-CN");
            tab.ConsoleErrors().ShouldBeEmpty();
            await tab.Context.CloseAsync();
        }
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidText();
}
