using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Attachments;

namespace Qualis.Features.Plans.Progress;

/// <summary>Where a department's progress report stands (进展报送状态): sent, read and accepted by the plan's office, or returned.</summary>
[TextKeys("plans.progress_status.")]
public enum ProgressStatus
{
    Submitted = 1,
    Accepted = 2,
    Returned = 3,
}

/// <summary>
/// A department's progress report (部门工作进展) on a measure it leads or shares, for one quarter of the plan: what was done,
/// with evidence files. The plan's office reads it and accepts it or returns it with a reason. Kept in the plan's region:
/// the plan's office and the offices above read it; the department's accounts read their own department's only.
/// </summary>
public sealed class DepartmentReport : IRegionScoped, IVersioned
{
    public const int ProgressLength = 2000;
    public const int NoteLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public Guid MeasureId { get; set; }
    public Guid DepartmentId { get; set; }
    /// <summary>The plan's region: its office reads and decides the report.</summary>
    public string RegionPath { get; set; } = "";
    /// <summary>The quarter, e.g. "2018Q2" (<see cref="PlanAccess.Periods"/>).</summary>
    public string Period { get; set; } = "";
    public string Progress { get; set; } = "";
    public ProgressStatus Status { get; set; } = ProgressStatus.Submitted;
    public string ReportedBy { get; set; } = "";
    public DateTime ReportedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>Why the plan's office returned it (or its note on accepting it).</summary>
    public string? DecisionNote { get; set; }
    /// <summary>Measure, department and quarter while the report is not returned, unique: a double submission stores one report.</summary>
    public string? PendingKey { get; set; }
    public int Version { get; set; }

    public static string PendingKeyOf(Guid measureId, Guid departmentId, string period) => $"{measureId:N}:{departmentId:N}:{period}";
}

/// <summary>An evidence file of a department's progress report (佐证材料).</summary>
public sealed class DepartmentReportEvidence : EvidenceFile
{
    public Guid ReportId { get; set; }
    public DateTime UploadedAt { get; set; }
}

internal sealed class DepartmentReportConfiguration : IEntityTypeConfiguration<DepartmentReport>, IEntityTypeConfiguration<DepartmentReportEvidence>
{
    public void Configure(EntityTypeBuilder<DepartmentReport> b)
    {
        b.ToTable("DepartmentReports");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Period).HasMaxLength(6);
        b.Property(r => r.Progress).HasMaxLength(DepartmentReport.ProgressLength);
        b.Property(r => r.ReportedBy).HasMaxLength(256);
        b.Property(r => r.DecidedBy).HasMaxLength(256);
        b.Property(r => r.DecisionNote).HasMaxLength(DepartmentReport.NoteLength);
        b.Property(r => r.PendingKey).HasMaxLength(80);
        b.HasIndex(r => r.PendingKey).IsUnique();
        // The matrix reads a plan's reports of a quarter; a department's list reads its own.
        b.HasIndex(r => new { r.PlanId, r.Period });
        b.HasIndex(r => new { r.DepartmentId, r.ReportedAt });
    }

    public void Configure(EntityTypeBuilder<DepartmentReportEvidence> b)
    {
        b.ToTable("DepartmentReportEvidence").InheritsRegionOf<DepartmentReport>(nameof(DepartmentReportEvidence.ReportId));
        b.HasEvidenceFile();
        b.HasIndex(e => e.ReportId);
    }
}

/// <summary>What a cell of the measures × departments matrix shows (进展矩阵).</summary>
[TextKeys("plans.cell.")]
public enum ProgressCell
{
    NotInvolved = 0,
    Reported = 1,
    Returned = 2,
    Due = 3,
    Overdue = 4,
}

/// <summary>The matrix's rule for one measure, department and quarter; plain, so its boundaries are unit-tested.</summary>
public static class ProgressRule
{
    /// <summary>
    /// Not involved when the department has no part in the measure; reported when its latest report of the quarter is sent
    /// or accepted; returned when the office sent it back; otherwise due up to and including the quarter's last day (China
    /// date), and overdue from the day after, unless the plan's office reopened the quarter (then due again until the plan
    /// is frozen).
    /// </summary>
    public static ProgressCell Cell(bool involved, ProgressStatus? latest, DateOnly periodEnd, DateOnly today, bool reopened, bool frozen = false) =>
        !involved ? ProgressCell.NotInvolved
        : latest is ProgressStatus.Submitted or ProgressStatus.Accepted ? ProgressCell.Reported
        : latest is ProgressStatus.Returned ? ProgressCell.Returned
        : today <= periodEnd || (reopened && !frozen) ? ProgressCell.Due
        : ProgressCell.Overdue;
}
