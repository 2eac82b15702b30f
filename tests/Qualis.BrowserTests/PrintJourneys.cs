using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>
/// A spot check's printed documents in a real browser: from the check's page to the A4 print page of the sampling record
/// and the result notice, in Chinese and English, with a screenshot and the browser's own PDF of the page (A4, page numbers
/// in the margin boxes), and the platform's PDF served beside it.
/// </summary>
public sealed class PrintJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_official_prints_a_failed_checks_sampling_record_and_result_notice_in_both_languages()
    {
        var page = await browser.SignedInAsync("hefei");
        await page.GotoAsync("/Supervision/Checks?result=Fail&region=340100");
        await page.ClickAsync("table tbody tr td a[href^='/Supervision/Checks/']");
        await page.WaitForSelectorAsync("#check-print");
        var checkUrl = page.Url;

        foreach (var lang in new[] { "zh-CN", "en" })
        {
            await page.GotoAsync(checkUrl);
            await page.ChooseLanguageAsync(lang);
            await page.ClickAsync("#print-Sampling");
            await page.WaitForSelectorAsync("#official-document");
            (await page.TextContentAsync("#doc-title"))!.ShouldBe("产品质量监督抽查抽样单");
            (await page.TextContentAsync("#doc-number"))!.ShouldMatch(@"^合市监抽〔\d{4}〕\d+号$");
            (await page.TextContentAsync("#print-button"))!.ShouldBe(lang == "en" ? "Print" : "打印");
            (await page.IsVisibleAsync("#doc-qr svg")).ShouldBeTrue();
            await page.SaveAsync($"print-sampling-{lang}");

            await page.ClickAsync("#print-documents a[href*='doc=Result']:not([href*='Service'])");
            await page.WaitForSelectorAsync("#doc-title:has-text('检验结果通知书')");
            (await page.InnerTextAsync("#official-document")).ShouldContain("不合格项目如下");
            await page.SaveAsync($"print-result-{lang}");
        }

        // What the browser prints: A4 pages with their numbers, the toolbar left out.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        (await page.IsVisibleAsync(".print-toolbar")).ShouldBeFalse();
        var printed = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, Path = Path.Combine(Screenshots.Folder, "print-result-en.pdf") });
        printed.Length.ShouldBeGreaterThan(1000);
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The platform's PDF, as the link fetches it.
        var pdf = await page.APIRequest.GetAsync(await page.GetAttributeAsync("#print-pdf", "href") ?? "");
        pdf.Status.ShouldBe(200);
        pdf.Headers["content-type"].ShouldBe("application/pdf");

        await page.GotoAsync(checkUrl);
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
