using Microsoft.Data.Sqlite;

namespace Qualis.Tests.Platform.Data;

/// <summary>
/// SQLite's page cache, enlarged for a bulk write (an import's commit, a draw's checks), is put back on the connection that had it before that
/// connection returns to the pool: the next user of the connection gets the setting it would have had.
/// </summary>
public sealed class BulkPageCacheTests(BulkPageCacheTests.PooledSqliteApp app) : IClassFixture<BulkPageCacheTests.PooledSqliteApp>
{
    /// <summary>The application on SQLite with pooled connections, as in production, on a database of its own.</summary>
    public sealed class PooledSqliteApp : QualisApp
    {
        public string PooledConnectionString { get; }
        private readonly string _folder;

        public PooledSqliteApp() : this(Directory.CreateTempSubdirectory("qualis-pooled-").FullName) { }

        private PooledSqliteApp(string folder) : base(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Database:ConnectionString"] = Pooled(folder) })
        {
            _folder = folder;
            PooledConnectionString = Pooled(folder);
        }

        private static string Pooled(string folder) =>
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "qualis.db"), Pooling = true }.ToString();

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (!disposing) return;
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The cache_size of every connection the pool holds: more connections are opened at once than the application
    /// ever holds, so each idle pooled one is among them.
    /// </summary>
    private List<long> PooledCacheSizes()
    {
        var connections = Enumerable.Range(0, 40).Select(_ => new SqliteConnection(app.PooledConnectionString)).ToList();
        try
        {
            return connections.Select(c =>
            {
                c.Open();
                using var command = c.CreateCommand();
                command.CommandText = "PRAGMA cache_size";
                return (long)command.ExecuteScalar()!;
            }).ToList();
        }
        finally
        {
            foreach (var c in connections) c.Dispose();
        }
    }

    [Fact]
    public async Task After_an_import_commit_every_pooled_connection_has_the_page_cache_it_had_before()
    {
        var official = await app.SignedInAs("province");
        var before = PooledCacheSizes().Distinct().ShouldHaveSingleItem();

        var done = await official.ImportCleanAsync("parks", "园区.csv",
            Imports.Utf8("园区名称,级别,类型,行政区划代码\n长丰双凤经济开发区,省级,经济开发区,340100\n繁昌经济开发区,省级,经济开发区,340200\n"));

        done.Status.ShouldBe("Committed");
        PooledCacheSizes().ShouldAllBe(size => size == before);
    }
}
