using Microsoft.EntityFrameworkCore;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Items;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Data;
using Qualis.Platform.Operations;
using Qualis.Platform.Regions;

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
        var hefei = await db.Set<Region>().IgnoreQueryFilters().SingleAsync(r => r.Code == "340100", ct);
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
        }
        catch (DrawRefusedException e)
        {
            // A directory loaded before enterprises had product categories has nobody to draw: the batch waits for an official.
            services.GetRequiredService<ILogger<SupervisionDemoData>>().LogWarning("The demo batch was not drawn: {Problem}", e.Message);
        }
    }
}
