using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Attachments;
using Qualis.Platform.Modules;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>Where a spot check stands (产品质量监督抽查的环节).</summary>
[TextKeys("check.status.")]
public enum SpotCheckStatus
{
    /// <summary>待抽样: drawn, team assigned.</summary>
    ToSample,
    /// <summary>待检验: sampled, with the testing agency.</summary>
    Sampled,
    /// <summary>已出结果: the agency entered the result; the enterprise is notified and may object.</summary>
    Tested,
    /// <summary>结果确定: the objection period passed or the objection was decided (re-test included).</summary>
    Final,
    /// <summary>已公示.</summary>
    Published,
}

[TextKeys("check.result.")]
[TextKeys("publicresults.result.", lowerCase: true)]
[ModuleFace]
public enum CheckResult { Pass, Fail }

[TextKeys("check.decision.")]
public enum ObjectionDecision { RetestGranted, Rejected }

/// <summary>
/// One product spot check (产品质量监督抽查) of a drawn enterprise, from sampling to publication: the sampling record
/// (抽样单), the agency's result, the enterprise's objection and re-test (异议/复检), the disposal of a failure
/// (停止销售, 整改, 复查) and publication (一公开). Deadlines follow <see cref="Deadlines"/>.
/// </summary>
public sealed class SpotCheck : IRegionScoped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DrawId { get; set; }
    public Guid DrawTargetId { get; set; }
    public Guid EnterpriseId { get; set; }
    /// <summary>Raised by every step: a step submitted twice at once is taken once (see <see cref="IVersioned"/>).</summary>
    public int Version { get; set; }
    public string CreditCode { get; set; } = "";
    public string EnterpriseName { get; set; } = "";
    /// <summary>The enterprise name's pinyin sort string, kept by PinyinSortColumns: the list sorts by it.</summary>
    public string EnterpriseNameSort { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string? IndustryCode { get; set; }
    public string ItemCodes { get; set; } = "";
    public SpotCheckStatus Status { get; set; }

    // 抽样单 (sampling record)
    public string? ProductCategoryCode { get; set; }
    public string? ProductName { get; set; }
    /// <summary>规格型号.</summary>
    public string? Model { get; set; }
    /// <summary>生产日期/批号.</summary>
    public string? BatchNumber { get; set; }
    public string? Trademark { get; set; }
    public int? TestQuantity { get; set; }
    public int? ReserveQuantity { get; set; }
    public DateOnly? SampledOn { get; set; }
    public string? SamplingPlace { get; set; }
    /// <summary>抽样人员, separated by "；" (at least two).</summary>
    public string? Samplers { get; set; }

    // 检验 (testing)
    public Guid? AgencyId { get; set; }
    public string? AgencyName { get; set; }
    public CheckResult? Result { get; set; }
    public DateOnly? ResultOn { get; set; }
    public string? ResultBy { get; set; }
    /// <summary>The agency's test report (检验报告, a PDF) filed with the result: one of the check's attachments.</summary>
    public Guid? TestReportId { get; set; }

    // 异议与复检 (objection and re-test)
    /// <summary>The day the enterprise received the result: the objection period runs from it.</summary>
    public DateOnly? NotifiedOn { get; set; }
    public DateOnly? ObjectionDeadline { get; set; }
    public string? Objection { get; set; }
    public DateOnly? ObjectedOn { get; set; }
    public ObjectionDecision? Decision { get; set; }
    public string? DecisionReason { get; set; }
    public CheckResult? RetestResult { get; set; }
    public DateOnly? RetestOn { get; set; }
    /// <summary>The re-test's report (复检报告, a PDF), one of the check's attachments.</summary>
    public Guid? RetestReportId { get; set; }

    // 后处理 (disposal of a failure)
    public bool StopSale { get; set; }
    public DateOnly? RectificationOrderedOn { get; set; }
    public DateOnly? RectificationDue { get; set; }
    public DateOnly? FollowUpDue { get; set; }
    public CheckResult? FollowUpResult { get; set; }
    public DateOnly? FollowUpOn { get; set; }
    /// <summary>上报: a failed follow-up is reported upwards and announced by the province.</summary>
    public bool Escalated { get; set; }

    // 公示 (publication)
    public DateOnly? InspectionEndedOn { get; set; }
    public DateOnly? PublicationDue { get; set; }
    public DateTime? PublishedAt { get; set; }
    /// <summary>Why the result was published after its deadline (逾期公示说明): required, and kept, for a late publication.</summary>
    public string? LatePublicationReason { get; set; }

    /// <summary>The result that stands: the re-test's when there was one.</summary>
    public CheckResult? FinalResult => RetestResult ?? Result;
}

/// <summary>A failed test item (不合格项目) with the standard clause, the required and the measured value.</summary>
public sealed class SpotCheckFailure
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SpotCheckId { get; set; }
    /// <summary>True for a failure found by the re-test (复检).</summary>
    public bool Retest { get; set; }
    public string Item { get; set; } = "";
    public string Clause { get; set; } = "";
    public string Required { get; set; } = "";
    public string Measured { get; set; } = "";
}

/// <summary>A photo or document of the sampling (抽样照片、文书), kept with its hash.</summary>
public sealed class SpotCheckAttachment : EvidenceFile
{
    public Guid SpotCheckId { get; set; }
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

/// <summary>A correction of a published result (更正): audited and shown beside the result, never a silent edit.</summary>
public sealed class ResultCorrection
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SpotCheckId { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public string Field { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string Reason { get; set; } = "";
}

internal sealed class SpotCheckConfiguration :
    IEntityTypeConfiguration<SpotCheck>, IEntityTypeConfiguration<SpotCheckFailure>, IEntityTypeConfiguration<SpotCheckAttachment>, IEntityTypeConfiguration<ResultCorrection>
{
    public void Configure(EntityTypeBuilder<SpotCheck> b)
    {
        b.ToTable("SpotChecks");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.CreditCode).HasMaxLength(18);
        b.Property(c => c.EnterpriseName).HasMaxLength(200);
        b.Property(c => c.EnterpriseNameSort).IsPinyinSortOf(nameof(SpotCheck.EnterpriseName));
        b.Property(c => c.RegionCode).HasMaxLength(6);
        b.Property(c => c.IndustryCode).HasMaxLength(5);
        b.Property(c => c.ItemCodes).HasMaxLength(200);
        b.Property(c => c.Status).HasMaxLength(12);
        b.Property(c => c.ProductCategoryCode).HasMaxLength(16);
        b.Property(c => c.ProductName).HasMaxLength(200);
        b.Property(c => c.Model).HasMaxLength(100);
        b.Property(c => c.BatchNumber).HasMaxLength(100);
        b.Property(c => c.Trademark).HasMaxLength(100);
        b.Property(c => c.SamplingPlace).HasMaxLength(200);
        b.Property(c => c.Samplers).HasMaxLength(200);
        b.Property(c => c.AgencyName).HasMaxLength(200);
        b.Property(c => c.Result).HasMaxLength(8);
        b.Property(c => c.ResultBy).HasMaxLength(256);
        b.Property(c => c.Objection).HasMaxLength(2000);
        b.Property(c => c.Decision).HasMaxLength(16);
        b.Property(c => c.DecisionReason).HasMaxLength(1000);
        b.Property(c => c.RetestResult).HasMaxLength(8);
        b.Property(c => c.FollowUpResult).HasMaxLength(8);
        b.Property(c => c.LatePublicationReason).HasMaxLength(500);
        b.Ignore(c => c.FinalResult);
        b.HasIndex(c => c.DrawId);
        // One spot check per drawn target.
        b.HasIndex(c => c.DrawTargetId).IsUnique();
        b.HasIndex(c => c.CreditCode);
        b.HasIndex(c => c.AgencyId);
        // The list's order (by enterprise name in pinyin order).
        b.HasIndex(c => new { c.EnterpriseNameSort, c.Id });
    }

    public void Configure(EntityTypeBuilder<SpotCheckFailure> b)
    {
        b.ToTable("SpotCheckFailures").InheritsRegionOf<SpotCheck>(nameof(SpotCheckFailure.SpotCheckId));
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.Item).HasMaxLength(200);
        b.Property(f => f.Clause).HasMaxLength(200);
        b.Property(f => f.Required).HasMaxLength(200);
        b.Property(f => f.Measured).HasMaxLength(200);
        b.HasIndex(f => f.SpotCheckId);
    }

    public void Configure(EntityTypeBuilder<SpotCheckAttachment> b)
    {
        b.ToTable("SpotCheckAttachments").InheritsRegionOf<SpotCheck>(nameof(SpotCheckAttachment.SpotCheckId));
        b.HasEvidenceFile();
        b.Property(a => a.UploadedBy).HasMaxLength(256);
        b.HasIndex(a => a.SpotCheckId);
    }

    public void Configure(EntityTypeBuilder<ResultCorrection> b)
    {
        b.ToTable("ResultCorrections").InheritsRegionOf<SpotCheck>(nameof(ResultCorrection.SpotCheckId));
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.By).HasMaxLength(256);
        b.Property(c => c.Field).HasMaxLength(64);
        b.Property(c => c.Before).HasMaxLength(500);
        b.Property(c => c.After).HasMaxLength(500);
        b.Property(c => c.Reason).HasMaxLength(500);
        b.HasIndex(c => c.SpotCheckId);
    }
}
