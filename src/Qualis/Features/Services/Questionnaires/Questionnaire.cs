using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;

namespace Qualis.Features.Services.Questionnaires;

/// <summary>The area of quality infrastructure a need belongs to (服务领域): what the summary groups the needs by.</summary>
[TextKeys("services.area.", lowerCase: true)]
public enum ServiceArea
{
    /// <summary>标准.</summary>
    Standards = 1,
    /// <summary>计量.</summary>
    Metrology = 2,
    /// <summary>认证认可.</summary>
    Certification = 3,
    /// <summary>检验检测.</summary>
    Testing = 4,
    /// <summary>品牌.</summary>
    Brand = 5,
    /// <summary>质量管理.</summary>
    Management = 6,
}

/// <summary>How a question is answered: one option, any number of options, or in the firm's own words.</summary>
[TextKeys("services.question_kind.", lowerCase: true)]
public enum QuestionKind
{
    Single = 1,
    Multiple = 2,
    Text = 3,
}

/// <summary>Who entered an answer: the firm in its own account, or an officer on a visit (走访代填).</summary>
[TextKeys("services.channel.", lowerCase: true)]
public enum AnswerChannel
{
    Self = 1,
    Visit = 2,
}

/// <summary>
/// A service-needs questionnaire (企业质量技术服务需求调查问卷) the province defines: its title, year and answering window.
/// Every city and county works from the same questionnaire and the firms answer it, so it is a shared catalogue (the same
/// for every region, written only by the province); who it went to and what they answered are region-scoped.
/// </summary>
public sealed class Questionnaire : IVersioned
{
    public const int TitleLength = 200;
    public const int TextLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Title { get; set; } = "";
    public int Year { get; set; }
    /// <summary>The first China day it may be answered.</summary>
    public DateOnly OpensOn { get; set; }
    /// <summary>The last China day it may be answered (截止日期); later only for a firm the officers reopened it for.</summary>
    public DateOnly ClosesOn { get; set; }
    /// <summary>填写说明.</summary>
    public string? Intro { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>
/// One question of a questionnaire, stored as data: its area, kind, text and options (one per line, numbered from 1 in
/// the order given). An answer names an option by its number, so options are never reordered once the questionnaire is sent.
/// </summary>
public sealed class QuestionnaireQuestion
{
    public const int TextLength = 500;
    public const int OptionsLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid QuestionnaireId { get; set; }
    /// <summary>题号: the order within the questionnaire.</summary>
    public int Number { get; set; }
    public ServiceArea Area { get; set; }
    public QuestionKind Kind { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The options, one per line (empty for a free-text question).</summary>
    public string Options { get; set; } = "";
    public bool Required { get; set; }

    public IReadOnlyList<string> OptionList => Options.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// A firm a questionnaire was sent to (调查对象), in the firm's region: whether and how it answered, and whether the
/// officers reopened it after the closing date. One per questionnaire and firm (IX_QuestionnaireRecipients_Once).
/// </summary>
public sealed class QuestionnaireRecipient : IRegionScoped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid QuestionnaireId { get; set; }
    public string CreditCode { get; set; } = "";
    public string EnterpriseName { get; set; } = "";
    public string EnterpriseNameSort { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateTime SentAt { get; set; }
    public string SentBy { get; set; } = "";
    public DateTime? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    public AnswerChannel? AnsweredVia { get; set; }
    /// <summary>Reopened for this firm until this China day (补填), after the questionnaire closed.</summary>
    public DateOnly? ReopenedUntil { get; set; }
    public string? ReopenedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One answer row: a chosen option (one row per chosen option, by its number) or a free-text answer, with the firm's
/// region kept on the row. Written once, never changed: the triggers of <see cref="QuestionnaireAnswerCount"/> count it
/// for the summary.
/// </summary>
public sealed class QuestionnaireAnswer : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid QuestionnaireId { get; set; }
    public Guid RecipientId { get; set; }
    public Guid QuestionId { get; set; }
    /// <summary>The chosen option's number (1 = the first line), or null for a free-text answer.</summary>
    public int? Choice { get; set; }
    public string? Text { get; set; }
    public string RegionPath { get; set; } = "";
}

internal sealed class QuestionnaireConfiguration : IEntityTypeConfiguration<Questionnaire>, IEntityTypeConfiguration<QuestionnaireQuestion>,
    IEntityTypeConfiguration<QuestionnaireRecipient>, IEntityTypeConfiguration<QuestionnaireAnswer>
{
    public void Configure(EntityTypeBuilder<Questionnaire> b)
    {
        b.ToTable("Questionnaires").IsSharedCatalogue();
        b.HasKey(q => q.Id);
        b.Property(q => q.Id).ValueGeneratedNever();
        b.Property(q => q.Title).HasMaxLength(Questionnaire.TitleLength);
        b.Property(q => q.Intro).HasMaxLength(Questionnaire.TextLength);
        b.Property(q => q.CreatedBy).HasMaxLength(64);
        // A double-clicked form defines one questionnaire.
        b.HasIndex(q => new { q.Year, q.Title }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<QuestionnaireQuestion> b)
    {
        b.ToTable("QuestionnaireQuestions").IsSharedCatalogue();
        b.HasKey(q => q.Id);
        b.Property(q => q.Id).ValueGeneratedNever();
        b.Property(q => q.Text).HasMaxLength(QuestionnaireQuestion.TextLength);
        b.Property(q => q.Options).HasMaxLength(QuestionnaireQuestion.OptionsLength);
        b.HasIndex(q => new { q.QuestionnaireId, q.Number }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<QuestionnaireRecipient> b)
    {
        b.ToTable("QuestionnaireRecipients");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.CreditCode).HasMaxLength(18);
        b.Property(r => r.EnterpriseName).HasMaxLength(200);
        b.Property(r => r.EnterpriseNameSort).IsPinyinSortOf(nameof(QuestionnaireRecipient.EnterpriseName));
        b.Property(r => r.RegionCode).HasMaxLength(6);
        b.Property(r => r.SentBy).HasMaxLength(64);
        b.Property(r => r.AnsweredBy).HasMaxLength(64);
        b.Property(r => r.ReopenedBy).HasMaxLength(64);
        b.HasIndex(r => new { r.QuestionnaireId, r.CreditCode }).IsUnique().HasDatabaseName("IX_QuestionnaireRecipients_Once");
        // Sent and answered per region (the list's filters, the counts' back-fill); the list in pinyin order; a firm's own questionnaires.
        b.HasIndex(r => new { r.QuestionnaireId, r.RegionPath, r.AnsweredAt }).HasDatabaseName("IX_QuestionnaireRecipients_Summary");
        b.HasIndex(r => new { r.QuestionnaireId, r.EnterpriseNameSort, r.Id }).HasDatabaseName("IX_QuestionnaireRecipients_List");
        b.HasIndex(r => r.CreditCode);
    }

    public void Configure(EntityTypeBuilder<QuestionnaireAnswer> b)
    {
        b.ToTable("QuestionnaireAnswers").HasAnnotation(QualisDb.NoRegionIndexAnnotation, true);
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Text).HasMaxLength(Questionnaire.TextLength);
        // Whether a questionnaire has any answer (its questions are then fixed); the counts' back-fill.
        b.HasIndex(a => new { a.QuestionnaireId, a.QuestionId, a.Choice, a.RegionPath }).HasDatabaseName("IX_QuestionnaireAnswers_Summary");
        b.HasIndex(a => a.RecipientId);
    }
}
