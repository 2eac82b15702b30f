using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Items;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Operations;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Attachments;
using Qualis.Platform.Calendar;
using Qualis.Platform.Time;

namespace Qualis.Features.Supervision;

/// <summary>
/// The demo province's list of inspection items (一单) and a 2026 plan for Hefei whose first batch is already drawn,
/// so the spot-check journey can be tried at once. Runs after the registry's demo data.
/// </summary>
public sealed class SupervisionDemoData : IDemoSeeder
{
    public static readonly InspectionItem[] DemoItems =
    [
        Item("CJ-01", "产品质量监督抽查", "电线电缆产品质量", "DX01", isKey: true, ratio: 10, method: "抽样检验"),
        Item("CJ-02", "产品质量监督抽查", "家用电器产品质量", "JD03", isKey: false, ratio: 5, method: "抽样检验"),
        Item("CJ-03", "产品质量监督抽查", "儿童用品产品质量", "ET01", isKey: true, ratio: 10, method: "抽样检验"),
        Item("CJ-04", "产品质量监督抽查", "消防产品质量", "XF01", isKey: true, ratio: 10, method: "抽样检验"),
        Item("CJ-05", "工业产品生产许可证获证企业检查", "获证企业生产条件检查", null, isKey: false, ratio: 5, method: "实地核查"),
        Item("CJ-06", "企业标准自我声明公开检查", "企业公开标准的合规性", null, isKey: false, ratio: 3, method: "书面检查"),
    ];

    private static InspectionItem Item(string code, string name, string sub, string? category, bool isKey, decimal ratio, string method) => new()
    {
        Code = code, Name = name, SubItem = sub, ProductCategoryCode = category, IsKey = isKey, RatioPercent = ratio, Method = method,
        LegalBasis = category is null ? "《中华人民共和国标准化法》《工业产品生产许可证管理条例》" : "《中华人民共和国产品质量法》第十五条；《产品质量监督抽查管理暂行办法》",
        Department = "质量监督处（监督抽查处）", ObjectType = "生产企业", Frequency = "每年 1 次",
        InspectorRequirements = "持行政执法证；熟悉相关产品标准",
    };

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        if (await db.Set<InspectionItem>().AnyAsync(ct)) return;
        db.Set<InspectionItem>().AddRange(DemoItems);
        var hefei = await db.Set<Region>().OutsideArea(AreaReason.Seeding).SingleAsync(r => r.Code == "340100", ct);
        var plan = new SamplingPlan { Year = 2026, Name = "合肥市 2026 年双随机抽查计划", RegionCode = hefei.Code, RegionPath = hefei.RegionPath, CreatedAt = DateTime.UtcNow };
        db.Set<SamplingPlan>().Add(plan);
        var batch = new PlanBatch
        {
            PlanId = plan.Id, Number = 1, Name = "第一批：电线电缆产品质量监督抽查", RegionPath = plan.RegionPath, CreatedAt = DateTime.UtcNow,
            Settings = new BatchSettings
            {
                ItemCodes = ["CJ-01"], ProductCategories = ["DX"], ByRegion = RegionStrata.County, ByCreditClass = true,
                RatioPercentByClass = new() { [CreditRiskClass.A] = 5, [CreditRiskClass.B] = 20, [CreditRiskClass.C] = 40, [CreditRiskClass.D] = 80 },
            },
        };
        db.Set<PlanBatch>().Add(batch);
        await db.SaveChangesAsync(ct);
        var draws = services.GetRequiredService<DrawService>();
        try
        {
            var draw = await draws.CommitAsync(batch.Id, ct);
            await draws.RunAsync(draw.Id, ct);
            await TakeStepsAsync(services, db, draw.Id, ct);
        }
        catch (DrawRefusedException e)
        {
            // A directory loaded before enterprises had product categories has nobody to draw: the batch waits for an official.
            services.GetRequiredService<ILogger<SupervisionDemoData>>().LogWarning("The demo batch was not drawn: {Problem}", e.Message);
        }
    }

    /// <summary>
    /// Takes the first checks of the demo draw some way along, on the dates a real batch would have (May to July 2026),
    /// through the same workflow officials use: most sampled and tested, two failing, the first ones made final and
    /// published, so the overview, the pass rates and the public results have something to show.
    /// </summary>
    private static async Task TakeStepsAsync(IServiceProvider services, QualisDb db, Guid drawId, CancellationToken ct)
    {
        var checks = await db.Set<SpotCheck>().OutsideArea(AreaReason.Seeding).Where(c => c.DrawId == drawId).OrderBy(c => c.CreditCode).Take(12).ToListAsync(ct);
        var agency = await RegistryFace.FirstTestingAgencyAsync(db, ct);
        if (agency is null) return;
        var clock = new DemoClock();
        var workflow = new SpotCheckWorkflow(db, new PeopleClock(clock, services.GetRequiredService<PeopleClock>().Zone), services.GetRequiredService<WorkingCalendar>(), services.GetRequiredService<AttachmentStore>());
        var inspector = new CheckParty(PartyKind.Inspector, "inspector");
        var official = new CheckParty(PartyKind.Official, "hefei");
        var lab = new CheckParty(PartyKind.Agency, "agency", agency.Name);
        string[] products = ["聚氯乙烯绝缘电缆电线", "额定电压450/750V及以下橡皮绝缘电缆", "电力电缆", "架空绞线"];
        for (var i = 0; i < checks.Count; i++)
        {
            var id = checks[i].Id;
            var day = new DateOnly(2026, 5, 11).AddDays(i);
            clock.Today = day;
            await workflow.RecordSamplingAsync(id, inspector, new SamplingForm
            {
                ProductName = products[i % products.Length], Model = i % 2 == 0 ? "BV 2.5mm²" : "RVV 3×1.5mm²", BatchNumber = $"2026-04-{10 + i:D2}",
                Trademark = null, ProductCategoryCode = checks[i].ProductCategoryCode, SampledOn = day, Place = "企业成品仓库",
                Samplers = "王磊、陈静", AgencyId = agency.Id,
            }, [], ct);
            if (i >= 10) continue; // two samples still at the laboratory
            clock.Today = day.AddDays(18);
            var fails = i is 3 or 7;
            await workflow.EnterResultAsync(id, lab, new ResultForm
            {
                Outcome = fails ? CheckResult.Fail : CheckResult.Pass, On = clock.Today,
                Failures = fails ? [new FailedItemForm { Item = "导体电阻", Clause = "GB/T 3956-2008 第 5.1.2 条", Required = "≤7.41 Ω/km", Measured = "8.96 Ω/km" }] : [],
            }, ct);
            if (i >= 8) continue; // results not yet sent to the enterprise
            clock.Today = clock.Today.AddDays(2);
            await workflow.RecordNotificationAsync(id, official, new NotificationForm { ReceivedOn = clock.Today }, ct);
            clock.Today = clock.Today.AddDays(20);
            await workflow.FinaliseAsync(id, official, ct);
            if (i < 6) await workflow.PublishAsync(id, official, ct);
        }
    }

    private sealed class DemoClock : TimeProvider
    {
        public DateOnly Today { get; set; }
        public override DateTimeOffset GetUtcNow() => new(Today.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
    }
}
