using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace Qualis.Platform.Data;

/// <summary>
/// Where the data-protection keys are kept ("DataProtection:Store"): in the database by default, on both providers,
/// so every instance on one database unprotects what another protected (a sign-in cookie, an antiforgery token, a
/// draw's sealed seed), and a backup of the database carries the keys its sealed seeds and account letters need. On
/// SQLite the database is one file on one machine, so there the reason is the backup, not the instances. "Folder"
/// keeps them in "DataProtection:KeysFolder" instead, for a deployment that keeps secrets out of the database.
/// </summary>
public sealed record KeyStore(bool InDatabase, string Folder)
{
    /// <summary>The application name every instance protects under: the same name, the same keys.</summary>
    public const string ApplicationName = "Qualis";

    public static KeyStore From(IConfiguration config, string contentRoot)
    {
        var folder = config["DataProtection:KeysFolder"] is { Length: > 0 } k ? k : Path.Combine(contentRoot, "data", "keys");
        var store = config["DataProtection:Store"] ?? "Database";
        return store.ToLowerInvariant() switch
        {
            "database" => new KeyStore(true, folder),
            "folder" => new KeyStore(false, folder),
            _ => throw new SettingException("DataProtection:Store", store, "expected Database or Folder"),
        };
    }

    /// <summary>
    /// At start-up, under the database's start-up lock: copies keys an earlier version kept in the keys folder into the
    /// database (once; cookies and sealed seeds made with them stay readable), then makes sure a key exists, so two
    /// instances started together on an empty database agree on one key rather than each making its own.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, ILogger log, CancellationToken ct = default)
    {
        var store = services.GetRequiredService<KeyStore>();
        var db = services.GetRequiredService<QualisDb>();
        await using var startupLock = await DatabaseLock.TakeAsync(db, ct);
        if (store.InDatabase && Directory.Exists(store.Folder))
        {
            var known = (await db.DataProtectionKeys.AsNoTracking().Select(k => k.FriendlyName).ToListAsync(ct)).ToHashSet();
            var copied = 0;
            foreach (var file in Directory.EnumerateFiles(store.Folder, "key-*.xml").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (known.Contains(name)) continue;
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = await File.ReadAllTextAsync(file, ct) });
                copied++;
            }
            if (copied > 0)
            {
                await db.SaveChangesAsync(ct);
                log.LogInformation("Copied {Count} data-protection key(s) from {Folder} into the database", copied, store.Folder);
            }
        }
        // The first protection loads the key ring and, on an empty store, creates and stores the first key.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Qualis.StartupCheck").Protect("ready"u8.ToArray());
    }
}
