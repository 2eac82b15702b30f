using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Attachments;

namespace Qualis.Features.Plans;

/// <summary>Where a plan stands (方案状态): drafted, issued to the offices below (下发), frozen at the year's end (冻结).</summary>
[TextKeys("plans.plan_status.")]
public enum PlanStatus
{
    Draft = 1,
    Issued = 2,
    Frozen = 3,
}

/// <summary>A department's part in a measure: 牵头 (lead) or 按职责分工负责 (contributing).</summary>
[TextKeys("plans.role.")]
public enum MeasureRole
{
    Lead = 1,
    Contributor = 2,
}

/// <summary>Where a reported value stands (填报状态): awaiting the office above, approved, or returned for correction.</summary>
[TextKeys("plans.report_status.")]
public enum ReportStatus
{
    Submitted = 1,
    Approved = 2,
    Returned = 3,
}

/// <summary>
/// A quality-improvement action plan (质量提升行动实施方案) of one region and year: the province's, or a city's own plan
/// under the province's plan of that year. Drafted, issued (下发), acknowledged by each office below (签收), frozen at
/// the year's end. Once issued every change of a measure or target is a revision with a reason (<see cref="PlanRevision"/>).
/// </summary>
public sealed class ActionPlan : IRegionScoped, IVersioned
{
    public const int TitleLength = 200;
    public const int NumberLength = 60;
    public const int BodyLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Year { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    /// <summary>The plan of the region above for the same year (a city's plan sits under the province's).</summary>
    public Guid? ParentPlanId { get; set; }
    /// <summary>The plan of the year before this one was copied from.</summary>
    public Guid? CopiedFromId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>文号, e.g. 皖质提办〔2018〕1号.</summary>
    public string? DocumentNumber { get; set; }
    /// <summary>发文机关.</summary>
    public string IssuingBody { get; set; } = "";
    /// <summary>印发日期 (China date).</summary>
    public DateOnly? IssuedOn { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public PlanStatus Status { get; set; } = PlanStatus.Draft;
    public string? IssuedBy { get; set; }
    public DateTime? IssuedAt { get; set; }
    public string? FrozenBy { get; set; }
    public DateTime? FrozenAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A measure (工作措施) in the notice's own numbering: 一、 / （一） / 1.; a tree through <see cref="ParentId"/>.</summary>
public sealed class PlanMeasure
{
    public const int NumberLength = 20;
    public const int TextLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public Guid? ParentId { get; set; }
    /// <summary>The number as the notice writes it: "一、", "（一）", "1.".</summary>
    public string Number { get; set; } = "";
    public string Text { get; set; } = "";
    public int Order { get; set; }
}

/// <summary>A department leading (牵头) or sharing (按职责分工负责) a measure, from the departments directory.</summary>
public sealed class MeasureDepartment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public Guid MeasureId { get; set; }
    public Guid DepartmentId { get; set; }
    public MeasureRole Role { get; set; }
}

/// <summary>
/// A target (指标) attached to a measure, stored as data: its kind and figure, the baseline year (growth), the due day
/// (totals, deadlines), the "at risk" tolerance, whether it applies to each city (每个市) or to the region as a whole, and
/// where its value comes from: an indicator of the platform's catalogue, or reports approved by the office above.
/// </summary>
public sealed class PlanTarget
{
    public const int NameLength = 200;
    public const int KeyLength = 80;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public Guid MeasureId { get; set; }
    public string Name { get; set; } = "";
    public TargetKind Kind { get; set; }
    /// <summary>True: every city must reach <see cref="Value"/> (每个市至少); false: a figure for the whole region, split by quotas.</summary>
    public bool PerCity { get; set; }
    public decimal Value { get; set; }
    public int? BaselineYear { get; set; }
    public DateOnly? DueOn { get; set; }
    /// <summary>The "at risk" rule's parameter (see <see cref="TargetDefinition.Tolerance"/>).</summary>
    public decimal Tolerance { get; set; }
    public TargetSource Source { get; set; }
    public string? IndicatorKey { get; set; }
    public int Order { get; set; }
    /// <summary>The plan's office publishes each city's progress on this target on the public side (公开); off until it says so.</summary>
    public bool Published { get; set; }

    public TargetDefinition Definition(ActionPlan plan) => new(Kind, Value, plan.PeriodStart, plan.PeriodEnd, DueOn, Tolerance, BaselineYear);
}

/// <summary>A region's share of a target (指标分解): a city's quota of a provincial target, a county's of the city's share.</summary>
public sealed class TargetShare : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TargetId { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public decimal Quota { get; set; }
}

/// <summary>An office's acknowledgement of an issued plan (签收): who, when.</summary>
public sealed class PlanAcknowledgement : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public string UserName { get; set; } = "";
    public string? DisplayName { get; set; }
    public DateTime At { get; set; }
}

/// <summary>A change to an issued plan (方案修订): what changed, why, who and when.</summary>
public sealed class PlanRevision
{
    public const int ReasonLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public DateTime At { get; set; }
    public string UserName { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Reason { get; set; } = "";
}

/// <summary>A reporting period the province opened again (重新开放填报期), with the reason.</summary>
public sealed class PeriodReopening
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    /// <summary>The quarter, e.g. "2018Q1".</summary>
    public string Period { get; set; } = "";
    public string Reason { get; set; } = "";
    public string UserName { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>
/// A value a city reports for a target whose source is "reported" (填报), for one quarter, with a note and evidence;
/// the office above approves or returns it.
/// </summary>
public sealed class TargetReport : IRegionScoped, IVersioned
{
    public const int NoteLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TargetId { get; set; }
    public Guid PlanId { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public string Period { get; set; } = "";
    public decimal Value { get; set; }
    /// <summary>For a growth target: the city's figure of the baseline year, reported with it.</summary>
    public decimal? Baseline { get; set; }
    /// <summary>For a deadline target: the day the deliverable was handed in.</summary>
    public DateOnly? DeliveredOn { get; set; }
    public string Note { get; set; } = "";
    public ReportStatus Status { get; set; } = ReportStatus.Submitted;
    public string ReportedBy { get; set; } = "";
    public DateTime ReportedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    /// <summary>While the report awaits approval: its target, region and period, unique, so a double submission stores one report.</summary>
    public string? PendingKey { get; set; }
    public int Version { get; set; }

    public static string PendingKeyOf(Guid targetId, string regionCode, string period) => $"{targetId:N}:{regionCode}:{period}";
}

/// <summary>An evidence file of a report (佐证材料), stored through the attachment store.</summary>
public sealed class ReportEvidence : EvidenceFile, IRegionScoped
{
    public Guid ReportId { get; set; }
    /// <summary>The reporting office's region, as the report's: the city that uploaded it and the offices above read it.</summary>
    public string RegionPath { get; set; } = "";
}

internal sealed class PlansConfiguration :
    IEntityTypeConfiguration<ActionPlan>, IEntityTypeConfiguration<PlanMeasure>, IEntityTypeConfiguration<MeasureDepartment>,
    IEntityTypeConfiguration<PlanTarget>, IEntityTypeConfiguration<TargetShare>, IEntityTypeConfiguration<PlanAcknowledgement>,
    IEntityTypeConfiguration<PlanRevision>, IEntityTypeConfiguration<PeriodReopening>, IEntityTypeConfiguration<TargetReport>,
    IEntityTypeConfiguration<ReportEvidence>
{
    public void Configure(EntityTypeBuilder<ActionPlan> b)
    {
        b.ToTable("ActionPlans");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.RegionCode).HasMaxLength(6);
        b.Property(p => p.Title).HasMaxLength(ActionPlan.TitleLength);
        b.Property(p => p.DocumentNumber).HasMaxLength(ActionPlan.NumberLength);
        b.Property(p => p.IssuingBody).HasMaxLength(ActionPlan.BodyLength);
        b.Property(p => p.IssuedBy).HasMaxLength(256);
        b.Property(p => p.FrozenBy).HasMaxLength(256);
        // One plan per region, year and title: a double-submitted form or copy creates one.
        b.HasIndex(p => new { p.RegionCode, p.Year, p.Title }).IsUnique();
        b.HasIndex(p => p.ParentPlanId);
    }

    public void Configure(EntityTypeBuilder<PlanMeasure> b)
    {
        b.ToTable("PlanMeasures");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Number).HasMaxLength(PlanMeasure.NumberLength);
        b.Property(m => m.Text).HasMaxLength(PlanMeasure.TextLength);
        b.HasIndex(m => new { m.PlanId, m.Order });
        b.InheritsRegionOf<ActionPlan>(nameof(PlanMeasure.PlanId));
    }

    public void Configure(EntityTypeBuilder<MeasureDepartment> b)
    {
        b.ToTable("MeasureDepartments");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.HasIndex(m => new { m.MeasureId, m.DepartmentId }).IsUnique();
        b.HasIndex(m => new { m.DepartmentId, m.PlanId });
        b.InheritsRegionOf<ActionPlan>(nameof(MeasureDepartment.PlanId));
    }

    public void Configure(EntityTypeBuilder<PlanTarget> b)
    {
        b.ToTable("PlanTargets");
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Name).HasMaxLength(PlanTarget.NameLength);
        b.Property(t => t.IndicatorKey).HasMaxLength(PlanTarget.KeyLength);
        b.Property(t => t.Value).HasPrecision(18, 4);
        b.Property(t => t.Tolerance).HasPrecision(9, 2);
        b.HasIndex(t => new { t.PlanId, t.Order });
        b.InheritsRegionOf<ActionPlan>(nameof(PlanTarget.PlanId));
    }

    public void Configure(EntityTypeBuilder<TargetShare> b)
    {
        b.ToTable("TargetShares");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.RegionCode).HasMaxLength(6);
        b.Property(s => s.Quota).HasPrecision(18, 4);
        b.HasIndex(s => new { s.TargetId, s.RegionCode }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PlanAcknowledgement> b)
    {
        b.ToTable("PlanAcknowledgements");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.RegionCode).HasMaxLength(6);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.DisplayName).HasMaxLength(100);
        // One acknowledgement per office and plan: a double click records one.
        b.HasIndex(a => new { a.PlanId, a.RegionCode }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PlanRevision> b)
    {
        b.ToTable("PlanRevisions");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.UserName).HasMaxLength(256);
        b.Property(r => r.Summary).HasMaxLength(500);
        b.Property(r => r.Reason).HasMaxLength(PlanRevision.ReasonLength);
        b.HasIndex(r => new { r.PlanId, r.At });
        b.InheritsRegionOf<ActionPlan>(nameof(PlanRevision.PlanId));
    }

    public void Configure(EntityTypeBuilder<PeriodReopening> b)
    {
        b.ToTable("PeriodReopenings");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Period).HasMaxLength(6);
        b.Property(r => r.Reason).HasMaxLength(PlanRevision.ReasonLength);
        b.Property(r => r.UserName).HasMaxLength(256);
        b.HasIndex(r => new { r.PlanId, r.Period }).IsUnique();
        b.InheritsRegionOf<ActionPlan>(nameof(PeriodReopening.PlanId));
    }

    public void Configure(EntityTypeBuilder<TargetReport> b)
    {
        b.ToTable("TargetReports");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.RegionCode).HasMaxLength(6);
        b.Property(r => r.Period).HasMaxLength(6);
        b.Property(r => r.Value).HasPrecision(18, 4);
        b.Property(r => r.Baseline).HasPrecision(18, 4);
        b.Property(r => r.Note).HasMaxLength(TargetReport.NoteLength);
        b.Property(r => r.ReportedBy).HasMaxLength(256);
        b.Property(r => r.DecidedBy).HasMaxLength(256);
        b.Property(r => r.DecisionNote).HasMaxLength(TargetReport.NoteLength);
        b.HasIndex(r => new { r.TargetId, r.RegionCode, r.Period });
        b.HasIndex(r => new { r.PlanId, r.Status });
        b.Property(r => r.PendingKey).HasMaxLength(60);
        b.HasIndex(r => r.PendingKey).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ReportEvidence> b)
    {
        // The shared evidence columns; FileName and StoredPath were 200 and 300 here before (the store names files up to
        // 200 characters plus the extension): 20261206T1600 widens them to the shared lengths.
        b.ToTable("ReportEvidence");
        b.HasEvidenceFile();
        b.HasIndex(e => e.ReportId);
    }
}
