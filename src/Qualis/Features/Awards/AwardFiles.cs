using Microsoft.AspNetCore.Mvc.ModelBinding;
using Qualis.Platform.Attachments;

namespace Qualis.Features.Awards;

/// <summary>An application's evidence files: stored by the platform's attachment store, refusals named on the Files field.</summary>
public static class AwardFiles
{
    /// <summary>The largest evidence file an application takes (PDF, JPG or PNG, checked by its bytes).</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>
    /// Stores the files under the application's id; a refused file (too large, empty, not what its name says: a renamed
    /// executable called .pdf) is named on the Files field and nothing is kept: null.
    /// </summary>
    public static async Task<List<StoredFile>?> SaveAsync(ModelStateDictionary state, AttachmentStore store, Guid applicationId,
        IEnumerable<IFormFile> files, IStringLocalizer l, CancellationToken ct) =>
        await store.SaveFormFilesAsync(state, applicationId, files, MaxBytes, l, "award", ct);
}
