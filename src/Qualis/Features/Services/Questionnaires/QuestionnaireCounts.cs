using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;

namespace Qualis.Features.Services.Questionnaires;

/// <summary>
/// How many firms of one region path chose an option of a question (or wrote a free-text answer to it, option 0), kept by
/// database triggers on <see cref="QuestionnaireAnswer"/> (insert, delete and a change of the columns counted; see the
/// migration *_services_answer_counts.sql), so the summary of a questionnaire answered by 100,000 firms reads a few
/// thousand rows instead of grouping a million answers per request. Every write path keeps them: pages, demo data, SQL.
/// A row is never deleted; it may fall to 0. Region-scoped, so the area filter applies as it does to the answers.
/// </summary>
public sealed class QuestionnaireAnswerCount : IRegionScoped, INotAudited
{
    /// <summary>The option number a free-text answer is counted under.</summary>
    public const int FreeText = 0;

    public Guid QuestionnaireId { get; set; }
    public Guid QuestionId { get; set; }
    /// <summary>The option's number (1 = the first line), or <see cref="FreeText"/>.</summary>
    public int Choice { get; set; }
    public string RegionPath { get; set; } = "";
    public int Count { get; set; }
}

/// <summary>
/// The firms of one region path a questionnaire was sent to and, of them, those that answered, kept by database triggers
/// on <see cref="QuestionnaireRecipient"/> (insert, delete and a change of the answer time or region) like
/// <see cref="QuestionnaireAnswerCount"/>.
/// </summary>
public sealed class QuestionnaireRecipientCount : IRegionScoped, INotAudited
{
    public Guid QuestionnaireId { get; set; }
    public string RegionPath { get; set; } = "";
    public int Sent { get; set; }
    public int Answered { get; set; }
}

internal sealed class QuestionnaireCountConfiguration : IEntityTypeConfiguration<QuestionnaireAnswerCount>, IEntityTypeConfiguration<QuestionnaireRecipientCount>
{
    // The key is what the summary asks for (one questionnaire); the area filter's range runs within it.
    public void Configure(EntityTypeBuilder<QuestionnaireAnswerCount> b)
    {
        b.ToTable("QuestionnaireAnswerCounts").HasAnnotation(QualisDb.NoRegionIndexAnnotation, true);
        b.HasKey(c => new { c.QuestionnaireId, c.QuestionId, c.Choice, c.RegionPath });
    }

    public void Configure(EntityTypeBuilder<QuestionnaireRecipientCount> b)
    {
        b.ToTable("QuestionnaireRecipientCounts").HasAnnotation(QualisDb.NoRegionIndexAnnotation, true);
        b.HasKey(c => new { c.QuestionnaireId, c.RegionPath });
    }
}
