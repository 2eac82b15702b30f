using System.Diagnostics;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace Qualis.Platform.Data;

/// <summary>
/// Stored pinyin sort strings (<see cref="PinyinSort"/>): a column declared with <see cref="IsPinyinSortOf"/> holds the
/// sort key of another text column of its row. SaveChanges fills it whenever the row is added or changed, <see cref="BulkInsert"/>
/// computes it as it writes (the import, the draw's spot checks), and <see cref="BackfillAsync"/>
/// fills the rows written before the column existed, in batches, after the schema scripts have run.
/// </summary>
public static class PinyinSortColumns
{
    public const string SourceAnnotation = "Qualis:PinyinSortOf";

    /// <summary>Declares this column the pinyin sort string of <paramref name="source"/>: bytewise, not audited (derived), cut to <see cref="PinyinSort.MaxLength"/>.</summary>
    public static PropertyBuilder<string> IsPinyinSortOf(this PropertyBuilder<string> property, string source) =>
        property.HasMaxLength(PinyinSort.MaxLength)
            .HasAnnotation(QualisDb.BytewiseAnnotation, true)
            .HasAnnotation(Audit.AuditRecorder.Derived, true)
            .HasAnnotation(SourceAnnotation, source);

    /// <summary>Sets the sort strings of added and changed rows (called by SaveChanges).</summary>
    internal static void Fill(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var target in entry.Metadata.GetProperties())
            {
                if (target.FindAnnotation(SourceAnnotation)?.Value is not string sourceName) continue;
                var key = PinyinSort.Key(entry.Property(sourceName).CurrentValue as string);
                var property = entry.Property(target.Name);
                if (!Equals(property.CurrentValue, key)) property.CurrentValue = key;
            }
        }
    }

    /// <summary>
    /// Fills every empty sort string whose source is not empty, table by table, in batches of <paramref name="batch"/>
    /// rows read in key order (so a name whose key is empty, all punctuation, is passed once), each batch in its own
    /// transaction, so a stopped run resumes at the next start. Returns the rows filled.
    /// </summary>
    public static async Task<int> BackfillAsync(QualisDb db, ILogger? log = null, int batch = 5_000, CancellationToken ct = default)
    {
        var filled = 0;
        foreach (var type in db.Model.GetEntityTypes())
        foreach (var target in type.GetProperties().Where(p => p.FindAnnotation(SourceAnnotation) is not null))
        {
            var table = type.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, type.GetSchema());
            var source = type.FindProperty((string)target.FindAnnotation(SourceAnnotation)!.Value!)!.GetColumnName(store)!;
            var key = type.FindPrimaryKey()!.Properties.Single();
            var keyColumn = key.GetColumnName(store)!;
            var column = target.GetColumnName(store)!;
            var watch = Stopwatch.StartNew();
            var n = await BackfillAsync(db, table, keyColumn, source, column, batch, ct);
            if (n > 0) log?.LogInformation("Filled {Rows} pinyin sort strings of {Table}.{Column} in {Seconds:F1} s", n, table, column, watch.Elapsed.TotalSeconds);
            filled += n;
        }
        return filled;
    }

    private static async Task<int> BackfillAsync(QualisDb db, string table, string keyColumn, string source, string column, int batch, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        // Anything to fill? (One probe, served by the sort column's index where it has one: a no-op at every later start.)
        await using (var probe = connection.CreateCommand())
        {
            probe.CommandText = $"SELECT 1 FROM \"{table}\" WHERE \"{column}\" = '' AND \"{source}\" <> '' LIMIT 1";
            if (await probe.ExecuteScalarAsync(ct) is null) return 0;
        }
        // One pass over the table in key order, a batch at a time: reading the empty ones through the sort column's
        // index would sort all that remain for every batch.
        object? after = null;
        var filled = 0;
        while (true)
        {
            var rows = new List<(object Key, string Sort)>(batch);
            var read = 0;
            await using (var select = connection.CreateCommand())
            {
                select.CommandText = $"SELECT \"{keyColumn}\", \"{source}\", \"{column}\" FROM \"{table}\""
                                     + (after is null ? "" : $" WHERE \"{keyColumn}\" > @after") + $" ORDER BY \"{keyColumn}\" LIMIT {batch}";
                if (after is not null)
                {
                    var p = select.CreateParameter();
                    (p.ParameterName, p.Value) = ("@after", after);
                    select.Parameters.Add(p);
                }
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    read++;
                    after = reader.GetValue(0);
                    if (reader.GetString(2).Length > 0 || reader.IsDBNull(1)) continue;
                    var key = PinyinSort.Key(reader.GetString(1));
                    if (key.Length > 0) rows.Add((after, key));
                }
            }
            if (read == 0) return filled;
            if (rows.Count == 0) continue;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.IsPostgres)
            {
                // One statement a batch: the keys and their strings as two arrays, joined back to the table.
                await using var update = connection.CreateCommand();
                update.Transaction = tx.GetDbTransaction();
                update.CommandText = $"UPDATE \"{table}\" AS t SET \"{column}\" = v.s FROM unnest(@keys, @sorts) AS v(k, s) WHERE t.\"{keyColumn}\" = v.k";
                update.Parameters.Add(new Npgsql.NpgsqlParameter("keys", ArrayOf(rows.Select(r => r.Key).ToList())));
                update.Parameters.Add(new Npgsql.NpgsqlParameter("sorts", rows.Select(r => r.Sort).ToArray()));
                await update.ExecuteNonQueryAsync(ct);
            }
            else
            {
                await using var update = connection.CreateCommand();
                update.Transaction = tx.GetDbTransaction();
                update.CommandText = $"UPDATE \"{table}\" SET \"{column}\" = @sort WHERE \"{keyColumn}\" = @key";
                var sort = update.CreateParameter(); sort.ParameterName = "@sort"; update.Parameters.Add(sort);
                var keyParameter = update.CreateParameter(); keyParameter.ParameterName = "@key"; update.Parameters.Add(keyParameter);
                await update.PrepareAsync(ct);
                foreach (var (k, s) in rows)
                {
                    (sort.Value, keyParameter.Value) = (s, k);
                    await update.ExecuteNonQueryAsync(ct);
                }
            }
            await tx.CommitAsync(ct);
            filled += rows.Count;
        }
    }

    /// <summary>The keys as a typed array (uuid[] or text[]), as PostgreSQL's unnest needs them.</summary>
    private static Array ArrayOf(List<object> keys)
    {
        var array = Array.CreateInstance(keys[0].GetType(), keys.Count);
        for (var i = 0; i < keys.Count; i++) array.SetValue(keys[i], i);
        return array;
    }
}
