using Microsoft.AspNetCore.Mvc.ModelBinding;
using Qualis.Platform.Attachments;

namespace Qualis.Features.Recognition;

/// <summary>What the register's pages share: messages whose arguments are text keys, and storing evidence files.</summary>
public static class RecognitionPages
{
    /// <summary>The largest evidence file a recognition takes (PDF, JPG or PNG, checked by its bytes).</summary>
    public const long MaxEvidenceBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Stores a recognition's evidence files under its id; a refused file (too large, empty, not what its name says) is named
    /// on the Files field and nothing is kept: null.
    /// </summary>
    public static async Task<List<StoredFile>?> SaveEvidenceAsync(ModelStateDictionary state, AttachmentStore store, Guid recognitionId,
        IEnumerable<IFormFile> files, IStringLocalizer l, CancellationToken ct) =>
        await store.SaveFormFilesAsync(state, recognitionId, files, MaxEvidenceBytes, l, "recognition", ct);
}
