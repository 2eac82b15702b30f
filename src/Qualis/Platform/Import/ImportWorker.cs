using System.Threading.Channels;

namespace Qualis.Platform.Import;

/// <summary>
/// Runs import jobs one at a time in the background, so an official can leave the page and come back. A job starts at
/// once on the instance that took the upload or the commit (<see cref="Enqueue"/>); every few seconds each instance
/// also asks the database for jobs waiting or cut off (an instance stopped while running one: its commit rolled back)
/// and offers them to the runner, whose lease lets exactly one instance run each.
/// </summary>
public sealed class ImportWorker(ImportRunner runner, IServiceScopeFactory scopes, ILogger<ImportWorker> log) : BackgroundService
{
    /// <summary>How often the database is asked for jobs that no instance is running.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();

    public void Enqueue(Guid jobId) => _queue.Writer.TryWrite(jobId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var id in await UnfinishedAsync(stoppingToken)) Enqueue(id);
                while (_queue.Reader.TryRead(out var id)) await RunAsync(id, stoppingToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(PollInterval);
                try
                {
                    await _queue.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // time to look at the database again
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<List<Guid>> UnfinishedAsync(CancellationToken ct)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
            return await db.Set<ImportJob>().OutsideArea(AreaReason.SystemJob)
                .Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Validating || j.Status == ImportStatus.Committing)
                .OrderBy(j => j.CreatedAt).Select(j => j.Id).ToListAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not look for waiting import jobs");
            return [];
        }
    }

    private async Task RunAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await runner.RunAsync(id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Import job {Job} could not run", id);
        }
    }
}

public static class ImportSetup
{
    public static void AddQualisImport(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.AddSingleton(ImportSettings.From(config, contentRoot));
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<ImportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportWorker>());
    }
}
