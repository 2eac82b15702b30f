using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Modules;
using Qualis.Platform.Printing;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>The documents printed from a spot check: the sampling record, the result notice, and a proof of service for each.</summary>
[TextKeys("print.doc.")]
public enum CheckDocument
{
    /// <summary>产品质量监督抽查抽样单: printed before sampling to fill in on site, or after it with what was entered.</summary>
    Sampling,
    /// <summary>送达回证 of the sampling record.</summary>
    SamplingService,
    /// <summary>检验结果通知书: once the agency entered the result.</summary>
    Result,
    /// <summary>送达回证 of the result notice.</summary>
    ResultService,
    /// <summary>责令整改通知书: once a failed result is final and rectification is ordered.</summary>
    Rectification,
    /// <summary>送达回证 of the rectification order.</summary>
    RectificationService,
}

/// <summary>
/// Fills the platform's official-document model (<see cref="OfficialDocument"/>) from a spot check. The issuing office is
/// the office that organised the draw (the check's own area when it came from no draw); each document is numbered in
/// that office's yearly sequence under its code word (抽 for sampling records, 检 for result notices, 责改 for
/// rectification orders) the first time it is printed, and keeps its number after. A proof of service names the served
/// document by its number.
/// </summary>
public sealed class SpotCheckDocuments(QualisDb db, DocumentNumbering numbering, SpotCheckWorkflow workflow)
{
    public static string KindOf(CheckDocument served) => nameof(SpotCheck) + "/" + Served(served);

    /// <summary>The document a proof of service serves, or the document itself.</summary>
    private static CheckDocument Served(CheckDocument d) => d switch
    {
        CheckDocument.SamplingService => CheckDocument.Sampling,
        CheckDocument.ResultService => CheckDocument.Result,
        CheckDocument.RectificationService => CheckDocument.Rectification,
        _ => d,
    };

    private static bool IsSamplingRecord(CheckDocument d) => Served(d) == CheckDocument.Sampling;

    /// <summary>The code word's own character(s) of each numbered document (机关代字 after "市监").</summary>
    private static string CodeWordKind(CheckDocument d) => Served(d) switch
    {
        CheckDocument.Sampling => "抽",
        CheckDocument.Result => "检",
        _ => "责改",
    };

    /// <summary>Whether the document exists yet: a result notice only once there is a result, a rectification order once one is ordered.</summary>
    public static bool Available(SpotCheck c, CheckDocument d) => Served(d) switch
    {
        CheckDocument.Sampling => true,
        CheckDocument.Result => c.Result is not null,
        _ => c.RectificationOrderedOn is not null,
    };

    /// <summary>The documents the check can print now.</summary>
    public static IEnumerable<CheckDocument> AvailableFor(SpotCheck c) => Enum.GetValues<CheckDocument>().Where(d => Available(c, d));

    /// <summary>The document, numbered; <paramref name="publicBase"/> is the site's address for the QR code.</summary>
    public async Task<OfficialDocument> BuildAsync(SpotCheck c, CheckDocument d, string publicBase, CancellationToken ct = default)
    {
        var (issuerCode, issuerRegion) = await IssuerAsync(c, ct);
        var issuer = issuerRegion + "市场监督管理局";
        var number = await numbering.NumberAsync(new NumberRequest(KindOf(d), c.Id.ToString(), issuerCode,
            DocumentNumber.CodeWordOf(issuerCode, issuerRegion, CodeWordKind(d))), ct);
        var link = LinkOf(c, publicBase);
        return d switch
        {
            CheckDocument.Sampling => await SamplingAsync(c, issuer, number, link, ct),
            CheckDocument.Result => await ResultAsync(c, issuer, number, link, ct),
            CheckDocument.Rectification => await RectificationAsync(c, issuer, number, link, ct),
            CheckDocument.SamplingService => Service(c, issuer, number, "产品质量监督抽查抽样单", c.SamplingPlace),
            CheckDocument.ResultService => Service(c, issuer, number, "产品质量监督抽查检验结果通知书", null),
            _ => Service(c, issuer, number, RectificationTitle, null),
        };
    }

    /// <summary>Where a reader of the paper checks it: the published result once public, otherwise the public page of the draw that chose the firm.</summary>
    private static DocumentLink? LinkOf(SpotCheck c, string publicBase) =>
        c.PublishedAt is not null ? new DocumentLink($"{publicBase}/Public/Results/{c.Id}", "扫码查看本次抽查的公示结果")
        : c.DrawId != Guid.Empty ? new DocumentLink($"{publicBase}/Public/Draws/{c.DrawId}", "扫码查看抽取本企业的双随机抽取结果（可复核）")
        : null;

    private async Task<(string Code, string Name)> IssuerAsync(SpotCheck c, CancellationToken ct)
    {
        // The organising office's area is the draw's; the draw and the region are read only for that path and name.
        var path = c.DrawId == Guid.Empty ? null
            : await db.Set<Draw>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(x => x.Id == c.DrawId).Select(x => x.RegionPath).SingleOrDefaultAsync(ct);
        var code = path?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? c.RegionCode;
        var name = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).SingleOrDefaultAsync(ct);
        return (code, name ?? code);
    }

    private static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "" : value;
    private static string Quantity(int? n) => n is { } q ? q + " 件" : "";

    private async Task<OfficialDocument> SamplingAsync(SpotCheck c, string issuer, DocumentNumber number, DocumentLink? link, CancellationToken ct)
    {
        var category = c.ProductCategoryCode is null ? null : await RegistryFace.ProductCategoryAsync(db, c.ProductCategoryCode, ct);
        var region = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => r.Code == c.RegionCode).Select(r => r.Name).SingleOrDefaultAsync(ct);
        var body = new List<DocumentBlock>
        {
            new Paragraph($"根据{issuer}产品质量监督抽查工作安排（双随机抽查{(c.ItemCodes.Length > 0 ? "，抽查项目 " + c.ItemCodes : "")}），抽样人员出示执法证件后，对下列产品依法抽取样品。"),
            new Heading("一、被抽样单位"),
            DocumentTable.Form(2,
                ("单位名称", c.EnterpriseName, true),
                ("统一社会信用代码", c.CreditCode, false),
                ("所在地区", region ?? c.RegionCode, false)),
            new Heading("二、样品信息"),
            DocumentTable.Form(2,
                ("样品名称", Text(c.ProductName), false),
                ("产品类别", category is null ? "" : category.Name, false),
                ("规格型号", Text(c.Model), false),
                ("商标", Text(c.Trademark), false),
                ("生产日期/批号", Text(c.BatchNumber), true),
                ("检验样品数量", Quantity(c.TestQuantity), false),
                ("备用样品数量", Quantity(c.ReserveQuantity), false),
                ("抽样日期", c.SampledOn is null ? DocumentDates.Blank : DocumentDates.Written(c.SampledOn), false),
                ("抽样地点", Text(c.SamplingPlace), false),
                ("承检机构", Text(c.AgencyName), true)),
            new Heading("三、抽样人员"),
            new DocumentTable([1, 2, 3], [
                [new TableCell("序号"), new TableCell("姓名"), new TableCell("执法证号")],
                .. (await SamplersAsync(c, ct)).Select((s, i) => (IReadOnlyList<TableCell>)[new TableCell((i + 1).ToString()), new TableCell(s.Name), new TableCell(s.Certificate)]),
            ], HeaderRow: true).Check(),
            new Paragraph("样品已由抽样人员和被抽样单位共同确认并封存，检验样品送承检机构检验，备用样品封存保管备查。被抽样单位对抽样过程和本单所填内容无异议的，在下方签字、盖章。"),
        };
        return new OfficialDocument
        {
            Issuer = issuer, Number = number.ToString(), Title = "产品质量监督抽查抽样单", Body = body,
            Signatures =
            [
                new SignatureBlock("被抽样单位（签字、盖章）", ["经办人：", DocumentDates.Blank]),
                new SignatureBlock("抽样人员（签字）", ["抽样人员：", DocumentDates.Blank]),
            ],
            Signed = new IssuerSignature(issuer, c.SampledOn),
            Link = link,
            Note = "本单一式三联：第一联抽样单位留存，第二联被抽样单位留存，第三联随样品送承检机构。",
        };
    }

    /// <summary>
    /// The samplers as entered, each with the certificate number of the team's inspector of that name (the drawn team with
    /// its substitutions, so a substitute prints with his own number); before sampling, the team itself; two blank rows
    /// when neither is known, to be filled in on site.
    /// </summary>
    private async Task<List<(string Name, string Certificate)>> SamplersAsync(SpotCheck c, CancellationToken ct)
    {
        var team = (await workflow.TeamAsync(c, ct)).Members;
        var names = SpotCheckRules.SamplerNames(c.Samplers);
        var rows = names.Count > 0
            ? names.Select(n => (n, team.FirstOrDefault(m => m.Name == n)?.CertificateNumber ?? "")).ToList()
            : team.Select(m => (m.Name, m.CertificateNumber)).ToList();
        while (rows.Count < 2) rows.Add(("", ""));
        return rows;
    }

    private async Task<OfficialDocument> ResultAsync(SpotCheck c, string issuer, DocumentNumber number, DocumentLink? link, CancellationToken ct)
    {
        var retest = c.RetestResult is not null;
        var failures = await FinalFailuresAsync(c, ct);
        var verdict = c.FinalResult == CheckResult.Fail ? "不合格" : "合格";
        var product = Text(c.ProductName) + (c.Model is { Length: > 0 } ? "（规格型号：" + c.Model + "）" : "");
        var body = new List<DocumentBlock>
        {
            new Paragraph($"{DocumentDates.Written(c.SampledOn)}，我局依法对你单位的{product}（生产日期/批号：{Text(c.BatchNumber)}）进行了产品质量监督抽查抽样。经{Text(c.AgencyName)}{(retest ? "复检" : "检验")}，检验结论为：{verdict}。"),
        };
        if (c.FinalResult == CheckResult.Fail)
        {
            body.Add(new Paragraph("不合格项目如下："));
            body.Add(FailureTable(failures));
            if (!retest)
                body.Add(new Paragraph(c.ObjectionDeadline is { } deadline
                    ? $"你单位对检验结果有异议的，可以自收到本通知书之日起{Deadlines.ObjectionDays}日内，即{DocumentDates.Written(deadline)}前，向我局书面提出复检申请；逾期未提出的，视为承认检验结果。"
                    : $"你单位对检验结果有异议的，可以自收到本通知书之日起{Deadlines.ObjectionDays}日内向我局书面提出复检申请；逾期未提出的，视为承认检验结果。"));
            body.Add(new Paragraph("你单位应当立即停止生产、销售同一批次的不合格产品，查明原因，依法进行整改。"));
        }
        else
        {
            body.Add(new Paragraph("特此通知。"));
        }
        return new OfficialDocument
        {
            Issuer = issuer, Number = number.ToString(), Title = "产品质量监督抽查检验结果通知书", Addressee = c.EnterpriseName, Body = body,
            Signed = new IssuerSignature(issuer, c.ResultOn),
            Link = link,
        };
    }

    private const string RectificationTitle = "责令整改通知书";

    /// <summary>The failed items of the verdict that stands: the re-test's when there was one.</summary>
    private Task<List<SpotCheckFailure>> FinalFailuresAsync(SpotCheck c, CancellationToken ct)
    {
        var retest = c.RetestResult is not null;
        return db.Set<SpotCheckFailure>().AsNoTracking().Where(f => f.SpotCheckId == c.Id && f.Retest == retest).OrderBy(f => f.Id).ToListAsync(ct);
    }

    private static DocumentTable FailureTable(List<SpotCheckFailure> failures) => new DocumentTable([0.6, 2, 2, 2, 2], [
        [new TableCell("序号"), new TableCell("检验项目"), new TableCell("标准条款"), new TableCell("标准要求"), new TableCell("实测结果")],
        .. failures.Select((f, i) => (IReadOnlyList<TableCell>)[new TableCell((i + 1).ToString()), new TableCell(f.Item), new TableCell(f.Clause), new TableCell(f.Required), new TableCell(f.Measured)]),
    ], HeaderRow: true).Check();

    /// <summary>
    /// 责令整改通知书 (产品质量监督抽查管理暂行办法 arts. 45–47): the failed items of the final result, stop-sale at once,
    /// rectification within 60 days of the order with its last day, the follow-up check (复查) within 75 days and what a
    /// failed follow-up brings; once the follow-up is recorded, its outcome.
    /// </summary>
    private async Task<OfficialDocument> RectificationAsync(SpotCheck c, string issuer, DocumentNumber number, DocumentLink? link, CancellationToken ct)
    {
        var ordered = c.RectificationOrderedOn!.Value;
        var product = Text(c.ProductName) + (c.Model is { Length: > 0 } ? "（规格型号：" + c.Model + "）" : "");
        var body = new List<DocumentBlock>
        {
            new Paragraph($"{DocumentDates.Written(c.SampledOn)}，我局依法对你单位生产的{product}（生产日期/批号：{Text(c.BatchNumber)}）进行了产品质量监督抽查。经{Text(c.AgencyName)}{(c.RetestResult is not null ? "复检" : "检验")}，检验结论为不合格，检验结果已于{DocumentDates.Written(c.InspectionEndedOn ?? ordered)}确定。不合格项目如下："),
            FailureTable(await FinalFailuresAsync(c, ct)),
            new Paragraph("根据《中华人民共和国产品质量法》和《产品质量监督抽查管理暂行办法》第四十五条、第四十六条、第四十七条的规定，现责令你单位："),
            new Paragraph("一、立即停止生产、销售同一批次的不合格产品，对已出厂、销售的不合格产品依法采取措施。"),
            new Paragraph($"二、自责令之日起{Deadlines.RectificationDays}日内，即{DocumentDates.Written(c.RectificationDue)}前，查明不合格原因，完成整改，并将整改情况书面报告我局。"),
            new Paragraph($"三、我局将自责令之日起{Deadlines.FollowUpCheckDays}日内，即{DocumentDates.Written(c.FollowUpDue)}前，对你单位进行复查。复查不合格的，我局将逐级上报省级市场监督管理部门，由其向社会公告。"),
            new Heading("整改期限"),
            DocumentTable.Form(2,
                ("被抽查单位", c.EnterpriseName, true),
                ("统一社会信用代码", c.CreditCode, true),
                ("责令日期", DocumentDates.Written(ordered), false),
                ("整改期限", DocumentDates.Written(c.RectificationDue), false),
                ("复查期限", DocumentDates.Written(c.FollowUpDue), false),
                ("复查结果", c.FollowUpResult is { } outcome ? $"{(outcome == CheckResult.Pass ? "合格" : "不合格")}（{DocumentDates.Written(c.FollowUpOn)}）" : "尚未复查", false)),
        };
        return new OfficialDocument
        {
            Issuer = issuer, Number = number.ToString(), Title = RectificationTitle, Addressee = c.EnterpriseName, Body = body,
            Signed = new IssuerSignature(issuer, ordered),
            Link = link,
            Note = "本通知书一式两份，一份送达被抽查单位，一份存档。",
        };
    }

    /// <summary>The date a signer writes by hand, to the right of the cell.</summary>
    private const string SignDate = "　　　　　　　　　　　　　　" + DocumentDates.Blank;

    private static OfficialDocument Service(SpotCheck c, string issuer, DocumentNumber served, string servedTitle, string? place) => new()
    {
        Issuer = issuer, Title = "送达回证",
        Body =
        [
            DocumentTable.Form(1,
                ("送达文书", $"《{servedTitle}》（{served}）", false),
                ("受送达人", c.EnterpriseName, false),
                ("统一社会信用代码", c.CreditCode, false),
                ("送达地点", Text(place), false),
                ("送达方式", "□直接送达　□留置送达　□邮寄送达　□电子送达", false),
                ("受送达人签收", "\n签名（盖章）：\n" + SignDate, false),
                ("送达人", "签名：\n" + SignDate, false),
                ("见证人", "签名：\n" + SignDate, false),
                ("备注", "\n", false)),
        ],
        Signed = new IssuerSignature(issuer, null),
        Note = "受送达人拒绝签收的，送达人应当在备注栏注明拒收事由和日期，由送达人、见证人签名，将文书留在受送达人处，即视为送达。",
    };
}
