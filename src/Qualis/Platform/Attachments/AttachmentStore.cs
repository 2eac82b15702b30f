using System.Security.Cryptography;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>The "Supervision:AttachmentFolder" setting: where sampling photos and documents are kept (default data/attachments).</summary>
public sealed record AttachmentSettings(string Folder)
{
    public static AttachmentSettings From(IConfiguration config, string contentRoot) =>
        new(config["Supervision:AttachmentFolder"] is { Length: > 0 } f ? f : Path.Combine(contentRoot, "data", "attachments"));
}

/// <summary>An uploaded file as the workflow sees it, whatever brought it (a form, a test).</summary>
public sealed record IncomingFile(string FileName, long Length, Func<Stream> OpenRead);

/// <summary>
/// Keeps the photos and documents of a sampling (抽样照片、文书) on disk under the data folder, one folder per check,
/// each file under its own id with its SHA-256, so a stored file can be shown to be the one uploaded. Only JPEG, PNG
/// and PDF are kept, recognised by their first bytes rather than by the name or the browser's word, and served back
/// with the type found: a renamed script never goes out as a page.
/// </summary>
public sealed class AttachmentStore(AttachmentSettings settings)
{
    private static readonly (string Type, byte[] Magic, string[] Extensions)[] Kinds =
    [
        ("image/jpeg", [0xFF, 0xD8, 0xFF], [".jpg", ".jpeg"]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [".png"]),
        ("application/pdf", "%PDF-"u8.ToArray(), [".pdf"]),
    ];

    /// <summary>
    /// Writes the files and returns their records (not yet added to the database). A file that is not what its name says,
    /// or larger than allowed, refuses the whole upload and leaves nothing behind.
    /// </summary>
    public async Task<List<SpotCheckAttachment>> SaveAsync(Guid checkId, IReadOnlyList<IncomingFile> files, string by, DateTime at, CancellationToken ct)
    {
        var saved = new List<SpotCheckAttachment>();
        try
        {
            foreach (var file in files)
                saved.Add(await SaveOneAsync(checkId, file, by, at, ct));
            return saved;
        }
        catch
        {
            Delete(saved);
            throw;
        }
    }

    private async Task<SpotCheckAttachment> SaveOneAsync(Guid checkId, IncomingFile file, string by, DateTime at, CancellationToken ct)
    {
        var name = CleanName(file.FileName);
        var attachment = new SpotCheckAttachment { SpotCheckId = checkId, FileName = name, UploadedAt = at, UploadedBy = by };
        var extension = Path.GetExtension(name).ToLowerInvariant();
        attachment.StoredPath = Path.Combine(checkId.ToString("N"), attachment.Id.ToString("N") + extension);
        var path = FullPath(attachment.StoredPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await using var input = file.OpenRead();
            await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            var head = new byte[8];
            var headLength = 0;
            int n;
            while ((n = await input.ReadAsync(buffer, ct)) > 0)
            {
                attachment.Bytes += n;
                if (attachment.Bytes > SpotCheckRules.MaxFileBytes)
                    throw new SpotCheckRefusedException("Files", "check.error.file_too_large", name, SpotCheckRules.MaxFileBytes / (1024 * 1024));
                if (headLength < head.Length)
                {
                    var take = Math.Min(head.Length - headLength, n);
                    Array.Copy(buffer, 0, head, headLength, take);
                    headLength += take;
                }
                sha.AppendData(buffer.AsSpan(0, n));
                await output.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            if (attachment.Bytes == 0) throw new SpotCheckRefusedException("Files", "check.error.file_empty", name);
            var kind = Kinds.FirstOrDefault(k => headLength >= k.Magic.Length && head.AsSpan(0, k.Magic.Length).SequenceEqual(k.Magic));
            if (kind.Type is null || !kind.Extensions.Contains(extension))
                throw new SpotCheckRefusedException("Files", "check.error.file_content", name);
            attachment.ContentType = kind.Type;
            attachment.Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
            return attachment;
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    /// <summary>The stored file, or null when it is gone from the disk.</summary>
    public Stream? OpenRead(SpotCheckAttachment a)
    {
        var path = FullPath(a.StoredPath);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public void Delete(IEnumerable<SpotCheckAttachment> attachments)
    {
        foreach (var a in attachments) TryDelete(FullPath(a.StoredPath));
    }

    /// <summary>Stored paths are relative to the folder (the data can move) and made here only; refuse any that climbs out.</summary>
    private string FullPath(string stored)
    {
        var root = Path.GetFullPath(settings.Folder);
        var full = Path.GetFullPath(Path.Combine(root, stored));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException($"Attachment path {stored} lies outside {root}.");
        return full;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The name as shown and downloaded: no folders, no control characters, at most 200 characters before the extension.</summary>
    public static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(ch => !char.IsControl(ch)).ToArray()).Trim();
        if (name.Length == 0) name = "file";
        var extension = Path.GetExtension(name);
        return name.Length <= 200 + extension.Length ? name : name[..200] + extension;
    }
}
