using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Qualis.Platform.Data;

/// <summary>
/// Applies the versioned SQL scripts under Migrations/{Sqlite,Postgres}/ in order, each in its own transaction,
/// and records each script with its checksum in SchemaHistory. Refuses a database that has scripts this
/// build does not know (newer schema) or whose recorded checksums differ from the scripts (edited history).
/// </summary>
public sealed class SchemaMigrator(QualisDb db)
{
    public sealed record Script(int Version, string Name, string Sql, string Checksum);
    public sealed record Applied(int Version, string Name, string Checksum);

    public static IReadOnlyList<Script> Scripts(DatabaseProvider provider)
    {
        var prefix = $"Migrations/{provider}/";
        var asm = Assembly.GetExecutingAssembly();
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(asm.GetManifestResourceStream(n)!, Encoding.UTF8);
                var sql = reader.ReadToEnd().Replace("\r\n", "\n");
                var name = Path.GetFileNameWithoutExtension(n[prefix.Length..]);
                var version = int.Parse(name[..name.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
                return new Script(version, name, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql))));
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    private DatabaseProvider Provider => db.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Scripts not yet applied; throws <see cref="SchemaMismatchException"/> when the database cannot be used by this build.</summary>
    public async Task<IReadOnlyList<Script>> PendingAsync(CancellationToken ct = default)
    {
        var scripts = Scripts(Provider);
        var applied = await AppliedAsync(ct);
        foreach (var a in applied)
        {
            var known = scripts.FirstOrDefault(s => s.Version == a.Version);
            if (known is null)
                throw new SchemaMismatchException($"The database has script {a.Name} applied, which this version of Qualis does not know: the schema is newer than the application.");
            if (known.Checksum != a.Checksum)
                throw new SchemaMismatchException($"Script {a.Name} was applied with checksum {Short(a.Checksum)} but the application's copy has {Short(known.Checksum)}: the script was changed after it was applied.");
        }
        return scripts.Where(s => applied.All(a => a.Version != s.Version)).ToList();
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] + "…" : checksum;

    public async Task<IReadOnlyList<Script>> MigrateAsync(CancellationToken ct = default)
    {
        await EnsureHistoryTableAsync(ct);
        var pending = await PendingAsync(ct);
        foreach (var script in pending)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ExecuteAsync(script.Sql, ct);
            await ExecuteAsync(
                "INSERT INTO \"SchemaHistory\" (\"Version\", \"Name\", \"Checksum\", \"AppliedAt\") VALUES (@v, @n, @c, @a)", ct,
                ("@v", script.Version), ("@n", script.Name), ("@c", script.Checksum), ("@a", DateTime.UtcNow.ToString("O")));
            await tx.CommitAsync(ct);
        }
        return pending;
    }

    public async Task<IReadOnlyList<Applied>> AppliedAsync(CancellationToken ct = default)
    {
        if (!await HistoryTableExistsAsync(ct)) return [];
        var list = new List<Applied>();
        await using var cmd = await CommandAsync("SELECT \"Version\", \"Name\", \"Checksum\" FROM \"SchemaHistory\" ORDER BY \"Version\"", ct);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new(r.GetInt32(0), r.GetString(1), r.GetString(2)));
        return list;
    }

    private async Task<bool> HistoryTableExistsAsync(CancellationToken ct)
    {
        var sql = db.IsPostgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'SchemaHistory'"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'SchemaHistory'";
        await using var cmd = await CommandAsync(sql, ct);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private Task EnsureHistoryTableAsync(CancellationToken ct) => ExecuteAsync(
        "CREATE TABLE IF NOT EXISTS \"SchemaHistory\" (\"Version\" integer PRIMARY KEY, \"Name\" varchar(200) NOT NULL, \"Checksum\" varchar(64) NOT NULL, \"AppliedAt\" varchar(40) NOT NULL)", ct);

    private async Task ExecuteAsync(string sql, CancellationToken ct, params (string Name, object Value)[] args)
    {
        await using var cmd = await CommandAsync(sql, ct);
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<DbCommand> CommandAsync(string sql, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return cmd;
    }
}

public sealed class SchemaMismatchException(string message) : Exception(message);
