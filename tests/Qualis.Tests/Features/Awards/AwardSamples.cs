using Qualis.Features.Awards;
using Qualis.Features.Recognition;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Awards;

/// <summary>
/// An open city round of the quality award (deadline a month ahead, no recommendation needed) and an application to it,
/// for the access matrix, the audit-region test and the form and concurrency matrices.
/// </summary>
public sealed class AwardSamples : IRecordSampleMakers
{
    public static AwardRound NewRound(string regionCode, string regionPath, string title, DateOnly? deadline = null) => new()
    {
        Title = title, Year = DateTime.UtcNow.Year, Level = RecognitionLevel.City, Categories = "制造业\n服务业", WinnerQuota = 2, NomineeQuota = 1,
        Deadline = deadline ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), Stages = AwardRules.Format(AwardRules.DefaultStages),
        Model = AwardRules.Format(AwardRules.DefaultModel), PublicityDays = 7, ValidityYears = 5, LookbackYears = 3, ExpertsPerApplicant = 3,
        Combination = ScoreCombination.TrimmedMean, RegionCode = regionCode, RegionPath = regionPath, CreatedAt = DateTime.UtcNow, CreatedBy = "test",
    };

    /// <summary>The application the audit-region test's children hang under (AwardApplication sorts before AwardObjection and AwardReviewer).</summary>
    private static readonly Guid AuditApplication = Guid.Parse("0190a000-0000-7000-8000-00000000a161");
    private static readonly Guid AuditRound = Guid.Parse("0190a000-0000-7000-8000-00000000a160");

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(AwardApplication)] = (code, path) => new AwardApplication
        {
            Id = AuditApplication, RoundId = AuditRound, CreditCode = "91340103MA2AUDIT01", EnterpriseName = "审计", Category = "制造业", SelfAssessment = "审计", SubmittedAt = DateTime.UtcNow,
            SubmittedBy = "审计", RegionCode = code, RegionPath = path,
        },
        [typeof(AwardRound)] = (code, path) =>
        {
            var r = NewRound(code, path, "审计质量奖" + Guid.NewGuid().ToString("N")[..6]);
            r.Id = AuditRound;
            return r;
        },
        [typeof(AwardReviewer)] = (_, _) => new AwardReviewer { RoundId = AuditRound, ApplicationId = AuditApplication, ExpertId = Guid.CreateVersion7(), ExpertName = "审计", Place = 1 },
        [typeof(AwardEvidence)] = (_, _) => new AwardEvidence
        {
            ApplicationId = AuditApplication, FileName = "审计.pdf", ContentType = "application/pdf", Bytes = 5, Sha256 = new string('0', 64), StoredPath = "audit/audit.pdf",
            UploadedAt = DateTime.UtcNow, UploadedBy = "审计",
        },
        [typeof(AwardObjection)] = (_, _) => new AwardObjection
            { RoundId = AuditRound, ApplicationId = AuditApplication, Text = "审计异议", TextHash = new string('0', 64), ContactName = "审计", ContactPhone = "13800000000", FiledAt = DateTime.UtcNow },
    };

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(AwardRound)] = async (app, city, marker) =>
        {
            AwardRound? r = null;
            await RecordSamples.AddInCityAsync(app, city, path => r = NewRound(city, path, marker));
            return new(new() { ["id"] = r!.Id.ToString() }, marker);
        },
        [typeof(AwardApplication)] = async (app, city, marker) =>
        {
            AwardRound? r = null;
            await RecordSamples.AddInCityAsync(app, city, path => r = NewRound(city, path, "样本评选" + Guid.NewGuid().ToString("N")[..8]));
            await RecordSamples.AddInCityAsync(app, city, path => new AwardApplication
            {
                RoundId = r!.Id, CreditCode = "91" + city + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), EnterpriseName = marker, Category = "制造业",
                SelfAssessment = marker, SubmittedAt = DateTime.UtcNow, SubmittedBy = "test", RegionCode = city, RegionPath = path,
            });
            return new(new() { ["id"] = r!.Id.ToString() }, marker);
        },
    };
}
