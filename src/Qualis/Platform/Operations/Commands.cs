using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;

namespace Qualis.Platform.Operations;

/// <summary>
/// Command-line verbs: <c>Qualis migrate | verify-audit [--seals FILE] | seal-audit | backup FILE | restore FILE | seed-demo | model-script</c>.
/// They run with the same configuration as the web application, and return a process exit code.
/// </summary>
public static class Commands
{
    public static readonly string[] Verbs = ["migrate", "verify-audit", "seal-audit", "backup", "restore", "seed-demo", "model-script"];

    /// <summary>A first argument that is not an option is a command verb (built in, or an <see cref="ICommand"/> of a feature).</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>How many leading arguments belong to the command; the rest are configuration (--Database:Provider=…).</summary>
    public static int ArgumentCount(string[] args) => args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal) || !a.Contains(':')).Count();

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<QualisDb>();
        var settings = sp.GetRequiredService<DatabaseSettings>();
        sp.GetRequiredService<Access.Actor>().Set(null, Environment.UserName, "cli", null, null);
        switch (args[0])
        {
            case "migrate":
                var applied = await sp.GetRequiredService<SchemaMigrator>().MigrateAsync();
                Console.WriteLine(applied.Count == 0 ? "Schema is up to date." : $"Applied: {string.Join(", ", applied.Select(s => s.Name))}");
                await DemoData.SeedReferenceDataAsync(sp);
                return 0;
            case "verify-audit":
                return await VerifyAuditAsync(sp, db, args[1..]);
            case "seal-audit":
                var sealing = await sp.GetRequiredService<AuditSealer>().SealAsync();
                switch (sealing.Outcome)
                {
                    case SealOutcome.Sealed or SealOutcome.AlreadySealed:
                        var seal = sealing.Seal!;
                        Console.WriteLine($"Audit chain {(sealing.Outcome == SealOutcome.Sealed ? "sealed" : "already sealed")} at entry {seal.Sequence} (hash {seal.HeadHash}, key id {seal.KeyId}).");
                        return 0;
                    case SealOutcome.Empty:
                        Console.WriteLine("The audit trail has no entries yet: nothing to seal.");
                        return 0;
                    case SealOutcome.Off:
                        Console.Error.WriteLine($"Sealing is off: configure {AuditSealSettings.PrivateKey} or {AuditSealSettings.PrivateKeyFile}.");
                        return 1;
                    default:
                        Console.Error.WriteLine($"The audit chain was not sealed: {sealing.Problem}.");
                        return 1;
                }
            case "backup" when args.Length == 2:
                await Backup.CreateAsync(settings, args[1]);
                Console.WriteLine($"Backup written to {args[1]}.");
                return 0;
            case "restore" when args.Length == 2:
                await Backup.RestoreAsync(settings, args[1]);
                Console.WriteLine($"Database restored from {args[1]}.");
                return 0;
            case "seed-demo":
                await sp.GetRequiredService<SchemaMigrator>().MigrateAsync();
                await DemoData.SeedAsync(sp);
                Console.WriteLine("Demo data is in place.");
                return 0;
            case "model-script":
                // Prints the schema the current EF model would create: the starting point for a new migration script.
                Console.WriteLine(db.Database.GenerateCreateScript());
                return 0;
            case "backup" or "restore":
                Console.Error.WriteLine($"Usage: Qualis {args[0]} FILE");
                return 2;
            default:
                if (sp.GetServices<ICommand>().FirstOrDefault(c => c.Verb == args[0]) is { } command)
                    return await command.RunAsync(sp, args[1..]);
                var verbs = Verbs.Concat(sp.GetServices<ICommand>().Select(c => c.Verb));
                Console.Error.WriteLine($"Unknown command '{args[0]}'. Commands: {string.Join(", ", verbs)}.");
                return 2;
        }
    }

    /// <summary>
    /// verify-audit [--seals FILE]: the chain, the stored seals against the configured key and the chain, a seal file from
    /// outside the same way, and the append-only guards. Names every problem; exit code 1 on any.
    /// </summary>
    private static async Task<int> VerifyAuditAsync(IServiceProvider sp, QualisDb db, string[] options)
    {
        SealFile? outside = null;
        if (options.Length > 0)
        {
            if (options is not ["--seals", var path])
            {
                Console.Error.WriteLine("Usage: Qualis verify-audit [--seals FILE]");
                return 2;
            }
            try
            {
                await using var file = File.OpenRead(path);
                outside = SealFile.Read(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                Console.Error.WriteLine($"The seal file {path} cannot be read: {e.Message}.");
                return 2;
            }
        }
        var keyring = sp.GetRequiredService<AuditSealKeyring>();
        var report = await AuditVerifier.VerifyAllAsync(db, keyring.Key, outside);
        foreach (var note in report.Notes) Console.WriteLine("Note: " + note + ".");
        if (report.Intact)
        {
            Console.WriteLine($"Audit trail intact: {report.Chain.Checked} entries checked, {report.StoredSeals} stored seal(s)"
                + (outside is null ? "" : $" and {report.OutsideSeals} seal(s) of the seal file") + " match the chain, the append-only guards are in place.");
            return 0;
        }
        foreach (var problem in report.Problems) Console.Error.WriteLine("FAILED " + problem + ".");
        Console.Error.WriteLine($"Audit trail check failed: {report.Problems.Count} problem(s).");
        return 1;
    }
}

/// <summary>A command-line verb that a feature brings (e.g. generate-enterprises).</summary>
public interface ICommand
{
    string Verb { get; }
    Task<int> RunAsync(IServiceProvider services, string[] args);
}

/// <summary>A feature that brings demo data implements this; all seeders run after the demo accounts exist.</summary>
public interface IDemoSeeder
{
    Task SeedAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>Reference data every installation needs (catalogues of national standards); loaded into an empty table at start.</summary>
public interface IReferenceData
{
    Task EnsureSeededAsync(QualisDb db, CancellationToken ct);
}

public static class DemoData
{
    public static async Task SeedReferenceDataAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<QualisDb>();
        await RegionCatalog.EnsureSeededAsync(db, ct);
        foreach (var reference in services.GetServices<IReferenceData>())
            await reference.EnsureSeededAsync(db, ct);
    }

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await SeedReferenceDataAsync(services, ct);
        await DemoAccounts.EnsureSeededAsync(services, ct);
        foreach (var seeder in services.GetServices<IDemoSeeder>())
            await seeder.SeedAsync(services, ct);
    }
}
