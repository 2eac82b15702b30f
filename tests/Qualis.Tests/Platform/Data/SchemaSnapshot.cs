using System.Data.Common;

namespace Qualis.Tests.Platform.Data;

/// <summary>
/// A database's schema as sorted lines (tables, columns with type and nullability, primary keys, indexes,
/// foreign keys), read from the catalogue, so two databases can be compared line by line.
/// </summary>
public static class SchemaSnapshot
{
    /// <summary>The migrator's own bookkeeping table is not part of the model.</summary>
    private static readonly HashSet<string> Ignored = ["SchemaHistory"];

    /// <summary>
    /// Full-text search structures that EF cannot model, maintained by the scripts alone (see NameSearch.cs): SQLite's
    /// FTS5 table with its shadow tables, PostgreSQL's expression index. Tests of the search itself cover them.
    /// </summary>
    public static bool IsSearchStructure(string name) =>
        name.StartsWith("EnterpriseNameSearch", StringComparison.Ordinal) || name is "IX_Enterprises_NameSearch" or "Enterprises.NameVector";

    public static async Task<List<string>> ReadAsync(QualisDb db)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var lines = db.IsPostgres ? await PostgresAsync(conn) : await SqliteAsync(conn);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> SqliteAsync(DbConnection conn)
    {
        var lines = new List<string>();
        var tables = await ListAsync(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", r => r.GetString(0));
        foreach (var t in tables.Where(t => !Ignored.Contains(t) && !IsSearchStructure(t)))
        {
            lines.Add($"table {t}");
            foreach (var c in await ListAsync(conn, $"PRAGMA table_info(\"{t}\")", r => (Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetInt64(3) == 1, Pk: r.GetInt64(5))))
            {
                lines.Add($"column {t}.{c.Name} {c.Type.ToUpperInvariant()} {(c.NotNull ? "NOT NULL" : "NULL")}");
                if (c.Pk > 0) lines.Add($"pk {t} {c.Pk}:{c.Name}");
            }
            foreach (var i in await ListAsync(conn, $"PRAGMA index_list(\"{t}\")", r => (Name: r.GetString(1), Unique: r.GetInt64(2) == 1, Origin: r.GetString(3))))
            {
                if (i.Origin == "pk") continue;
                var cols = await ListAsync(conn, $"PRAGMA index_info(\"{i.Name}\")", r => r.GetString(2));
                var sql = (await ListAsync(conn, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{i.Name}'", r => r.IsDBNull(0) ? "" : r.GetString(0))).Single();
                var where = sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) is var w and >= 0 ? " WHERE " + sql[(w + 7)..].Trim() : "";
                lines.Add($"index {t} {i.Name} {(i.Unique ? "UNIQUE " : "")}({string.Join(", ", cols)}){where}");
            }
            foreach (var f in await ListAsync(conn, $"PRAGMA foreign_key_list(\"{t}\")", r => (Table: r.GetString(2), From: r.GetString(3), To: r.GetString(4), OnDelete: r.GetString(6))))
                lines.Add($"fk {t}.{f.From} -> {f.Table}.{f.To} ON DELETE {f.OnDelete}");
        }
        return lines;
    }

    private static async Task<List<string>> PostgresAsync(DbConnection conn)
    {
        var lines = new List<string>();
        const string columns = """
            SELECT c.table_name, c.column_name,
                   CASE WHEN c.data_type = 'character varying' THEN 'varchar(' || c.character_maximum_length || ')'
                        WHEN c.data_type = 'character' THEN 'char(' || c.character_maximum_length || ')'
                        WHEN c.data_type = 'numeric' THEN 'numeric(' || c.numeric_precision || ',' || c.numeric_scale || ')'
                        ELSE c.data_type END,
                   c.is_nullable, COALESCE(c.column_default, ''), c.is_identity, COALESCE(c.collation_name, '')
            FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            """;
        foreach (var c in await ListAsync(conn, columns, r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), Nullable: r.GetString(3), Default: r.GetString(4), Identity: r.GetString(5), Collation: r.GetString(6))))
        {
            if (Ignored.Contains(c.Table) || IsSearchStructure($"{c.Table}.{c.Name}")) continue;
            var identity = c.Identity == "YES" || c.Default.StartsWith("nextval(", StringComparison.Ordinal) ? " IDENTITY" : "";
            var collation = c.Collation.Length > 0 ? $" COLLATE {c.Collation}" : "";
            lines.Add($"column {c.Table}.{c.Name} {c.Type}{collation} {(c.Nullable == "YES" ? "NULL" : "NOT NULL")}{identity}");
        }
        foreach (var t in (await ListAsync(conn, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", r => r.GetString(0))).Where(t => !Ignored.Contains(t)))
            lines.Add($"table {t}");
        const string keys = """
            SELECT tc.table_name, tc.constraint_type, kcu.column_name, kcu.ordinal_position, tc.constraint_name
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
            WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'PRIMARY KEY'
            """;
        foreach (var k in await ListAsync(conn, keys, r => (Table: r.GetString(0), Column: r.GetString(2), Position: r.GetInt32(3), Name: r.GetString(4))))
            if (!Ignored.Contains(k.Table)) lines.Add($"pk {k.Table} {k.Position}:{k.Column} ({k.Name})");
        const string indexes = """
            SELECT t.relname, i.relname, ix.indisunique,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n)
                                          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n), ', '),
                   COALESCE(pg_get_expr(ix.indpred, ix.indrelid), '')
            FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND NOT ix.indisprimary
            """;
        foreach (var i in await ListAsync(conn, indexes, r => (Table: r.GetString(0), Name: r.GetString(1), Unique: r.GetBoolean(2), Columns: r.GetString(3), Filter: r.GetString(4))))
            if (!Ignored.Contains(i.Table) && !IsSearchStructure(i.Name))
                lines.Add($"index {i.Table} {i.Name} {(i.Unique ? "UNIQUE " : "")}({i.Columns}){(i.Filter.Length > 0 ? " WHERE " + i.Filter : "")}");
        const string fks = """
            SELECT tc.table_name, kcu.column_name, ccu.table_name, ccu.column_name, rc.delete_rule
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
            JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name AND rc.constraint_schema = tc.table_schema
            WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'FOREIGN KEY'
            """;
        foreach (var f in await ListAsync(conn, fks, r => (Table: r.GetString(0), From: r.GetString(1), To: r.GetString(2), ToColumn: r.GetString(3), OnDelete: r.GetString(4))))
            lines.Add($"fk {f.Table}.{f.From} -> {f.To}.{f.ToColumn} ON DELETE {f.OnDelete}");
        return lines;
    }

    private static async Task<List<T>> ListAsync<T>(DbConnection conn, string sql, Func<DbDataReader, T> read)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<T>();
        while (await r.ReadAsync()) list.Add(read(r));
        return list;
    }
}
