using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;
using Qualis.Platform.Modules;

namespace Qualis.Features.Supervision.Draws;

[TextKeys("draw.status.", lowerCase: true)]
[ModuleFace]
public enum DrawStatus { Committed, Drawn, Annulled }

/// <summary>
/// A double-random draw (双随机抽取) of a batch. Committed first: the commitment to a secret seed, the frozen
/// snapshot of the eligible directory, the assignment inputs and the parameters are published. Then drawn: the
/// seed is revealed with the result, so anyone can reproduce it. A draw is never repeated quietly: a redraw needs
/// the earlier draw annulled with a reason, and both stay visible.
/// </summary>
public sealed class Draw : IRegionScoped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BatchId { get; set; }
    public Guid PlanId { get; set; }
    /// <summary>1 for the batch's first draw, 2 for the draw after an annulment, …</summary>
    public int Number { get; set; }
    public string RegionPath { get; set; } = "";
    public DrawStatus Status { get; set; }

    /// <summary>Lowercase hex SHA-256 of the 32 seed bytes, published before the draw.</summary>
    public string Commitment { get; set; } = "";
    public string SnapshotHash { get; set; } = "";
    public string InputsHash { get; set; } = "";
    /// <summary>The published parameters (strata and their targets, team size, rules), canonical JSON.</summary>
    public string Parameters { get; set; } = "";
    /// <summary>The canonical parameters file (parameters.tsv, format 2) the draw runs from; null for a draw committed before it.</summary>
    public string? ParametersFile { get; set; }
    /// <summary>Lowercase hex SHA-256 of <see cref="ParametersFile"/>'s UTF-8 bytes, published with the commitment; null before format 2.</summary>
    public string? ParametersHash { get; set; }
    /// <summary>Codes of the batch's inspection items, comma-separated: "inspected by the same item lately" looks here.</summary>
    public string ItemCodes { get; set; } = "";
    public int Eligible { get; set; }
    public int StrataCount { get; set; }
    public int TargetCount { get; set; }

    /// <summary>The seed until the draw, protected with the platform's data-protection keys; cleared when revealed.</summary>
    public string? SealedSeed { get; set; }
    /// <summary>The seed in hex, revealed with the result.</summary>
    public string? Seed { get; set; }

    public DateTime CommittedAt { get; set; }
    public string CommittedBy { get; set; } = "";
    public DateTime? DrawnAt { get; set; }
    public string? DrawnBy { get; set; }
    /// <summary>Drawn targets no team could be formed for, and why (JSON list of lines); nobody is assigned to them.</summary>
    public string? Unstaffed { get; set; }
    /// <summary>Format 3: until when the witnesses may give their values (UTC, to the minute), published with the commitment.</summary>
    public DateTime? WitnessDeadline { get; set; }
    /// <summary>Format 3: the commitment record's witness lines (who witnesses the draw, in order); null for a draw without witnesses.</summary>
    public string? WitnessList { get; set; }
    /// <summary>Format 3: witnesses.tsv as the draw used it (the values and who gave them), written at the draw.</summary>
    public string? WitnessesFile { get; set; }
    /// <summary>The fallback public value the organising office applied after the deadline for the witnesses who did not answer, with its source.</summary>
    public string? FallbackValue { get; set; }
    public string? FallbackSource { get; set; }
    public DateTime? FallbackAt { get; set; }
    /// <summary>The name of the official who applied the fallback, as published.</summary>
    public string? FallbackBy { get; set; }
    public DateTime? AnnulledAt { get; set; }
    public string? AnnulledBy { get; set; }
    public string? AnnulReason { get; set; }
    /// <summary>Raised by every save: a draw taken twice at once is taken once (see <see cref="IVersioned"/>).</summary>
    public int Version { get; set; }
}

/// <summary>
/// The published files of a draw, compressed: the snapshot in its canonical form (docs/draw-algorithm.md) and the
/// assignment inputs. Their hashes are on the draw and in the audit trail; the files themselves are not audited.
/// </summary>
public sealed class DrawArchive : INotAudited
{
    public Guid DrawId { get; set; }
    public byte[] Snapshot { get; set; } = [];
    public byte[] Inputs { get; set; } = [];
}

/// <summary>A drawn enterprise (抽中对象) with its inspector team; each becomes a spot check (抽查任务).</summary>
public sealed class DrawTarget : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DrawId { get; set; }
    public int Order { get; set; }
    public string StratumKey { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    /// <summary>The enterprise's region path: the target is seen by the officials of its area.</summary>
    public string RegionPath { get; set; } = "";
    /// <summary>Ids of the team's inspectors, comma-separated; empty when no team could be formed.</summary>
    public string InspectorIds { get; set; } = "";
    /// <summary>The team's names, as drawn, for lists and publication.</summary>
    public string InspectorNames { get; set; } = "";
}

/// <summary>
/// A conflict of interest (回避) the draw must respect: an inspector who declared one with an enterprise, or a unit
/// linked to it (its own licensing office, a unit that advised it …).
/// </summary>
public sealed class Recusal : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string CreditCode { get; set; } = "";
    /// <summary>The enterprise's region path.</summary>
    public string RegionPath { get; set; } = "";
    public Guid? InspectorId { get; set; }
    public string? Unit { get; set; }
    public string Reason { get; set; } = "";
    public DateTime DeclaredAt { get; set; }
}

internal sealed class DrawConfiguration :
    IEntityTypeConfiguration<Draw>, IEntityTypeConfiguration<DrawArchive>, IEntityTypeConfiguration<DrawTarget>, IEntityTypeConfiguration<Recusal>
{
    public void Configure(EntityTypeBuilder<Draw> b)
    {
        b.ToTable("Draws");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Status).HasMaxLength(12);
        b.Property(d => d.Commitment).HasMaxLength(64);
        b.Property(d => d.SnapshotHash).HasMaxLength(64);
        b.Property(d => d.InputsHash).HasMaxLength(64);
        b.Property(d => d.ParametersHash).HasMaxLength(64);
        b.Property(d => d.ItemCodes).HasMaxLength(200);
        b.Property(d => d.SealedSeed).HasMaxLength(500).HasAnnotation(AuditRecorder.Sealed, true);
        b.Property(d => d.Seed).HasMaxLength(64);
        b.Property(d => d.CommittedBy).HasMaxLength(256);
        b.Property(d => d.DrawnBy).HasMaxLength(256);
        b.Property(d => d.AnnulledBy).HasMaxLength(256);
        b.Property(d => d.AnnulReason).HasMaxLength(500);
        b.Property(d => d.FallbackValue).HasMaxLength(WitnessFile.MaxValueLength);
        b.Property(d => d.FallbackSource).HasMaxLength(WitnessFile.MaxSourceLength);
        b.Property(d => d.FallbackBy).HasMaxLength(64);
        // One click, one effect: a batch has one draw that is not annulled, and its draws are numbered 1, 2, … once each.
        b.HasIndex(d => new { d.BatchId, d.Number }).IsUnique();
        b.HasIndex(d => d.BatchId).IsUnique().HasFilter("\"Status\" <> 'Annulled'").HasDatabaseName("IX_Draws_ActiveBatch");
    }

    public void Configure(EntityTypeBuilder<DrawArchive> b)
    {
        b.ToTable("DrawArchives");
        b.HasKey(a => a.DrawId);
        b.Property(a => a.DrawId).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<DrawTarget> b)
    {
        b.ToTable("DrawTargets");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.StratumKey).HasMaxLength(64);
        b.Property(t => t.CreditCode).HasMaxLength(18);
        b.Property(t => t.EnterpriseName).HasMaxLength(200);
        b.Property(t => t.InspectorIds).HasMaxLength(1000);
        b.Property(t => t.InspectorNames).HasMaxLength(500);
        // A draw names each enterprise once, in one order.
        b.HasIndex(t => new { t.DrawId, t.Order }).IsUnique();
        b.HasIndex(t => new { t.DrawId, t.EnterpriseId }).IsUnique();
        b.HasIndex(t => t.CreditCode);
    }

    public void Configure(EntityTypeBuilder<Recusal> b)
    {
        b.ToTable("Recusals");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.CreditCode).HasMaxLength(18);
        b.Property(r => r.Unit).HasMaxLength(200);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.HasIndex(r => r.CreditCode);
        // A conflict is declared once: per enterprise and inspector, or per enterprise and unit.
        b.HasIndex(r => new { r.CreditCode, r.InspectorId }).IsUnique().HasFilter("\"InspectorId\" IS NOT NULL").HasDatabaseName("IX_Recusals_Inspector");
        b.HasIndex(r => new { r.CreditCode, r.Unit }).IsUnique().HasFilter("\"Unit\" IS NOT NULL").HasDatabaseName("IX_Recusals_Unit");
    }
}
