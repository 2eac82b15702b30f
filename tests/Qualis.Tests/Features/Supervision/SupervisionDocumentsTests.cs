using System.Net;
using System.Text.RegularExpressions;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Printing;
using UglyToad.PdfPig;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// The supervision documents printed beside the spot check's own, through HTTP on a real database: the draw notice
/// (双随机抽查工作通知) with its verification data and QR code, the rectification order (责令整改通知书) with its
/// deadlines and its proof of service, and the batch's results announcement (抽查结果公告) — each as a numbered A4
/// page and as a PDF whose Chinese text can be extracted, reachable from the page where an official needs it.
/// </summary>
public abstract partial class SupervisionDocumentsTests(QualisApp app)
{
    [GeneratedRegex("id=\"doc-number\">([^<]+)<")]
    private static partial Regex NumberOnPage();

    private static string NumberIn(string html) => WebUtility.HtmlDecode(NumberOnPage().Match(html).Groups[1].Value);

    private static string ExtractedText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().SelectMany(p => p.Text).Where(c => !char.IsWhiteSpace(c)));
    }

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static async Task<string> PdfTextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        return ExtractedText(await response.Content.ReadAsByteArrayAsync());
    }

    private Task<PlanBatch> HefeiBatchAsync() =>
        app.WithDb(db => db.Set<PlanBatch>().AsNoTracking().SingleAsync(b => b.Name == "第一批：电线电缆产品质量监督抽查"));

    private async Task<Draw> HefeiDrawAsync()
    {
        var batch = await HefeiBatchAsync();
        return await app.WithDb(db => db.Set<Draw>().AsNoTracking().SingleAsync(d => d.BatchId == batch.Id && d.Status == DrawStatus.Drawn));
    }

    [Fact]
    public async Task The_draw_notice_carries_the_verification_data_the_result_and_a_qr_code_to_the_public_page()
    {
        var draw = await HefeiDrawAsync();
        var target = await app.WithDb(db => db.Set<DrawTarget>().AsNoTracking().Where(t => t.DrawId == draw.Id).OrderBy(t => t.Order).FirstAsync());
        var hefei = await app.SignedInAs("hefei");
        var url = Qualis.Features.Supervision.Draws.PrintModel.UrlOf(draw.Id);
        (await hefei.GetStringAsync($"/Supervision/Draws/{draw.Id}")).ShouldContain($"href=\"{url}\"");
        (await hefei.GetStringAsync($"/Supervision/Plans/Batch/{draw.BatchId}")).ShouldContain($"href=\"{url}\"");

        var html = WebUtility.HtmlDecode(await hefei.GetStringAsync(url));
        html.ShouldContain("id=\"doc-issuer\">合肥市市场监督管理局<");
        html.ShouldContain("id=\"doc-title\">双随机抽查工作通知<");
        var number = NumberIn(html);
        number.ShouldMatch(@"^合市监通〔\d{4}〕\d+号$");
        foreach (var value in new[] { draw.Commitment, draw.SnapshotHash, draw.InputsHash, draw.Seed!, target.EnterpriseName, target.CreditCode, "瑶海区", "本县人员回避", "第一批：电线电缆产品质量监督抽查" })
            html.ShouldContain(value);
        html.ShouldContain("id=\"doc-qr\"><svg");
        html.ShouldContain($"/Public/Draws/{draw.Id}");
        // The 回避 facts are private: the notice names no excluded inspector.
        html.ShouldNotContain("配偶在该企业任职");

        var text = await PdfTextAsync(hefei, Qualis.Features.Supervision.Draws.PrintModel.UrlOf(draw.Id, pdf: true));
        text.ShouldContain("双随机抽查工作通知");
        text.ShouldContain(number);
        text.ShouldContain(draw.Commitment);
        text.ShouldContain(draw.Seed!);
        text.ShouldContain(Squeeze(target.EnterpriseName));
        // A reprint keeps the number; another city's officer does not find the draw.
        NumberIn(await hefei.GetStringAsync(url)).ShouldBe(number);
        (await (await app.SignedInAs("wuhu")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_rectification_order_gives_the_failed_items_the_sixty_day_deadline_and_the_follow_up_and_has_its_proof_of_service()
    {
        // A failure of Hefei's own batch, so Hefei's office issues the order (the province's checks in Hefei are the province's).
        var draw = await HefeiDrawAsync();
        var check = await app.WithDb(db => db.Set<SpotCheck>().AsNoTracking()
            .Where(c => c.RectificationOrderedOn != null && c.DrawId == draw.Id).OrderBy(c => c.CreditCode).FirstAsync());
        var failure = await app.WithDb(db => db.Set<SpotCheckFailure>().AsNoTracking().Where(f => f.SpotCheckId == check.Id && f.Retest == (check.RetestResult != null)).FirstAsync());
        var hefei = await app.SignedInAs("hefei");
        var url = Qualis.Features.Supervision.SpotChecks.PrintModel.UrlOf(check.Id, CheckDocument.Rectification);
        var detail = await hefei.GetStringAsync($"/Supervision/Checks/{check.Id}");
        detail.ShouldContain($"href=\"{WebUtility.HtmlEncode(url)}\"");
        detail.ShouldContain($"href=\"{WebUtility.HtmlEncode(Qualis.Features.Supervision.SpotChecks.PrintModel.UrlOf(check.Id, CheckDocument.RectificationService))}\"");

        var html = WebUtility.HtmlDecode(await hefei.GetStringAsync(url));
        html.ShouldContain("id=\"doc-title\">责令整改通知书<");
        var number = NumberIn(html);
        number.ShouldMatch(@"^合市监责改〔\d{4}〕\d+号$");
        html.ShouldContain(check.EnterpriseName + "：");
        foreach (var value in new[] { failure.Item, failure.Measured, "立即停止生产、销售", $"自责令之日起{Deadlines.RectificationDays}日内，即{DocumentDates.Written(check.RectificationDue)}前",
                     DocumentDates.Written(check.FollowUpDue), "复查" })
            html.ShouldContain(value);
        var text = await PdfTextAsync(hefei, Qualis.Features.Supervision.SpotChecks.PrintModel.UrlOf(check.Id, CheckDocument.Rectification, pdf: true));
        text.ShouldContain("责令整改通知书");
        text.ShouldContain(Squeeze(failure.Item));
        text.ShouldContain(DocumentDates.Written(check.RectificationDue));

        var service = WebUtility.HtmlDecode(await hefei.GetStringAsync(Qualis.Features.Supervision.SpotChecks.PrintModel.UrlOf(check.Id, CheckDocument.RectificationService)));
        service.ShouldContain("id=\"doc-title\">送达回证<");
        service.ShouldContain($"《责令整改通知书》（{number}）");
        (await PdfTextAsync(hefei, Qualis.Features.Supervision.SpotChecks.PrintModel.UrlOf(check.Id, CheckDocument.RectificationService, pdf: true))).ShouldContain(number);

        // No order, no document: a check still at the laboratory has none.
        var pending = await app.WithDb(db => db.Set<SpotCheck>().AsNoTracking().Where(c => c.Status == SpotCheckStatus.Sampled && c.RegionPath.StartsWith("/340000/340100/")).Select(c => c.Id).FirstAsync());
        (await hefei.GetAsync(Qualis.Features.Supervision.SpotChecks.PrintModel.UrlOf(pending, CheckDocument.Rectification))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hefei.GetStringAsync($"/Supervision/Checks/{pending}")).ShouldNotContain("doc=Rectification");
    }

    [Fact]
    public async Task The_results_announcement_tables_the_batchs_published_results_under_the_offices_number()
    {
        var batch = await HefeiBatchAsync();
        var draw = await HefeiDrawAsync();
        var published = await app.WithDb(db => db.Set<SpotCheck>().AsNoTracking().Where(c => c.DrawId == draw.Id && c.PublishedAt != null).ToListAsync());
        published.ShouldNotBeEmpty();
        var unpublished = await app.WithDb(db => db.Set<SpotCheck>().AsNoTracking().Where(c => c.DrawId == draw.Id && c.PublishedAt == null).Select(c => c.EnterpriseName).ToListAsync());
        var hefei = await app.SignedInAs("hefei");
        var url = Qualis.Features.Supervision.Plans.PrintModel.UrlOf(batch.Id);
        (await hefei.GetStringAsync($"/Supervision/Plans/Batch/{batch.Id}")).ShouldContain($"href=\"{url}\"");

        var html = WebUtility.HtmlDecode(await hefei.GetStringAsync(url));
        html.ShouldContain("id=\"doc-issuer\">合肥市市场监督管理局<");
        html.ShouldContain("id=\"doc-title\">产品质量监督抽查结果公告<");
        var number = NumberIn(html);
        number.ShouldMatch(@"^合市监告〔\d{4}〕\d+号$");
        html.ShouldContain($"本次公告产品 {published.Count} 批次");
        foreach (var c in published)
        {
            html.ShouldContain(c.EnterpriseName);
            html.ShouldContain(c.ProductName!);
        }
        foreach (var name in unpublished) html.ShouldNotContain(name);
        html.ShouldContain(published.Any(c => c.FinalResult == CheckResult.Fail) ? "责令其立即停止生产" : "特此公告");
        html.ShouldContain("id=\"doc-qr\"><svg");

        var text = await PdfTextAsync(hefei, Qualis.Features.Supervision.Plans.PrintModel.UrlOf(batch.Id, pdf: true));
        text.ShouldContain("抽查结果公告");
        text.ShouldContain(number);
        text.ShouldContain(Squeeze(published[0].EnterpriseName));

        // A batch with nothing published has nothing to announce.
        var empty = new PlanBatch { PlanId = batch.PlanId, Number = 90 + Random.Shared.Next(9), Name = "未公布批次", RegionPath = batch.RegionPath, CreatedAt = DateTime.UtcNow };
        await app.WithDb(db => { db.Add(empty); return db.SaveChangesAsync(); });
        (await hefei.GetAsync(Qualis.Features.Supervision.Plans.PrintModel.UrlOf(empty.Id))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hefei.GetStringAsync($"/Supervision/Plans/Batch/{empty.Id}")).ShouldNotContain("id=\"print-announcement\"");
    }

    [Fact]
    public async Task In_the_english_interface_the_new_documents_controls_are_english_and_the_documents_stay_chinese()
    {
        var draw = await HefeiDrawAsync();
        var client = await app.SignedInAs("hefei");
        await client.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");
        (await client.GetStringAsync($"/Supervision/Draws/{draw.Id}")).ShouldContain(">Print the draw notice<");
        (await client.GetStringAsync($"/Supervision/Plans/Batch/{draw.BatchId}")).ShouldContain("Results announcement");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(Qualis.Features.Supervision.Draws.PrintModel.UrlOf(draw.Id)));
        html.ShouldContain("id=\"print-button\">Print<");
        html.ShouldContain("id=\"print-language-note\"");
        html.ShouldContain("id=\"doc-title\">双随机抽查工作通知<");
        await client.PostFormAsync("/Account/Language", new() { ["culture"] = "zh-CN", ["returnUrl"] = "/" }, "/");
    }
}

public sealed class SupervisionDocumentsOnSqlite(SqliteApp app) : SupervisionDocumentsTests(app), IClassFixture<SqliteApp>;
public sealed class SupervisionDocumentsOnPostgres(PostgresApp app) : SupervisionDocumentsTests(app), IClassFixture<PostgresApp>;
