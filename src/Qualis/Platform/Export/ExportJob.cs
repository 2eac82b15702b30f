using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;

namespace Qualis.Platform.Export;

/// <summary>
/// A list's export made in the background (后台导出): who asked, which list with which filters, in which format and
/// language, how far it got, and when it finished. The file itself lives in the database as <see cref="ExportFileChunk"/>s,
/// so any instance can serve it; the job is claimed with a lease on its own row (<see cref="Holder"/>, <see cref="LeaseUntil"/>),
/// so across instances one runs it, and another takes it over once the lease of an instance that died runs out.
/// A log of the platform's own work, read only by its owner: not region-scoped, not audited.
/// </summary>
public sealed class ExportJob : INotAudited
{
    /// <summary>The longest query string a job keeps.</summary>
    public const int MaxQuery = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The account that asked, and the only one that may read the job or its file.</summary>
    public string UserId { get; set; } = "";
    /// <summary>The list's name for people, in the language it was asked in (企业名录); also the file's name.</summary>
    public string Name { get; set; } = "";
    /// <summary>The export's address and query string: the list's filters and sort, replayed by the job.</summary>
    public string Path { get; set; } = "";
    public string Query { get; set; } = "";
    /// <summary>The page model that produces the rows (<see cref="IListExport"/>), by its type's full name.</summary>
    public string Source { get; set; } = "";
    public ExportFormat Format { get; set; }
    /// <summary>The language of headers and values: the one the person used when asking.</summary>
    public string Culture { get; set; } = "";
    public ExportJobStatus Status { get; set; } = ExportJobStatus.Queued;
    public int RowsWritten { get; set; }
    public int? TotalRows { get; set; }
    /// <summary>How many times an instance claimed it: 1 unless an instance died while running it.</summary>
    public int Runs { get; set; }
    public string? Holder { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public long Bytes { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public int Percent => TotalRows is > 0 and var total ? (int)Math.Min(100, RowsWritten * 100L / total) : Status == ExportJobStatus.Done ? 100 : 0;
    public bool IsFinished => Status is ExportJobStatus.Done or ExportJobStatus.Failed;
    public string Extension => Format == ExportFormat.Xlsx ? "xlsx" : "csv";
    public string ContentType => Format == ExportFormat.Xlsx ? TableExport.XlsxContentType : TableExport.CsvContentType;
}

[TextKeys("export.status.", lowerCase: true)]
public enum ExportJobStatus { Queued, Running, Done, Failed }

public enum ExportFormat { Csv, Xlsx }

/// <summary>One piece of a finished export's file, in order (a megabyte each), so no row holds more than a piece.</summary>
public sealed class ExportFileChunk : INotAudited
{
    public const int Size = 1024 * 1024;

    public Guid JobId { get; set; }
    public int Number { get; set; }
    public byte[] Data { get; set; } = [];
}

internal sealed class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>, IEntityTypeConfiguration<ExportFileChunk>
{
    public void Configure(EntityTypeBuilder<ExportJob> b)
    {
        b.ToTable("ExportJobs");
        b.HasKey(j => j.Id);
        b.Property(j => j.Id).ValueGeneratedNever();
        b.Property(j => j.UserId).HasMaxLength(64);
        b.Property(j => j.Name).HasMaxLength(100);
        b.Property(j => j.Path).HasMaxLength(200);
        b.Property(j => j.Query).HasMaxLength(ExportJob.MaxQuery);
        b.Property(j => j.Source).HasMaxLength(200);
        b.Property(j => j.Format).HasMaxLength(8);
        b.Property(j => j.Culture).HasMaxLength(16);
        b.Property(j => j.Status).HasMaxLength(16);
        b.Property(j => j.Holder).HasMaxLength(128);
        b.Property(j => j.Error).HasMaxLength(1000);
        b.Ignore(j => j.Percent);
        b.Ignore(j => j.IsFinished);
        b.Ignore(j => j.Extension);
        b.Ignore(j => j.ContentType);
        // "My exports", newest first; the worker's look for work to claim; the retention's look for old files.
        b.HasIndex(j => new { j.UserId, j.CreatedAt });
        b.HasIndex(j => new { j.Status, j.CreatedAt });
        b.HasIndex(j => j.FinishedAt);
    }

    public void Configure(EntityTypeBuilder<ExportFileChunk> b)
    {
        b.ToTable("ExportFileChunks");
        b.HasKey(c => new { c.JobId, c.Number });
    }
}

/// <summary>
/// Exports:BackgroundAboveRows (default 5000): a list export of more matching rows than this runs in the background;
/// Exports:KeepHours (default 24): how long a finished export's file is kept; Exports:LeaseSeconds (default 120): how long
/// an instance holds a job before another may take it over; Exports:PollSeconds (default 2): how often each instance looks
/// for queued jobs.
/// </summary>
public sealed record ExportSettings(int BackgroundAboveRows, TimeSpan Keep, TimeSpan Lease, TimeSpan Poll)
{
    public static ExportSettings From(IConfiguration config)
    {
        static int Whole(IConfiguration config, string key, int fallback, int min)
        {
            var v = config[key];
            if (string.IsNullOrWhiteSpace(v)) return fallback;
            return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n : throw new SettingException(key, v, $"expected a whole number of at least {min}");
        }
        return new(Whole(config, "Exports:BackgroundAboveRows", 5000, 0), TimeSpan.FromHours(Whole(config, "Exports:KeepHours", 24, 1)),
            TimeSpan.FromSeconds(Whole(config, "Exports:LeaseSeconds", 120, 10)), TimeSpan.FromSeconds(Whole(config, "Exports:PollSeconds", 2, 1)));
    }

    /// <summary>True when an export of <paramref name="matching"/> rows goes to the background: only above the threshold,
    /// and only for a signed-in person (a job needs an owner; public lists stream as before).</summary>
    public bool InBackground(int matching, bool signedIn) => signedIn && matching > BackgroundAboveRows;

    /// <summary>How many rows to count at most to decide (<see cref="InBackground"/>): one more than the threshold.</summary>
    public int CountCap => BackgroundAboveRows == int.MaxValue ? int.MaxValue : BackgroundAboveRows + 1;
}
