using Qualis.Features.Plans;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Plans;

/// <summary>
/// Action plans and their records in a city, for the access matrix, the form and concurrency matrices and the audit-region
/// test: a draft plan of the city (its pages), a reported target of an issued city plan (its split and report pages, the
/// report form open to the city's counties this quarter), and a city's report, acknowledgement and quota under an issued
/// provincial plan (the marker sits in the city's own record, never in the provincial plan every city reads).
/// </summary>
public sealed class PlanSamples : IRecordSampleMakers
{
    /// <summary>The plan the audit-region test's child records hang under (it writes ActionPlan first: the kinds go in name order).</summary>
    private static readonly Guid AuditPlan = Guid.Parse("0190a000-0000-7000-8000-00000000a001");

    private static int ThisYear => DateTime.UtcNow.AddHours(8).Year;

    public static ActionPlan NewPlan(string code, string path, string title, PlanStatus status = PlanStatus.Draft, int? year = null) => new()
    {
        Year = year ?? ThisYear, RegionCode = code, RegionPath = path, Title = title, IssuingBody = "质量发展委员会办公室", Status = status,
        PeriodStart = new DateOnly(year ?? ThisYear, 1, 1), PeriodEnd = new DateOnly(year ?? ThisYear, 12, 31),
    };

    private static ActionPlan WithId(ActionPlan plan, Guid id)
    {
        plan.Id = id;
        return plan;
    }

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(ActionPlan)] = (code, path) => WithId(NewPlan(code, path, "审计测试方案"), AuditPlan),
        [typeof(PlanMeasure)] = (_, _) => new PlanMeasure { PlanId = AuditPlan, Number = "一、", Text = "审计测试措施" },
        [typeof(MeasureDepartment)] = (_, _) => new MeasureDepartment { PlanId = AuditPlan, MeasureId = Guid.CreateVersion7(), DepartmentId = Guid.CreateVersion7(), Role = MeasureRole.Lead },
        [typeof(PlanTarget)] = (_, _) => new PlanTarget { PlanId = AuditPlan, MeasureId = Guid.CreateVersion7(), Name = "审计测试指标", Kind = TargetKind.Minimum, Value = 1, Source = TargetSource.Reported },
        [typeof(PlanRevision)] = (_, _) => new PlanRevision { PlanId = AuditPlan, At = DateTime.UtcNow, UserName = "审计", Summary = "审计", Reason = "审计测试" },
        [typeof(PeriodReopening)] = (_, _) => new PeriodReopening { PlanId = AuditPlan, Period = "2026Q1", Reason = "审计测试", UserName = "审计", At = DateTime.UtcNow },
        [typeof(TargetShare)] = (code, path) => new TargetShare { TargetId = Guid.CreateVersion7(), RegionCode = code, RegionPath = path, Quota = 3 },
        [typeof(PlanAcknowledgement)] = (code, path) => new PlanAcknowledgement { PlanId = Guid.CreateVersion7(), RegionCode = code, RegionPath = path, UserName = "审计", At = DateTime.UtcNow },
        [typeof(TargetReport)] = (code, path) => new TargetReport
            { TargetId = Guid.CreateVersion7(), PlanId = Guid.CreateVersion7(), RegionCode = code, RegionPath = path, Period = "2026Q1", Value = 1, Note = "审计", ReportedBy = "审计", ReportedAt = DateTime.UtcNow },
        [typeof(ReportEvidence)] = (_, path) => new ReportEvidence { ReportId = Guid.CreateVersion7(), RegionPath = path, FileName = "a.pdf", ContentType = "application/pdf", Sha256 = new string('0', 64), StoredPath = "x" },
    };

    /// <summary>An issued provincial plan of this year with a reported minimum target (every city reads it; no marker in it).</summary>
    public static async Task<(ActionPlan Plan, PlanTarget Target)> ProvincialPlanAsync(QualisApp app, TargetKind kind = TargetKind.Minimum)
    {
        var plan = NewPlan("340000", "/340000/", "省级样本方案" + Guid.NewGuid().ToString("N")[..8], PlanStatus.Issued);
        var measure = new PlanMeasure { PlanId = plan.Id, Number = "一、", Text = "样本措施", Order = 10 };
        var target = new PlanTarget { PlanId = plan.Id, MeasureId = measure.Id, Name = "样本填报指标", Kind = kind, Value = 5, PerCity = true, Source = TargetSource.Reported };
        await app.WithDb(async db => { db.AddRange(plan, measure, target); await db.SaveChangesAsync(); });
        return (plan, target);
    }

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(ActionPlan)] = async (app, city, marker) =>
        {
            ActionPlan? plan = null;
            await RecordSamples.AddInCityAsync(app, city, path => plan = NewPlan(city, path, marker));
            // One measure, so the target form has one to attach to; its page is the measure form's sample, a new target the target form's.
            var measure = new PlanMeasure { PlanId = plan!.Id, Number = "一、", Text = "样本措施", Order = 10 };
            await app.WithDb(async db => { db.Add(measure); await db.SaveChangesAsync(); });
            return new(new() { ["id"] = plan.Id.ToString(), ["measureId"] = measure.Id.ToString(), ["targetId"] = "" }, marker);
        },
        [typeof(PlanTarget)] = async (app, city, marker) =>
        {
            ActionPlan? plan = null;
            await RecordSamples.AddInCityAsync(app, city, path => plan = NewPlan(city, path, marker, PlanStatus.Issued));
            var measure = new PlanMeasure { PlanId = plan!.Id, Number = "一、", Text = marker, Order = 10 };
            var target = new PlanTarget { PlanId = plan.Id, MeasureId = measure.Id, Name = marker, Kind = TargetKind.Minimum, Value = 5, PerCity = true, Source = TargetSource.Reported };
            await app.WithDb(async db => { db.AddRange(measure, target); await db.SaveChangesAsync(); });
            return new(new() { ["targetId"] = target.Id.ToString() }, marker);
        },
        [typeof(TargetReport)] = async (app, city, marker) =>
        {
            var (plan, target) = await ProvincialPlanAsync(app);
            TargetReport? report = null;
            await RecordSamples.AddInCityAsync(app, city, path => report = new TargetReport
            {
                TargetId = target.Id, PlanId = plan.Id, RegionCode = city, RegionPath = path, Period = $"{plan.Year}Q1", Value = 3, Note = marker,
                ReportedBy = "sample", ReportedAt = DateTime.UtcNow, PendingKey = TargetReport.PendingKeyOf(target.Id, city, $"{plan.Year}Q1"),
            });
            return new(new() { ["id"] = report!.Id.ToString() }, marker);
        },
        [typeof(ReportEvidence)] = async (app, city, marker) =>
        {
            await RecordSamples.AddInCityAsync(app, city, path => new ReportEvidence
                { ReportId = Guid.CreateVersion7(), RegionPath = path, FileName = marker + ".pdf", ContentType = "application/pdf", Sha256 = new string('0', 64), StoredPath = "x" });
            return new([], marker);
        },
        [typeof(PlanAcknowledgement)] = async (app, city, marker) =>
        {
            var (plan, _) = await ProvincialPlanAsync(app);
            await RecordSamples.AddInCityAsync(app, city, path => new PlanAcknowledgement { PlanId = plan.Id, RegionCode = city, RegionPath = path, UserName = marker, At = DateTime.UtcNow });
            return new([], marker);
        },
        [typeof(TargetShare)] = async (app, city, marker) =>
        {
            var (_, target) = await ProvincialPlanAsync(app);
            await RecordSamples.AddInCityAsync(app, city, path => new TargetShare { TargetId = target.Id, RegionCode = city, RegionPath = path, Quota = 7 });
            return new([], marker);
        },
    };
}
