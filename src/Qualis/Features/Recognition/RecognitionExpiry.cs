using Qualis.Platform.Jobs;
using Qualis.Platform.Time;

namespace Qualis.Features.Recognition;

/// <summary>
/// Marks granted recognitions whose validity has run out as expired (已到期, <see cref="RecognitionRules.ExpireIfDue"/>), for
/// every area, each change in the audit trail as the system's. The desk shows them 90 and 30 days before
/// (<see cref="RecognitionDesk"/>); the in-force figures stop counting them on the day after their last valid day whether or
/// not this has run yet, so the status follows the figures, never the other way round.
/// </summary>
public static class RecognitionExpiry
{
    public const string Lease = "recognition-expiry";

    /// <summary>Expires what is due on <paramref name="today"/>; the number expired.</summary>
    public static async Task<int> RunAsync(QualisDb db, DateOnly today, CancellationToken ct)
    {
        var due = await db.Set<Recognition>().OutsideArea(AreaReason.SystemJob)
            .Where(r => r.Status == RecognitionStatus.Granted && r.ValidTo != null && r.ValidTo < today).Take(5000).ToListAsync(ct);
        var count = due.Count(r => RecognitionRules.ExpireIfDue(r, today));
        if (count > 0)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // An official moved one of them meanwhile (revoked it): the next run sees it as it now stands.
                db.ChangeTracker.Clear();
                return 0;
            }
        }
        return count;
    }
}

/// <summary>Runs <see cref="RecognitionExpiry"/> every Recognition:ExpiryIntervalMinutes (default 60) on whichever instance holds its lease.</summary>
public sealed class RecognitionExpiryWorker(IServiceScopeFactory scopes, IConfiguration config, ILogger<RecognitionExpiryWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = config.GetValue<int?>("Recognition:ExpiryIntervalMinutes") ?? 60;
        if (minutes <= 0) return;
        try
        {
            // After start-up (migration, seeding), then every interval.
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
            do
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
                    var clock = scope.ServiceProvider.GetRequiredService<PeopleClock>();
                    if (!await JobLeases.TryTakeAsync(db, RecognitionExpiry.Lease, JobLeases.ThisInstance, TimeSpan.FromMinutes(10), clock.UtcNow, stoppingToken)) continue;
                    var expired = await RecognitionExpiry.RunAsync(db, clock.Today, stoppingToken);
                    if (expired > 0) log.LogInformation("Recognitions: {Count} expired", expired);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "The recognitions' expiry pass failed");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
