using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;

namespace Qualis.Platform.Data;

/// <summary>
/// Inserts many new rows of one entity type at the speed of each database's own loading path, inside the current
/// transaction: PostgreSQL's binary COPY, SQLite's prepared statement reused row after row. Columns, names and value
/// conversions come from the EF model, so the rows are exactly what SaveChanges would have written. This bypasses the
/// change tracker and therefore the audit interceptor: callers record the audit entries themselves
/// (<see cref="QualisDb.AppendAuditAsync"/>), as the import does.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAsync<T>(QualisDb db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var columns = type.GetProperties()
            .Select(p => new Column(p.GetColumnName(store)!, p.GetGetter(), (RelationalTypeMapping)p.GetRelationalTypeMapping(),
                // A pinyin sort string is computed from its source, as SaveChanges would (PinyinSortColumns).
                p.FindAnnotation(PinyinSortColumns.SourceAnnotation)?.Value is string source ? type.FindProperty(source)!.GetGetter() : null))
            .ToList();
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        // The same write check SaveChanges makes: nothing lands outside the actor's area (the trail itself aside: an
        // entry about a catalogue row, such as an industry, belongs to no region).
        if (db.Actor.IsRestricted && typeof(T) != typeof(Audit.AuditEntry) && rows.OfType<Access.IRegionScoped>().FirstOrDefault(r => !db.Actor.CanReach(r.RegionPath)) is { } outside)
            throw new Access.RegionAccessDeniedException($"{typeof(T).Name} in region {outside.RegionPath} is outside the region {db.Actor.RegionPath} of {db.Actor.UserName}.");
        await db.Database.OpenConnectionAsync(ct);
        if (db.IsPostgres) await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), table, columns, rows, ct);
        else await PreparedAsync(db, table, columns, rows, ct);
    }

    private sealed record Column(string Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, IClrPropertyGetter? PinyinSource)
    {
        public object? ProviderValue(object entity)
        {
            var value = PinyinSource is null ? Getter.GetClrValueUsingContainingEntity(entity)
                : PinyinSort.Key(PinyinSource.GetClrValueUsingContainingEntity(entity) as string);
            return value is null ? null : Mapping.Converter is { } c ? c.ConvertToProvider(value) : value;
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection conn, string table, List<Column> columns, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var sql = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await conn.BeginBinaryImportAsync(sql, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var c in columns)
            {
                var v = c.ProviderValue(row);
                if (v is null) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(v, c.Mapping.StoreTypeNameBase, ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    /// <summary>
    /// SQLite: one statement prepared through SQLitePCL and stepped row after row, each value bound by its position. The
    /// same loop through Microsoft.Data.Sqlite's command bound every parameter by name on each execution, about 0.7 µs a
    /// column: 9,000 spot checks of 49 columns took 0.32–0.39 s of a draw.
    /// </summary>
    private static Task PreparedAsync<T>(QualisDb db, string table, List<Column> columns, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        // Each column's parameter as EF's mapping sets it up, read for the one choice the value leaves open (a Guid as text or bytes).
        using var probe = connection.CreateCommand();
        var types = columns.Select((c, i) => ((SqliteParameter)c.Mapping.CreateParameter(probe, "@p" + i, null, nullable: true)).SqliteType).ToArray();
        var handle = connection.Handle!;
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        // Raw calls have no retry of their own (see FastRows): SQLite's busy handler waits as a command would.
        raw.sqlite3_busy_timeout(handle, int.MaxValue);
        sqlite3_stmt? statement = null;
        try
        {
            SqliteBinding.Check(raw.sqlite3_prepare_v2(handle, sql, out statement), handle);
            var binding = new SqliteBinding(statement, handle);
            var n = 0;
            foreach (var row in rows)
            {
                if ((++n & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
                for (var i = 0; i < columns.Count; i++) binding.Bind(i + 1, columns[i].ProviderValue(row), types[i], columns[i].Name);
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE) SqliteBinding.Check(rc, handle);
                raw.sqlite3_reset(statement);
            }
        }
        finally
        {
            if (statement is not null) raw.sqlite3_finalize(statement);
            raw.sqlite3_busy_timeout(handle, 0);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Binds a value to a SQLite statement's parameter as Microsoft.Data.Sqlite would for a parameter of the given type: the
/// same storage class and the same text for dates, decimals and Guids, so a row written here reads and compares as one
/// written by EF (BulkInsertTests checks every provider type of the model against Microsoft.Data.Sqlite's own binding).
/// A type it does not know is refused, naming the column, rather than guessed.
/// </summary>
internal sealed class SqliteBinding(sqlite3_stmt statement, sqlite3 handle)
{
    private byte[] _utf8 = new byte[256];

    public void Bind(int index, object? value, SqliteType type, string column) => Check(value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string s => Text(index, s),
        bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
        int or long or short or byte or sbyte or ushort or uint => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        double d => raw.sqlite3_bind_double(statement, index, d),
        float f => raw.sqlite3_bind_double(statement, index, f),
        decimal m => Text(index, m.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        DateTime t => Text(index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateTimeOffset t => Text(index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        DateOnly d => Text(index, d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        Guid g => type == SqliteType.Blob ? raw.sqlite3_bind_blob(statement, index, g.ToByteArray()) : Text(index, g.ToString().ToUpperInvariant()),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        _ => throw new NotSupportedException($"Column {column} holds a {value.GetType().Name}, which the bulk insert does not bind on SQLite."),
    }, handle);

    private int Text(int index, string s)
    {
        var length = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (length > _utf8.Length) _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        return raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, Encoding.UTF8.GetBytes(s, _utf8)));
    }

    public static void Check(int rc, sqlite3 db)
    {
        // With the extended code, as Microsoft.Data.Sqlite's own exceptions carry it (OneEffect tells a unique violation by it).
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
    }
}
