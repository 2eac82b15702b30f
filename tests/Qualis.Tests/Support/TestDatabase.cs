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

    public static TestDatabase Create(DatabaseProvider provider) => Create(provider, template: null);

    /// <summary>
    /// A fresh database holding what <paramref name="template"/> holds, and a folder with a copy of its files
    /// (attachments, imports): the SQLite file copied, or on PostgreSQL <c>CREATE DATABASE … TEMPLATE</c>. Nothing may
    /// be connected to the template while it is copied.
    /// </summary>
    public static TestDatabase CopyOf(TestDatabase template) => Create(template.Provider, template);

    private const string SqliteFile = "qualis.db";

    /// <summary>
    /// Where the fixtures' folders go: the machine's memory file system (/dev/shm) where there is one, else the temporary
    /// folder. Still a real SQLite file with its WAL, only without a disk's fsync on every commit, as the throwaway
    /// PostgreSQL runs with fsync off: on this project's 2-core machine the SQLite half of the suite spent more time
    /// waiting for the disk than the PostgreSQL half took in all.
    /// </summary>
    private static readonly string Root = Directory.Exists("/dev/shm") && IsWritable("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    private static bool IsWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "qualis-probe-" + Guid.NewGuid().ToString("N"))).Delete();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static TestDatabase Create(DatabaseProvider provider, TestDatabase? template)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, "qualis-test-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        if (template is not null) CopyFiles(template.Folder, folder);
        if (provider == DatabaseProvider.Sqlite)
            return new(provider, new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, SqliteFile), Pooling = true }.ToString(), folder, null);

        var server = ServerConnectionString;
        var name = "qualis_" + Guid.NewGuid().ToString("N")[..16];
        using (var conn = new NpgsqlConnection(server))
        {
            conn.Open();
            var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template._pgName}\"";
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var cmd = new NpgsqlCommand(sql, conn);
                    cmd.ExecuteNonQuery();
                    break;
                }
                // 55006: a connection to the template that its app closed is still ending on the server.
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
                {
                    Thread.Sleep(100);
                }
            }
        }
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new(provider, cs, folder, name);
    }

    /// <summary>The template's folder into a new one: its files, and its SQLite database once checkpointed into one file.</summary>
    private static void CopyFiles(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith(SqliteFile + "-", StringComparison.Ordinal) || relative.StartsWith(SqliteFile + ".", StringComparison.Ordinal)) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
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
        else SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
