using Microsoft.Extensions.DependencyInjection.Extensions;
using Qualis.Platform.Jobs;

namespace Qualis.Platform.Audit;

/// <summary>
/// Audit:Seal:PrivateKey (the PEM text) or Audit:Seal:PrivateKeyFile (a path to it): the sealing key, the same on every
/// instance, never in the database. Audit:Seal:IntervalMinutes (default 60) between scheduled seals.
/// Audit:Seal:GeneratedKeyFile: where a Development or demo run keeps the key it makes when none is configured
/// (default data/audit-seal-key.pem beside the application).
/// </summary>
public sealed record AuditSealSettings(TimeSpan Interval, AuditSealKey? ConfiguredKey, string? GeneratedKeyFile)
{
    public const string PrivateKey = "Audit:Seal:PrivateKey", PrivateKeyFile = "Audit:Seal:PrivateKeyFile";

    public static AuditSealSettings From(IConfiguration config)
    {
        var minutes = config.GetValue("Audit:Seal:IntervalMinutes", 60);
        if (minutes < 1) throw new SettingException("Audit:Seal:IntervalMinutes", minutes.ToString(CultureInfo.InvariantCulture), "must be at least 1");
        var text = config[PrivateKey];
        var file = config[PrivateKeyFile];
        if (!string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(file))
            throw new SettingException(PrivateKeyFile, file, $"set either {PrivateKey} or {PrivateKeyFile}, not both");
        AuditSealKey? key = null;
        if (!string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file)) throw new SettingException(PrivateKeyFile, file, "the file does not exist");
            key = Parse(PrivateKeyFile, file, File.ReadAllText(file));
        }
        else if (!string.IsNullOrWhiteSpace(text))
            key = Parse(PrivateKey, "(hidden)", text);
        return new(TimeSpan.FromMinutes(minutes), key, config["Audit:Seal:GeneratedKeyFile"] is { Length: > 0 } g ? g : null);
    }

    private static AuditSealKey Parse(string setting, string shown, string pem)
    {
        try
        {
            return AuditSealKey.FromPrivateKeyPem(pem);
        }
        catch (FormatException e)
        {
            throw new SettingException(setting, shown, e.Message);
        }
    }
}

/// <summary>
/// The key this instance seals with, decided once at start: the configured one; else, in Development and demo runs
/// (Database:SeedDemoData), a key made once and kept in the data folder (a file, never the database), with a warning;
/// else none — sealing is off, and verify-audit says so. A production start without a key is not refused: the chain,
/// its guards and an outside seal file still protect the trail, and an upgrade must not stop a running province; the
/// warning at every start and verify-audit's note tell the operator to configure one.
/// </summary>
public sealed class AuditSealKeyring
{
    public AuditSealKeyring(AuditSealSettings settings, IHostEnvironment environment, DatabaseSettings database, ILogger<AuditSealKeyring> log)
    {
        if (settings.ConfiguredKey is { } configured)
        {
            Key = configured;
            return;
        }
        if (!environment.IsDevelopment() && !database.SeedDemoData)
        {
            log.LogWarning("Audit sealing is off: configure {Setting} (see docs/deployment.md) so that the audit chain's head is signed", AuditSealSettings.PrivateKeyFile);
            return;
        }
        var path = settings.GeneratedKeyFile ?? Path.Combine(environment.ContentRootPath, "data", "audit-seal-key.pem");
        Key = LoadOrMake(path);
        Generated = true;
        log.LogWarning("Audit seals are signed with a key generated for this {Environment} run and kept in {File}; production must configure {Setting}",
            environment.EnvironmentName, path, AuditSealSettings.PrivateKeyFile);
    }

    /// <summary>A keyring holding <paramref name="key"/> (tools and tests that seal without the host).</summary>
    internal AuditSealKeyring(AuditSealKey? key) => Key = key;

    /// <summary>The sealing key, or null when sealing is off.</summary>
    public AuditSealKey? Key { get; }

    /// <summary>True when the key was made by this installation rather than configured.</summary>
    public bool Generated { get; }

    // Apps started together in one process (the tests' fixtures) make the file one at a time; other processes are met
    // by CreateNew below and by reading again while the first one is still writing.
    private static readonly Lock Making = new();

    private static AuditSealKey LoadOrMake(string path)
    {
        lock (Making) return LoadOrMakeOnce(path);
    }

    private static AuditSealKey ReadWritten(string path)
    {
        for (var i = 0; ; i++)
        {
            try { return AuditSealKey.FromPrivateKeyPem(File.ReadAllText(path)); }
            catch (Exception e) when (e is FormatException or IOException && i < 40) { Thread.Sleep(50); } // another process is still writing it
        }
    }

    private static AuditSealKey LoadOrMakeOnce(string path)
    {
        if (File.Exists(path)) return ReadWritten(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = AuditSealKey.Generate();
        try
        {
            // CreateNew: two processes starting together keep one key, the first one written.
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream))
                writer.Write(key.ExportPrivateKeyPem());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            key.Dispose();
            return ReadWritten(path);
        }
    }
}

/// <summary>What a request to seal came to.</summary>
public enum SealOutcome
{
    /// <summary>A new seal of the current head.</summary>
    Sealed,
    /// <summary>The head is sealed already (by a double click, another instance, or an earlier pass): <see cref="SealResult.Seal"/> is that seal.</summary>
    AlreadySealed,
    /// <summary>No entries yet.</summary>
    Empty,
    /// <summary>No key: sealing is off.</summary>
    Off,
    /// <summary>The chain since the last seal does not check: a seal would vouch for a rewrite.</summary>
    Refused,
}

public sealed record SealResult(SealOutcome Outcome, AuditSeal? Seal, string? Problem = null);

/// <summary>
/// Seals the chain's head (审计封签): checks the stretch since the last seal (from the start for the first), signs the
/// head and stores the seal. A unique index on the sequence makes a double click or two instances make one seal; the
/// one that loses gets the winner's.
/// </summary>
public sealed class AuditSealer(QualisDb db, AuditSealKeyring keyring, TimeProvider clock, ILogger<AuditSealer> log)
{
    public async Task<SealResult> SealAsync(CancellationToken ct = default)
    {
        if (keyring.Key is not { CanSign: true } key) return new(SealOutcome.Off, null);
        var head = await db.Set<AuditHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        if (head is null || head.Sequence == 0) return new(SealOutcome.Empty, null);
        var last = await db.Set<AuditSeal>().AsNoTracking().OrderByDescending(s => s.Sequence).FirstOrDefaultAsync(ct);
        if (last is not null && last.Sequence == head.Sequence && last.HeadHash == head.Hash) return new(SealOutcome.AlreadySealed, last);
        var check = last is null ? await AuditVerifier.VerifyAsync(db, ct) : await AuditVerifier.VerifyAfterAsync(db, last.Sequence, last.HeadHash, ct);
        if (!check.Intact)
        {
            log.LogError("The audit chain was not sealed: {Problem}", check.Problem);
            return new(SealOutcome.Refused, null, check.Problem);
        }
        // The check read the head again and walked up to it, which may be later than ours: seal what it checked.
        var seal = new AuditSeal
        {
            Id = Guid.NewGuid(), Sequence = check.HeadSequence, HeadHash = check.HeadHash, SealedAt = AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime), KeyId = key.KeyId,
        };
        seal.Signature = key.Sign(seal.Statement);
        db.Set<AuditSeal>().Add(seal);
        return await db.OrFirstResultAsync(
            async () =>
            {
                await db.SaveChangesAsync(ct);
                db.Entry(seal).State = EntityState.Detached;
                return new SealResult(SealOutcome.Sealed, seal);
            },
            async () => new SealResult(SealOutcome.AlreadySealed, await db.Set<AuditSeal>().AsNoTracking().SingleAsync(s => s.Sequence == seal.Sequence, ct)));
    }
}

/// <summary>
/// Seals the head every Audit:Seal:IntervalMinutes on whichever instance takes the job's lease (<see cref="JobLeases"/>),
/// so N instances make one seal per interval; a pass with no entry since the last seal makes none. The first pass comes
/// one interval after start, not at start: restarts do not add seals, and a short-lived process (a test, a command) none.
/// </summary>
public sealed class AuditSealWorker(IServiceScopeFactory scopes, AuditSealSettings settings, AuditSealKeyring keyring, TimeProvider clock, ILogger<AuditSealWorker> log) : BackgroundService
{
    public const string LeaseName = "audit-seal";

    /// <summary>One scheduled pass: the seal made, or null when another instance holds the lease or nothing was sealed.</summary>
    public async Task<SealResult?> RunScheduledAsync(string holder, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
        if (!await JobLeases.TryTakeAsync(db, LeaseName, holder, settings.Interval - TimeSpan.FromSeconds(1), clock.GetUtcNow().UtcDateTime, ct))
            return null;
        return await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (keyring.Key is null) return;
        try
        {
            using var timer = new PeriodicTimer(settings.Interval, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await RunScheduledAsync(JobLeases.ThisInstance, stoppingToken) is { Outcome: SealOutcome.Sealed, Seal: { } seal })
                        log.LogInformation("Audit chain sealed at entry {Sequence}", seal.Sequence);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "The audit seal pass failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class AuditSealSetup
{
    /// <summary>The sealing key, the sealer and its scheduled job. Reads and checks the key's settings now, so a bad key stops start-up naming the setting.</summary>
    public static void AddAuditSeals(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(AuditSealSettings.From(config));
        services.AddSingleton<AuditSealKeyring>();
        services.AddScoped<AuditSealer>();
        services.AddSingleton<AuditSealWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditSealWorker>());
    }
}
