using System.Diagnostics;

namespace Qualis.Tests.Support;

/// <summary>Runs the built application as its own process, the way an operator runs it: <c>dotnet Qualis.dll [command]</c>.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Qualis.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Qualis.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>src/Qualis/bin/{Configuration}/net10.0/Qualis.dll, built with the same configuration as the tests.</summary>
    public static string ApplicationDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dll = Path.Combine(RepositoryRoot, "src", "Qualis", "bin", configuration, "net10.0", "Qualis.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first.");
        }
    }

    /// <summary>The settings that point the application at a test database, as environment variables.</summary>
    public static Dictionary<string, string?> SettingsFor(TestDatabase db) => new()
    {
        ["Database__Provider"] = db.Provider.ToString(),
        ["Database__ConnectionString"] = db.ConnectionString,
        ["DataProtection__KeysFolder"] = Path.Combine(db.Folder, "keys"),
    };

    public static async Task<Result> RunAsync(IDictionary<string, string?> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(ApplicationDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet Qualis.dll {string.Join(' ', args)} did not finish in 2 minutes: {await output}{await error}");
        }
        return new Result(p.ExitCode, await output, await error);
    }

    public static Task<Result> RunAsync(TestDatabase db, params string[] args) => RunAsync(SettingsFor(db), args);
}
