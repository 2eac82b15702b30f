using Microsoft.AspNetCore.DataProtection;
using Qualis.Platform.Attachments;

namespace Qualis.Platform.Data;

public static class DataSetup
{
    public static DatabaseSettings AddQualisData(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var settings = DatabaseSettings.From(config, contentRoot);
        services.AddSingleton(settings);
        services.AddScoped<Actor>();
        services.AddDbContext<QualisDb>(o => Configure(o, settings));
        services.AddScoped<SchemaMigrator>();
        // Files are stored data too, kept beside the database: any module may attach evidence to its records.
        services.AddAttachments(config, contentRoot);
        // The keys that protect sign-in cookies, antiforgery tokens and sealed draw seeds (KeyStore).
        var keys = KeyStore.From(config, contentRoot);
        services.AddSingleton(keys);
        var protection = services.AddDataProtection().SetApplicationName(KeyStore.ApplicationName);
        if (keys.InDatabase) protection.PersistKeysToDbContext<QualisDb>();
        else protection.PersistKeysToFileSystem(new DirectoryInfo(keys.Folder));
        return settings;
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Postgres)
            o.UseNpgsql(settings.ConnectionString);
        else
            o.UseSqlite(settings.ConnectionString);
        o.UseQueryTrackingBehavior(QueryTrackingBehavior.TrackAll);
    }

    /// <summary>
    /// Start-up check: migrate when configured, otherwise refuse a database that is behind, ahead or altered.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, ILogger log)
    {
        using var scope = services.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
        if (settings.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();
        if (settings.MigrateOnStartup)
        {
            foreach (var s in await migrator.MigrateAsync())
                log.LogInformation("Applied schema script {Script}", s.Name);
        }
        else
        {
            var pending = await migrator.PendingAsync();
            if (pending.Count > 0)
                throw new SchemaMismatchException(
                    $"The database is missing schema script(s) {string.Join(", ", pending.Select(p => p.Name))}. Run `Qualis migrate` or set Database:MigrateOnStartup=true.");
        }
        await KeyStore.PrepareAsync(scope.ServiceProvider, log);
    }
}
