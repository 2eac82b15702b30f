using Qualis.Features.Departments;
using Qualis.Features.Plans;
using Qualis.Features.Plans.Progress;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Plans;

/// <summary>
/// Departments' progress reports in a city, for the access matrix, the form and concurrency matrices and the audit-region
/// test: a report awaiting the city office on a measure of the city's own issued plan (the marker in its text), the measure
/// led by <see cref="RecordSamples.SampleDepartment"/> (its page is also the report form's sample).
/// </summary>
public sealed class ProgressSamples : IRecordSampleMakers
{
    /// <summary>The report the audit-region test's evidence hangs under (DepartmentReport sorts before DepartmentReportEvidence).</summary>
    private static readonly Guid AuditReport = Guid.Parse("0190a000-0000-7000-8000-00000000b001");

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(DepartmentReport)] = (_, path) => new DepartmentReport
        {
            Id = AuditReport, PlanId = Guid.CreateVersion7(), MeasureId = Guid.CreateVersion7(), DepartmentId = Guid.CreateVersion7(), RegionPath = path,
            Period = "2026Q1", Progress = "审计测试进展", ReportedBy = "审计", ReportedAt = DateTime.UtcNow,
        },
        [typeof(DepartmentReportEvidence)] = (_, _) => new DepartmentReportEvidence
            { ReportId = AuditReport, FileName = "a.pdf", ContentType = "application/pdf", Sha256 = new string('0', 64), StoredPath = "x", UploadedAt = DateTime.UtcNow },
    };

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(DepartmentReport)] = async (app, city, marker) =>
        {
            ActionPlan? plan = null;
            await RecordSamples.AddInCityAsync(app, city, path => plan = PlanSamples.NewPlan(city, path, marker, PlanStatus.Issued));
            var measure = new PlanMeasure { PlanId = plan!.Id, Number = "一、", Text = marker, Order = 10 };
            // Led by the department the sample partner accounts act for, so a partner account of the city sees the report form.
            var department = (await app.WithDb(db => DepartmentsFace.FindAsync(db, RecordSamples.SampleDepartment)))!.Id;
            var period = PlanAccess.PeriodOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
            await app.WithDb(async db =>
            {
                db.AddRange(measure, new MeasureDepartment { PlanId = plan.Id, MeasureId = measure.Id, DepartmentId = department, Role = MeasureRole.Lead });
                await db.SaveChangesAsync();
            });
            DepartmentReport? report = null;
            await RecordSamples.AddInCityAsync(app, city, path => report = new DepartmentReport
            {
                PlanId = plan.Id, MeasureId = measure.Id, DepartmentId = department, RegionPath = path, Period = period, Progress = marker,
                ReportedBy = "sample", ReportedAt = DateTime.UtcNow, PendingKey = DepartmentReport.PendingKeyOf(measure.Id, department, period),
            });
            return new(new() { ["id"] = report!.Id.ToString(), ["measureId"] = measure.Id.ToString() }, marker);
        },
    };
}
