using System.Net;
using System.Text.RegularExpressions;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Printing;
using Qualis.Platform.Regions;
using UglyToad.PdfPig;

namespace Qualis.Tests.Features.Supervision.SpotChecks;

/// <summary>
/// A spot check's printed documents through HTTP on a real database: the sampling record (抽样单) with the firm, the
/// product, the quantities and the samplers' certificates; the result notice (检验结果通知书) with the failed items and
/// the objection deadline; a proof of service (送达回证) of each; the PDF's extracted text; who may print; and the
/// document numbers, given once per document and in sequence even when two first prints come at once.
/// </summary>
public abstract partial class PrintedDocumentsTests(QualisApp app)
{
    private static string Print(Guid id, string doc = "Sampling") => $"/Supervision/Checks/{id}/Print?doc={doc}";
    private static string Pdf(Guid id, string doc = "Sampling") => Print(id, doc) + "&handler=Pdf";

    [GeneratedRegex("id=\"doc-number\">([^<]+)<")]
    private static partial Regex NumberOnPage();

    private static string NumberIn(string html) => WebUtility.HtmlDecode(NumberOnPage().Match(html).Groups[1].Value);

    /// <summary>
    /// A failed, notified check of the demo draw of Hefei's batch (issued by 合肥市市场监督管理局), with the team the draw
    /// assigned, not the demo enterprise's own (which that enterprise may print). The draw's seed is random, so the firms differ from run to run; the province's draws are left out.
    /// </summary>
    private Task<SpotCheck> DemoFailedCheckAsync() => app.WithDb(db =>
        db.Set<SpotCheck>().AsNoTracking().Where(c => c.Result == CheckResult.Fail && c.ObjectionDeadline != null && c.CreditCode != RegistryDemoData.DemoEnterpriseCode
                && db.Set<Draw>().Any(d => d.Id == c.DrawId && d.RegionPath == "/340000/340100/")
                && db.Set<DrawTarget>().Any(t => t.Id == c.DrawTargetId && t.InspectorIds != ""))
            .OrderBy(c => c.CreditCode).FirstAsync());

    /// <summary>A new check under the demo check's draw (the same issuing office), not yet printed.</summary>
    private async Task<SpotCheck> NewCheckAsync(SpotCheck like, string name, string? creditCode = null, string? regionPath = null)
    {
        var check = new SpotCheck
        {
            DrawId = like.DrawId, DrawTargetId = Guid.CreateVersion7(), CreditCode = creditCode ?? like.CreditCode, EnterpriseName = name, RegionCode = like.RegionCode,
            RegionPath = regionPath ?? like.RegionPath, ItemCodes = like.ItemCodes, Status = SpotCheckStatus.ToSample, ProductCategoryCode = like.ProductCategoryCode,
        };
        await app.WithDb(db => { db.Add(check); return db.SaveChangesAsync(); });
        return check;
    }

    private static string ExtractedText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().SelectMany(p => p.Text).Where(c => !char.IsWhiteSpace(c)));
    }

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task The_sampling_record_names_the_firm_the_product_the_samples_and_the_samplers_with_their_certificates()
    {
        var check = await DemoFailedCheckAsync();
        var team = await app.WithDb(async db =>
        {
            var ids = (await db.Set<DrawTarget>().Where(t => t.Id == check.DrawTargetId).Select(t => t.InspectorIds).SingleAsync()).Split(',').Select(Guid.Parse).ToList();
            return await db.Set<Inspector>().Where(i => ids.Contains(i.Id)).Select(i => new { i.Name, i.CertificateNumber }).ToListAsync();
        });
        team.Count.ShouldBeGreaterThanOrEqualTo(2);
        var hefei = await app.SignedInAs("hefei");

        var detail = await hefei.GetStringAsync($"/Supervision/Checks/{check.Id}");
        detail.ShouldContain($"href=\"{WebUtility.HtmlEncode(Print(check.Id))}\"");
        detail.ShouldContain($"href=\"{WebUtility.HtmlEncode(Pdf(check.Id, "Result"))}\"");

        var html = WebUtility.HtmlDecode(await hefei.GetStringAsync(Print(check.Id)));
        html.ShouldContain("id=\"doc-issuer\">合肥市市场监督管理局<");
        NumberIn(html).ShouldMatch(@"^合市监抽〔\d{4}〕\d+号$");
        html.ShouldContain("id=\"doc-title\">产品质量监督抽查抽样单<");
        foreach (var field in new[] { check.EnterpriseName, check.CreditCode, check.ProductName!, check.BatchNumber!, check.TestQuantity + " 件", check.ReserveQuantity + " 件", DocumentDates.Written(check.SampledOn) })
            html.ShouldContain(field);
        foreach (var member in team)
        {
            html.ShouldContain(member.Name);
            html.ShouldContain(member.CertificateNumber);
        }
        html.ShouldContain("被抽样单位（签字、盖章）");
        html.ShouldContain("抽样人员（签字）");
        // The QR code leads to the published result, or before publication to the public page of the draw that chose the firm.
        html.ShouldContain("id=\"doc-qr\"><svg");
        html.ShouldContain(check.PublishedAt is null ? $"/Public/Draws/{check.DrawId}" : $"/Public/Results/{check.Id}");
        var unpublished = await NewCheckAsync(check, "合肥未公示企业" + Guid.NewGuid().ToString("N")[..6]);
        (await hefei.GetStringAsync(Print(unpublished.Id))).ShouldContain($"/Public/Draws/{check.DrawId}");

        var pdf = await hefei.GetAsync(Pdf(check.Id));
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = ExtractedText(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain("抽样单");
        text.ShouldContain(Squeeze(check.EnterpriseName));
        text.ShouldContain(NumberIn(html));
        text.ShouldContain(team[0].CertificateNumber);
    }

    [Fact]
    public async Task The_result_notice_lists_the_failed_items_and_the_objection_deadline_and_each_document_has_its_proof_of_service()
    {
        var check = await DemoFailedCheckAsync();
        var failure = await app.WithDb(db => db.Set<SpotCheckFailure>().Where(f => f.SpotCheckId == check.Id && !f.Retest).FirstAsync());
        var hefei = await app.SignedInAs("hefei");

        var notice = WebUtility.HtmlDecode(await hefei.GetStringAsync(Print(check.Id, "Result")));
        NumberIn(notice).ShouldMatch(@"^合市监检〔\d{4}〕\d+号$");
        notice.ShouldContain("产品质量监督抽查检验结果通知书");
        notice.ShouldContain(check.EnterpriseName + "：");
        notice.ShouldContain("检验结论为：不合格");
        foreach (var text in new[] { failure.Item, failure.Clause, failure.Required, failure.Measured })
            notice.ShouldContain(text);
        notice.ShouldContain($"即{DocumentDates.Written(check.ObjectionDeadline)}前");
        var pdfText = ExtractedText(await hefei.GetByteArrayAsync(Pdf(check.Id, "Result")));
        pdfText.ShouldContain("检验结果通知书");
        pdfText.ShouldContain(Squeeze(failure.Item));
        pdfText.ShouldContain(DocumentDates.Written(check.ObjectionDeadline));

        // Each proof of service names the document it serves by that document's number.
        var sampling = NumberIn(await hefei.GetStringAsync(Print(check.Id)));
        var samplingService = WebUtility.HtmlDecode(await hefei.GetStringAsync(Print(check.Id, "SamplingService")));
        samplingService.ShouldContain("id=\"doc-title\">送达回证<");
        samplingService.ShouldContain($"《产品质量监督抽查抽样单》（{sampling}）");
        var resultService = WebUtility.HtmlDecode(await hefei.GetStringAsync(Print(check.Id, "ResultService")));
        resultService.ShouldContain($"《产品质量监督抽查检验结果通知书》（{NumberIn(notice)}）");
        ExtractedText(await hefei.GetByteArrayAsync(Pdf(check.Id, "ResultService"))).ShouldContain("送达回证");

        // A check without a result has no notice yet; an unknown document is not found.
        var fresh = await NewCheckAsync(check, "合肥未检企业" + Guid.NewGuid().ToString("N")[..6]);
        (await hefei.GetAsync(Print(fresh.Id, "Result"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hefei.GetAsync(Print(fresh.Id, "Minutes"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hefei.GetAsync(Print(fresh.Id, "7"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hefei.GetStringAsync($"/Supervision/Checks/{fresh.Id}")).ShouldNotContain("doc=Result");
    }

    [Fact]
    public async Task Only_those_who_may_see_the_check_print_it()
    {
        var check = await DemoFailedCheckAsync();
        var baohe = await app.WithDb(db => db.Set<Region>().Where(r => r.Code == "340102").Select(r => r.RegionPath).SingleAsync());
        var own = (await NewCheckAsync(check, "合肥示范电缆有限公司", "91340102743081729F", baohe)).Id;
        foreach (var user in new[] { "wuhu", "enterprise" })
        {
            var client = await app.SignedInAs(user);
            (await client.GetAsync(Print(check.Id))).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
            (await client.GetAsync(Pdf(check.Id, "Result"))).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
        }
        foreach (var user in new[] { "province", "inspector", "agency" })
            (await (await app.SignedInAs(user)).GetAsync(Print(check.Id))).StatusCode.ShouldBe(HttpStatusCode.OK, user);
        (await app.Anonymous().GetAsync(Print(check.Id))).Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await (await app.SignedInAs("partner")).GetAsync(Print(check.Id))).Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        // The enterprise prints its own.
        var enterprise = await app.SignedInAs("enterprise");
        (await enterprise.GetAsync(Print(own))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await enterprise.GetAsync(Pdf(own))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_first_prints_at_once_get_consecutive_numbers_and_a_reprint_keeps_its_number()
    {
        var like = await DemoFailedCheckAsync();
        var first = await NewCheckAsync(like, "合肥编号甲" + Guid.NewGuid().ToString("N")[..6]);
        var second = await NewCheckAsync(like, "合肥编号乙" + Guid.NewGuid().ToString("N")[..6]);
        var hefei = await app.SignedInAs("hefei");
        var inspector = await app.SignedInAs("inspector");

        // Two different documents printed for the first time at the same moment, by two people.
        var pages = await Task.WhenAll(hefei.GetStringAsync(Print(first.Id)), inspector.GetStringAsync(Print(second.Id)));
        var numbers = pages.Select(NumberIn).ToList();
        numbers[0].ShouldNotBe(numbers[1]);
        var sequence = numbers.Select(n => int.Parse(Regex.Match(n, @"〕(\d+)号").Groups[1].Value)).Order().ToList();
        sequence[1].ShouldBe(sequence[0] + 1);
        // The register holds them in that office's sequence for the code word and year.
        var stored = await app.WithDb(db => db.Set<IssuedDocument>().Where(d => d.SubjectKey == first.Id.ToString() || d.SubjectKey == second.Id.ToString()).ToListAsync());
        stored.Select(d => d.Number).Order().ShouldBe(sequence);
        stored.Select(d => (d.IssuerCode, d.CodeWord, d.Year)).Distinct().ShouldHaveSingleItem().ShouldBe(("340100", "合市监抽", stored[0].Year));

        // Printed again, as the page, the PDF and the proof of service, by anyone: the same number.
        NumberIn(await inspector.GetStringAsync(Print(first.Id))).ShouldBe(numbers[0]);
        ExtractedText(await hefei.GetByteArrayAsync(Pdf(second.Id))).ShouldContain(numbers[1]);
        WebUtility.HtmlDecode(await hefei.GetStringAsync(Print(first.Id, "SamplingService"))).ShouldContain(numbers[0]);

        // The same document's first print twice at once: one number.
        var third = await NewCheckAsync(like, "合肥编号丙" + Guid.NewGuid().ToString("N")[..6]);
        var twice = await Task.WhenAll(hefei.GetStringAsync(Print(third.Id)), inspector.GetStringAsync(Print(third.Id)));
        NumberIn(twice[0]).ShouldBe(NumberIn(twice[1]));
        (await app.WithDb(db => db.Set<IssuedDocument>().CountAsync(d => d.SubjectKey == third.Id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task In_the_english_interface_the_controls_are_english_and_the_document_stays_chinese()
    {
        var check = await DemoFailedCheckAsync();
        var client = await app.SignedInAs("hefei");
        await client.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(Print(check.Id)));
        html.ShouldContain("id=\"print-button\">Print<");
        html.ShouldContain(">Proof of service (result notice)<");
        html.ShouldContain("id=\"print-language-note\"");
        html.ShouldContain("id=\"doc-title\">产品质量监督抽查抽样单<");
        html.ShouldContain("<article class=\"official-sheet\" lang=\"zh-CN\"");
        (await client.GetStringAsync($"/Supervision/Checks/{check.Id}")).ShouldContain(">Sampling record: <a");
        // The language is the account's choice: give it back.
        await client.PostFormAsync("/Account/Language", new() { ["culture"] = "zh-CN", ["returnUrl"] = "/" }, "/");
        (await client.GetStringAsync(Print(check.Id))).ShouldContain("id=\"print-button\">打印<");
    }
}

public sealed class PrintedDocumentsOnSqlite(SqliteApp app) : PrintedDocumentsTests(app), IClassFixture<SqliteApp>;
public sealed class PrintedDocumentsOnPostgres(PostgresApp app) : PrintedDocumentsTests(app), IClassFixture<PostgresApp>;
