using System.Collections.Concurrent;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// Spot checks with results, written straight into the database (the workflow pages are another branch's), in Hefei's
/// counties 肥东 and 蜀山 and in Wuhu's 镜湖, over several product categories, industries and quarters of 2024:
///
/// | check       | county | product | industry | result (final)     | result on  | published  |
/// |-------------|--------|---------|----------|--------------------|------------|------------|
/// | FeidongPass | 340122 | DX01    | 3831     | Pass               | 2024-01-15 | 2024-02-01 |
/// | FeidongFail | 340122 | DX01    | 3831     | Fail               | 2024-02-10 | 2024-03-01 |
/// | Retested    | 340122 | DX02    | 3831     | Fail → re-test Pass| 2024-04-02 | 2024-05-10 |
/// | ShushanPass | 340104 | DX01    | 3831     | Pass               | 2024-05-05 | —          |
/// | Corrected   | 340104 | ET01    | 2451     | Fail               | 2024-05-20 | 2024-06-10 |
/// | Tested      | 340104 | ET01    | 2451     | Pass (still open)  | 2024-08-01 | —          |
/// | WuhuPass    | 340202 | DX01    | 3831     | Pass               | 2024-03-03 | 2024-04-01 |
/// | WuhuFail    | 340202 | JD01    | 5137     | Fail → re-test Fail| 2024-11-11 | 2024-12-01 |
/// | Earlier     | 340104 | DX01    | 3831     | Pass               | 2023-12-31 | —          |
/// | NoResult    | 340122 | DX01    | 3831     | —                  | —          | —          |
///
/// 2024 by city: Hefei 6 checked, 4 passed; Wuhu 2 checked, 1 passed; total 8 and 5.
/// Enterprise names carry <see cref="Tag"/>; fields that must never be published carry <see cref="Secret"/>.
/// </summary>
public sealed class SpotCheckResults
{
    public const string Tag = "统计样本";
    public const string Secret = "内部不公开";

    public Dictionary<string, SpotCheck> Checks { get; } = [];
    public SpotCheck this[string name] => Checks[name];

    private static readonly ConcurrentDictionary<QualisApp, Lazy<Task<SpotCheckResults>>> Seeded = new();
    private static int _body = 81_000_000;

    /// <summary>The data set, written once per application (each test class has its own database).</summary>
    public static Task<SpotCheckResults> EnsureAsync(QualisApp app) =>
        Seeded.GetOrAdd(app, a => new Lazy<Task<SpotCheckResults>>(() => SeedAsync(a))).Value;

    private static async Task<SpotCheckResults> SeedAsync(QualisApp app)
    {
        var data = new SpotCheckResults();
        await app.WithDb(async db =>
        {
            var paths = await db.Set<Region>().ToDictionaryAsync(r => r.Code, r => r.RegionPath);
            SpotCheck Add(string name, string county, string category, string industry, CheckResult? result, string? on, string? published,
                CheckResult? retest = null, SpotCheckStatus status = SpotCheckStatus.Final)
            {
                var check = new SpotCheck
                {
                    DrawId = Guid.CreateVersion7(), DrawTargetId = Guid.CreateVersion7(), EnterpriseId = Guid.CreateVersion7(),
                    CreditCode = CreditCode.Compute("91" + county + Interlocked.Increment(ref _body).ToString("D8", System.Globalization.CultureInfo.InvariantCulture)),
                    EnterpriseName = $"{name}{Tag}有限公司", RegionCode = county, RegionPath = paths[county], IndustryCode = industry, ItemCodes = "CJ-01",
                    Status = published is null ? status : SpotCheckStatus.Published,
                    ProductCategoryCode = category, ProductName = category + " 样品", Model = "BV-2.5", BatchNumber = "2024-01-03", Trademark = "皖牌",
                    TestQuantity = 15, ReserveQuantity = 15, SampledOn = new DateOnly(2023, 12, 1),
                    SamplingPlace = Secret + "成品仓库", Samplers = Secret + "甲；" + Secret + "乙",
                    AgencyId = Guid.CreateVersion7(), AgencyName = "安徽省产品质量监督检验研究院",
                    Result = result, ResultOn = on is null ? null : DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), ResultBy = Secret + "@agency",
                    RetestResult = retest,
                    PublishedAt = published is null ? null : DateTime.SpecifyKind(DateTime.Parse(published + "T04:00:00", System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
                };
                if (retest is not null)
                {
                    check.Objection = Secret + "：检验方法有误";
                    check.ObjectedOn = check.ResultOn!.Value.AddDays(5);
                    check.Decision = ObjectionDecision.RetestGranted;
                    check.DecisionReason = Secret + "：同意复检";
                    check.RetestOn = check.ResultOn!.Value.AddDays(18);
                }
                db.Set<SpotCheck>().Add(check);
                data.Checks[name] = check;
                return check;
            }

            Add("FeidongPass", "340122", "DX01", "3831", CheckResult.Pass, "2024-01-15", "2024-02-01");
            var fail = Add("FeidongFail", "340122", "DX01", "3831", CheckResult.Fail, "2024-02-10", "2024-03-01");
            var retested = Add("Retested", "340122", "DX02", "3831", CheckResult.Fail, "2024-04-02", "2024-05-10", retest: CheckResult.Pass);
            Add("ShushanPass", "340104", "DX01", "3831", CheckResult.Pass, "2024-05-05", null);
            var corrected = Add("Corrected", "340104", "ET01", "2451", CheckResult.Fail, "2024-05-20", "2024-06-10");
            corrected.Model = "TY-01A";
            Add("Tested", "340104", "ET01", "2451", CheckResult.Pass, "2024-08-01", null, status: SpotCheckStatus.Tested);
            Add("WuhuPass", "340202", "DX01", "3831", CheckResult.Pass, "2024-03-03", "2024-04-01");
            var wuhuFail = Add("WuhuFail", "340202", "JD01", "5137", CheckResult.Fail, "2024-11-11", "2024-12-01", retest: CheckResult.Fail);
            Add("Earlier", "340104", "DX01", "3831", CheckResult.Pass, "2023-12-31", null);
            Add("NoResult", "340122", "DX01", "3831", null, null, null, status: SpotCheckStatus.ToSample);

            db.Set<SpotCheckFailure>().AddRange(
                new SpotCheckFailure { SpotCheckId = fail.Id, Item = "导体电阻", Clause = "GB/T 5023.3-2008 第 5.2 条", Required = "≤3.08 Ω/km", Measured = "3.35 Ω/km" },
                new SpotCheckFailure { SpotCheckId = retested.Id, Item = "绝缘厚度初检项", Clause = "GB/T 5023.3-2008 第 5.3 条", Required = "≥0.8 mm", Measured = "0.71 mm" },
                new SpotCheckFailure { SpotCheckId = corrected.Id, Item = "小零件", Clause = "GB 6675.2-2014 第 4.4 条", Required = "不得有小零件", Measured = "有小零件" },
                new SpotCheckFailure { SpotCheckId = wuhuFail.Id, Item = "初检不计项", Clause = "GB 4706.1 第 13 条", Required = "≤0.75 mA", Measured = "0.9 mA" },
                new SpotCheckFailure { SpotCheckId = wuhuFail.Id, Retest = true, Item = "泄漏电流", Clause = "GB 4706.1-2005 第 13.2 条", Required = "≤0.75 mA", Measured = "0.82 mA" });
            db.Set<ResultCorrection>().AddRange(
                new ResultCorrection { SpotCheckId = corrected.Id, At = new DateTime(2024, 6, 20, 2, 0, 0, DateTimeKind.Utc), By = Secret + "@hefei", Field = "Model", Before = "TY-01", After = "TY-01A", Reason = "型号录入有误" },
                new ResultCorrection { SpotCheckId = corrected.Id, At = new DateTime(2024, 6, 21, 2, 0, 0, DateTimeKind.Utc), By = Secret + "@hefei", Field = "Samplers", Before = Secret + "丙", After = Secret + "丁", Reason = Secret + "抽样人员更正" });
            await db.SaveChangesAsync();
        });
        return data;
    }
}
