using Qualis.Platform.Data;

namespace Qualis.Platform.Import;

/// <summary>
/// What an import pass does between batches besides importing: saving its progress, so the official's page moves,
/// and now and then a full garbage collection. Each batch leaves short-lived garbage (parsed rows, audit entries)
/// that the GC, seeing no pressure, lets pile up to hundreds of megabytes over a million rows; collecting every
/// hundred thousand rows keeps the process small on a laptop for a few milliseconds each time.
/// </summary>
public sealed class ImportPacing(bool write, DatabaseProvider provider, Func<CancellationToken, Task> saveProgress, Action? collect = null)
{
    /// <summary>100 batches of 1,000 rows: a full collection every 100,000 rows.</summary>
    public const int BatchesPerCollection = 100;

    /// <summary>20 batches of 1,000 rows: the progress is saved every 20,000 rows.</summary>
    public const int BatchesPerProgressSave = 20;

    private readonly Action _collect = collect ?? (() => GC.Collect());
    private int _batches;

    /// <summary>
    /// SQLite has one writer: while a commit holds the write transaction, the job's own row cannot be saved, so its
    /// progress lives only in memory (the progress poll reads it from there).
    /// </summary>
    public bool SavesProgress { get; } = !write || provider == DatabaseProvider.Postgres;

    /// <summary>Called after each full batch has been applied.</summary>
    public async Task BatchDoneAsync(CancellationToken ct)
    {
        _batches++;
        if (_batches % BatchesPerCollection == 0) _collect();
        if (SavesProgress && _batches % BatchesPerProgressSave == 0) await saveProgress(ct);
    }
}
