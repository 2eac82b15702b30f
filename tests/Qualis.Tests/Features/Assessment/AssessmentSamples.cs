using Qualis.Features.Assessment;
using Qualis.Features.Assessment.Scoring;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Assessment;

/// <summary>
/// Assessment records of a region, for the access matrix, the form and concurrency matrices and the audit-region test: a
/// draft scheme run by the city (one item of 100 points, a veto rule), and a city's assessment, targets filed, under a
/// published scheme of the province.
/// </summary>
public sealed class AssessmentSamples : IRecordSampleMakers
{
    /// <summary>Sample schemes take odd years from 3001 on, so copying one forward (the year after) never meets another.</summary>
    private static int _year = 2999;

    private static int NextYear() => Interlocked.Add(ref _year, 2);

    /// <summary>The parents of the child records below: written first (their kinds sort before their children's), under these ids.</summary>
    private static readonly Guid SchemeId = Guid.CreateVersion7(), CityId = Guid.CreateVersion7();

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(AssessmentScheme)] = (code, path) => new AssessmentScheme { Id = SchemeId, Year = NextYear(), RegionCode = code, RegionPath = path, Title = "审计测试考核方案" },
        [typeof(SchemeItem)] = (_, _) => new SchemeItem { SchemeId = SchemeId, Code = "1", Name = "审计测试评分项", MaxPoints = 100, Type = ScoringType.YesNo },
        [typeof(SchemeStep)] = (_, _) => new SchemeStep { SchemeId = SchemeId, Step = AssessmentStep.Bulletin, Deadline = new DateOnly(2026, 12, 31) },
        [typeof(SchemeVeto)] = (_, _) => new SchemeVeto { SchemeId = SchemeId, Code = "V1", Name = "审计测试否决事项", Grade = "D" },
        [typeof(SchemeResult)] = (code, _) => new SchemeResult { SchemeId = SchemeId, RegionCode = code, Score = 90, Grade = "A", Rank = 1 },
        [typeof(CityAssessment)] = (code, path) => new CityAssessment { Id = CityId, SchemeId = SchemeId, RegionCode = code, RegionPath = path, Note = "审计测试" },
        [typeof(ItemScore)] = (_, _) => new ItemScore { CityAssessmentId = CityId, ItemCode = "1", ClaimedMet = true },
        [typeof(ItemEvidence)] = (_, _) => new ItemEvidence { CityAssessmentId = CityId, ItemCode = "1", FileName = "a.pdf", ContentType = "application/pdf", Sha256 = new string('0', 64), StoredPath = "x", UploadedAt = DateTime.UtcNow, UploadedBy = "审计" },
        [typeof(SiteCheck)] = (_, _) => new SiteCheck { CityAssessmentId = CityId, VisitedOn = new DateOnly(2026, 12, 1), Site = "审计测试点位", Findings = "无" },
        [typeof(CityVeto)] = (_, _) => new CityVeto { CityAssessmentId = CityId, VetoCode = "V1", Reason = "审计测试" },
    };

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(AssessmentScheme)] = async (app, city, marker) =>
        {
            var (scheme, item) = await NewSchemeAsync(app, city, marker, SchemeStatus.Draft);
            return new(new() { ["id"] = scheme.Id.ToString(), ["itemId"] = item.Id.ToString(), ["city"] = city }, marker);
        },
        [typeof(CityAssessment)] = async (app, city, marker) =>
        {
            var (scheme, item) = await NewSchemeAsync(app, "340000", "样本考核方案", SchemeStatus.Published);
            var assessment = new CityAssessment { SchemeId = scheme.Id, RegionCode = city, Stage = CityStage.Filed, TargetsFiledOn = new DateOnly(2026, 3, 1), Note = marker };
            await RecordSamples.AddInCityAsync(app, city, path => { assessment.RegionPath = path; return assessment; });
            await app.WithDb(async db =>
            {
                db.Set<ItemScore>().Add(new ItemScore { CityAssessmentId = assessment.Id, ItemCode = item.Code });
                await db.SaveChangesAsync();
            });
            return new(new() { ["id"] = assessment.Id.ToString() }, marker);
        },
    };

    /// <summary>A scheme of the region with one yes/no item of 100 points, a veto rule and a calendar.</summary>
    public static async Task<(AssessmentScheme Scheme, SchemeItem Item)> NewSchemeAsync(QualisApp app, string region, string title, SchemeStatus status)
    {
        var scheme = new AssessmentScheme { Year = NextYear(), RegionCode = region, Title = title, Status = status, SummaryDue = new DateOnly(2026, 12, 1) };
        await RecordSamples.AddInCityAsync(app, region, path => { scheme.RegionPath = path; return scheme; });
        var item = new SchemeItem { SchemeId = scheme.Id, Code = "1", Name = "质量工作纳入政府绩效考核", Order = 10, MaxPoints = 100, Type = ScoringType.YesNo, Department = "省市场监管局" };
        await app.WithDb(async db =>
        {
            db.Set<SchemeItem>().Add(item);
            db.Set<SchemeVeto>().Add(new SchemeVeto { SchemeId = scheme.Id, Code = "V1", Name = "发生区域性重大质量安全事故", Grade = "D" });
            db.Set<SchemeStep>().Add(new SchemeStep { SchemeId = scheme.Id, Step = AssessmentStep.SelfAssessment, Deadline = new DateOnly(2026, 12, 10) });
            await db.SaveChangesAsync();
        });
        return (scheme, item);
    }
}
