using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Query;
using Npgsql;
using Qualis.Platform.Audit;

namespace Qualis.Platform.Data;

/// <summary>
/// A record whose every change is checked against the version it was read at (乐观并发): <see cref="QualisDb"/> makes
/// <see cref="Version"/> a concurrency token, raises it on every save that changes the record and leaves it out of the
/// audit trail. A step that only adds rows under the record (a failed item, a correction) calls <see cref="OneEffect.Touch"/>
/// so its save is checked too.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>
/// One click, one effect (一次点击，一次生效): how a state-changing step stays safe against a double submission and two
/// instances doing it at once. The step checks the state it expects inside its save — an <see cref="IVersioned"/>
/// record, a status marked <c>IsConcurrencyToken()</c>, or a conditional UPDATE through <see cref="TransitionAsync{T}"/> —
/// and a unique index says what may exist once. The request that loses the race then fails in the database, never
/// writes twice, and <see cref="OrFirstResultAsync{T}"/> turns its failure into the answer the winner got.
/// </summary>
public static class OneEffect
{
    /// <summary>The database refused a row because a unique index (or primary key) already holds its value: SQLite or PostgreSQL.</summary>
    public static bool IsUniqueViolation(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            // SQLITE_CONSTRAINT (19) with SQLITE_CONSTRAINT_UNIQUE (2067) or SQLITE_CONSTRAINT_PRIMARYKEY (1555).
            if (e is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }) return true;
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }) return true;
        }
        return false;
    }

    /// <summary>A write lost to a concurrent one: the record's state was no longer what the step read, the row exists
    /// already, or (SQLite) another writer committed after this transaction began reading, so it may not write.</summary>
    public static bool LostRace(Exception e) => e is DbUpdateConcurrencyException || IsUniqueViolation(e) || IsStaleSnapshot(e);

    /// <summary>SQLITE_BUSY_SNAPSHOT (517): a transaction that read, then tried to write after another one had committed.
    /// Waiting cannot help it; the step has lost to that writer.</summary>
    private static bool IsStaleSnapshot(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SqliteException { SqliteErrorCode: 5, SqliteExtendedErrorCode: 517 }) return true;
        return false;
    }

    /// <summary>
    /// Runs a step; when it lost a race (<see cref="LostRace"/>), forgets what it had tracked and answers with
    /// <paramref name="first"/>: what the winning request's step left, read afresh (its outcome page, or a clear message).
    /// </summary>
    public static async Task<T> OrFirstResultAsync<T>(this QualisDb db, Func<Task<T>> step, Func<Task<T>> first)
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (LostRace(e))
        {
            db.ChangeTracker.Clear();
            return await first();
        }
    }

    /// <summary>Marks a versioned record changed, so the save that adds rows under it checks and raises its version.</summary>
    public static void Touch<T>(this QualisDb db, T record) where T : class, IVersioned =>
        db.Entry(record).Property(nameof(IVersioned.Version)).IsModified = true;

    /// <summary>
    /// A conditional UPDATE for records kept outside the audit trail (jobs, leases): <paramref name="expected"/> names the
    /// record in the state the step expects; true when this request made the transition, false when another already had.
    /// </summary>
    public static async Task<bool> TransitionAsync<T>(this IQueryable<T> expected, Action<UpdateSettersBuilder<T>> set, CancellationToken ct = default)
        where T : class, INotAudited =>
        await expected.ExecuteUpdateAsync(set, ct) == 1;

    /// <summary>The model's part: every <see cref="IVersioned"/> record's version is a concurrency token, not audited.</summary>
    internal static void VersionConvention(ModelBuilder b)
    {
        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)).ToList())
        {
            var version = type.FindProperty(nameof(IVersioned.Version))!;
            version.IsConcurrencyToken = true;
            version.SetAnnotation(AuditRecorder.Derived, true);
        }
    }

    /// <summary>Raises the version of every changed versioned record (once, even if the step set it).</summary>
    internal static void RaiseVersions(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
    {
        foreach (var e in tracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
        {
            var p = e.Property(x => x.Version);
            p.CurrentValue = p.OriginalValue + 1;
            p.IsModified = true;
        }
    }
}
