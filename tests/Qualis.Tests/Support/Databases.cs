using Qualis.Platform.Access;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Support;

/// <summary>
/// A real database without the web application around it, for tests of the data mechanisms themselves
/// (schema scripts, audit chain, region scope). Disposing it drops the database.
/// </summary>
public sealed class ScratchDb : IDisposable
{
    public TestDatabase Database { get; }
    public DatabaseSettings Settings { get; }

    private ScratchDb(TestDatabase database)
    {
        Database = database;
        Settings = new DatabaseSettings(database.Provider, database.ConnectionString, MigrateOnStartup: true, SeedDemoData: false);
    }

    /// <summary>An empty database; <paramref name="migrate"/> applies every schema script and loads the regions.</summary>
    public static async Task<ScratchDb> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        var db = new ScratchDb(TestDatabase.Create(provider));
        if (migrate)
        {
            await using var context = db.Open();
            await new SchemaMigrator(context).MigrateAsync();
            await RegionCatalog.EnsureSeededAsync(context);
        }
        return db;
    }

    /// <summary>A context acting as the given region (null: unrestricted, like a command-line tool).</summary>
    public QualisDb Open(string? regionPath = null, string userName = "test")
    {
        var options = new DbContextOptionsBuilder<QualisDb>();
        DataSetup.Configure(options, Settings);
        var actor = new Actor();
        actor.Set("test-user", userName, "test", "127.0.0.1", regionPath);
        return new QualisDb(options.Options, actor);
    }

    public void Dispose() => Database.Dispose();
}

/// <summary>Both providers, for [Theory] tests that run the same body on SQLite and on PostgreSQL.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> Both => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
}
