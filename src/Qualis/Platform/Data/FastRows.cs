using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Qualis.Platform.Data;

/// <summary>A text column of a <see cref="FastRow"/> in both forms: its UTF-8 bytes and its characters.</summary>
public readonly ref struct ColumnText(ReadOnlySpan<byte> utf8, ReadOnlySpan<char> chars)
{
    public ReadOnlySpan<byte> Utf8 { get; } = utf8;
    public ReadOnlySpan<char> Chars { get; } = chars;
}

/// <summary>
/// One row of a <see cref="FastRows"/> read. Text comes without a string per column unless asked for; each form costs
/// what the database makes it cost (SQLite holds UTF-8, Npgsql hands out strings), so a caller reads each column once,
/// in the form it needs. What a call returns is valid until the next call for the same column or the next row.
/// </summary>
public abstract class FastRow
{
    public abstract bool IsNull(int column);

    /// <summary>The column's text as characters.</summary>
    public abstract ReadOnlySpan<char> Chars(int column);

    /// <summary>The column's text as UTF-8 and as characters, for a caller that needs both (one read of the column).</summary>
    public abstract ColumnText Text(int column);

    /// <summary>
    /// The column's text as a string, for short texts repeated across rows (a county code): on SQLite each distinct
    /// value becomes one string, however many rows hold it; Npgsql's reader has made its string already.
    /// </summary>
    public abstract string String(int column);
}

/// <summary>
/// Reads the rows of a query over a whole directory, a million at a time, at the speed of each database: on SQLite the
/// statement EF built is stepped directly (a million rows read through the ADO.NET reader cost several times what
/// SQLite spends producing them, most of it in a string per column); on PostgreSQL Npgsql's own reader is already
/// the fast path. The caller sees the same <see cref="FastRow"/> either way.
/// </summary>
public static class FastRows
{
    /// <summary>Reads the query EF would run for <paramref name="query"/>, calling <paramref name="onRow"/> for each row.</summary>
    public static async Task ReadAsync<T>(IQueryable<T> query, Action<FastRow> onRow, CancellationToken ct)
    {
        await using var command = query.CreateDbCommand();
        await ReadAsync(command, onRow, ct);
    }

    /// <summary>Runs the command (built by EF, e.g. with CreateDbCommand), calling <paramref name="onRow"/> for each row.</summary>
    public static async Task ReadAsync(DbCommand command, Action<FastRow> onRow, CancellationToken ct)
    {
        if (command.Connection!.State != System.Data.ConnectionState.Open) await command.Connection.OpenAsync(ct);
        if (command.Connection is SqliteConnection sqlite)
        {
            SqliteStatementRow.Read(sqlite, command, onRow, ct);
            return;
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        var row = new DataReaderRow(reader);
        while (await reader.ReadAsync(ct)) onRow(row);
    }

    /// <summary>Per-column buffers, grown as needed and reused row after row.</summary>
    private sealed class Buffers<TItem>
    {
        private TItem[][] _byColumn = [];

        public TItem[] For(int column, int length)
        {
            if (column >= _byColumn.Length) Array.Resize(ref _byColumn, column + 1);
            if (_byColumn[column] is not { } buffer || buffer.Length < length) _byColumn[column] = buffer = new TItem[Math.Max(length, 64)];
            return buffer;
        }
    }

    /// <summary>Npgsql (or any ADO.NET provider): its reader, a string per text column as the provider gives it.</summary>
    private sealed class DataReaderRow(DbDataReader reader) : FastRow
    {
        private readonly Buffers<byte> _bytes = new();

        public override bool IsNull(int column) => reader.IsDBNull(column);

        public override ReadOnlySpan<char> Chars(int column) => reader.GetString(column);

        public override string String(int column) => reader.GetString(column);

        public override ColumnText Text(int column)
        {
            var text = reader.GetString(column);
            var buffer = _bytes.For(column, Encoding.UTF8.GetMaxByteCount(text.Length));
            return new ColumnText(buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)), text);
        }
    }

    /// <summary>SQLite: the statement stepped through SQLitePCL, each text column read as the bytes SQLite holds.</summary>
    private sealed class SqliteStatementRow(sqlite3_stmt statement) : FastRow
    {
        private readonly Buffers<char> _chars = new();
        private readonly Dictionary<int, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>> _strings = [];

        public override bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

        public override ReadOnlySpan<char> Chars(int column) => Text(column).Chars;

        public override ColumnText Text(int column)
        {
            var utf8 = raw.sqlite3_column_blob(statement, column);
            var buffer = _chars.For(column, utf8.Length); // UTF-8 never takes fewer bytes than UTF-16 takes characters
            return new ColumnText(utf8, buffer.AsSpan(0, Encoding.UTF8.GetChars(utf8, buffer)));
        }

        public override string String(int column)
        {
            if (!_strings.TryGetValue(column, out var seen))
                _strings[column] = seen = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
            var chars = Chars(column);
            if (!seen.TryGetValue(chars, out var text)) seen[chars] = text = chars.ToString();
            return text;
        }

        public static void Read(SqliteConnection connection, DbCommand command, Action<FastRow> onRow, CancellationToken ct)
        {
            var db = connection.Handle!;
            // Raw calls have no retry of their own, unlike Microsoft.Data.Sqlite's commands, which step again until the
            // command's timeout. SQLite's busy handler does the same for every call of this read (the prepare, which
            // may load the schema, and each step): two draws committed at once on SQLite met "database is locked"
            // first on the first step, then, with only that step waiting, on a later call. It is set for this read only.
            raw.sqlite3_busy_timeout(db, command.CommandTimeout > 0 ? command.CommandTimeout * 1000 : int.MaxValue);
            sqlite3_stmt? statement = null;
            try
            {
                Check(raw.sqlite3_prepare_v2(db, command.CommandText, out statement), db);
                foreach (DbParameter p in command.Parameters) Bind(statement, p, db);
                var row = new SqliteStatementRow(statement);
                var rc = raw.sqlite3_step(statement);
                for (var n = 0; rc == raw.SQLITE_ROW; n++, rc = raw.sqlite3_step(statement))
                {
                    if ((n & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                    onRow(row);
                }
                if (rc != raw.SQLITE_DONE) Check(rc, db);
            }
            finally
            {
                if (statement is not null) raw.sqlite3_finalize(statement);
                raw.sqlite3_busy_timeout(db, 0);
            }
        }

        private static void Bind(sqlite3_stmt statement, DbParameter p, sqlite3 db)
        {
            var index = raw.sqlite3_bind_parameter_index(statement, p.ParameterName.StartsWith('@') ? p.ParameterName : "@" + p.ParameterName);
            if (index == 0) return;
            Check(p.Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                string s => raw.sqlite3_bind_text(statement, index, s),
                bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
                int or long or short or byte => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(p.Value)),
                double or float or decimal => raw.sqlite3_bind_double(statement, index, Convert.ToDouble(p.Value)),
                byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
                // Other types would need Microsoft.Data.Sqlite's own conversions (a Guid, a date); refused rather than guessed.
                var other => throw new NotSupportedException($"Parameter {p.ParameterName} is a {other.GetType().Name}, which the direct SQLite read does not bind."),
            }, db);
        }

        private static void Check(int rc, sqlite3 db)
        {
            if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }
}
