using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Services.Parks;

/// <summary>
/// A quality-strong park programme (质量强区/园区建设): a park of the registry, the year it runs from, its coordinated
/// quality-technical service plan (质量技术协同服务方案) and its period. In the park's region; one per park and year.
/// </summary>
public sealed class ParkProgramme : IRegionScoped, IVersioned
{
    public const int TitleLength = 200;
    public const int PlanLength = 4000;
    public const int TextLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ParkId { get; set; }
    public string ParkName { get; set; } = "";
    public string Title { get; set; } = "";
    public int Year { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    /// <summary>质量技术协同服务方案: what the testing, metrology, standards and certification bodies do for the park's firms.</summary>
    public string ServicePlan { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>A member firm of a park programme (成员企业), in the firm's region, with the programme's title kept for its archive.</summary>
public sealed class ParkProgrammeMember : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProgrammeId { get; set; }
    public string ProgrammeTitle { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public string EnterpriseName { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateOnly JoinedOn { get; set; }
    public string AddedBy { get; set; } = "";
}

/// <summary>A progress report of a park programme (进展情况), dated.</summary>
public sealed class ParkProgrammeReport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProgrammeId { get; set; }
    public DateOnly ReportedOn { get; set; }
    public string Progress { get; set; } = "";
    public DateTime ReportedAt { get; set; }
    public string ReportedBy { get; set; } = "";
}

internal sealed class ParkProgrammeConfiguration : IEntityTypeConfiguration<ParkProgramme>, IEntityTypeConfiguration<ParkProgrammeMember>,
    IEntityTypeConfiguration<ParkProgrammeReport>
{
    public void Configure(EntityTypeBuilder<ParkProgramme> b)
    {
        b.ToTable("ParkProgrammes");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.ParkName).HasMaxLength(ParkProgramme.TitleLength);
        b.Property(p => p.Title).HasMaxLength(ParkProgramme.TitleLength);
        b.Property(p => p.ServicePlan).HasMaxLength(ParkProgramme.PlanLength);
        b.Property(p => p.RegionCode).HasMaxLength(6);
        b.Property(p => p.CreatedBy).HasMaxLength(64);
        b.HasIndex(p => new { p.ParkId, p.Year }).IsUnique().HasDatabaseName("IX_ParkProgrammes_Once");
        b.HasIndex(p => new { p.Year, p.Id });
    }

    public void Configure(EntityTypeBuilder<ParkProgrammeMember> b)
    {
        b.ToTable("ParkProgrammeMembers");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.ProgrammeTitle).HasMaxLength(ParkProgramme.TitleLength);
        b.Property(m => m.CreditCode).HasMaxLength(18);
        b.Property(m => m.EnterpriseName).HasMaxLength(200);
        b.Property(m => m.RegionCode).HasMaxLength(6);
        b.Property(m => m.AddedBy).HasMaxLength(64);
        b.HasIndex(m => new { m.ProgrammeId, m.CreditCode }).IsUnique().HasDatabaseName("IX_ParkProgrammeMembers_Once");
        b.HasIndex(m => m.CreditCode);
    }

    public void Configure(EntityTypeBuilder<ParkProgrammeReport> b)
    {
        b.ToTable("ParkProgrammeReports").InheritsRegionOf<ParkProgramme>(nameof(ParkProgrammeReport.ProgrammeId));
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Progress).HasMaxLength(ParkProgramme.TextLength);
        b.Property(r => r.ReportedBy).HasMaxLength(64);
        // One report of a day per programme: a double click files one.
        b.HasIndex(r => new { r.ProgrammeId, r.ReportedOn }).IsUnique();
    }
}
