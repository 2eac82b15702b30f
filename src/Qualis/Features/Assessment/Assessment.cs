using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Attachments;
using Qualis.Features.Assessment.Scoring;

namespace Qualis.Features.Assessment;

/// <summary>Where a scheme stands (方案状态): items editable while a draft, frozen once published, results published last.</summary>
[TextKeys("assessment.status.", lowerCase: true)]
public enum SchemeStatus
{
    Draft = 1,
    Published = 2,
    ResultsPublished = 3,
}

/// <summary>The steps of an assessment (考核程序), each with its deadline in the scheme's calendar.</summary>
[TextKeys("assessment.step.", lowerCase: true)]
public enum AssessmentStep
{
    /// <summary>目标备案: each city files its targets.</summary>
    TargetsFiled = 1,
    /// <summary>自我评价: self-scoring with evidence.</summary>
    SelfAssessment = 2,
    /// <summary>实地核查: on-site checks, including unannounced visits to sampled sites.</summary>
    SiteChecks = 3,
    /// <summary>综合评议: the combined score.</summary>
    CombinedReview = 4,
    /// <summary>通报: the published result.</summary>
    Bulletin = 5,
    /// <summary>整改: the rectification report of the lowest-ranked.</summary>
    Rectification = 6,
}

/// <summary>Where a city's assessment stands (考核进度).</summary>
[TextKeys("assessment.stage.", lowerCase: true)]
public enum CityStage
{
    /// <summary>Nothing filed yet.</summary>
    Open = 1,
    /// <summary>Targets filed (已备案).</summary>
    Filed = 2,
    /// <summary>Self-assessment submitted (已自评).</summary>
    SelfAssessed = 3,
    /// <summary>Every item reviewed by its scoring department (已核定).</summary>
    Reviewed = 4,
}

/// <summary>The scoring department's decision on an item (审核结论).</summary>
[TextKeys("assessment.review.", lowerCase: true)]
public enum ReviewState
{
    Pending = 1,
    /// <summary>认可: the computed points stand.</summary>
    Accepted = 2,
    /// <summary>调整: other points, with the reason.</summary>
    Adjusted = 3,
}

/// <summary>
/// The quality-work assessment scheme of one year (质量工作考核方案) of the area that runs it (a province assessing its
/// cities, or a city its counties): its scoring sheet, calendar, grade bands and veto rules. The areas it assesses read it
/// as the scheme of the area above them (<see cref="AreaReason.AssessingArea"/>); only officials of the area that runs it
/// change it.
/// </summary>
public sealed class AssessmentScheme : IRegionScoped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Year { get; set; }
    /// <summary>The area that runs the assessment (its region code); the areas one level below are assessed.</summary>
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The points the items must add up to (总分), 100 by default.</summary>
    public decimal Total { get; set; } = 100m;
    /// <summary>Grade bands, half-open, as data: "A:90;B:80;C:60;D".</summary>
    public string GradeBands { get; set; } = Scoring.GradeBands.Default;
    public SchemeStatus Status { get; set; } = SchemeStatus.Draft;
    /// <summary>The day the cities' annual work summaries (年度工作总结) are due.</summary>
    public DateOnly? SummaryDue { get; set; }
    /// <summary>The item that deducts a late work summary, if the scheme has one.</summary>
    public string? SummaryItemCode { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? ResultsPublishedAt { get; set; }
    /// <summary>The hash of the ranking the results were published from (the preview's).</summary>
    public string? ResultsHash { get; set; }
    public Guid? CopiedFromId { get; set; }
    public int Version { get; set; }
}

/// <summary>An item of the scoring sheet (评分细则): first-, second- or third-level by its code (1, 1.2, 1.2.3).</summary>
public sealed class SchemeItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SchemeId { get; set; }
    public string Code { get; set; } = "";
    public string? ParentCode { get; set; }
    public string Name { get; set; } = "";
    public int Order { get; set; }
    public decimal MaxPoints { get; set; }
    public ScoringType Type { get; set; } = ScoringType.YesNo;
    public decimal? Target { get; set; }
    public decimal? DeductionPerUnit { get; set; }
    /// <summary>Points by position for a rank item, "5,4,3,2,1".</summary>
    public string? RankPoints { get; set; }
    /// <summary>The platform indicator a formula item reads (平台统计指标).</summary>
    public string? IndicatorKey { get; set; }
    public ScoringType? Rule { get; set; }
    /// <summary>The scoring department (考核牵头部门), by its name in the departments directory.</summary>
    public string? Department { get; set; }
    /// <summary>How it is scored, in the sheet's words (评分方法).</summary>
    public string? Method { get; set; }
    /// <summary>The evidence the city must give (佐证材料).</summary>
    public string? Evidence { get; set; }

    public int Level => Code.Count(c => c == '.') + 1;

    public ScoringItem ToScoring() => new(Code, Name, ParentCode, MaxPoints, Type, Target, DeductionPerUnit, ParseRankPoints(RankPoints), IndicatorKey, Rule);

    public static IReadOnlyList<decimal>? ParseRankPoints(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var list = new List<decimal>();
        foreach (var part in text.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!decimal.TryParse(part, NumberStyles.Number, CultureInfo.InvariantCulture, out var p)) return [];
            list.Add(p);
        }
        return list;
    }
}

/// <summary>A step of the scheme's calendar with its deadline (China date).</summary>
public sealed class SchemeStep
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SchemeId { get; set; }
    public AssessmentStep Step { get; set; }
    public DateOnly Deadline { get; set; }
}

/// <summary>A veto rule of the scheme (一票否决).</summary>
public sealed class SchemeVeto
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SchemeId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Grade { get; set; } = "D";
}

/// <summary>
/// A city's published result (考核结果): the score, grade and rank with its explanation, as the bulletin (通报) sent to
/// every city shows it. Kept under the scheme, so every assessed area reads the bulletin.
/// </summary>
public sealed class SchemeResult
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SchemeId { get; set; }
    public string RegionCode { get; set; } = "";
    public decimal Score { get; set; }
    public string Grade { get; set; } = "";
    public int Rank { get; set; }
    public bool Vetoed { get; set; }
    /// <summary>The explanation lines, as JSON.</summary>
    public string Lines { get; set; } = "[]";
}

/// <summary>One city's assessment under a scheme (城市考核): its filing, self-assessment, summary and rectification.</summary>
public sealed class CityAssessment : IRegionScoped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SchemeId { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public CityStage Stage { get; set; } = CityStage.Open;
    public DateOnly? TargetsFiledOn { get; set; }
    /// <summary>The city's note on its targets or self-assessment (说明).</summary>
    public string? Note { get; set; }
    public DateTime? SelfSubmittedAt { get; set; }
    public DateOnly? SummarySubmittedOn { get; set; }
    public string? Summary { get; set; }
    public DateOnly? RectificationDue { get; set; }
    public string? Rectification { get; set; }
    public DateOnly? RectificationSubmittedOn { get; set; }
    public int Version { get; set; }
}

/// <summary>A city's figure, note and review for one item (自评与审核).</summary>
public sealed class ItemScore : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CityAssessmentId { get; set; }
    public string ItemCode { get; set; } = "";
    /// <summary>The city's figure (or, for a platform item, its correction).</summary>
    public decimal? ClaimedValue { get; set; }
    public bool? ClaimedMet { get; set; }
    /// <summary>The platform's figure when the item was pre-filled, and where its records are listed.</summary>
    public decimal? PlatformValue { get; set; }
    public string? PlatformLink { get; set; }
    public string? Note { get; set; }
    public ReviewState Review { get; set; } = ReviewState.Pending;
    public decimal? AdjustedPoints { get; set; }
    public string? ReviewReason { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public int Version { get; set; }

    /// <summary>The figure scored: the city's where it gave one (a correction needs evidence), else the platform's.</summary>
    public ItemInput Input(ScoringType type) => new(
        ClaimedValue ?? PlatformValue, ClaimedMet, ClaimedValue is null && PlatformValue is not null ? FigureSource.Platform : FigureSource.City,
        Review == ReviewState.Adjusted ? AdjustedPoints : null, Review == ReviewState.Adjusted ? ReviewReason : null);
}

/// <summary>An evidence file of an item (佐证材料).</summary>
public sealed class ItemEvidence : EvidenceFile
{
    public Guid CityAssessmentId { get; set; }
    public string ItemCode { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

/// <summary>An on-site check (实地核查) of a city: a sampled site, whether the visit was unannounced (暗访), what was found.</summary>
public sealed class SiteCheck
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CityAssessmentId { get; set; }
    public DateOnly VisitedOn { get; set; }
    public string Site { get; set; } = "";
    public bool Unannounced { get; set; }
    public string Findings { get; set; } = "";
}

/// <summary>A veto rule found to apply to a city (一票否决事项), with the reason.</summary>
public sealed class CityVeto
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CityAssessmentId { get; set; }
    public string VetoCode { get; set; } = "";
    public string Reason { get; set; } = "";
}

internal sealed class AssessmentConfiguration :
    IEntityTypeConfiguration<AssessmentScheme>, IEntityTypeConfiguration<SchemeItem>, IEntityTypeConfiguration<SchemeStep>,
    IEntityTypeConfiguration<SchemeVeto>, IEntityTypeConfiguration<SchemeResult>, IEntityTypeConfiguration<CityAssessment>,
    IEntityTypeConfiguration<ItemScore>, IEntityTypeConfiguration<ItemEvidence>, IEntityTypeConfiguration<SiteCheck>, IEntityTypeConfiguration<CityVeto>
{
    public void Configure(EntityTypeBuilder<AssessmentScheme> b)
    {
        b.ToTable("AssessmentSchemes");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.RegionCode).HasMaxLength(6);
        b.Property(s => s.Title).HasMaxLength(200);
        b.Property(s => s.Total).HasPrecision(7, 2);
        b.Property(s => s.GradeBands).HasMaxLength(100);
        b.Property(s => s.SummaryItemCode).HasMaxLength(20);
        b.Property(s => s.ResultsHash).HasMaxLength(64);
        // One scheme per area and year: copying a year forward twice makes one.
        b.HasIndex(s => new { s.RegionCode, s.Year }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SchemeItem> b)
    {
        b.ToTable("AssessmentItems").InheritsRegionOf<AssessmentScheme>(nameof(SchemeItem.SchemeId));
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Code).HasMaxLength(20);
        b.Property(i => i.ParentCode).HasMaxLength(20);
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.MaxPoints).HasPrecision(7, 2);
        b.Property(i => i.Target).HasPrecision(18, 4);
        b.Property(i => i.DeductionPerUnit).HasPrecision(7, 2);
        b.Property(i => i.RankPoints).HasMaxLength(200);
        b.Property(i => i.IndicatorKey).HasMaxLength(100);
        b.Property(i => i.Department).HasMaxLength(100);
        b.Property(i => i.Method).HasMaxLength(500);
        b.Property(i => i.Evidence).HasMaxLength(500);
        b.HasIndex(i => new { i.SchemeId, i.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SchemeStep> b)
    {
        b.ToTable("AssessmentSteps").InheritsRegionOf<AssessmentScheme>(nameof(SchemeStep.SchemeId));
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasIndex(s => new { s.SchemeId, s.Step }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SchemeVeto> b)
    {
        b.ToTable("AssessmentVetoes").InheritsRegionOf<AssessmentScheme>(nameof(SchemeVeto.SchemeId));
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.Code).HasMaxLength(20);
        b.Property(v => v.Name).HasMaxLength(200);
        b.Property(v => v.Grade).HasMaxLength(4);
        b.HasIndex(v => new { v.SchemeId, v.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SchemeResult> b)
    {
        b.ToTable("AssessmentResults").InheritsRegionOf<AssessmentScheme>(nameof(SchemeResult.SchemeId));
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.RegionCode).HasMaxLength(6);
        b.Property(r => r.Score).HasPrecision(7, 2);
        b.Property(r => r.Grade).HasMaxLength(4);
        // One result per city and scheme: a second publication adds nothing.
        b.HasIndex(r => new { r.SchemeId, r.RegionCode }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CityAssessment> b)
    {
        b.ToTable("CityAssessments");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.RegionCode).HasMaxLength(6);
        b.Property(c => c.Note).HasMaxLength(2000);
        b.Property(c => c.Summary).HasMaxLength(4000);
        b.Property(c => c.Rectification).HasMaxLength(4000);
        b.HasIndex(c => new { c.SchemeId, c.RegionCode }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ItemScore> b)
    {
        b.ToTable("AssessmentItemScores").InheritsRegionOf<CityAssessment>(nameof(ItemScore.CityAssessmentId));
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.ItemCode).HasMaxLength(20);
        b.Property(s => s.ClaimedValue).HasPrecision(18, 4);
        b.Property(s => s.PlatformValue).HasPrecision(18, 4);
        b.Property(s => s.PlatformLink).HasMaxLength(300);
        b.Property(s => s.Note).HasMaxLength(1000);
        b.Property(s => s.AdjustedPoints).HasPrecision(7, 2);
        b.Property(s => s.ReviewReason).HasMaxLength(500);
        b.Property(s => s.ReviewedBy).HasMaxLength(256);
        b.HasIndex(s => new { s.CityAssessmentId, s.ItemCode }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ItemEvidence> b)
    {
        b.ToTable("AssessmentEvidence").InheritsRegionOf<CityAssessment>(nameof(ItemEvidence.CityAssessmentId));
        b.HasEvidenceFile();
        b.Property(e => e.ItemCode).HasMaxLength(20);
        b.Property(e => e.UploadedBy).HasMaxLength(256);
        b.HasIndex(e => e.CityAssessmentId);
    }

    public void Configure(EntityTypeBuilder<SiteCheck> b)
    {
        b.ToTable("AssessmentSiteChecks").InheritsRegionOf<CityAssessment>(nameof(SiteCheck.CityAssessmentId));
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Site).HasMaxLength(200);
        b.Property(s => s.Findings).HasMaxLength(1000);
        // One record of a site per visit day: a double-clicked form records the visit once.
        b.HasIndex(s => new { s.CityAssessmentId, s.VisitedOn, s.Site }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CityVeto> b)
    {
        b.ToTable("AssessmentCityVetoes").InheritsRegionOf<CityAssessment>(nameof(CityVeto.CityAssessmentId));
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.VetoCode).HasMaxLength(20);
        b.Property(v => v.Reason).HasMaxLength(500);
        b.HasIndex(v => new { v.CityAssessmentId, v.VetoCode }).IsUnique();
    }
}
