using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Qualis.Platform.Data;

/// <summary>
/// Applies the SQL scripts under Migrations/{Sqlite,Postgres}/ in a defined order, each in its own transaction, and
/// records each script with its checksum in SchemaHistory. Refuses a database that has scripts this build does not
/// know (newer schema) or whose recorded checksums differ from the scripts (edited history).
/// <para>
/// Naming, so that two modules written in parallel branches never take the same name:
/// <c>Migrations/{Sqlite,Postgres}/yyyyMMddTHHmm_module_what.sql</c>, e.g. <c>20261206T0310_supervision_action_plans.sql</c>:
/// the UTC minute the script was written (<c>date -u +%Y%m%dT%H%M</c>), the module whose tables it changes (one
/// lower-case word: platform, registry, supervision …), then what it does (lower case, digits, underscores); the
/// same name in both folders. Two modules never share a name, whatever the minute; one module's scripts differ by
/// the minute or by what they do.
/// </para>
/// <para>
/// Order: by name, ordinal, which is by time, then module, then what. A fresh database gets every script in that
/// order. A script merged from a branch after a later-stamped one was applied (two modules built side by side) is
/// applied when it arrives, after that one: each module's scripts change only its own tables, so modules' scripts
/// do not depend on each other's order, and a script that needs another is written after it, so it is stamped later.
/// The Version column of SchemaHistory, from the days of numbered scripts, holds the order this database applied
/// them in.
/// </para>
/// <para>
/// The first four scripts were numbered (0001_foundation … 0004_region_index) and are recorded under those names in
/// databases migrated then; their files were renamed with their contents unchanged, and <see cref="LegacyNames"/>
/// reads the old names as the new ones, so such a database is up to date.
/// </para>
/// </summary>
/// <param name="scripts">Scripts to apply instead of the application's own (for tests of the runner itself).</param>
public sealed partial class SchemaMigrator(QualisDb db, IReadOnlyList<SchemaMigrator.Script>? scripts = null)
{
    public sealed record Script(string Name, string Sql, string Checksum)
    {
        /// <summary>A script under its file name without the extension; refuses a name outside the scheme, on which the order depends.</summary>
        public static Script Of(string name, string sql)
        {
            if (!NamePattern().IsMatch(name) || !DateTime.TryParseExact(name[..13], "yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                throw new InvalidOperationException($"Schema script {name} is not named yyyyMMddTHHmm_module_what (see SchemaMigrator).");
            return new Script(name, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql))));
        }
    }

    /// <summary>A script recorded in SchemaHistory, <paramref name="Order"/> being the order this database applied it in.</summary>
    public sealed record Applied(int Order, string Name, string Checksum);

    [GeneratedRegex(@"^[0-9]{8}T[0-9]{4}_[a-z]+_[a-z0-9_]+$")]
    private static partial Regex NamePattern();

    /// <summary>The names the first four scripts were recorded under when scripts were numbered.</summary>
    private static readonly Dictionary<string, string> LegacyNames = new()
    {
        ["0001_foundation"] = "20261121T1448_platform_foundation",
        ["0002_registry"] = "20261123T1605_registry_foundation",
        ["0003_supervision"] = "20261123T1812_supervision_foundation",
        ["0004_region_index"] = "20261123T1954_registry_region_index",
    };

    /// <summary>The scripts built into the application for <paramref name="provider"/>, in the order they apply.</summary>
    public static IReadOnlyList<Script> Scripts(DatabaseProvider provider)
    {
        var prefix = $"Migrations/{provider}/";
        var asm = Assembly.GetExecutingAssembly();
        return InOrder(asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(asm.GetManifestResourceStream(n)!, Encoding.UTF8);
                return Script.Of(Path.GetFileNameWithoutExtension(n[prefix.Length..]), reader.ReadToEnd().Replace("\r\n", "\n"));
            }));
    }

    private static List<Script> InOrder(IEnumerable<Script> scripts) => scripts.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    private readonly IReadOnlyList<Script>? _scripts = scripts is null ? null : InOrder(scripts);

    private DatabaseProvider Provider => db.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>The scripts this migrator applies: the application's for the database's provider, unless given.</summary>
    private IReadOnlyList<Script> Known => _scripts ?? Scripts(Provider);

    /// <summary>Scripts not yet applied, in order; throws <see cref="SchemaMismatchException"/> when the database cannot be used by this build.</summary>
    public async Task<IReadOnlyList<Script>> PendingAsync(CancellationToken ct = default) => Pending(await AppliedAsync(ct));

    private List<Script> Pending(IReadOnlyList<Applied> applied)
    {
        var known = Known;
        foreach (var a in applied)
        {
            var script = known.FirstOrDefault(s => s.Name == a.Name);
            if (script is null)
                throw new SchemaMismatchException($"The database has script {a.Name} applied, which this version of Qualis does not know: the schema is newer than the application.");
            if (script.Checksum != a.Checksum)
                throw new SchemaMismatchException($"Script {a.Name} was applied with checksum {Short(a.Checksum)} but the application's copy has {Short(script.Checksum)}: the script was changed after it was applied.");
        }
        return known.Where(s => applied.All(a => a.Name != s.Name)).ToList();
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] + "…" : checksum;

    /// <summary>
    /// Applies the pending scripts under the database's start-up lock (<see cref="DatabaseLock"/>), so instances
    /// started together on one database take turns: the first applies, the others find nothing pending. Without it
    /// two instances on an empty PostgreSQL database both created the history table and one failed (duplicate pg_type).
    /// </summary>
    public async Task<IReadOnlyList<Script>> MigrateAsync(CancellationToken ct = default)
    {
        await using var startupLock = await DatabaseLock.TakeAsync(db, ct);
        return await MigrateLockedAsync(ct);
    }

    private async Task<IReadOnlyList<Script>> MigrateLockedAsync(CancellationToken ct)
    {
        await EnsureHistoryTableAsync(ct);
        var applied = await AppliedAsync(ct);
        var pending = Pending(applied);
        var order = applied.Select(a => a.Order).DefaultIfEmpty(0).Max();
        foreach (var script in pending)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ExecuteAsync(script.Sql, ct);
            await ExecuteAsync(
                "INSERT INTO \"SchemaHistory\" (\"Version\", \"Name\", \"Checksum\", \"AppliedAt\") VALUES (@v, @n, @c, @a)", ct,
                ("@v", ++order), ("@n", script.Name), ("@c", script.Checksum), ("@a", DateTime.UtcNow.ToString("O")));
            await tx.CommitAsync(ct);
        }
        // Derived columns a script added empty (pinyin sort strings) are filled here, in batches, resuming where a
        // stopped run left off; a no-op once filled; under the same lock, so two instances never fill one row at
        // once. Not for a runner given its own scripts (its tests).
        if (_scripts is null) await PinyinSortColumns.BackfillAsync(db, ct: ct);
        return pending;
    }

    /// <summary>The scripts recorded in SchemaHistory in the order they were applied, under their current names.</summary>
    public async Task<IReadOnlyList<Applied>> AppliedAsync(CancellationToken ct = default)
    {
        if (!await HistoryTableExistsAsync(ct)) return [];
        var list = new List<Applied>();
        await using var cmd = await CommandAsync("SELECT \"Version\", \"Name\", \"Checksum\" FROM \"SchemaHistory\" ORDER BY \"Version\"", ct);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new(r.GetInt32(0), LegacyNames.GetValueOrDefault(r.GetString(1), r.GetString(1)), r.GetString(2)));
        return list;
    }

    private async Task<bool> HistoryTableExistsAsync(CancellationToken ct)
    {
        var sql = db.IsPostgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'SchemaHistory'"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'SchemaHistory'";
        await using var cmd = await CommandAsync(sql, ct);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
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
        // A script runs as long as it needs: giving a million enterprises their name's start token took over the
        // provider's default 30 s, and a script cut short would stop every instance from starting.
        cmd.CommandTimeout = 0;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return cmd;
    }
}

public sealed class SchemaMismatchException(string message) : Exception(message);
