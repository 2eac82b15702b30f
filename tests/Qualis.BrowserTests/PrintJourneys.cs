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

    [Fact]
    public async Task An_official_prints_the_draw_notice_the_rectification_order_and_the_results_announcement_in_both_languages()
    {
        var page = await browser.SignedInAsync("hefei");
        var (batchId, drawId, checkId) = await browser.App.WithDb(async db =>
        {
            var batch = await db.Set<Qualis.Features.Supervision.Plans.PlanBatch>().SingleAsync(b => b.Name == "第一批：电线电缆产品质量监督抽查");
            var draw = await db.Set<Qualis.Features.Supervision.Draws.Draw>().SingleAsync(d => d.BatchId == batch.Id && d.Status == Qualis.Features.Supervision.Draws.DrawStatus.Drawn);
            var check = await db.Set<Qualis.Features.Supervision.SpotChecks.SpotCheck>().Where(c => c.DrawId == draw.Id && c.RectificationOrderedOn != null).OrderBy(c => c.CreditCode).Select(c => c.Id).FirstAsync();
            return (batch.Id, draw.Id, check);
        });

        foreach (var lang in new[] { "zh-CN", "en" })
        {
            // From the draw's page: the notice, with its verification data and the QR code to the public page.
            await page.GotoAsync($"/Supervision/Draws/{drawId}");
            await page.ChooseLanguageAsync(lang);
            await page.WaitForSelectorAsync("#draw-recusals");
            if (lang == "zh-CN") await page.SaveAsync("draw-recusals");
            await page.ClickAsync("#print-notice");
            await page.WaitForSelectorAsync("#official-document");
            (await page.TextContentAsync("#doc-title"))!.ShouldBe("双随机抽查工作通知");
            (await page.TextContentAsync("#doc-number"))!.ShouldMatch(@"^合市监通〔\d{4}〕\d+号$");
            (await page.InnerTextAsync("#official-document")).ShouldContain("承诺值");
            (await page.IsVisibleAsync("#doc-qr svg")).ShouldBeTrue();
            (await page.TextContentAsync("#print-button"))!.ShouldBe(lang == "en" ? "Print" : "打印");
            await page.SaveAsync($"print-draw-notice-{lang}");

            // From a failed check's page: the rectification order and its proof of service.
            await page.GotoAsync($"/Supervision/Checks/{checkId}");
            await page.ClickAsync("#print-Rectification");
            await page.WaitForSelectorAsync("#doc-title:has-text('责令整改通知书')");
            (await page.InnerTextAsync("#official-document")).ShouldContain("60日内");
            await page.SaveAsync($"print-rectification-{lang}");
            await page.ClickAsync("#print-documents a[href*='doc=RectificationService']");
            await page.WaitForSelectorAsync("#doc-title:has-text('送达回证')");
            (await page.InnerTextAsync("#official-document")).ShouldContain("《责令整改通知书》");
            await page.SaveAsync($"print-rectification-service-{lang}");

            // From the batch's page: the results announcement.
            await page.GotoAsync($"/Supervision/Plans/Batch/{batchId}");
            await page.ClickAsync("#print-announcement");
            await page.WaitForSelectorAsync("#doc-title:has-text('抽查结果公告')");
            (await page.TextContentAsync("#doc-number"))!.ShouldMatch(@"^合市监告〔\d{4}〕\d+号$");
            await page.SaveAsync($"print-announcement-{lang}");
        }

        // The platform's PDF of the announcement, as its link fetches it.
        var pdf = await page.APIRequest.GetAsync(await page.GetAttributeAsync("#print-pdf", "href") ?? "");
        pdf.Status.ShouldBe(200);
        pdf.Headers["content-type"].ShouldBe("application/pdf");

        await page.GotoAsync($"/Supervision/Draws/{drawId}");
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
