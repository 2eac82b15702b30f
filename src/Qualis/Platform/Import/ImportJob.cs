using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;

namespace Qualis.Platform.Import;

/// <summary>
/// One uploaded file and what became of it (导入记录): who, when, file name and hash, progress, problems and counts.
/// The job itself is a log (not audited row by row); the records it writes are audited like any other write.
/// </summary>
public sealed class ImportJob : IRegionScoped, INotAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Kind { get; set; } = "";
    public string FileName { get; set; } = "";
    public string FileSha256 { get; set; } = "";
    public long FileBytes { get; set; }
    public string StoredPath { get; set; } = "";
    public ImportStatus Status { get; set; } = ImportStatus.Queued;
    /// <summary>True once the official asked to commit; the worker commits right after a clean validation.</summary>
    public bool CommitRequested { get; set; }
    public long BytesRead { get; set; }
    public int RowsRead { get; set; }
    public int ProblemCount { get; set; }
    public int NewCount { get; set; }
    public int ChangedCount { get; set; }
    public int UnchangedCount { get; set; }
    public string? Encoding { get; set; }
    /// <summary>Headers the file has that the kind does not know: listed and ignored.</summary>
    public string? UnknownColumns { get; set; }
    public string? Message { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public bool IsRunning => Status is ImportStatus.Queued or ImportStatus.Validating or ImportStatus.Committing;
    public int Percent => FileBytes == 0 ? 0 : (int)Math.Min(100, BytesRead * 100 / FileBytes);
}

[TextKeys("import.status.", lowerCase: true)]
public enum ImportStatus { Queued, Validating, Validated, Committing, Committed, Failed }

/// <summary>One problem in a file: the row and column an official can find in the spreadsheet, the value and why.</summary>
public sealed class ImportProblem : INotAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid JobId { get; set; }
    public int Row { get; set; }
    public string Column { get; set; } = "";
    public string? Value { get; set; }
    /// <summary>Text key of the reason, resolved in the reader's language.</summary>
    public string ReasonKey { get; set; } = "";
    /// <summary>Arguments of the reason, separated by U+001F.</summary>
    public string? ReasonArgs { get; set; }

    public object[] Args => ReasonArgs is null ? [] : ReasonArgs.Split('\u001f');
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>, IEntityTypeConfiguration<ImportProblem>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.ToTable("ImportJobs");
        b.HasKey(j => j.Id);
        b.Property(j => j.Id).ValueGeneratedNever();
        b.Property(j => j.Kind).HasMaxLength(32);
        b.Property(j => j.FileName).HasMaxLength(260);
        b.Property(j => j.FileSha256).HasMaxLength(64);
        b.Property(j => j.StoredPath).HasMaxLength(500);
        b.Property(j => j.Status).HasMaxLength(16);
        b.Property(j => j.Encoding).HasMaxLength(32);
        b.Property(j => j.UnknownColumns).HasMaxLength(1000);
        b.Property(j => j.Message).HasMaxLength(1000);
        b.Property(j => j.UserId).HasMaxLength(64);
        b.Property(j => j.UserName).HasMaxLength(256);
        b.Ignore(j => j.IsRunning);
        b.Ignore(j => j.Percent);
        b.HasIndex(j => j.CreatedAt);
    }

    public void Configure(EntityTypeBuilder<ImportProblem> b)
    {
        b.ToTable("ImportProblems");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Column).HasMaxLength(64);
        b.Property(p => p.Value).HasMaxLength(200);
        b.Property(p => p.ReasonKey).HasMaxLength(64);
        b.Property(p => p.ReasonArgs).HasMaxLength(500);
        b.Ignore(p => p.Args);
        b.HasIndex(p => new { p.JobId, p.Row });
    }
}
