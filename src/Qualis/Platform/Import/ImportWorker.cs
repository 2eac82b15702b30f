using System.Threading.Channels;

namespace Qualis.Platform.Import;

/// <summary>
/// Runs import jobs one at a time in the background, so an official can leave the page and come back. Jobs that
/// were running when the process stopped are picked up again at start (a commit that was cut off rolled back).
/// </summary>
public sealed class ImportWorker(ImportRunner runner, IServiceScopeFactory scopes, ILogger<ImportWorker> log) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();

    public void Enqueue(Guid jobId) => _queue.Writer.TryWrite(jobId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
            var interrupted = await db.Set<ImportJob>().OutsideArea(AreaReason.SystemJob)
                .Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Validating || j.Status == ImportStatus.Committing)
                .OrderBy(j => j.CreatedAt).Select(j => j.Id).ToListAsync(stoppingToken);
            foreach (var id in interrupted) Enqueue(id);
        }
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await runner.RunAsync(id, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Import job {Job} could not run", id);
            }
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
