using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Qualis.Platform.Attachments;

/// <summary>The files a form posts, stored for a record, with a refusal said on the form's field in the module's words.</summary>
public static class FormFiles
{
    /// <summary>
    /// Stores the non-empty posted files under <paramref name="ownerId"/>; a refused file (too large, empty, not what its name
    /// says) is named on <paramref name="field"/> with the module's texts <c>{textPrefix}.error.file_too_large</c>,
    /// <c>.file_empty</c> and <c>.file_content</c> (arguments: the file's name, the limit in MB), and nothing is kept: null.
    /// </summary>
    public static async Task<List<StoredFile>?> SaveFormFilesAsync(this AttachmentStore store, ModelStateDictionary state, Guid ownerId,
        IEnumerable<IFormFile> files, long maxBytes, IStringLocalizer l, string textPrefix, CancellationToken ct, string field = "Files")
    {
        try
        {
            return await store.SaveAsync(ownerId, [.. files.Where(f => f.Length > 0).Select(f => new IncomingFile(f.FileName, f.Length, f.OpenReadStream))], maxBytes, ct);
        }
        catch (AttachmentRefusedException e)
        {
            var problem = e.Problem switch { AttachmentProblem.TooLarge => "file_too_large", AttachmentProblem.Empty => "file_empty", _ => "file_content" };
            state.AddModelError(field, l[$"{textPrefix}.error.{problem}", e.FileName, maxBytes / (1024 * 1024)]);
            return null;
        }
    }
}
