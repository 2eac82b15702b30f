using Microsoft.Data.Sqlite;
using Npgsql;

namespace Qualis.Tests.Support;

/// <summary>
/// A fresh, empty database for one test fixture: a SQLite file in a temporary folder, or a new database on the
/// throwaway PostgreSQL server that ./test.sh starts (its connection string arrives in QUALIS_TEST_PG).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string Folder { get; }
    private readonly string? _pgName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string folder, string? pgName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
        _pgName = pgName;
    }

    public static TestDatabase Create(DatabaseProvider provider)
    {
        var folder = Directory.CreateTempSubdirectory("qualis-test-").FullName;
        if (provider == DatabaseProvider.Sqlite)
            return new(provider, new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "qualis.db"), Pooling = false }.ToString(), folder, null);

        var server = ServerConnectionString;
        var name = "qualis_" + Guid.NewGuid().ToString("N")[..16];
        using (var conn = new NpgsqlConnection(server))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            cmd.ExecuteNonQuery();
        }
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new(provider, cs, folder, name);
    }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("QUALIS_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("QUALIS_TEST_PG is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL server.");

    public void Dispose()
    {
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(ServerConnectionString);
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
