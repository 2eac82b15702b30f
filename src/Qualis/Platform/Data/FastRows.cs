using System.Data.Common;
using System.Runtime.InteropServices;
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
    /// value becomes one string, however many rows hold it; on PostgreSQL a value equal to the row before's comes back
    /// as that row's string. Equal values in a run are the same string on both.
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
        private string?[] _last = [];

        public override bool IsNull(int column) => reader.IsDBNull(column);

        public override ReadOnlySpan<char> Chars(int column) => reader.GetString(column);

        /// <summary>The provider's string, or the row before's when equal, so a run of equal values is one string, as on SQLite.</summary>
        public override string String(int column)
        {
            var text = reader.GetString(column);
            if (column >= _last.Length) Array.Resize(ref _last, column + 1);
            if (string.Equals(text, _last[column], StringComparison.Ordinal)) return _last[column]!;
            return _last[column] = text;
        }

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
        private readonly SqliteColumns _columns = new(statement);
        private readonly Buffers<char> _chars = new();
        private readonly Dictionary<int, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>> _strings = [];
        // Per column, the last value String gave: its bytes and its string.
        private (byte[] Utf8, string Text)?[] _last = [];

        public override bool IsNull(int column) => _columns.IsNull(column);

        public override ReadOnlySpan<char> Chars(int column) => Text(column).Chars;

        public override ColumnText Text(int column)
        {
            var utf8 = _columns.Bytes(column);
            return new ColumnText(utf8, Decode(column, utf8));
        }

        /// <summary>The column's UTF-8 as characters, in the column's own buffer.</summary>
        private ReadOnlySpan<char> Decode(int column, ReadOnlySpan<byte> utf8)
        {
            var buffer = _chars.For(column, utf8.Length); // UTF-8 never takes fewer bytes than UTF-16 takes characters
            return buffer.AsSpan(0, Encoding.UTF8.GetChars(utf8, buffer));
        }

        public override string String(int column)
        {
            // Rows come in index order, so a county or an industry code is mostly the one of the row before: its bytes
            // are compared with that row's before the text is decoded and looked up.
            var utf8 = _columns.Bytes(column);
            if (column >= _last.Length) Array.Resize(ref _last, column + 1);
            if (_last[column] is { } last && utf8.SequenceEqual(last.Utf8)) return last.Text;
            if (!_strings.TryGetValue(column, out var seen))
                _strings[column] = seen = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
            var chars = Decode(column, utf8);
            if (!seen.TryGetValue(chars, out var text)) seen[chars] = text = chars.ToString();
            _last[column] = (utf8.ToArray(), text);
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

/// <summary>
/// A stepped statement's columns, read from the native SQLite library SQLitePCL loaded (e_sqlite3) by calls without the
/// GC transition: each call only reads the row SQLite holds. Through SQLitePCL's provider every column costs two calls
/// with the transition: about 260 ms for the four columns of a million-row draw directory, against 130 ms this way
/// (docs/benchmarks.md). With another native library than e_sqlite3 the columns are read through SQLitePCL.
/// </summary>
internal sealed class SqliteColumns(sqlite3_stmt statement)
{
    private static readonly bool Direct = raw.GetNativeLibraryName() == "e_sqlite3";
    private readonly IntPtr _handle = statement.DangerousGetHandle();
    private byte[][] _buffers = [];

    public bool IsNull(int column) =>
        (Direct ? ColumnType(_handle, column) : raw.sqlite3_column_type(statement, column)) == raw.SQLITE_NULL;

    /// <summary>The column's value as bytes (text as its UTF-8), valid until the next call for the column or the next row.</summary>
    public ReadOnlySpan<byte> Bytes(int column)
    {
        if (!Direct) return raw.sqlite3_column_blob(statement, column);
        var data = ColumnBlob(_handle, column); // before the length, as SQLite asks
        var length = ColumnBytes(_handle, column);
        if (data == IntPtr.Zero || length == 0) return [];
        if (column >= _buffers.Length) Array.Resize(ref _buffers, column + 1);
        if (_buffers[column] is not { } buffer || buffer.Length < length) _buffers[column] = buffer = new byte[Math.Max(length, 64)];
        Marshal.Copy(data, buffer, 0, length);
        return buffer.AsSpan(0, length);
    }

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_type", CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    private static extern int ColumnType(IntPtr statement, int column);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_blob", CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    private static extern IntPtr ColumnBlob(IntPtr statement, int column);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_bytes", CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    private static extern int ColumnBytes(IntPtr statement, int column);
}
