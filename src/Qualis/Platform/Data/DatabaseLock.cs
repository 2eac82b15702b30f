using Microsoft.Data.Sqlite;

namespace Qualis.Platform.Data;

/// <summary>
/// A lock on the whole database for start-up work that two instances must not do at once (the schema scripts, the
/// pinyin backfill, the first data-protection key): PostgreSQL's session advisory lock, held on the context's
/// connection until disposed; SQLite's database is one file on one machine, so a lock file beside it (an exclusive
/// open, which .NET takes as an flock that other processes see). A second instance waits, then finds the work done.
/// </summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    /// <summary>The advisory lock key of start-up work (the audit chain's writers use 7460313).</summary>
    private const long StartupKey = 7460314;

    /// <summary>How long an instance waits for another's start-up work before it gives up.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    private readonly QualisDb? _db;
    private readonly FileStream? _file;

    private DatabaseLock(QualisDb? db, FileStream? file) => (_db, _file) = (db, file);

    public static async Task<DatabaseLock> TakeAsync(QualisDb db, CancellationToken ct = default)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        if (db.IsPostgres)
        {
            // Tried rather than waited for in one statement: the holder may be loading the demo data for longer than a
            // command may run.
            await db.Database.OpenConnectionAsync(ct);
            while (!await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_lock({StartupKey}) AS \"Value\"").SingleAsync(ct))
            {
                if (waited.Elapsed > MaxWait) throw new TimeoutException($"Another instance held the start-up lock for more than {MaxWait.TotalMinutes} minutes.");
                await Task.Delay(200, ct);
            }
            return new DatabaseLock(db, null);
        }
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file::memory:", StringComparison.Ordinal))
            return new DatabaseLock(null, null);
        var path = Path.GetFullPath(source) + ".startup-lock";
        while (true)
        {
            try
            {
                return new DatabaseLock(null, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < MaxWait)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartupKey})");
            await _db.Database.CloseConnectionAsync();
        }
        if (_file is not null) await _file.DisposeAsync();
    }
}
