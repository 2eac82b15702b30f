using Qualis.Features.Improvement;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.Improvement.Tasks;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Improvement;

/// <summary>An expert, an open project and a task of a city, for the access matrix, the audit-region test and the form and concurrency matrices.</summary>
public sealed class ImprovementSamples : IRecordSampleMakers
{
    public static ImprovementProject Project(string regionCode, string regionPath, string title, ProjectKind kind = ProjectKind.Improvement) => new()
    {
        Kind = kind, Title = title, SubjectKind = SubjectKind.Product, SubjectKey = title, SubjectName = title, Goal = "提升目标",
        StartOn = new DateOnly(2026, 1, 1), EndOn = new DateOnly(2026, 12, 31), OfficeCode = CityOf(regionPath), RegionCode = regionCode, RegionPath = regionPath,
        CreatedAt = DateTime.UtcNow, CreatedBy = "hefei",
    };

    public static ImprovementTask TaskOf(string regionCode, string regionPath, string title, Guid? projectId = null) => new()
    {
        ProjectId = projectId, Title = title, OwnerName = "质量发展处", Deadline = new DateOnly(2026, 12, 31), Source = "样本", OfficeCode = CityOf(regionPath),
        RegionCode = regionCode, RegionPath = regionPath, CreatedAt = DateTime.UtcNow, CreatedBy = "hefei",
    };

    public static Expert Expert(string regionCode, string regionPath, string name) => new()
    {
        Name = name, Field = ExpertField.Standard, Title = "高级工程师", Unit = "样本单位", RegionCode = regionCode, RegionPath = regionPath, CreatedAt = DateTime.UtcNow, CreatedBy = "hefei",
    };

    private static string CityOf(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "340000";

    /// <summary>The project and task the audit-region test's children hang under (ImprovementProject sorts before Project…, ImprovementTask before Task…).</summary>
    private static readonly Guid AuditProject = Guid.Parse("0190a000-0000-7000-8000-0000000ab001");
    private static readonly Guid AuditTask = Guid.Parse("0190a000-0000-7000-8000-0000000ab002");
    private static readonly Guid AuditProblem = Guid.Parse("0190a000-0000-7000-8000-0000000ab003");

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(Expert)] = (code, path) => Expert(code, path, "审计专家" + Guid.NewGuid().ToString("N")[..6]),
        [typeof(ImprovementProject)] = (code, path) => { var p = Project(code, path, "审计项目" + Guid.NewGuid().ToString("N")[..6]); p.Id = AuditProject; return p; },
        [typeof(ProjectIndicator)] = (_, _) => new ProjectIndicator { ProjectId = AuditProject, Name = "合格率", Unit = "%" },
        [typeof(ProjectValue)] = (_, _) => new ProjectValue { ProjectId = AuditProject, IndicatorId = Guid.NewGuid(), Year = 2025, Value = 95m },
        [typeof(ProjectConsultation)] = (_, _) => new ProjectConsultation { ProjectId = AuditProject, HeldOn = new DateOnly(2026, 3, 1), Departments = "审计" },
        [typeof(ProjectProblem)] = (_, _) => new ProjectProblem { Id = AuditProblem, ProjectId = AuditProject, Category = ProblemCategory.Management, Rank = 1, Description = "审计问题" },
        [typeof(ProjectMeasure)] = (_, _) => new ProjectMeasure { ProjectId = AuditProject, ProblemId = AuditProblem, Text = "审计措施", Actor = "审计", DueOn = new DateOnly(2026, 6, 1) },
        [typeof(ImprovementTask)] = (code, path) => { var t = TaskOf(code, path, "审计任务"); t.Id = AuditTask; return t; },
        [typeof(TaskNote)] = (_, _) => new TaskNote { TaskId = AuditTask, Text = "审计进展", At = DateTime.UtcNow, By = "hefei" },
        [typeof(TaskEvidence)] = (_, _) => new TaskEvidence
            { TaskId = AuditTask, FileName = "a.pdf", ContentType = "application/pdf", Sha256 = new string('0', 64), StoredPath = "x", UploadedAt = DateTime.UtcNow, UploadedBy = "hefei" },
    };

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(Expert)] = async (app, city, marker) =>
        {
            Expert? e = null;
            await RecordSamples.AddInCityAsync(app, city, path => e = Expert(city, path, marker));
            return new(new() { ["id"] = e!.Id.ToString() }, marker);
        },
        [typeof(ImprovementProject)] = async (app, city, marker) =>
        {
            ImprovementProject? p = null;
            await RecordSamples.AddInCityAsync(app, city, path => p = Project(city, path, marker));
            return new(new() { ["id"] = p!.Id.ToString() }, marker);
        },
        [typeof(ImprovementTask)] = async (app, city, marker) =>
        {
            ImprovementTask? t = null;
            await RecordSamples.AddInCityAsync(app, city, path => t = TaskOf(city, path, marker));
            return new(new() { ["id"] = t!.Id.ToString() }, marker);
        },
    };
}
