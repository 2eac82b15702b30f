using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Improvement;

/// <summary>
/// What a project is: a quality-improvement project (质量提升项目: compare, consult, prescribe, tackle) or a small firm's help
/// plan (帮扶方案), which runs the same way with tasks and evidence.
/// </summary>
[TextKeys("improvement.kind.", lowerCase: true)]
public enum ProjectKind
{
    Improvement = 1,
    HelpPlan = 2,
}

/// <summary>What a project improves: an enrolled key object (重点园区、产品、行业、企业) or an enterprise the city chose.</summary>
[TextKeys("improvement.subject.", lowerCase: true)]
public enum SubjectKind
{
    Park = 1,
    Product = 2,
    Industry = 3,
    Enterprise = 4,
}

/// <summary>Where a project stands: under way (实施中), finished with its result (已完成), or withdrawn (已终止).</summary>
[TextKeys("improvement.status.", lowerCase: true)]
public enum ProjectStatus
{
    Open = 1,
    Finished = 2,
    Cancelled = 3,
}

/// <summary>The benchmark an indicator is compared with (对标对象).</summary>
[TextKeys("improvement.benchmark.", lowerCase: true)]
public enum BenchmarkKind
{
    /// <summary>国家标准（行业标准）规定值.</summary>
    NationalStandard = 1,
    /// <summary>国内先进企业水平.</summary>
    AdvancedEnterprise = 2,
    /// <summary>国际先进水平.</summary>
    International = 3,
}

/// <summary>How a problem found in a consultation is classified (问题类别).</summary>
[TextKeys("improvement.category.", lowerCase: true)]
public enum ProblemCategory
{
    Standard = 1,
    Metrology = 2,
    Certification = 3,
    Testing = 4,
    Management = 5,
    Technology = 6,
    Talent = 7,
    Other = 8,
}

/// <summary>
/// One improvement project or help plan (质量提升项目 / 帮扶方案) of an office: what it improves (a key object enrolled by the
/// city, or an enterprise of the area), its goal, dates and status, the result the office records at its end, and whether
/// the province published it as a typical case (典型案例). The row sits in its subject's region (the enterprise's or park's
/// county, else the city) so the area filter shows it to that region's officials and those above; <see cref="OfficeCode"/>
/// is the office that answers for it, whose desk shows its overdue tasks.
/// </summary>
public sealed class ImprovementProject : IRegionScoped, IVersioned
{
    public const int NameLength = 200;
    public const int TextLength = 2000;
    /// <summary>Texts a unique index covers (a problem, a measure): short enough for an index entry on PostgreSQL.</summary>
    public const int ShortTextLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public ProjectKind Kind { get; set; } = ProjectKind.Improvement;
    public string Title { get; set; } = "";
    public SubjectKind SubjectKind { get; set; } = SubjectKind.Enterprise;
    /// <summary>The key object's enrolment, when the project is for one.</summary>
    public Guid? KeyObjectId { get; set; }
    /// <summary>The subject's key: an enterprise's credit code, a park's id, an industry's code, a product's name.</summary>
    public string SubjectKey { get; set; } = "";
    public string SubjectName { get; set; } = "";
    /// <summary>The pinyin sort string of the subject's name, kept by PinyinSortColumns.</summary>
    public string SubjectNameSort { get; set; } = "";
    /// <summary>The enterprise's credit code when the subject is an enterprise (the enterprise's own account reads it).</summary>
    public string? CreditCode { get; set; }
    /// <summary>The enterprise's industry (GB/T 4754) at creation: what an industry's comparison aggregates over.</summary>
    public string? IndustryCode { get; set; }
    /// <summary>目标.</summary>
    public string Goal { get; set; } = "";
    public DateOnly StartOn { get; set; }
    public DateOnly EndOn { get; set; }
    public ProjectStatus Status { get; set; } = ProjectStatus.Open;
    /// <summary>A help plan's needs chosen (需求: 标准、计量 …), by field name, comma-separated.</summary>
    public string? Needs { get; set; }
    /// <summary>A help plan's helping units (帮扶单位: testing centres, metrology institutes).</summary>
    public string? HelpingUnits { get; set; }
    /// <summary>成效: the result the office recorded when it finished the project.</summary>
    public string? Result { get; set; }
    public DateOnly? FinishedOn { get; set; }
    /// <summary>When the province published it as a typical case (典型案例), or null.</summary>
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>The region code of the office that answers for it (责任单位).</summary>
    public string OfficeCode { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>An indicator of a project's quality comparison (质量比对指标): name, unit, direction and the benchmark it is held against.</summary>
public sealed class ProjectIndicator
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    /// <summary>True when a higher value is better (合格率), false when lower is (不良率, 能耗).</summary>
    public bool HigherIsBetter { get; set; } = true;
    public BenchmarkKind BenchmarkKind { get; set; }
    /// <summary>The benchmark's name (GB/T 12345-2020, 某先进企业).</summary>
    public string? BenchmarkName { get; set; }
}

/// <summary>One year's value of an indicator: the object's own and the benchmark's.</summary>
public sealed class ProjectValue
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public Guid IndicatorId { get; set; }
    public int Year { get; set; }
    public decimal? Value { get; set; }
    public decimal? Benchmark { get; set; }
}

/// <summary>A consultation (会商会诊): the day, who took part (experts of the directory, departments, the enterprise) and its conclusion.</summary>
public sealed class ProjectConsultation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public DateOnly HeldOn { get; set; }
    /// <summary>The experts of the directory who took part, by id, comma-separated.</summary>
    public string ExpertIds { get; set; } = "";
    /// <summary>参加部门.</summary>
    public string? Departments { get; set; }
    /// <summary>企业参加人员.</summary>
    public string? EnterpriseAttendees { get; set; }
    public string? Summary { get; set; }
}

/// <summary>A problem a consultation found (病症要害), classified and ranked (1 the most serious).</summary>
public sealed class ProjectProblem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public Guid? ConsultationId { get; set; }
    public ProblemCategory Category { get; set; }
    public int Rank { get; set; }
    public string Description { get; set; } = "";
}

/// <summary>A measure prescribed for a problem (处方): what to do, who should act, by when.</summary>
public sealed class ProjectMeasure
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public Guid ProblemId { get; set; }
    public string Text { get; set; } = "";
    /// <summary>责任主体.</summary>
    public string Actor { get; set; } = "";
    public DateOnly DueOn { get; set; }
}

internal sealed class ImprovementProjectConfiguration : IEntityTypeConfiguration<ImprovementProject>, IEntityTypeConfiguration<ProjectIndicator>,
    IEntityTypeConfiguration<ProjectValue>, IEntityTypeConfiguration<ProjectConsultation>, IEntityTypeConfiguration<ProjectProblem>,
    IEntityTypeConfiguration<ProjectMeasure>
{
    public void Configure(EntityTypeBuilder<ImprovementProject> b)
    {
        b.ToTable("ImprovementProjects");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Title).HasMaxLength(ImprovementProject.NameLength);
        b.Property(p => p.SubjectKey).HasMaxLength(ImprovementProject.NameLength);
        b.Property(p => p.SubjectName).HasMaxLength(ImprovementProject.NameLength);
        b.Property(p => p.SubjectNameSort).IsPinyinSortOf(nameof(ImprovementProject.SubjectName));
        b.Property(p => p.CreditCode).HasMaxLength(18);
        b.Property(p => p.IndustryCode).HasMaxLength(8);
        b.Property(p => p.Goal).HasMaxLength(ImprovementProject.TextLength);
        b.Property(p => p.Needs).HasMaxLength(200);
        b.Property(p => p.HelpingUnits).HasMaxLength(ImprovementProject.TextLength);
        b.Property(p => p.Result).HasMaxLength(ImprovementProject.TextLength);
        b.Property(p => p.PublishedBy).HasMaxLength(64);
        b.Property(p => p.OfficeCode).HasMaxLength(6);
        b.Property(p => p.RegionCode).HasMaxLength(6);
        b.Property(p => p.CreatedBy).HasMaxLength(64);
        // A project of a title for a subject once: a double-submitted form creates one.
        b.HasIndex(p => new { p.SubjectKey, p.Kind, p.Title }).IsUnique().HasDatabaseName("IX_ImprovementProjects_Once");
        b.HasIndex(p => new { p.StartOn, p.SubjectNameSort, p.Id }).HasDatabaseName("IX_ImprovementProjects_List");
        b.HasIndex(p => p.CreditCode);
        b.HasIndex(p => p.PublishedAt);
    }

    public void Configure(EntityTypeBuilder<ProjectIndicator> b)
    {
        b.ToTable("ProjectIndicators").InheritsRegionOf<ImprovementProject>(nameof(ProjectIndicator.ProjectId));
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Name).HasMaxLength(100);
        b.Property(i => i.Unit).HasMaxLength(32);
        b.Property(i => i.BenchmarkName).HasMaxLength(ImprovementProject.NameLength);
        b.HasIndex(i => new { i.ProjectId, i.Name }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ProjectValue> b)
    {
        b.ToTable("ProjectValues").InheritsRegionOf<ImprovementProject>(nameof(ProjectValue.ProjectId));
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.Value).HasPrecision(18, 4);
        b.Property(v => v.Benchmark).HasPrecision(18, 4);
        b.HasIndex(v => new { v.IndicatorId, v.Year }).IsUnique();
        b.HasIndex(v => v.ProjectId);
    }

    public void Configure(EntityTypeBuilder<ProjectConsultation> b)
    {
        b.ToTable("ProjectConsultations").InheritsRegionOf<ImprovementProject>(nameof(ProjectConsultation.ProjectId));
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.ExpertIds).HasMaxLength(1000);
        b.Property(c => c.Departments).HasMaxLength(500);
        b.Property(c => c.EnterpriseAttendees).HasMaxLength(500);
        b.Property(c => c.Summary).HasMaxLength(ImprovementProject.TextLength);
        b.HasIndex(c => new { c.ProjectId, c.HeldOn }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ProjectProblem> b)
    {
        b.ToTable("ProjectProblems").InheritsRegionOf<ImprovementProject>(nameof(ProjectProblem.ProjectId));
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Description).HasMaxLength(ImprovementProject.ShortTextLength);
        b.HasIndex(p => new { p.ProjectId, p.Description }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ProjectMeasure> b)
    {
        b.ToTable("ProjectMeasures").InheritsRegionOf<ImprovementProject>(nameof(ProjectMeasure.ProjectId));
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Text).HasMaxLength(ImprovementProject.ShortTextLength);
        b.Property(m => m.Actor).HasMaxLength(200);
        b.HasIndex(m => new { m.ProblemId, m.Text }).IsUnique();
        b.HasIndex(m => m.ProjectId);
    }
}
