using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Qualis.Platform.Operations;

/// <summary>
/// Backup and restore. SQLite: the online backup API, safe while the platform runs. PostgreSQL: pg_dump in its
/// custom format and pg_restore; both need the PostgreSQL client tools on PATH. Restore replaces the database:
/// stop the platform first.
/// </summary>
public static class Backup
{
    public static async Task CreateAsync(DatabaseSettings settings, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            if (File.Exists(file)) File.Delete(file);
            await using var source = new SqliteConnection(settings.ConnectionString);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
        }
        else
        {
            await RunAsync("pg_dump", settings, ["--format=custom", "--no-owner", $"--file={file}"]);
        }
    }

    public static async Task RestoreAsync(DatabaseSettings settings, string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"Backup file {file} does not exist.", file);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await using var target = new SqliteConnection(settings.ConnectionString);
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
            SqliteConnection.ClearAllPools();
        }
        else
        {
            await RunAsync("pg_restore", settings, ["--clean", "--if-exists", "--no-owner", "--single-transaction", file]);
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static async Task RunAsync(string tool, DatabaseSettings settings, string[] args)
    {
        var cs = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add($"--dbname={cs.Database}");
        psi.Environment["PGHOST"] = cs.Host ?? "localhost";
        psi.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (cs.Username is not null) psi.Environment["PGUSER"] = cs.Username;
        if (cs.Password is not null) psi.Environment["PGPASSWORD"] = cs.Password;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} failed with exit code {p.ExitCode}: {(await err).Trim()}");
    }
}
