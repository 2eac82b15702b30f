namespace Qualis.Platform.Import;

/// <summary>
/// What an import pass does between batches besides importing: saving its progress, so the official's page moves,
/// and collecting its garbage. Each batch leaves short-lived garbage (parsed rows, audit entries) that the GC, seeing
/// no pressure, lets pile up to hundreds of megabytes over a million rows. After every batch the young generations
/// are collected, which costs next to nothing, and every hundred thousand rows the whole heap. Measured on 200,000
/// enterprises committed on SQLite: a full collection after every batch spent about 0.45 s outside the database per
/// second inside it; full ones every 100,000 rows alone, 0.13 s, but peak memory rose from 350 MB to 405–415 MB, as
/// the youngest generation filled to its budget between the runtime's own collections; with the young generations
/// collected after every batch, 0.14 s and 349 MB.
/// </summary>
public sealed class ImportPacing(bool write, DatabaseProvider provider, Func<CancellationToken, Task> saveProgress, Action<int>? collect = null)
{
    /// <summary>100 batches of 1,000 rows: a full collection every 100,000 rows.</summary>
    public const int BatchesPerFullCollection = 100;

    /// <summary>20 batches of 1,000 rows: the progress is saved every 20,000 rows.</summary>
    public const int BatchesPerProgressSave = 20;

    /// <summary>Generations 0 and 1: what a batch leaves behind, without walking the long-lived heap.</summary>
    public const int YoungGenerations = 1;

    private readonly Action<int> _collect = collect ?? (generation => GC.Collect(generation, GCCollectionMode.Forced, blocking: true));
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
        _collect(_batches % BatchesPerFullCollection == 0 ? GC.MaxGeneration : YoungGenerations);
        if (SavesProgress && _batches % BatchesPerProgressSave == 0) await saveProgress(ct);
    }
}
