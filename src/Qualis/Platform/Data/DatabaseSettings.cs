namespace Qualis.Platform.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The "Database" section of configuration.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup, bool SeedDemoData)
{
    /// <summary>Reads and checks the settings; a bad value stops start-up with the setting's name.</summary>
    public static DatabaseSettings From(IConfiguration config, string contentRoot)
    {
        var providerText = config["Database:Provider"] ?? "Sqlite";
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new SettingException("Database:Provider", providerText, "expected Sqlite or Postgres");
        var cs = config["Database:ConnectionString"];
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(cs))
            throw new SettingException("Database:ConnectionString", cs, "a PostgreSQL connection string is required when Database:Provider is Postgres");
        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(cs))
        {
            var dir = Path.Combine(contentRoot, "data");
            Directory.CreateDirectory(dir);
            cs = $"Data Source={Path.Combine(dir, "qualis.db")}";
        }
        try
        {
            if (provider == DatabaseProvider.Sqlite) _ = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs);
            else cs = WithAutoPrepare(cs!);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new SettingException("Database:ConnectionString", "(hidden)", e.Message);
        }
        return new(provider, cs!, Flag(config, "Database:MigrateOnStartup"), Flag(config, "Database:SeedDemoData"));
    }

    /// <summary>The statements each PostgreSQL connection keeps prepared unless the connection string says otherwise.</summary>
    public const int AutoPrepared = 100;

    /// <summary>What prepared statements are planned with (see <see cref="WithAutoPrepare"/>).</summary>
    public const string CustomPlans = "-c plan_cache_mode=force_custom_plan";

    /// <summary>
    /// Npgsql prepares a statement on the server once a connection has run it five times, when Max Auto Prepare allows:
    /// the server then no longer parses it. Unprepared, the partner lookup of one enterprise cost PostgreSQL 0.7 ms a
    /// call, prepared 0.44 ms (bench, a million enterprises, CPU time per request). Each execution is still planned for
    /// its own values (plan_cache_mode=force_custom_plan): with the generic plans PostgreSQL otherwise settles on after
    /// five runs, name searches such as 照明 read the whole table (560 ms instead of 80). A connection string that names
    /// Max Auto Prepare (0 turns it off) is kept as it is.
    /// <para>
    /// A pooled connection is also handed out again without Npgsql's reset (No Reset On Close): the reset, seven
    /// statements (RESET ALL, DISCARD TEMP, …) sent before the next use, ran at every open, that is for each query of
    /// a request; the platform leaves no session state behind (its one session-level advisory lock, at start-up, is
    /// released by name), and the plan mode is a start-up option, which a reset would keep anyway. A connection
    /// string that names No Reset On Close is kept on that point.
    /// </para>
    /// </summary>
    internal static string WithAutoPrepare(string cs)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = cs }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToList();
        bool Names(string key) => given.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase));
        if (Names("MaxAutoPrepare")) return cs;
        b.MaxAutoPrepare = AutoPrepared;
        b.Options = (b.Options is { Length: > 0 } options ? options + " " : "") + CustomPlans;
        if (!Names("NoResetOnClose")) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    internal static bool Flag(IConfiguration config, string key, bool fallback = false)
    {
        var v = config[key];
        if (string.IsNullOrWhiteSpace(v)) return fallback;
        return bool.TryParse(v, out var b) ? b : throw new SettingException(key, v, "expected true or false");
    }
}

/// <summary>A missing or invalid setting: start-up stops and names it.</summary>
public sealed class SettingException(string key, string? value, string reason)
    : Exception($"Invalid setting {key} = '{value}': {reason}.")
{
    public string Key { get; } = key;
}
