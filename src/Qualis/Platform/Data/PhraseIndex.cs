using Microsoft.EntityFrameworkCore.Metadata;

namespace Qualis.Platform.Data;

/// <summary>
/// The schema objects of a phrase index over one text column of tokens separated by spaces, as the owning module's
/// schema scripts create them: on SQLite an FTS5 table whose content is the entity's own table, kept in step by
/// triggers (the insert one named here); on PostgreSQL a stored tsvector column of the tokens with a GIN index.
/// </summary>
public sealed record PhraseIndexSchema(string TokensProperty, string SqliteFtsTable, string SqliteInsertTrigger, string PostgresVectorColumn);

/// <summary>
/// Full-text search for a phrase, the given tokens side by side in that order, on either database. A module asks for
/// the capability (<see cref="PhraseIndex.Of{T}"/>); which database serves it, and how, stays here.
/// </summary>
public interface IPhraseIndex<T> where T : class
{
    /// <summary>The rows whose tokens hold the phrase; the index drives the query, which the caller may narrow further.
    /// <paramref name="everyMatch"/>: the caller reads every match (to sort them), not only as many as a count cap or a page needs.
    /// <paramref name="without"/>: a token the rows must not hold, checked in the index too.
    /// <paramref name="narrowed"/>: the caller narrows the rows by a range another index serves (a city's or a county's),
    /// which the database may then combine with this one.</summary>
    IQueryable<T> Matching(IReadOnlyList<string> phrase, bool everyMatch = false, string? without = null, bool narrowed = false);

    /// <summary>Inserts new rows with <see cref="BulkInsert"/> and indexes them, inside the caller's transaction.</summary>
    Task BulkInsertAsync(IReadOnlyCollection<T> rows, CancellationToken ct);
}

public static class PhraseIndex
{
    public static IPhraseIndex<T> Of<T>(QualisDb db, PhraseIndexSchema schema) where T : class
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = type.GetTableName()!;
        var tokens = type.FindProperty(schema.TokensProperty)?.GetColumnName(StoreObjectIdentifier.Table(table, type.GetSchema()))
                     ?? throw new InvalidOperationException($"{typeof(T).Name} has no column {schema.TokensProperty}.");
        return db.IsPostgres ? new PostgresPhraseIndex<T>(db, table, schema) : new SqliteFtsPhraseIndex<T>(db, table, tokens, schema);
    }

    /// <summary>Tokens go into the query text of both full-text syntaxes: only letters and digits, which neither reads as an operator.</summary>
    internal static IReadOnlyList<string> Checked(IReadOnlyList<string> phrase)
    {
        if (phrase.Count == 0 || phrase.Any(t => !IsToken(t)))
            throw new ArgumentException("A phrase is one or more tokens of ASCII letters and digits.", nameof(phrase));
        return phrase;
    }

    private static string? CheckedToken(string? token) =>
        token is null || IsToken(token) ? token : throw new ArgumentException("A token is ASCII letters and digits.", nameof(token));

    private static bool IsToken(string t) => t.Length > 0 && t.All(char.IsAsciiLetterOrDigit);

    /// <remarks>
    /// The matches come from a MATERIALIZED common table expression: the GIN index then always drives the query, and
    /// the expression is still read only as far as a count cap or a page needs it. Left to itself the planner may walk
    /// another index row by row, testing each row's vector, and take seconds where this takes milliseconds (matches
    /// cluster: all 巢湖… names sit in one county).
    /// </remarks>
    private sealed class PostgresPhraseIndex<T>(QualisDb db, string table, PhraseIndexSchema schema) : IPhraseIndex<T> where T : class
    {
        // Names from the model and the schema record, never from input; the phrase is a parameter.
        // The expression holds each match's row address only, and the rows are read by it as far as they are needed:
        // holding whole rows (1.3 kB with their vectors) wrote 5,000 matches to a temporary file, and counting them
        // took 24 ms instead of 12.
        private readonly string _sql = $"WITH m AS MATERIALIZED (SELECT ctid AS c FROM \"{table}\" WHERE \"{schema.PostgresVectorColumn}\" @@ to_tsquery('simple', {{0}})) SELECT t.* FROM m JOIN \"{table}\" AS t ON t.ctid = m.c";

        /// <summary>
        /// When every match is read to be sorted, the common table expression would copy each whole row (a temporary file
        /// for the 89,000 芜湖 names: 610 ms for the first page); a subquery fenced by OFFSET 0 keeps the planner off other
        /// indexes just as well, and passes on only the columns the sort and the page use (170 ms). Not for counts and pages
        /// that stop early: with a LIMIT above it the planner may scan the table for a common phrase, and matches cluster.
        /// </summary>
        private readonly string _everyMatchSql = $"SELECT * FROM \"{table}\" WHERE \"{schema.PostgresVectorColumn}\" @@ to_tsquery('simple', {{0}}) OFFSET 0";

        /// <summary>
        /// With the caller's narrower range in view the planner combines the two indexes (BitmapAnd): 合肥's names in
        /// 宣城 were counted in 160 ms, where reading all 180,000 of them from the fenced form and testing each one's
        /// region took 1.3 s. At worst it reads the range's own rows or the table once (0.5 s).
        /// </summary>
        private readonly string _narrowedSql = $"SELECT * FROM \"{table}\" WHERE \"{schema.PostgresVectorColumn}\" @@ to_tsquery('simple', {{0}})";

        public IQueryable<T> Matching(IReadOnlyList<string> phrase, bool everyMatch = false, string? without = null, bool narrowed = false) =>
            db.Set<T>().FromSqlRaw(narrowed ? _narrowedSql : everyMatch ? _everyMatchSql : _sql,
                string.Join(" <-> ", Checked(phrase)) + (CheckedToken(without) is { } t ? $" & !{t}" : ""));

        /// <summary>The vector is a generated column: the rows index themselves as COPY writes them.</summary>
        public Task BulkInsertAsync(IReadOnlyCollection<T> rows, CancellationToken ct) => BulkInsert.InsertAsync(db, rows, ct);
    }

    private sealed class SqliteFtsPhraseIndex<T>(QualisDb db, string table, string tokens, PhraseIndexSchema schema) : IPhraseIndex<T> where T : class
    {
        /// <summary>Below this many rows the trigger indexes them as fast as setting it aside would.</summary>
        private const int SetWiseFrom = 100;

        /// <summary>The full-text index drives the join (CROSS JOIN: SQLite never reorders it), so counting and paging stop as
        /// soon as they have enough rows, and other filters are checked on matches rather than the reverse.</summary>
        private readonly string _sql = $"SELECT e.* FROM \"{schema.SqliteFtsTable}\" AS s CROSS JOIN \"{table}\" AS e ON e.rowid = s.rowid WHERE s.\"{schema.SqliteFtsTable}\" MATCH {{0}}";

        public IQueryable<T> Matching(IReadOnlyList<string> phrase, bool everyMatch = false, string? without = null, bool narrowed = false) =>
            db.Set<T>().FromSqlRaw(_sql, "\"" + string.Join(' ', Checked(phrase)) + "\"" + (CheckedToken(without) is { } t ? $" NOT {t}" : ""));

        /// <summary>
        /// FTS5 indexing row by row through the trigger costs about ten times what one set-wise insert of the same rows
        /// does; so for a large batch the trigger is set aside, the rows go in, their tokens are indexed in one statement
        /// and the trigger is put back, all inside the caller's transaction (SQLite's single writer means no one else
        /// inserts meanwhile).
        /// </summary>
        public async Task BulkInsertAsync(IReadOnlyCollection<T> rows, CancellationToken ct)
        {
            if (rows.Count < SetWiseFrom)
            {
                await BulkInsert.InsertAsync(db, rows, ct);
                return;
            }
            var trigger = await db.Database.SqlQueryRaw<string>(
                "SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name = {0}", schema.SqliteInsertTrigger).SingleAsync(ct);
            var last = $"SELECT COALESCE(MAX(rowid), 0) AS \"Value\" FROM \"{table}\"";
            var before = await db.Database.SqlQueryRaw<long>(last).SingleAsync(ct);
            var drop = $"DROP TRIGGER \"{schema.SqliteInsertTrigger}\"";
            await db.Database.ExecuteSqlRawAsync(drop, ct);
            await BulkInsert.InsertAsync(db, rows, ct);
            var index = $"INSERT INTO \"{schema.SqliteFtsTable}\"(rowid, \"{tokens}\") SELECT rowid, \"{tokens}\" FROM \"{table}\" WHERE rowid > {{0}}";
            await db.Database.ExecuteSqlRawAsync(index, [before], ct);
            await db.Database.ExecuteSqlRawAsync(trigger.Replace("{", "{{").Replace("}", "}}"), ct);
        }
    }
}
