using Microsoft.AspNetCore.Identity;
using Qualis.Features.Departments;
using Qualis.Platform.Accounts;
using Qualis.Platform.Attachments;
using Qualis.Platform.Operations;

namespace Qualis.Features.Plans.Progress;

/// <summary>
/// Departments' progress on Anhui's 2018 plan (kept apart from <see cref="PlansDemoData"/>, which owns the plan and the
/// cities' figures): the accounts of 省住房城乡建设厅 and 省经济和信息化厅 beside the existing 省农业农村厅 account
/// ("partner"), 农业农村厅 and 住房城乡建设厅 given their part in the 四重 measures, and reports of 2018 — accepted, waiting,
/// one returned with its reason — so the matrix shows every state, the rest of the year's measures overdue. Loaded once,
/// when no progress report exists, after the plan.
/// </summary>
public sealed class ProgressDemoData : IDemoSeeder
{
    public static readonly (string UserName, string DisplayName, string Department)[] Accounts =
    [
        ("jianshe", "省住房城乡建设厅 联络员", "省住房城乡建设厅"),
        ("jingxin", "省经济和信息化厅 联络员", "省经济和信息化厅"),
    ];

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        if (await db.Set<DepartmentReport>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var plan = await db.Set<ActionPlan>().OutsideArea(AreaReason.Seeding).SingleOrDefaultAsync(p => p.Year == 2018 && p.RegionCode == "340000" && p.DocumentNumber == "皖质提办〔2018〕1号", ct);
        if (plan is null) return;
        var measures = await db.Set<PlanMeasure>().OutsideArea(AreaReason.Seeding).Where(m => m.PlanId == plan.Id).ToListAsync(ct);
        PlanMeasure? Find(string startsWith) => measures.FirstOrDefault(m => m.Text.StartsWith(startsWith, StringComparison.Ordinal));
        async Task<DepartmentEntry?> Department(string name) => await DepartmentsFace.FindAsync(db, name, ct);

        var users = services.GetRequiredService<UserManager<QualisUser>>();
        var province = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking().SingleAsync(r => r.Code == "340000", ct);
        foreach (var (userName, displayName, department) in Accounts)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var created = await users.CreateAsync(new QualisUser
            {
                UserName = userName, DisplayName = displayName, Role = Roles.PartnerDepartment, RegionCode = province.Code, RegionPath = province.RegionPath,
                Organisation = department, CreatedAt = DateTime.UtcNow,
            }, DemoAccounts.Password);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo account {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        // 省农业农村厅 shares the key products (农产品), 省住房城乡建设厅 the key industries (建筑业).
        var parts = await db.Set<MeasureDepartment>().OutsideArea(AreaReason.Seeding).Where(d => d.PlanId == plan.Id).ToListAsync(ct);
        void Part(PlanMeasure? measure, DepartmentEntry? department, MeasureRole role)
        {
            if (measure is null || department is null || parts.Any(p => p.MeasureId == measure.Id && p.DepartmentId == department.Id)) return;
            var part = new MeasureDepartment { PlanId = plan.Id, MeasureId = measure.Id, DepartmentId = department.Id, Role = role };
            parts.Add(part);
            db.Set<MeasureDepartment>().Add(part);
        }
        var agriculture = await Department("省农业农村厅");
        var construction = await Department("省住房城乡建设厅");
        var industry = await Department("省经济和信息化厅");
        var products = Find("突出重点产品和服务");
        var industries = Find("突出重点行业");
        Part(products, agriculture, MeasureRole.Contributor);
        Part(industries, construction, MeasureRole.Lead);

        var store = services.GetRequiredService<AttachmentStore>();
        DepartmentReport? Report(PlanMeasure? measure, DepartmentEntry? department, string period, string userName, DateTime at, string progress,
            ProgressStatus status = ProgressStatus.Submitted, string? note = null)
        {
            if (measure is null || department is null || !parts.Any(p => p.MeasureId == measure.Id && p.DepartmentId == department.Id)) return null;
            var report = new DepartmentReport
            {
                PlanId = plan.Id, MeasureId = measure.Id, DepartmentId = department.Id, RegionPath = plan.RegionPath, Period = period, Progress = progress,
                Status = status, ReportedBy = userName, ReportedAt = at,
                DecidedBy = status == ProgressStatus.Submitted ? null : "province", DecidedAt = status == ProgressStatus.Submitted ? null : at.AddDays(3),
                DecisionNote = note, PendingKey = status == ProgressStatus.Returned ? null : DepartmentReport.PendingKeyOf(measure.Id, department.Id, period),
            };
            db.Set<DepartmentReport>().Add(report);
            return report;
        }
        var five = Find("持续推进“五大示范”行动");
        var zero = Find("深入推进“服务零距离");
        var four = Find("大力推进“四重”行动");
        Report(five, industry, "2018Q4", "jingxin", new DateTime(2018, 12, 24, 2, 0, 0, DateTimeKind.Utc),
            "全年组织开展工业企业质量标杆评选，新增省级质量标杆企业28家；推动示范企业与126家小微企业结对共建。", ProgressStatus.Accepted);
        Report(four, industry, "2018Q4", "jingxin", new DateTime(2018, 12, 27, 6, 30, 0, DateTimeKind.Utc),
            "配合各市确定重点行业和重点企业名单，对50户重点工业企业开展质量诊断，形成提升方案。");
        Report(zero, industry, "2018Q4", "jingxin", new DateTime(2018, 12, 20, 1, 0, 0, DateTimeKind.Utc),
            "在省级以上开发区开展质量强区活动，12个园区制定质量提升方案。", ProgressStatus.Accepted);
        Report(products, agriculture, "2018Q3", "partner", new DateTime(2018, 9, 26, 7, 0, 0, DateTimeKind.Utc),
            "开展农产品质量安全专项整治。", ProgressStatus.Returned, "请补充重点农产品名单和抽检合格率，并附佐证材料。");
        var corrected = Report(products, agriculture, "2018Q4", "partner", new DateTime(2018, 12, 18, 3, 0, 0, DateTimeKind.Utc),
            "确定砀山酥梨、黄山毛峰等12个重点农产品，全年抽检农产品4.2万批次，合格率98.1%。");

        // One evidence file, stored as any upload is.
        if (corrected is not null)
        {
            var pdf = "%PDF-1.4\n% 省农业农村厅2018年第四季度质量提升工作进展\n"u8.ToArray();
            var stored = await store.SaveAsync(corrected.Id, [new IncomingFile("2018年第四季度农产品质量抽检情况.pdf", pdf.Length, () => new MemoryStream(pdf))], 1024 * 1024, ct);
            db.Set<DepartmentReportEvidence>().AddRange(stored.Select(f => EvidenceFile.From(f, new DepartmentReportEvidence { ReportId = corrected.Id, UploadedAt = corrected.ReportedAt })));
        }
        await db.SaveChangesAsync(ct);
    }
}
