using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Printing;
using Qualis.Platform.Time;

namespace Qualis.Features.Supervision.Publication;

/// <summary>
/// 抽查结果公告: the publication of a batch's results as an official document — the table of firms, products and
/// results (with the failed items) of the batch's published checks, the disposal of the failures, the issuing office
/// (the batch's area) and its number in the office's yearly sequence under the code word 告, given at the first print.
/// The QR code leads to the plan's public page. Published results only: nothing not yet public is announced.
/// </summary>
public sealed class ResultsAnnouncement(QualisDb db, DocumentNumbering numbering, PeopleClock clock)
{
    public const string Kind = nameof(PlanBatch) + "/Announcement";
    public const string Title = "产品质量监督抽查结果公告";

    /// <summary>The batch's published checks the reader may see, in publication then enterprise order.</summary>
    public async Task<List<SpotCheck>> PublishedChecksAsync(Guid batchId, CancellationToken ct = default)
    {
        var draws = await db.Set<Draw>().AsNoTracking().Where(d => d.BatchId == batchId).Select(d => d.Id).ToListAsync(ct);
        return await db.Set<SpotCheck>().AsNoTracking().Where(c => draws.Contains(c.DrawId) && c.PublishedAt != null && c.Result != null)
            .OrderBy(c => c.PublishedAt).ThenBy(c => c.CreditCode).ToListAsync(ct);
    }

    /// <summary>The announcement, or null while none of the batch's results is published.</summary>
    public async Task<OfficialDocument?> BuildAsync(PlanBatch batch, string publicBase, CancellationToken ct = default)
    {
        var checks = await PublishedChecksAsync(batch.Id, ct);
        if (checks.Count == 0) return null;
        var (issuerCode, issuerRegion) = await DrawDocuments.IssuerOfAsync(db, batch.RegionPath, ct);
        var issuer = issuerRegion + "市场监督管理局";
        var number = await numbering.NumberAsync(new NumberRequest(Kind, batch.Id.ToString(), issuerCode, DocumentNumber.CodeWordOf(issuerCode, issuerRegion, "告")), ct);
        var plan = await db.Set<SamplingPlan>().AsNoTracking().Where(p => p.Id == batch.PlanId).Select(p => new { p.Id, p.Name }).SingleAsync(ct);
        var ids = checks.Select(c => c.Id).ToList();
        var failures = (await db.Set<SpotCheckFailure>().AsNoTracking().Where(f => ids.Contains(f.SpotCheckId)).OrderBy(f => f.Id).ToListAsync(ct))
            .ToLookup(f => f.SpotCheckId);
        var failed = checks.Count(c => c.FinalResult == CheckResult.Fail);
        var rate = (checks.Count - failed) * 100m / checks.Count;
        var body = new List<DocumentBlock>
        {
            new Paragraph($"根据《{plan.Name}》，我局组织开展了{batch.Name}。按照“双随机、一公开”的要求，现将已确定的抽查结果公告如下：本次公告产品 {checks.Count} 批次，合格 {checks.Count - failed} 批次，不合格 {failed} 批次，批次合格率 {rate:0.#}%。"),
            new DocumentTable([0.6, 2.6, 2.2, 1.6, 1.2, 2.2, 2], [
                [new TableCell("序号"), new TableCell("受检单位"), new TableCell("产品名称及规格型号"), new TableCell("生产日期/批号"), new TableCell("检验结论"), new TableCell("不合格项目"), new TableCell("承检机构")],
                .. checks.Select((c, i) => (IReadOnlyList<TableCell>)[
                    new TableCell((i + 1).ToString()), new TableCell(c.EnterpriseName),
                    new TableCell((c.ProductName ?? "") + (c.Model is { Length: > 0 } ? " " + c.Model : "")), new TableCell(c.BatchNumber ?? ""),
                    new TableCell(c.FinalResult == CheckResult.Fail ? "不合格" : "合格"),
                    new TableCell(c.FinalResult == CheckResult.Fail ? string.Join("、", failures[c.Id].Where(f => f.Retest == (c.RetestResult is not null)).Select(f => f.Item)) : "—"),
                    new TableCell(c.AgencyName ?? "")]),
            ], HeaderRow: true).Check(),
        };
        if (failed > 0)
            body.Add(new Paragraph($"对抽查不合格的企业，我局已依法责令其立即停止生产、销售同一批次的不合格产品，自责令之日起{Deadlines.RectificationDays}日内完成整改，并将在{Deadlines.FollowUpCheckDays}日内组织复查；复查不合格的，逐级上报省级市场监督管理部门并向社会公告。"));
        body.Add(new Paragraph("本公告仅对所抽样品负责。特此公告。"));
        return new OfficialDocument
        {
            Issuer = issuer, Number = number.ToString(), Title = Title, Body = body,
            Signed = new IssuerSignature(issuer, clock.DateOf(checks.Max(c => c.PublishedAt!.Value))),
            Link = new DocumentLink($"{publicBase}/Public/Plans/{plan.Id}", "扫码查看本抽查计划的公示信息和结果"),
        };
    }
}
