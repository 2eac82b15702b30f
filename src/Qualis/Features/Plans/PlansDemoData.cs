using Qualis.Features.Departments;
using Qualis.Platform.Operations;

namespace Qualis.Features.Plans;

/// <summary>
/// Anhui's 2018 action plan (质量提升行动年), numbered as the notice numbers it, with the quotas per city of the 四重
/// action as minimum targets, the pass-rate target, the growth of the five demonstrations, a total and the work summary's
/// deadline; issued and acknowledged by four cities, one report approved and one waiting. Loaded once, into an empty table.
/// </summary>
public sealed class PlansDemoData : IDemoSeeder
{
    private const string Province = "340000";

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        if (await db.Set<ActionPlan>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var regions = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking()
            .Where(r => r.Code == Province || r.ParentCode == Province).ToDictionaryAsync(r => r.Code, ct);
        if (!regions.ContainsKey(Province)) return;
        var at = new DateTime(2018, 3, 29, 2, 0, 0, DateTimeKind.Utc);
        var plan = new ActionPlan
        {
            Year = 2018, RegionCode = Province, RegionPath = regions[Province].RegionPath, Title = "安徽省2018年质量提升行动年实施方案",
            DocumentNumber = "皖质提办〔2018〕1号", IssuingBody = "安徽省质量发展委员会办公室", IssuedOn = new DateOnly(2018, 3, 29),
            PeriodStart = new DateOnly(2018, 1, 1), PeriodEnd = new DateOnly(2018, 12, 31), Status = PlanStatus.Issued, IssuedBy = "province", IssuedAt = at,
        };
        db.Set<ActionPlan>().Add(plan);

        var order = 0;
        PlanMeasure Measure(string number, string text, PlanMeasure? parent = null)
        {
            var m = new PlanMeasure { PlanId = plan.Id, ParentId = parent?.Id, Number = number, Text = text, Order = order += 10 };
            db.Set<PlanMeasure>().Add(m);
            return m;
        }
        var five = Measure("一、", "持续推进“五大示范”行动");
        var growth = Measure("（一）", "各地以新增不低于上年20%的比例继续推进质量提升标杆示范、组织示范、人物示范、教育示范和文化示范。", five);
        Measure("（二）", "推动质量提升示范企业与小微企业结对共建，鼓励优势企业帮扶产业链上下游企业。", five);
        var zero = Measure("二、", "深入推进“服务零距离、质量零缺陷”行动");
        Measure("（一）", "摸清中小企业质量现状，细化帮扶方案，深入开展“质量流动诊所”活动。", zero);
        Measure("（二）", "聚焦省级以上经济开发区、高新技术开发区，开展质量强区（园区）活动。", zero);
        var four = Measure("三、", "大力推进“四重”行动");
        var parks = Measure("（一）", "突出重点产业园区。每个市抓好至少1个重点产业园区的质量提升。", four);
        var products = Measure("（二）", "突出重点产品和服务。每个市抓好至少两个重点产品和服务项目的质量提升。", four);
        var industries = Measure("（三）", "突出重点行业。每个市抓好至少两个重点行业的质量提升。", four);
        var enterprises = Measure("（四）", "突出重点企业。每个市抓好至少50个重点企业的质量提升。", four);
        var checks = Measure("（五）", "组织实施跟踪监督评价，开展行业、区域产品质量专项监督抽查。", four);
        var basis = Measure("四、", "夯实质量基础");
        var metrology = Measure("1.", "建设社会公用计量标准，到2020年全省达到3000项。", basis);
        var duty = Measure("五、", "工作要求");
        var summary = Measure("1.", "各市于12月1日前将年度工作总结报送省质量发展委员会办公室。", duty);

        var lead = await DepartmentsFace.FindAsync(db, "省市场监管局", ct);
        var contributors = new List<DepartmentEntry>();
        foreach (var name in new[] { "省经济和信息化厅", "省发展改革委", "省商务厅" })
            if (await DepartmentsFace.FindAsync(db, name, ct) is { } d) contributors.Add(d);
        foreach (var m in new[] { five, zero, four, basis })
        {
            if (lead is not null) db.Set<MeasureDepartment>().Add(new MeasureDepartment { PlanId = plan.Id, MeasureId = m.Id, DepartmentId = lead.Id, Role = MeasureRole.Lead });
            foreach (var c in contributors)
                db.Set<MeasureDepartment>().Add(new MeasureDepartment { PlanId = plan.Id, MeasureId = m.Id, DepartmentId = c.Id, Role = MeasureRole.Contributor });
        }

        var targetOrder = 0;
        PlanTarget Target(PlanMeasure m, string name, TargetKind kind, decimal value, TargetSource source, string? key = null, bool perCity = true,
            int? baselineYear = null, DateOnly? due = null, decimal tolerance = 10)
        {
            var t = new PlanTarget
            {
                PlanId = plan.Id, MeasureId = m.Id, Name = name, Kind = kind, Value = value, Source = source, IndicatorKey = key, PerCity = perCity,
                BaselineYear = baselineYear, DueOn = due, Tolerance = tolerance, Order = targetOrder += 10,
            };
            db.Set<PlanTarget>().Add(t);
            return t;
        }
        Target(growth, "新增“五大示范”单位数比上年增长", TargetKind.Growth, 20, TargetSource.Reported, baselineYear: 2017);
        Target(parks, "重点产业园区", TargetKind.Minimum, 1, TargetSource.Indicator, "keyobjects.parks");
        Target(products, "重点产品和服务", TargetKind.Minimum, 2, TargetSource.Indicator, "keyobjects.products");
        Target(industries, "重点行业", TargetKind.Minimum, 2, TargetSource.Indicator, "keyobjects.industries");
        Target(enterprises, "重点企业", TargetKind.Minimum, 50, TargetSource.Indicator, "keyobjects.enterprises");
        Target(checks, "产品质量监督抽查合格率", TargetKind.Rate, 90, TargetSource.Indicator, "supervision.pass-rate", tolerance: 2);
        var total = Target(metrology, "社会公用计量标准（项）", TargetKind.Total, 3000, TargetSource.Reported, perCity: false, due: new DateOnly(2020, 12, 31));
        var report = Target(summary, "年度工作总结", TargetKind.Deadline, 0, TargetSource.Reported, due: new DateOnly(2018, 12, 1), tolerance: 10);
        // Published on the public side (公开): the 四重 counts, which the platform counts from the enrolments.
        foreach (var t in db.ChangeTracker.Entries<PlanTarget>().Select(e => e.Entity).Where(t => t.IndicatorKey?.StartsWith("keyobjects.", StringComparison.Ordinal) == true))
            t.Published = true;

        // The total split among the cities: Hefei 420, each other city 172 (3,000 together).
        foreach (var city in regions.Values.Where(r => r.ParentCode == Province))
            db.Set<TargetShare>().Add(new TargetShare { TargetId = total.Id, RegionCode = city.Code, RegionPath = city.RegionPath, Quota = city.Code == "340100" ? 420 : 172 });

        var acknowledgedBy = new[] { ("340100", "hefei", 2), ("340200", "wuhu", 3), ("340300", "bengbu", 5), ("340800", "anqing", 9) };
        foreach (var (code, user, days) in acknowledgedBy.Where(a => regions.ContainsKey(a.Item1)))
            db.Set<PlanAcknowledgement>().Add(new PlanAcknowledgement
                { PlanId = plan.Id, RegionCode = code, RegionPath = regions[code].RegionPath, UserName = user, At = at.AddDays(days) });

        if (regions.TryGetValue("340100", out var hefei))
            db.Set<TargetReport>().Add(new TargetReport
            {
                TargetId = report.Id, PlanId = plan.Id, RegionCode = hefei.Code, RegionPath = hefei.RegionPath, Period = "2018Q4", Value = 1,
                DeliveredOn = new DateOnly(2018, 11, 28), Note = "合肥市2018年质量提升行动年工作总结", Status = ReportStatus.Approved,
                ReportedBy = "hefei", ReportedAt = new DateTime(2018, 11, 28, 3, 0, 0, DateTimeKind.Utc), DecidedBy = "province",
                DecidedAt = new DateTime(2018, 11, 30, 2, 0, 0, DateTimeKind.Utc),
            });
        if (regions.TryGetValue("340200", out var wuhu))
            db.Set<TargetReport>().Add(new TargetReport
            {
                TargetId = total.Id, PlanId = plan.Id, RegionCode = wuhu.Code, RegionPath = wuhu.RegionPath, Period = "2018Q4", Value = 96,
                Note = "芜湖市已建社会公用计量标准96项", ReportedBy = "wuhu", ReportedAt = new DateTime(2018, 12, 20, 3, 0, 0, DateTimeKind.Utc),
                PendingKey = TargetReport.PendingKeyOf(total.Id, wuhu.Code, "2018Q4"),
            });
        await db.SaveChangesAsync(ct);
    }
}
