using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Features.Recognition;
using Qualis.Platform.Attachments;

namespace Qualis.Features.Awards;

/// <summary>Where a round of a government quality award (政府质量奖评选) stands.</summary>
[TextKeys("award.round_status.", lowerCase: true)]
public enum RoundStatus
{
    /// <summary>评选中: the call is out, applications come in until the deadline, then are checked and reviewed.</summary>
    Open = 1,
    /// <summary>已抽取专家: the review experts are drawn.</summary>
    Drawn = 2,
    /// <summary>已审定: the committee decided the ranking.</summary>
    Decided = 3,
    /// <summary>公示中: the result is announced on the public site, anyone may object.</summary>
    Announced = 4,
    /// <summary>已授予: the titles are granted and in the recognition register.</summary>
    Granted = 5,
}

/// <summary>Where an application stands.</summary>
[TextKeys("award.application_status.", lowerCase: true)]
public enum ApplicationStatus
{
    /// <summary>已申报 (awaiting recommendation or the qualification check).</summary>
    Submitted = 1,
    /// <summary>退回修改: sent back for correction, with the reason.</summary>
    Returned = 2,
    /// <summary>资格审查通过.</summary>
    Qualified = 3,
    /// <summary>不符合申报条件, with the reason from the platform's records.</summary>
    Ineligible = 4,
    /// <summary>拟获奖.</summary>
    Winner = 5,
    /// <summary>提名奖.</summary>
    Nominee = 6,
    /// <summary>未入选.</summary>
    NotSelected = 7,
    /// <summary>已授予.</summary>
    Granted = 8,
}

/// <summary>How the experts' totals of an applicant are combined (综合方式).</summary>
[TextKeys("award.combination.", lowerCase: true)]
public enum ScoreCombination
{
    /// <summary>去掉一个最高分和一个最低分后取平均.</summary>
    TrimmedMean = 1,
    /// <summary>算术平均.</summary>
    Mean = 2,
    /// <summary>中位数.</summary>
    Median = 3,
}

/// <summary>What the office decided on an objection (异议处理).</summary>
[TextKeys("award.objection_outcome.", lowerCase: true)]
public enum ObjectionOutcome
{
    /// <summary>异议不成立: the result stands.</summary>
    Dismissed = 1,
    /// <summary>异议成立: the applicant is taken off the winners.</summary>
    Upheld = 2,
}

/// <summary>
/// A round of a government quality award (政府质量奖评选), opened by a provincial, city or county office in its region: the
/// call (year, level, categories, quotas of winners and nominees, deadline), the stages with their weights and the
/// performance-excellence model the experts score against (both kept as data, since editions differ), the 公示 days, the
/// title's validity, the lookback of the eligibility check, the experts per applicant and how their scores are combined;
/// then the draw's commitment and seed (sealed until the draw, revealed with the results), the decision, the 公示 and the grant.
/// The call is a public notice: offices and enterprises below the office read it (<see cref="AreaReason.PublicRecord"/>).
/// </summary>
public sealed class AwardRound : IRegionScoped, IVersioned
{
    public const int TitleLength = 200;
    public const int TextLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Title { get; set; } = "";
    public int Year { get; set; }
    public RecognitionLevel Level { get; set; }
    /// <summary>评选类别, one per line (制造业, 服务业 …).</summary>
    public string Categories { get; set; } = "";
    public int WinnerQuota { get; set; }
    public int NomineeQuota { get; set; }
    /// <summary>申报截止日 (China date): applications after it are refused.</summary>
    public DateOnly Deadline { get; set; }
    /// <summary>The stages with their weights, one "name|weight" per line (<see cref="AwardRules.Stages"/>).</summary>
    public string Stages { get; set; } = "";
    /// <summary>The scoring model, one "name|points" per line (<see cref="AwardRules.Model"/>).</summary>
    public string Model { get; set; } = "";
    public int PublicityDays { get; set; }
    public int ValidityYears { get; set; }
    /// <summary>Whether applications come through the offices below (county → city → …) before the qualification check.</summary>
    public bool RequiresRecommendation { get; set; }
    /// <summary>The years before the deadline in which a failed spot check makes an applicant ineligible.</summary>
    public int LookbackYears { get; set; }
    public int ExpertsPerApplicant { get; set; }
    public ScoreCombination Combination { get; set; }
    /// <summary>The day by which the experts score (评分截止日); their desks remind them until they have.</summary>
    public DateOnly? ScoreBy { get; set; }
    public RoundStatus Status { get; set; } = RoundStatus.Open;
    /// <summary>The draw's commitment (承诺值), published before the draw: SHA-256 of the seed.</summary>
    public string? Commitment { get; set; }
    /// <summary>The seed, sealed with the data-protection key until the draw.</summary>
    public string? SealedSeed { get; set; }
    /// <summary>The seed (64 hex), kept from the draw, shown with the results.</summary>
    public string? Seed { get; set; }
    /// <summary>The draw's inputs as canonical JSON (<see cref="AwardExpertDraw"/>), so anyone holding the seed reproduces it.</summary>
    public string? DrawInputs { get; set; }
    public string? DrawInputsHash { get; set; }
    public DateTime? DrawnAt { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public DateOnly? AnnouncedOn { get; set; }
    /// <summary>The last day of the 公示.</summary>
    public DateOnly? PublicityEnds { get; set; }
    public DateOnly? GrantedOn { get; set; }
    /// <summary>授予文号.</summary>
    public string? DocumentNumber { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>
/// An enterprise's application to a round (申报), made in its own account with its self-assessment (自评) and the units it
/// declares linked to it (关联单位, excluded from its experts). The row sits in the enterprise's region, so the county and
/// city that recommend it read it; <see cref="RecommendedBy"/> lists the offices that have.
/// </summary>
public sealed class AwardApplication : IRegionScoped, IVersioned
{
    public const int NameLength = 200;
    public const int TextLength = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public string CreditCode { get; set; } = "";
    public string EnterpriseName { get; set; } = "";
    public string Category { get; set; } = "";
    public string SelfAssessment { get; set; } = "";
    /// <summary>自评总分, checked against the model's total.</summary>
    public int? SelfScore { get; set; }
    /// <summary>证明材料: what the enterprise offers as evidence (documents, certificates, figures), one per line.</summary>
    public string? Evidence { get; set; }
    public string? LinkedUnits { get; set; }
    public ApplicationStatus Status { get; set; } = ApplicationStatus.Submitted;
    /// <summary>The region codes of the offices that recommended it, comma-separated, in order.</summary>
    public string RecommendedBy { get; set; } = "";
    /// <summary>Why it was sent back (退回理由) or found ineligible (不符合条件的原因).</summary>
    public string? Reason { get; set; }
    public decimal? FinalScore { get; set; }
    public int? Rank { get; set; }
    public Guid? RecognitionId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public string SubmittedBy { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>
/// A drawn expert of an applicant (评审专家): who, their fairness statement (公正性承诺) and their scores per category of
/// the round's model. Filed under the round's office: the experts' names are the office's until the results are out.
/// </summary>
public sealed class AwardReviewer : IVersioned
{
    /// <summary>Room for the model's scores of every scored stage, one line a stage.</summary>
    public const int ScoresLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid ExpertId { get; set; }
    public string ExpertName { get; set; } = "";
    /// <summary>The place in the applicant's team, in draw order.</summary>
    public int Place { get; set; }
    public DateTime? SignedAt { get; set; }
    /// <summary>
    /// The scores of each scored stage (a stage with a weight), one "stage|s1,s2,…" line each in the model's order
    /// (<see cref="AwardRules.StageScoresOf"/>); null until the first stage is scored.
    /// </summary>
    public string? Scores { get; set; }
    /// <summary>The expert's total weighted by the stages (<see cref="AwardRules.ExpertTotal"/>); null until every scored stage is scored.</summary>
    public int? Total { get; set; }
    public DateTime? ScoredAt { get; set; }
    /// <summary>现场评审意见.</summary>
    public string? Notes { get; set; }
    public int Version { get; set; }
}

/// <summary>An objection filed on the public site during the 公示 (异议), and how the office resolved it.</summary>
public sealed class AwardObjection : IVersioned
{
    public const int TextLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public Guid ApplicationId { get; set; }
    public string Text { get; set; } = "";
    /// <summary>SHA-256 of the text: the same objection filed twice (a double click) is one row.</summary>
    public string TextHash { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public DateTime FiledAt { get; set; }
    public ObjectionOutcome? Outcome { get; set; }
    public string? Resolution { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A file of an application's evidence, PDF, JPEG or PNG as its bytes show: the enterprise's, uploaded with its application
/// (证明材料: the self-assessment report, certificates, figures), or a drawn expert's, uploaded with their on-site review
/// notes (现场评审记录: photos, the signed record). It sits in the application's region. The enterprise downloads its own
/// files; the experts drawn for the applicant and the office that runs the round download all of them; the officials of
/// the applicant's area who do not run the round, the enterprise's only; never the public site.
/// </summary>
public sealed class AwardEvidence : EvidenceFile
{
    public Guid ApplicationId { get; set; }
    /// <summary>The expert's assignment (<see cref="AwardReviewer"/>) a file of on-site review notes came with; null for the enterprise's.</summary>
    public Guid? ReviewerId { get; set; }
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

internal sealed class AwardConfiguration : IEntityTypeConfiguration<AwardRound>, IEntityTypeConfiguration<AwardApplication>,
    IEntityTypeConfiguration<AwardReviewer>, IEntityTypeConfiguration<AwardObjection>, IEntityTypeConfiguration<AwardEvidence>
{
    public void Configure(EntityTypeBuilder<AwardEvidence> b)
    {
        b.ToTable("AwardEvidence").InheritsRegionOf<AwardApplication>(nameof(AwardEvidence.ApplicationId));
        b.HasEvidenceFile();
        b.Property(e => e.UploadedBy).HasMaxLength(64);
        b.HasIndex(e => e.ApplicationId);
    }

    public void Configure(EntityTypeBuilder<AwardRound> b)
    {
        b.ToTable("AwardRounds");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Title).HasMaxLength(AwardRound.TitleLength);
        b.Property(r => r.Categories).HasMaxLength(AwardRound.TextLength);
        b.Property(r => r.Stages).HasMaxLength(AwardRound.TextLength);
        b.Property(r => r.Model).HasMaxLength(AwardRound.TextLength);
        b.Property(r => r.Commitment).HasMaxLength(64);
        // The trail says only that the sealed seed changed (as for a supervision draw), and keeps the hash of the
        // published draw inputs rather than their JSON, which the round keeps and the public page serves.
        b.Property(r => r.SealedSeed).HasMaxLength(1000).HasAnnotation(Platform.Audit.AuditRecorder.Sealed, true);
        b.Property(r => r.DrawInputs).HasAnnotation(Platform.Audit.AuditRecorder.Derived, true);
        b.Property(r => r.Seed).HasMaxLength(64);
        b.Property(r => r.DrawInputsHash).HasMaxLength(64);
        b.Property(r => r.DocumentNumber).HasMaxLength(100);
        b.Property(r => r.RegionCode).HasMaxLength(6);
        b.Property(r => r.CreatedBy).HasMaxLength(64);
        // One round of a title per office and year: a double-clicked call opens one round.
        b.HasIndex(r => new { r.RegionCode, r.Year, r.Title }).IsUnique().HasDatabaseName("IX_AwardRounds_Once");
        b.HasIndex(r => new { r.Year, r.Id }).HasDatabaseName("IX_AwardRounds_List");
    }

    public void Configure(EntityTypeBuilder<AwardApplication> b)
    {
        b.ToTable("AwardApplications");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.CreditCode).HasMaxLength(18);
        b.Property(a => a.EnterpriseName).HasMaxLength(AwardApplication.NameLength);
        b.Property(a => a.Category).HasMaxLength(100);
        b.Property(a => a.SelfAssessment).HasMaxLength(AwardApplication.TextLength);
        b.Property(a => a.Evidence).HasMaxLength(AwardApplication.TextLength);
        b.Property(a => a.LinkedUnits).HasMaxLength(1000);
        b.Property(a => a.RecommendedBy).HasMaxLength(100);
        b.Property(a => a.Reason).HasMaxLength(1000);
        b.Property(a => a.FinalScore).HasPrecision(7, 2);
        b.Property(a => a.SubmittedBy).HasMaxLength(64);
        b.Property(a => a.RegionCode).HasMaxLength(6);
        // An enterprise applies once per round: a double-clicked application is one row.
        b.HasIndex(a => new { a.RoundId, a.CreditCode }).IsUnique().HasDatabaseName("IX_AwardApplications_Once");
        b.HasIndex(a => a.CreditCode);
    }

    public void Configure(EntityTypeBuilder<AwardReviewer> b)
    {
        b.ToTable("AwardReviewers").InheritsRegionOf<AwardApplication>(nameof(AwardReviewer.ApplicationId));
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.ExpertName).HasMaxLength(100);
        b.Property(r => r.Scores).HasMaxLength(AwardReviewer.ScoresLength);
        b.Property(r => r.Notes).HasMaxLength(AwardObjection.TextLength);
        // An expert sits once per applicant: a draw run twice at once adds one team.
        b.HasIndex(r => new { r.ApplicationId, r.ExpertId }).IsUnique().HasDatabaseName("IX_AwardReviewers_Once");
        b.HasIndex(r => new { r.RoundId, r.ExpertId });
        b.HasIndex(r => r.ExpertId);
    }

    public void Configure(EntityTypeBuilder<AwardObjection> b)
    {
        b.ToTable("AwardObjections").InheritsRegionOf<AwardApplication>(nameof(AwardObjection.ApplicationId));
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Text).HasMaxLength(AwardObjection.TextLength);
        b.Property(o => o.ContactName).HasMaxLength(100);
        b.Property(o => o.ContactPhone).HasMaxLength(32);
        b.Property(o => o.Resolution).HasMaxLength(AwardObjection.TextLength);
        b.Property(o => o.ResolvedBy).HasMaxLength(64);
        b.Property(o => o.TextHash).HasMaxLength(64);
        // One objection of a text per applicant and contact: a double-clicked objection is filed once.
        b.HasIndex(o => new { o.ApplicationId, o.ContactPhone, o.TextHash }).IsUnique().HasDatabaseName("IX_AwardObjections_Once");
        b.HasIndex(o => o.RoundId);
    }
}
