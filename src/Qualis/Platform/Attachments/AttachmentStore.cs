using System.Security.Cryptography;

namespace Qualis.Platform.Attachments;

/// <summary>
/// The "Attachments:Folder" setting: where evidence files (photos, documents) are kept, default the "attachments"
/// folder of the shared store (<see cref="SharedStorage"/>). "Supervision:AttachmentFolder", its name while only spot
/// checks kept files, is still read when it is not set.
/// </summary>
public sealed record AttachmentSettings(string Folder)
{
    public static AttachmentSettings From(IConfiguration config, string contentRoot) =>
        new(config["Attachments:Folder"] is { Length: > 0 } f ? f
            : config["Supervision:AttachmentFolder"] is { Length: > 0 } old ? old
            : SharedStorage.Folder(config, contentRoot, "attachments"));
}

/// <summary>
/// Where files that every instance must read are kept ("Storage:SharedFolder"): uploaded evidence and import files.
/// Several instances on one PostgreSQL database point it at one shared folder (a network file system mounted on each);
/// unset, it is the application's own data folder, which is right for one instance. Records keep their files' paths
/// relative to it, so the folder can be mounted at a different place on each machine.
/// </summary>
public static class SharedStorage
{
    public static string Folder(IConfiguration config, string contentRoot, string part) =>
        Path.Combine(config["Storage:SharedFolder"] is { Length: > 0 } shared ? shared : Path.Combine(contentRoot, "data"), part);
}

public static class AttachmentSetup
{
    public static void AddAttachments(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.AddSingleton(AttachmentSettings.From(config, contentRoot));
        services.AddSingleton<AttachmentStore>();
    }
}

/// <summary>An uploaded file as a module sees it, whatever brought it (a form, a test).</summary>
public sealed record IncomingFile(string FileName, long Length, Func<Stream> OpenRead);

/// <summary>A file as stored: what the record it belongs to keeps of it. <see cref="Id"/> names the stored file.</summary>
public sealed record StoredFile(Guid Id, string FileName, string ContentType, long Bytes, string Sha256, string StoredPath);

/// <summary>Why a file was refused; the module says it in its own words.</summary>
public enum AttachmentProblem { TooLarge, Empty, NotWhatItsNameSays }

public sealed class AttachmentRefusedException(string fileName, AttachmentProblem problem)
    : Exception($"The file {fileName} was refused: {problem}.")
{
    public string FileName { get; } = fileName;
    public AttachmentProblem Problem { get; } = problem;
}

/// <summary>
/// Keeps the evidence files of any record (a spot check's sampling photos and documents, 抽样照片、文书, and what later
/// modules attach) on disk under the attachment folder, one folder per record, each file under its own id with its
/// SHA-256, so a stored file can be shown to be the one uploaded. Only JPEG, PNG and PDF are kept, recognised by their
/// first bytes rather than by the name or the browser's word, and served back with the type found: a renamed script
/// never goes out as a page.
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
    /// Writes the files of the record <paramref name="ownerId"/> and returns what to keep of them. A file that is not
    /// what its name says, empty or larger than <paramref name="maxBytes"/> refuses the whole upload
    /// (<see cref="AttachmentRefusedException"/>) and leaves nothing behind.
    /// </summary>
    public async Task<List<StoredFile>> SaveAsync(Guid ownerId, IReadOnlyList<IncomingFile> files, long maxBytes, CancellationToken ct)
    {
        var saved = new List<StoredFile>();
        try
        {
            foreach (var file in files)
                saved.Add(await SaveOneAsync(ownerId, file, maxBytes, ct));
            return saved;
        }
        catch
        {
            Delete(saved.Select(s => s.StoredPath));
            throw;
        }
    }

    private async Task<StoredFile> SaveOneAsync(Guid ownerId, IncomingFile file, long maxBytes, CancellationToken ct)
    {
        var name = CleanName(file.FileName);
        var id = Guid.CreateVersion7();
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var storedPath = Path.Combine(ownerId.ToString("N"), id.ToString("N") + extension);
        var path = FullPath(storedPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await using var input = file.OpenRead();
            await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            var head = new byte[8];
            var headLength = 0;
            var bytes = 0L;
            int n;
            while ((n = await input.ReadAsync(buffer, ct)) > 0)
            {
                bytes += n;
                if (bytes > maxBytes) throw new AttachmentRefusedException(name, AttachmentProblem.TooLarge);
                if (headLength < head.Length)
                {
                    var take = Math.Min(head.Length - headLength, n);
                    Array.Copy(buffer, 0, head, headLength, take);
                    headLength += take;
                }
                sha.AppendData(buffer.AsSpan(0, n));
                await output.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            if (bytes == 0) throw new AttachmentRefusedException(name, AttachmentProblem.Empty);
            var kind = Kinds.FirstOrDefault(k => headLength >= k.Magic.Length && head.AsSpan(0, k.Magic.Length).SequenceEqual(k.Magic));
            if (kind.Type is null || !kind.Extensions.Contains(extension))
                throw new AttachmentRefusedException(name, AttachmentProblem.NotWhatItsNameSays);
            return new StoredFile(id, name, kind.Type, bytes, Convert.ToHexStringLower(sha.GetHashAndReset()), storedPath);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    /// <summary>The stored file, or null when it is gone from the disk.</summary>
    public Stream? OpenRead(string storedPath)
    {
        var path = FullPath(storedPath);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public void Delete(IEnumerable<string> storedPaths)
    {
        foreach (var stored in storedPaths) TryDelete(FullPath(stored));
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
    private static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(ch => !char.IsControl(ch)).ToArray()).Trim();
        if (name.Length == 0) name = "file";
        var extension = Path.GetExtension(name);
        return name.Length <= 200 + extension.Length ? name : name[..200] + extension;
    }
}
