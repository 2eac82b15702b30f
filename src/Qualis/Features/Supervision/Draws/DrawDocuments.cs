using Qualis.Features.Supervision.Items;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Printing;
using Qualis.Platform.Time;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// The draw notice (双随机抽查工作通知) through the platform's official-document model: what is drawn and how, the
/// verification data published before the draw (commitment, snapshot hash, inputs hash) and the seed once revealed, the
/// result with its teams once drawn, and a QR code to the public draw page where anyone can check it. Issued by the
/// organising office (the draw's area), numbered in its yearly sequence under the code word 通 the first time it is
/// printed. The 回避 facts stay out: they are private (the hardening issue).
/// </summary>
public sealed class DrawDocuments(QualisDb db, DocumentNumbering numbering, PeopleClock clock)
{
    public const string Kind = nameof(Draw) + "/Notice";
    public const string Title = "双随机抽查工作通知";

    /// <summary>The issuing office of a record of an area: its region's code and name (区域名 + 市场监督管理局 is the office).</summary>
    public static async Task<(string Code, string Name)> IssuerOfAsync(QualisDb db, string regionPath, CancellationToken ct)
    {
        var code = regionPath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var name = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).SingleOrDefaultAsync(ct);
        return (code, name ?? code);
    }


    public async Task<OfficialDocument> BuildAsync(Draw draw, string publicBase, CancellationToken ct = default)
    {
        var (issuerCode, issuerRegion) = await IssuerOfAsync(db, draw.RegionPath, ct);
        var issuer = issuerRegion + "市场监督管理局";
        var number = await numbering.NumberAsync(new NumberRequest(Kind, draw.Id.ToString(), issuerCode, DocumentNumber.CodeWordOf(issuerCode, issuerRegion, "通")), ct);
        var plan = await db.Set<SamplingPlan>().AsNoTracking().Where(p => p.Id == draw.PlanId).Select(p => new { p.Name, p.Year }).SingleOrDefaultAsync(ct);
        var batchRecord = await db.Set<PlanBatch>().AsNoTracking().Where(b => b.Id == draw.BatchId).Select(b => new { b.Name, b.Settings }).SingleOrDefaultAsync(ct);
        var batch = batchRecord?.Name;
        var parameters = DrawParameters.FromJson(draw.Parameters);
        var items = await db.Set<InspectionItem>().AsNoTracking().Where(i => parameters.Items.Contains(i.Code)).OrderBy(i => i.Code)
            .Select(i => i.Code + " " + i.Name + (i.SubItem == null ? "" : "（" + i.SubItem + "）")).ToListAsync(ct);
        var regionNames = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking()
            .Where(RegionRange.Within<Region>(draw.RegionPath)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        // The strata by the names the parameters file published (format 2 on); an older draw's by the same naming from its batch.
        var published = draw.ParametersFile is { } file ? ParametersFile.Read(System.Text.Encoding.UTF8.GetBytes(file)).Strata.ToDictionary(s => s.Key, s => s.Name) : [];
        var industryNames = published.Count > 0 ? [] : (await Registry.RegistryFace.IndustryHeadingsAsync(db, ct)).ToDictionary(i => i.Code, i => i.Name);
        string StratumName(string key) => published.TryGetValue(key, out var name) ? name
            : StratumNames.Canonical(key, batchRecord?.Settings ?? new BatchSettings(), regionNames, industryNames);
        var witnesses = draw.WitnessList is null ? [] : await DrawService.WitnessesOfAnyAreaAsync(db, draw.Id, ct);
        var rules = "关联单位回避、申报回避、上次检查人员回避" + (parameters.ExcludeOwnCounty ? "、本县人员回避" : "");

        var body = new List<DocumentBlock>
        {
            new Paragraph($"根据《{plan?.Name}》，我局组织开展{batch}（抽查事项：{string.Join("；", items)}），按照“双随机、一公开”的要求，通过平台随机抽取检查对象、随机选派执法检查人员。抽取前，我局已公布名录快照、检查人员输入的哈希值和随机种子的承诺值，任何人可据此复核抽取结果。现将有关事项通知如下。"),
            new Heading("一、抽查对象和抽取数量"),
            new Paragraph($"名录内符合条件的企业 {draw.Eligible} 家，分 {draw.StrataCount} 层，共抽取 {draw.TargetCount} 家，各层抽取数如下："),
            new DocumentTable([3, 1, 1], [
                [new TableCell("分层"), new TableCell("企业数"), new TableCell("抽取数")],
                .. parameters.Strata.Select(s => (IReadOnlyList<TableCell>)[new TableCell(StratumName(s.Key)), new TableCell(s.Size.ToString()),
                    new TableCell(s.Target + (s.Uncapped > 0 ? $"（一般事项比例上限，原为 {s.Uncapped}）" : ""))]),
            ], HeaderRow: true).Check(),
            new Heading("二、执法检查人员"),
            new Paragraph($"每个检查组 {parameters.TeamSize} 名执法检查人员，从执法检查人员名录库中随机选派，并按规定回避（{rules}）。"),
            new Heading("三、验证信息"),
            DocumentTable.Form(1,
                ("承诺值（随机种子的 SHA-256）", draw.Commitment, false),
                ("名录快照哈希（snapshot.tsv）", draw.SnapshotHash, false),
                ("检查人员输入哈希（inputs.tsv）", draw.InputsHash, false),
                ("参数哈希（parameters.tsv）", draw.ParametersHash ?? "无（本次抽取的参数以 parameters.json 公布）", false),
                ("承诺记录哈希（commitment.txt）", CommitmentRecord.Of(draw).Hash(), false),
                ("随机种子", draw.Seed ?? "抽取时公布（此前仅公布其哈希值，即承诺值）", false),
                ("公布承诺时间", Time(draw.CommittedAt), false),
                ("抽取时间", draw.DrawnAt is { } drawn ? Time(drawn) : "尚未抽取", false)),
        };
        if (witnesses.Count > 0)
        {
            // 见证人: named before the draw; their values (or the fallback) derive, with the secret seed, the seed the draw uses.
            body.Add(new Paragraph($"本次抽取由以下见证人在公布承诺后、{Time(draw.WitnessDeadline!.Value)}前提交随机值，抽取所用种子 = SHA-256（随机种子 ‖ 承诺记录哈希 ‖ witnesses.tsv）："));
            body.Add(new DocumentTable([0.6, 2, 3, 2.4, 2], [
                [new TableCell("序号"), new TableCell("身份"), new TableCell("见证人"), new TableCell("随机值"), new TableCell("提交时间")],
                .. witnesses.Select(w => (IReadOnlyList<TableCell>)[new TableCell(w.Position.ToString()), new TableCell(RoleName(w.Role)),
                    new TableCell(w.Name + "（" + w.Organisation + "）"),
                    new TableCell(w.Value ?? (draw.FallbackValue is null ? "等待提交" : "未提交，适用备用公开随机源")), new TableCell(w.GivenAt is { } at ? Time(at) : "")]),
            ], HeaderRow: true).Check());
            if (draw.FallbackValue is not null)
                body.Add(new Paragraph($"备用公开随机源：{draw.FallbackValue}（来源：{draw.FallbackSource}；由 {draw.FallbackBy} 于 {Time(draw.FallbackAt!.Value)} 适用）。"));
        }
        if (draw.Status == DrawStatus.Drawn)
        {
            var targets = await db.Set<DrawTarget>().AsNoTracking().Where(t => t.DrawId == draw.Id).OrderBy(t => t.Order).ToListAsync(ct);
            body.Add(new Heading("四、抽取结果"));
            body.Add(new DocumentTable([0.6, 3, 2.4, 2], [
                [new TableCell("序号"), new TableCell("被抽查企业"), new TableCell("统一社会信用代码"), new TableCell("检查组")],
                .. targets.Select(t => (IReadOnlyList<TableCell>)[new TableCell(t.Order.ToString()), new TableCell(t.EnterpriseName), new TableCell(t.CreditCode),
                    new TableCell(t.InspectorNames.Length > 0 ? t.InspectorNames : "未能组成检查组")]),
            ], HeaderRow: true).Check());
        }
        if (draw.Status == DrawStatus.Annulled)
            body.Add(new Paragraph($"本次抽取已于{Time(draw.AnnulledAt!.Value)}作废，理由：{draw.AnnulReason}。"));
        body.Add(new Paragraph("任何人可扫描下方二维码进入公示页面，下载公布的文件，按平台公布的双随机抽取算法说明，核对随机种子与承诺值、文件与哈希值，并重新计算抽取结果。"));
        return new OfficialDocument
        {
            Issuer = issuer, Number = number.ToString(), Title = Title, Addressee = "各有关单位、各检查组", Body = body,
            Signed = new IssuerSignature(issuer, clock.DateOf(draw.DrawnAt ?? draw.CommittedAt)),
            Link = new DocumentLink($"{publicBase}/Public/Draws/{draw.Id}", "扫码查看本次双随机抽取的公示页面（可复核）"),
        };
    }

    private static string RoleName(WitnessRole role) => role switch
    {
        WitnessRole.Notary => "公证员",
        WitnessRole.Association => "企业协会代表",
        WitnessRole.Supervisor => "监督部门",
        _ => "本机关人员",
    };

    /// <summary>A moment in China time, as a document writes it.</summary>
    private string Time(DateTime utc)
    {
        var local = clock.ToLocal(utc);
        return DocumentDates.Written(DateOnly.FromDateTime(local.DateTime)) + local.ToString(" HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}
