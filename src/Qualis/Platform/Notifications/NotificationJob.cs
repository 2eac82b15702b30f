using Microsoft.Extensions.DependencyInjection.Extensions;
using Qualis.Platform.Accounts;
using Qualis.Platform.Desk;
using Qualis.Platform.Jobs;

namespace Qualis.Platform.Notifications;

/// <summary>
/// Notifications:Enabled (default true), Notifications:IntervalSeconds between passes (default 300), and the lead time
/// of the deadline reminder per kind of to-do, Notifications:LeadWorkingDays:&lt;kind&gt; (default 3 working days;
/// Notifications:LeadWorkingDays:Default changes the default).
/// </summary>
public sealed record NotificationSettings(bool Enabled, TimeSpan Interval, int DefaultLeadWorkingDays, IReadOnlyDictionary<string, int> LeadWorkingDays)
{
    public const int DefaultLead = 3;

    public int LeadFor(string kind) => LeadWorkingDays.TryGetValue(kind, out var days) ? days : DefaultLeadWorkingDays;

    public static NotificationSettings From(IConfiguration config)
    {
        var seconds = config.GetValue("Notifications:IntervalSeconds", 300);
        if (seconds < 5) throw new SettingException("Notifications:IntervalSeconds", seconds.ToString(CultureInfo.InvariantCulture), "must be at least 5");
        var section = config.GetSection("Notifications:LeadWorkingDays");
        var leads = new Dictionary<string, int>(StringComparer.Ordinal);
        var fallback = DefaultLead;
        foreach (var child in section.GetChildren())
        {
            if (!int.TryParse(child.Value, CultureInfo.InvariantCulture, out var days) || days < 0)
                throw new SettingException(child.Path, child.Value, "must be a number of working days, 0 or more");
            if (child.Key == "Default") fallback = days;
            else leads[child.Key] = days;
        }
        return new(config.GetValue("Notifications:Enabled", true), TimeSpan.FromSeconds(seconds), fallback, leads);
    }
}

/// <summary>
/// One pass of the notification job (站内信): for every account, the to-dos its desk shows now (<see cref="IDeskSource"/>,
/// the same sources as the home page) become a notification when they are new to it, and another when their deadline
/// comes within the kind's lead time (only the latter for an item that is already that near when it first appears). Each occasion has a dedupe key and the table a unique index on account and key,
/// so a pass repeated, or run at the same time on another instance, adds nothing twice.
/// </summary>
public sealed class NotificationPass(IServiceScopeFactory scopes, NotificationSettings settings, TimeProvider clock, ILogger<NotificationPass> log)
{
    public const string LeaseName = "notifications";

    /// <summary>
    /// The scheduled pass: runs only if this instance takes the job's lease, held for one interval, so across several
    /// instances on one database the job runs once per interval. Returns the notifications added, or null when another
    /// instance holds the lease.
    /// </summary>
    public async Task<int?> RunScheduledAsync(string holder, CancellationToken ct = default)
    {
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
            if (!await JobLeases.TryTakeAsync(db, LeaseName, holder, settings.Interval - TimeSpan.FromSeconds(1), clock.GetUtcNow().UtcDateTime, ct))
                return null;
        }
        return await RunAsync(ct);
    }

    /// <summary>One pass over every account, without the lease (tests, and the scheduled pass once it holds it).</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        List<QualisUser> users;
        using (var scope = scopes.CreateScope())
            users = await scope.ServiceProvider.GetRequiredService<QualisDb>().Users.OutsideArea(AreaReason.SystemJob).AsNoTracking()
                .OrderBy(u => u.Id).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var user in users.Where(u => u.LockoutEnd is null || u.LockoutEnd < DateTimeOffset.UtcNow))
        {
            try
            {
                added += await NotifyAsync(user, now, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Notifications for {User} could not be made", user.UserName);
            }
        }
        return added;
    }

    private async Task<int> NotifyAsync(QualisUser user, DateTime now, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<QualisDb>();
        // The account's own area, as if it had signed in: its desk is what it may see.
        db.Actor.Set(user.Id, user.UserName, "system", null, string.IsNullOrEmpty(user.RegionPath) ? "/none/" : user.RegionPath, user.EnterpriseCode);
        var desk = services.GetRequiredService<WorkDesk>();
        var items = await desk.ToDosAsync(DeskContext.Of(user, desk.Today), ct);

        var wanted = new List<Notification>();
        foreach (var item in items)
        {
            var t = item.ToDo;
            // One message per item and occasion: a to-do already within its lead time is announced by the reminder alone.
            if (t.Due is { } due && item.WorkingDaysLeft is { } left && left <= settings.LeadFor(t.Kind))
                wanted.Add(New(user.Id, NotificationEvent.DueSoon, t, $"due:{t.Kind}:{t.ItemKey}:{due:yyyyMMdd}", now));
            else
                wanted.Add(New(user.Id, NotificationEvent.Assigned, t, $"todo:{t.Kind}:{t.ItemKey}", now));
        }
        if (wanted.Count == 0) return 0;

        var keys = wanted.Select(n => n.DedupeKey).ToList();
        var existing = (await db.Set<Notification>().AsNoTracking().Where(n => n.UserId == user.Id && keys.Contains(n.DedupeKey))
            .Select(n => n.DedupeKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var fresh = wanted.Where(n => !existing.Contains(n.DedupeKey)).DistinctBy(n => n.DedupeKey).ToList();
        if (fresh.Count == 0) return 0;
        db.Set<Notification>().AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
            return fresh.Count;
        }
        catch (DbUpdateException)
        {
            // Another pass added some of them meanwhile: the unique index refused the batch; add the rest one by one.
            db.ChangeTracker.Clear();
            var count = 0;
            foreach (var n in fresh)
            {
                db.Set<Notification>().Add(n);
                try { await db.SaveChangesAsync(ct); count++; }
                catch (DbUpdateException) { }
                db.ChangeTracker.Clear();
            }
            return count;
        }
    }

    private static Notification New(string userId, NotificationEvent e, ToDo t, string key, DateTime now) => new()
    {
        UserId = userId, Event = e, Kind = t.Kind, Title = Clip(t.Title, 300), Link = Clip(t.Link, 300), Due = t.Due, DedupeKey = Clip(key, 200), CreatedAt = now,
    };

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>Runs <see cref="NotificationPass"/> every Notifications:IntervalSeconds on whichever instance takes the lease.</summary>
public sealed class NotificationWorker(NotificationPass pass, NotificationSettings settings, ILogger<NotificationWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled) return;
        // Start-up (migration, seeding) first; a minute at most, then every interval.
        var first = settings.Interval < TimeSpan.FromMinutes(1) ? settings.Interval : TimeSpan.FromMinutes(1);
        try
        {
            await Task.Delay(first, stoppingToken);
            using var timer = new PeriodicTimer(settings.Interval);
            do
            {
                try
                {
                    var added = await pass.RunScheduledAsync(JobLeases.ThisInstance, stoppingToken);
                    if (added > 0) log.LogInformation("Notifications: {Count} added", added);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "The notification pass failed");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>The desk, its sources' common services, and the notification job.</summary>
public static class DeskSetup
{
    public static void AddQualisDesk(this IServiceCollection services, IConfiguration config)
    {
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Calendar.WorkingCalendar.FromConfiguration(config));
        services.AddSingleton(DeskSettings.From(config));
        services.AddScoped<WorkDesk>();
        services.AddSingleton(NotificationSettings.From(config));
        services.AddSingleton<NotificationPass>();
        services.AddHostedService<NotificationWorker>();
    }
}
