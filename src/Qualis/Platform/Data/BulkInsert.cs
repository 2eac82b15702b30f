using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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

    private static async Task PreparedAsync<T>(QualisDb db, string table, List<Column> columns, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        await using DbCommand cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        // Each parameter is set up once by EF's own mapping (type, size), then only its value changes.
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(cmd, "@p" + i, null, nullable: true)).ToArray();
        cmd.Parameters.AddRange(parameters);
        await cmd.PrepareAsync(ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++) parameters[i].Value = columns[i].ProviderValue(row) ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
