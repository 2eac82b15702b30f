using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Platform.Attachments;

/// <summary>
/// What a record keeps of a file the <see cref="AttachmentStore"/> stored for it (佐证材料, 抽样照片): the one shape every
/// module's evidence row takes (a spot check's attachments, an assessment item's and a plan report's evidence, a
/// department's progress evidence), so the columns, their lengths and the download are the same everywhere. A module's
/// row derives from it and adds only what ties it to its record; the base is no entity of its own (each row keeps its table).
/// </summary>
public abstract class EvidenceFile
{
    public const int FileNameLength = 260;
    public const int StoredPathLength = 500;

    /// <summary>The stored file's id (<see cref="StoredFile.Id"/>) once kept through <see cref="Keep"/>.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Bytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string StoredPath { get; set; } = "";

    /// <summary>Takes the stored file's id, name, type found by its bytes, size, hash and path.</summary>
    public void Keep(StoredFile file)
    {
        Id = file.Id;
        FileName = file.FileName;
        ContentType = file.ContentType;
        Bytes = file.Bytes;
        Sha256 = file.Sha256;
        StoredPath = file.StoredPath;
    }

    /// <summary>The derived row made from a stored file: <c>EvidenceFile.From(f, new ReportEvidence { ReportId = … })</c>.</summary>
    public static T From<T>(StoredFile file, T row) where T : EvidenceFile
    {
        row.Keep(file);
        return row;
    }
}

public static class EvidenceFiles
{
    /// <summary>The columns of an evidence row: its key (never generated: it is the stored file's id) and the file's fields with their lengths.</summary>
    public static EntityTypeBuilder<T> HasEvidenceFile<T>(this EntityTypeBuilder<T> b) where T : EvidenceFile
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.FileName).HasMaxLength(EvidenceFile.FileNameLength);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.StoredPath).HasMaxLength(EvidenceFile.StoredPathLength);
        return b;
    }

    /// <summary>
    /// The file of an evidence row the caller has already found it may read, served with the type its bytes showed at upload
    /// (never the browser's word) under its own name; null when the file is gone from the store.
    /// </summary>
    public static FileStreamResult? Serve(this AttachmentStore store, EvidenceFile file) =>
        store.OpenRead(file.StoredPath) is { } content ? new FileStreamResult(content, file.ContentType) { FileDownloadName = file.FileName } : null;
}
