using Qualis.Features.Assessment.Scoring;
using Qualis.Platform.Operations;

namespace Qualis.Features.Assessment;

/// <summary>
/// Anhui's quality-work assessment (质量工作考核) of its sixteen cities for the 2018 quality-improvement action year: a
/// scoring sheet of fourteen items on 100 points built on the action's measures and quotas, each scored by a department of
/// the demo directory; 2017's results published (with a vetoed city and the last-ranked city's rectification), and 2018
/// copied forward from it with the cities at every stage — reviewed, self-assessed, filing, not started, one work summary
/// overdue. Loaded once, into an empty table.
/// </summary>
public sealed class AssessmentDemoData : IDemoSeeder
{
    private sealed record DemoItem(string Code, string Name, decimal Points, ScoringType Type, string? Department, string? Method, string? Evidence,
        decimal? Target = null, decimal? Deduction = null, string? RankPoints = null, string? Indicator = null, ScoringType? Rule = null);

    // The platform indicators the sheet's formula items read (平台统计指标), offered by the key-objects and supervision
    // modules. Joined from their parts: a literal shaped like module.name would be taken for a text key by the texts test.
    private static string Indicator(string module, string name) => module + "." + name;

    private static readonly string Parks = Indicator("keyobjects", "parks"), Products = Indicator("keyobjects", "products"),
        Industries = Indicator("keyobjects", "industries"), Enterprises = Indicator("keyobjects", "enterprises"), PassRate = Indicator("supervision", "pass-rate");

    private static readonly DemoItem[] Sheet =
    [
        new("1", "质量工作组织领导", 0, ScoringType.YesNo, null, null, null),
        new("1.1", "质量工作纳入政府绩效考核，政府常务会议专题研究质量工作", 5, ScoringType.YesNo, "省市场监管局", "纳入考核并专题研究的得5分，否则不得分", "政府绩效考核文件、会议纪要"),
        new("1.2", "制定本地区质量提升行动年实施方案并报省质量发展委员会办公室备案", 5, ScoringType.YesNo, "省市场监管局", "按时制定并备案的得5分，否则不得分", "实施方案及备案回执"),
        new("1.3", "年度工作总结按时报送", 5, ScoringType.Deduction, "省市场监管局", "逾期未报送的扣5分", "年度工作总结", Deduction: 5),
        new("2", "“四重”质量提升行动", 0, ScoringType.YesNo, null, null, null),
        new("2.1", "抓好至少1个重点产业园区的质量提升", 6, ScoringType.Formula, "省发展改革委", "达到1个的得6分，否则不得分（平台统计）", "园区质量提升工作方案", Target: 1, Indicator: Parks, Rule: ScoringType.YesNo),
        new("2.2", "抓好至少2个重点产品和服务项目的质量提升", 6, ScoringType.Formula, "省商务厅", "按完成数与目标数之比得分（平台统计）", "质量比对、会商会诊记录", Target: 2, Indicator: Products, Rule: ScoringType.Partial),
        new("2.3", "抓好至少2个重点行业的质量提升", 6, ScoringType.Formula, "省经济和信息化厅", "按完成数与目标数之比得分（平台统计）", "行业质量问题解决方案", Target: 2, Indicator: Industries, Rule: ScoringType.Partial),
        new("2.4", "抓好至少50个重点企业的质量提升", 12, ScoringType.Formula, "省经济和信息化厅", "按完成数与目标数之比得分（平台统计）", "重点企业名单及帮扶记录", Target: 50, Indicator: Enterprises, Rule: ScoringType.Partial),
        new("3", "“五大示范”与质量技术服务", 0, ScoringType.YesNo, null, null, null),
        new("3.1", "新增质量提升示范单位不低于上年20%", 10, ScoringType.Partial, "省市场监管局", "按新增比例与20%之比得分，最高10分", "示范单位认定文件", Target: 20),
        new("3.2", "建设质量教育实践基地，推进质量提升进党校、进高校、进职校", 5, ScoringType.YesNo, "省教育厅", "完成的得5分，否则不得分", "基地认定及活动记录"),
        new("3.3", "开展“质量流动诊所”等精准帮扶活动", 10, ScoringType.Deduction, "省科技厅", "计划帮扶活动每少开展1次扣2分，扣完为止", "帮扶方案、活动记录", Deduction: 2),
        new("4", "质量安全", 0, ScoringType.YesNo, null, null, null),
        new("4.1", "产品质量监督抽查合格率不低于90%", 10, ScoringType.Formula, "省市场监管局", "达到90%的得10分，否则不得分（平台统计）", "监督抽查结果汇总", Target: 90, Indicator: PassRate, Rule: ScoringType.YesNo),
        new("4.2", "农产品质量安全例行监测合格率", 10, ScoringType.Rank, "省农业农村厅", "按全省排名得分，第1、2名10分，依次递减", "例行监测结果", RankPoints: "10,10,9,9,8,8,7,7,6,6,5,5,4,4,3,3"),
        new("4.3", "大中型工程一次验收合格率保持100%", 5, ScoringType.YesNo, "省住房城乡建设厅", "保持100%的得5分，否则不得分", "工程竣工验收备案表", Target: 100),
        new("4.4", "进出口商品质量安全", 5, ScoringType.Deduction, "合肥海关", "每发生1起被通报的进出口商品质量安全事件扣1分", "海关通报", Deduction: 1),
    ];

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        if (await db.Set<AssessmentScheme>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var service = services.GetRequiredService<AssessmentService>();
        var province = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking().SingleOrDefaultAsync(r => r.Code == "340000", ct);
        if (province is null) return;

        var y2017 = new AssessmentScheme
        {
            Year = 2017, RegionCode = province.Code, RegionPath = province.RegionPath, Title = "安徽省2017年度市级政府质量工作考核方案",
            SummaryDue = new DateOnly(2017, 12, 1), SummaryItemCode = "1.3", Status = SchemeStatus.Published, PublishedAt = new DateTime(2017, 3, 20, 2, 0, 0, DateTimeKind.Utc),
        };
        db.Set<AssessmentScheme>().Add(y2017);
        var order = 0;
        foreach (var i in Sheet)
            db.Set<SchemeItem>().Add(new SchemeItem
            {
                SchemeId = y2017.Id, Code = i.Code, ParentCode = i.Code.Contains('.') ? i.Code[..i.Code.IndexOf('.')] : null, Name = i.Name, Order = order += 10,
                MaxPoints = i.Points, Type = i.Type, Target = i.Target, DeductionPerUnit = i.Deduction, RankPoints = i.RankPoints, IndicatorKey = i.Indicator,
                Rule = i.Rule, Department = i.Department, Method = i.Method, Evidence = i.Evidence,
            });
        (AssessmentStep Step, int Month, int Day, int YearOffset)[] calendar =
            [(AssessmentStep.TargetsFiled, 4, 30, 0), (AssessmentStep.SelfAssessment, 12, 10, 0), (AssessmentStep.SiteChecks, 12, 25, 0),
             (AssessmentStep.CombinedReview, 1, 15, 1), (AssessmentStep.Bulletin, 1, 31, 1), (AssessmentStep.Rectification, 3, 1, 1)];
        foreach (var (step, month, day, offset) in calendar)
            db.Set<SchemeStep>().Add(new SchemeStep { SchemeId = y2017.Id, Step = step, Deadline = new DateOnly(2017 + offset, month, day) });
        db.Set<SchemeVeto>().Add(new SchemeVeto { SchemeId = y2017.Id, Code = "V1", Name = "发生区域性重大质量安全事故", Grade = "D" });
        await db.SaveChangesAsync(ct);

        // 2017: every city reviewed and the results published; 淮南 vetoed; the last-ranked city handed in its rectification.
        var b2017 = (await service.LoadAsync(y2017.Id, ct))!;
        await service.OpenCitiesAsync(b2017, ct);
        await db.SaveChangesAsync(ct);
        var cities2017 = await db.Set<CityAssessment>().Where(c => c.SchemeId == y2017.Id).OrderBy(c => c.RegionCode).ToListAsync(ct);
        await FillAsync(db, b2017, cities2017, cities2017.Count, 2017, ct);
        db.Set<CityVeto>().Add(new CityVeto { CityAssessmentId = cities2017.Single(c => c.RegionCode == "340400").Id, VetoCode = "V1", Reason = "2017年8月发生区域性食品质量安全事件，经调查认定" });
        foreach (var c in cities2017)
        {
            c.Stage = CityStage.Reviewed;
            c.TargetsFiledOn = new DateOnly(2017, 4, 20);
            c.SelfSubmittedAt = new DateTime(2017, 12, 5, 2, 0, 0, DateTimeKind.Utc);
            c.Summary = "2017年质量工作总结：全面推进“五大示范”行动，完成年度目标任务。";
            c.SummarySubmittedOn = new DateOnly(2017, 11, 28);
        }
        await db.SaveChangesAsync(ct);
        var ranking = await service.RankingAsync(b2017, ct);
        await service.PublishAsync(b2017, ranking.Hash, ct);
        y2017.ResultsPublishedAt = new DateTime(2018, 1, 30, 2, 0, 0, DateTimeKind.Utc);
        foreach (var c in await db.Set<CityAssessment>().Where(c => c.SchemeId == y2017.Id && c.RectificationDue != null).ToListAsync(ct))
        {
            c.RectificationDue = new DateOnly(2018, 3, 1);
            c.Rectification = "针对考核发现的问题，已制定整改方案：加强质量工作组织领导，补齐重点企业帮扶短板，建立月调度制度。";
            c.RectificationSubmittedOn = new DateOnly(2018, 2, 26);
        }
        await db.SaveChangesAsync(ct);

        // 2018: copied forward from 2017, published; the cities at every stage.
        var y2018 = await service.CopyForwardAsync(b2017, 2018, ct);
        y2018.Title = "安徽省2018年质量提升行动年市级政府质量工作考核方案";
        y2018.Status = SchemeStatus.Published;
        y2018.PublishedAt = new DateTime(2018, 3, 29, 2, 0, 0, DateTimeKind.Utc);
        await db.SaveChangesAsync(ct);
        var b2018 = (await service.LoadAsync(y2018.Id, ct))!;
        await service.OpenCitiesAsync(b2018, ct);
        await db.SaveChangesAsync(ct);
        var cities = await db.Set<CityAssessment>().Where(c => c.SchemeId == y2018.Id).OrderBy(c => c.RegionCode).ToListAsync(ct);
        // Reviewed: the first six after Hefei; self-assessed: the next five; filing: Hefei and two more; not started: the last two.
        var reviewed = cities.Where(c => c.RegionCode != "340100").Take(6).ToList();
        var assessed = cities.Where(c => c.RegionCode != "340100").Skip(6).Take(5).ToList();
        var filing = cities.Where(c => c.RegionCode == "340100").Concat(cities.Where(c => c.RegionCode != "340100").Skip(11).Take(2)).ToList();
        await FillAsync(db, b2018, [.. reviewed, .. assessed, .. filing], reviewed.Count, 2018, ct);
        foreach (var c in reviewed.Concat(assessed))
        {
            c.Stage = reviewed.Contains(c) ? CityStage.Reviewed : CityStage.SelfAssessed;
            c.TargetsFiledOn = new DateOnly(2018, 4, 25);
            c.SelfSubmittedAt = new DateTime(2018, 12, 6, 3, 0, 0, DateTimeKind.Utc);
        }
        foreach (var c in filing) { c.Stage = CityStage.Filed; c.TargetsFiledOn = new DateOnly(2018, 4, 28); c.Note = "已按方案分解年度目标并备案。"; }
        // Every work summary in on time but one: 池州's is overdue.
        foreach (var c in cities.Where(c => c.RegionCode != "341700"))
        {
            c.Summary = "2018年质量提升行动年工作总结：四重行动全面铺开，重点企业帮扶、质量流动诊所按计划推进。";
            c.SummarySubmittedOn = new DateOnly(2018, 11, 29);
        }
        var firstReviewed = reviewed[0];
        db.Set<SiteCheck>().AddRange(
            new SiteCheck { CityAssessmentId = firstReviewed.Id, VisitedOn = new DateOnly(2018, 12, 18), Site = "重点产业园区（随机抽取）", Unannounced = true, Findings = "园区质量提升台账完整，帮扶记录与平台数据一致。" },
            new SiteCheck { CityAssessmentId = reviewed[1].Id, VisitedOn = new DateOnly(2018, 12, 19), Site = "重点企业（随机抽取3家）", Unannounced = true, Findings = "1家企业帮扶方案未落实，已当场反馈。" });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Plausible figures for the cities' items, the same on every run: what the platform did not pre-fill is reported by
    /// the city; the first <paramref name="reviewedCount"/> cities' items are reviewed (one adjusted each), the rest pending.
    /// </summary>
    private static async Task FillAsync(QualisDb db, SchemeBundle bundle, List<CityAssessment> cities, int reviewedCount, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var ids = cities.Select(c => c.Id).ToList();
        var scores = await db.Set<ItemScore>().Where(s => ids.Contains(s.CityAssessmentId)).ToListAsync(ct);
        var leaves = bundle.Leaves.ToDictionary(l => l.Code);
        for (var n = 0; n < cities.Count; n++)
        {
            var city = cities[n];
            foreach (var s in scores.Where(s => s.CityAssessmentId == city.Id).OrderBy(s => s.ItemCode, StringComparer.Ordinal))
            {
                var item = leaves[s.ItemCode];
                if (item.Code == bundle.Scheme.SummaryItemCode) { }
                else if (item.Type == ScoringType.YesNo && item.Target is null) s.ClaimedMet = random.NextDouble() < 0.85;
                else if (s.PlatformValue is null)
                    s.ClaimedValue = item.Code switch
                    {
                        "2.1" => random.Next(0, 3),
                        "2.2" or "2.3" => random.Next(1, 4),
                        "2.4" => random.Next(32, 71),
                        "3.1" => random.Next(8, 36),
                        "3.3" => random.Next(0, 4),
                        "4.1" => Math.Round(86m + (decimal)random.NextDouble() * 12m, 1),
                        "4.2" => Math.Round(95m + (decimal)random.NextDouble() * 4.5m, 1),
                        "4.3" => random.NextDouble() < 0.9 ? 100m : 98.5m,
                        _ => random.Next(0, 3),
                    };
                s.Note = s.PlatformValue is null ? "数据由本市填报，佐证材料已上传至市局存档。" : null;
                if (n < reviewedCount || (n < reviewedCount + 5 && item.Department == "省市场监管局"))
                {
                    var adjust = n < reviewedCount && item.Code == "3.2" && n % 2 == 0;
                    s.Review = adjust ? ReviewState.Adjusted : ReviewState.Accepted;
                    s.AdjustedPoints = adjust ? 3m : null;
                    s.ReviewReason = adjust ? "佐证材料不全：仅提供基地认定文件，缺少活动记录，核减2分。" : null;
                    s.ReviewedBy = "province";
                    s.ReviewedAt = new DateTime(seed + 1, 1, 10, 2, 0, 0, DateTimeKind.Utc);
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
