using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Attachments;

namespace Qualis.Features.Improvement.Tasks;

/// <summary>Where a task stands: open (未完成) or closed with its evidence (已完成).</summary>
[TextKeys("improvement.task_status.", lowerCase: true)]
public enum TaskState
{
    Open = 1,
    Closed = 2,
}

/// <summary>Who acts on a task: the office, the enterprise itself, or a named unit or expert.</summary>
[TextKeys("improvement.owner.", lowerCase: true)]
public enum TaskOwnerKind
{
    Office = 1,
    Enterprise = 2,
    Unit = 3,
}

/// <summary>
/// A tackling task (质量攻关任务) of a project, or a follow-up task another module created for an enterprise (a clinic's
/// 跟踪任务): its owner, deadline and status, progress notes and evidence. A task is closed only with at least one evidence
/// file. The row sits in its enterprise's region (or its project's), so the area filter shows it where the project shows;
/// <see cref="OfficeCode"/> is the office whose desk shows it when it is overdue, and the owner's account
/// (<see cref="OwnerUserName"/>) or the enterprise's sees it on theirs.
/// </summary>
public sealed class ImprovementTask : IRegionScoped, IVersioned
{
    public const int TitleLength = 200;
    public const int TextLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? ProjectId { get; set; }
    public Guid? MeasureId { get; set; }
    public string Title { get; set; } = "";
    public TaskOwnerKind OwnerKind { get; set; } = TaskOwnerKind.Office;
    /// <summary>The owner as officials read it (a unit, an expert, the enterprise's name).</summary>
    public string OwnerName { get; set; } = "";
    /// <summary>The owner's account, when the owner has one.</summary>
    public string? OwnerUserName { get; set; }
    public DateOnly Deadline { get; set; }
    public TaskState Status { get; set; } = TaskState.Open;
    public DateOnly? ClosedOn { get; set; }
    public string? ClosedBy { get; set; }
    /// <summary>The enterprise concerned, when there is one: its account reads and reports on the task.</summary>
    public string? CreditCode { get; set; }
    public string? EnterpriseName { get; set; }
    /// <summary>Where the task came from (来源): the project, or another module's event (a clinic's name and day).</summary>
    public string Source { get; set; } = "";
    public string OfficeCode { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>A progress note on a task (进展情况), by whom and when.</summary>
public sealed class TaskNote
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TaskId { get; set; }
    public string Text { get; set; } = "";
    public DateTime At { get; set; }
    public string By { get; set; } = "";
}

/// <summary>An evidence file of a task (佐证材料), checked by its bytes.</summary>
public sealed class TaskEvidence : EvidenceFile
{
    public Guid TaskId { get; set; }
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

internal sealed class ImprovementTaskConfiguration : IEntityTypeConfiguration<ImprovementTask>, IEntityTypeConfiguration<TaskNote>, IEntityTypeConfiguration<TaskEvidence>
{
    public void Configure(EntityTypeBuilder<ImprovementTask> b)
    {
        b.ToTable("ImprovementTasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Title).HasMaxLength(ImprovementTask.TitleLength);
        b.Property(t => t.OwnerName).HasMaxLength(ImprovementTask.TitleLength);
        b.Property(t => t.OwnerUserName).HasMaxLength(64);
        b.Property(t => t.ClosedBy).HasMaxLength(64);
        b.Property(t => t.CreditCode).HasMaxLength(18);
        b.Property(t => t.EnterpriseName).HasMaxLength(ImprovementTask.TitleLength);
        b.Property(t => t.Source).HasMaxLength(ImprovementTask.TitleLength);
        b.Property(t => t.OfficeCode).HasMaxLength(6);
        b.Property(t => t.RegionCode).HasMaxLength(6);
        b.Property(t => t.CreatedBy).HasMaxLength(64);
        // A task of a title once per project, a follow-up task once per enterprise, source and title: a double-submitted form adds one.
        b.HasIndex(t => new { t.ProjectId, t.Title }).IsUnique().HasFilter("\"ProjectId\" IS NOT NULL").HasDatabaseName("IX_ImprovementTasks_Once");
        b.HasIndex(t => new { t.CreditCode, t.Source, t.Title }).IsUnique().HasFilter("\"ProjectId\" IS NULL").HasDatabaseName("IX_ImprovementTasks_FollowUpOnce");
        b.HasIndex(t => new { t.OfficeCode, t.Status, t.Deadline });
        b.HasIndex(t => new { t.OwnerUserName, t.Status });
        b.HasIndex(t => new { t.CreditCode, t.Status });
    }

    public void Configure(EntityTypeBuilder<TaskNote> b)
    {
        b.ToTable("TaskNotes").InheritsRegionOf<ImprovementTask>(nameof(TaskNote.TaskId));
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.Text).HasMaxLength(ImprovementTask.TextLength);
        b.Property(n => n.By).HasMaxLength(64);
        b.HasIndex(n => n.TaskId);
    }

    public void Configure(EntityTypeBuilder<TaskEvidence> b)
    {
        b.ToTable("TaskEvidence").InheritsRegionOf<ImprovementTask>(nameof(TaskEvidence.TaskId));
        b.HasEvidenceFile();
        b.Property(e => e.UploadedBy).HasMaxLength(64);
        b.HasIndex(e => e.TaskId);
    }
}
