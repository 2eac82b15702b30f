using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Qualis.Platform.Accounts;
using Qualis.Platform.Jobs;
using Qualis.Platform.Web;

namespace Qualis.Platform.Export;

/// <summary>
/// Starts, claims and runs background exports (<see cref="ExportJob"/>). A job is claimed by one conditional UPDATE of its
/// row (queued, or running under a lease that ran out), renewed with each progress report and checked once more in the
/// transaction that stores the file, so two instances never both finish one job, and a job whose instance died is taken
/// over after <see cref="ExportSettings.Lease"/>. The rows come from the list page itself (<see cref="IListExport"/>):
/// the page model is made as a request would make it, its filters bound from the stored query string by MVC's own
/// binders, acting as the person who asked, with that person's area, roles and language.
/// </summary>
public sealed class ExportRunner(IServiceScopeFactory scopes, ExportSettings settings, TimeProvider time, ILogger<ExportRunner> log)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);
    private readonly SemaphoreSlim _wake = new(0, 1);

    public ExportSettings Settings => settings;

    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>Queues an export of the list page <paramref name="source"/> for <paramref name="userId"/> and wakes this instance's worker.</summary>
    public async Task<Guid> StartAsync(QualisDb db, Type source, string userId, string name, string path, string query, ExportFormat format,
        CancellationToken ct)
    {
        var job = new ExportJob
        {
            UserId = userId, Name = Clip(name, 100), Path = Clip(path, 200), Query = query, Source = source.FullName!, Format = format,
            Culture = CultureInfo.CurrentUICulture.Name, CreatedAt = UtcNow,
        };
        if (job.Query.Length > ExportJob.MaxQuery) throw new ArgumentException("The export's query string is too long.", nameof(query));
        db.Set<ExportJob>().Add(job);
        await db.SaveChangesAsync(ct);
        Wake();
        return job.Id;
    }

    /// <summary>Tells this instance's worker that there is work, without waiting for its next look.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0) try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>Waits until woken or the poll interval has passed.</summary>
    public async Task WaitAsync(CancellationToken ct) => await _wake.WaitAsync(settings.Poll, ct);

    /// <summary>Claims and runs jobs until none is left to claim; returns how many this holder ran.</summary>
    public async Task<int> RunPendingAsync(string holder, CancellationToken ct = default)
    {
        var ran = 0;
        while (await ClaimNextAsync(holder, ct) is { } id)
        {
            await RunAsync(id, holder, ct);
            ran++;
        }
        return ran;
    }

    /// <summary>Deletes finished exports (and their files) older than <see cref="ExportSettings.Keep"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
        var cutoff = UtcNow - settings.Keep;
        var expired = db.Set<ExportJob>().Where(j => j.FinishedAt != null && j.FinishedAt < cutoff);
        await db.Set<ExportFileChunk>().Where(c => expired.Any(j => j.Id == c.JobId)).ExecuteDeleteAsync(ct);
        return await expired.ExecuteDeleteAsync(ct);
    }

    private async Task<Guid?> ClaimNextAsync(string holder, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
        var now = UtcNow;
        var candidates = await db.Set<ExportJob>().AsNoTracking()
            .Where(j => j.Status == ExportJobStatus.Queued || (j.Status == ExportJobStatus.Running && j.LeaseUntil < now))
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(10).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var until = now + settings.Lease;
            // The claim: one UPDATE whose condition another instance's claim makes false, so one of them changes the row.
            var claimed = await db.Set<ExportJob>()
                .Where(j => j.Id == id && (j.Status == ExportJobStatus.Queued || (j.Status == ExportJobStatus.Running && j.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportJobStatus.Running).SetProperty(j => j.Holder, holder)
                    .SetProperty(j => j.LeaseUntil, until).SetProperty(j => j.RowsWritten, 0).SetProperty(j => j.Runs, j => j.Runs + 1), ct);
            if (claimed == 1) return id;
        }
        return null;
    }

    private async Task RunAsync(Guid id, string holder, CancellationToken ct)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            using var scope = scopes.CreateScope();
            var services = scope.ServiceProvider;
            var job = await services.GetRequiredService<QualisDb>().Set<ExportJob>().AsNoTracking().SingleAsync(j => j.Id == id, ct);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(job.Culture);
            var table = await OpenAsync(services, job, ct);
            var total = table.Count is { } count ? await count(null, ct) : (int?)null;
            if (!await ReportAsync(id, holder, 0, total, ct)) throw new LeaseLostException();

            var progress = new Progress();
            await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            var rows = Counted(table.Rows, progress, n => ReportAsync(id, holder, n, total, ct), ct);
            if (job.Format == ExportFormat.Xlsx) await TableExport.WriteXlsxAsync(file, table.Headers, rows, ct, table.Name);
            else await TableExport.WriteCsvAsync(file, table.Headers, rows, ct);
            await StoreAsync(id, holder, file, progress.Rows, ct);
            log.LogInformation("Export {Job} done: {Rows} rows, {Bytes} bytes", id, progress.Rows, file.Length);
        }
        catch (LeaseLostException)
        {
            log.LogWarning("Export {Job}: another instance took the job over; this run stops", id);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: give the lease back so another instance (or this one at start) takes the job over at once.
            await UpdateAsync(id, holder, s => s.SetProperty(j => j.LeaseUntil, UtcNow), CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogError(e, "Export {Job} failed", id);
            var error = Clip(e is ExportRefusedException ? e.Message : $"{e.GetType().Name}: {e.Message}", 1000);
            await UpdateAsync(id, holder, s => s.SetProperty(j => j.Status, ExportJobStatus.Failed).SetProperty(j => j.Error, error)
                .SetProperty(j => j.FinishedAt, UtcNow).SetProperty(j => j.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    /// <summary>
    /// The list page as a request for <paramref name="job"/>'s address would make it: the account's claims as at sign-in,
    /// the actor and area as every request sets them, the page's authorization checked again (roles may have changed),
    /// its [BindProperty] filters bound from the stored query string.
    /// </summary>
    private static async Task<ExportTable> OpenAsync(IServiceProvider services, ExportJob job, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        var user = await db.Users.OutsideArea(AreaReason.SystemJob).AsNoTracking().SingleOrDefaultAsync(u => u.Id == job.UserId, ct);
        if (user is null || user.IsDisabled) throw new ExportRefusedException("The account that asked for the export is no longer active.");
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<QualisUser>>().CreateAsync(user);
        SecuritySetup.SetActor(services.GetRequiredService<Actor>(), principal, null);

        var type = typeof(ExportRunner).Assembly.GetType(job.Source);
        if (type is null || !typeof(PageModel).IsAssignableFrom(type) || !typeof(IListExport).IsAssignableFrom(type))
            throw new ExportRefusedException($"No list exports as {job.Source}.");
        var policy = await AuthorizationPolicy.CombineAsync(services.GetRequiredService<IAuthorizationPolicyProvider>(),
            type.GetCustomAttributes<AuthorizeAttribute>(inherit: true));
        if (policy is not null && !(await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, policy)).Succeeded)
            throw new ExportRefusedException("The account may no longer read this list.");

        var http = new DefaultHttpContext { RequestServices = services, User = principal };
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = job.Path;
        http.Request.QueryString = new QueryString(job.Query.Length == 0 || job.Query[0] == '?' ? job.Query : "?" + job.Query);
        var page = (PageModel)ActivatorUtilities.CreateInstance(services, type);
        page.PageContext = new PageContext { HttpContext = http };
        await BindAsync(services, page, http, ct);
        return await ((IListExport)page).ExportTableAsync(ct);
    }

    /// <summary>Binds the page's [BindProperty(SupportsGet = true)] properties from the query string, as MVC binds a GET.</summary>
    private static async Task BindAsync(IServiceProvider services, PageModel page, HttpContext http, CancellationToken ct)
    {
        var metadataProvider = services.GetRequiredService<IModelMetadataProvider>();
        var binders = services.GetRequiredService<IModelBinderFactory>();
        var binder = services.GetRequiredService<ParameterBinder>();
        var context = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var values = new QueryStringValueProvider(BindingSource.Query, http.Request.Query, CultureInfo.InvariantCulture);
        foreach (var property in page.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            ct.ThrowIfCancellationRequested();
            if (property.GetCustomAttribute<BindPropertyAttribute>() is not { SupportsGet: true } || !property.CanWrite) continue;
            var metadata = metadataProvider.GetMetadataForProperty(page.GetType(), property.Name);
            var info = BindingInfo.GetBindingInfo(property.GetCustomAttributes(inherit: true), metadata);
            var modelBinder = binders.CreateBinder(new ModelBinderFactoryContext { Metadata = metadata, BindingInfo = info, CacheToken = property });
            var parameter = new Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor { Name = property.Name, ParameterType = property.PropertyType, BindingInfo = info };
            var result = await binder.BindModelAsync(context, modelBinder, values, parameter, metadata, value: null, container: page);
            if (result.IsModelSet) property.SetValue(page, result.Model);
        }
    }

    private sealed class Progress { public int Rows; }

    private static async IAsyncEnumerable<object?[]> Counted(IAsyncEnumerable<object?[]> rows, Progress progress, Func<int, Task<bool>> report,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var last = Stopwatch.GetTimestamp();
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return row;
            progress.Rows++;
            if (Stopwatch.GetElapsedTime(last) < ReportEvery) continue;
            if (!await report(progress.Rows)) throw new LeaseLostException();
            last = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Progress, read by the progress page from any instance, and the lease renewed; false when the lease is no longer ours.</summary>
    private async Task<bool> ReportAsync(Guid id, string holder, int rows, int? total, CancellationToken ct)
    {
        var until = UtcNow + settings.Lease;
        return await UpdateAsync(id, holder, s => s.SetProperty(j => j.RowsWritten, rows).SetProperty(j => j.TotalRows, total)
            .SetProperty(j => j.LeaseUntil, until), ct) == 1;
    }

    /// <summary>Changes the job's row only while <paramref name="holder"/> holds it (on its own connection: the rows are still being read on another).</summary>
    private async Task<int> UpdateAsync(Guid id, string holder,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ExportJob>> set,
        CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QualisDb>().Set<ExportJob>()
            .Where(j => j.Id == id && j.Holder == holder && j.Status == ExportJobStatus.Running).ExecuteUpdateAsync(set, ct);
    }

    /// <summary>The file into the database and the job done, in one transaction that first checks the job is still ours.</summary>
    private async Task StoreAsync(Guid id, string holder, FileStream file, int rows, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = UtcNow;
        var length = file.Length;
        var ours = await db.Set<ExportJob>().Where(j => j.Id == id && j.Holder == holder && j.Status == ExportJobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportJobStatus.Done).SetProperty(j => j.RowsWritten, rows)
                .SetProperty(j => j.TotalRows, rows).SetProperty(j => j.Bytes, length).SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.LeaseUntil, (DateTime?)null), ct);
        if (ours != 1) throw new LeaseLostException();
        await db.Set<ExportFileChunk>().Where(c => c.JobId == id).ExecuteDeleteAsync(ct);
        file.Position = 0;
        var number = 0;
        while (true)
        {
            var buffer = new byte[(int)Math.Min(ExportFileChunk.Size, length - file.Position)];
            if (buffer.Length == 0) break;
            await file.ReadExactlyAsync(buffer, ct);
            db.Set<ExportFileChunk>().Add(new ExportFileChunk { JobId = id, Number = number++, Data = buffer });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(ct);
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];

    private sealed class LeaseLostException : Exception;
}

/// <summary>Why a job could not run for its owner (the account is gone or disabled, or may no longer read the list): shown to the owner.</summary>
public sealed class ExportRefusedException(string message) : Exception(message);

/// <summary>Runs queued exports on whichever instance claims them, and deletes old ones.</summary>
public sealed class ExportWorker(ExportRunner runner, ILogger<ExportWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? lastCleanup = null;
        try
        {
            // Start-up (migration, seeding) first.
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await runner.RunPendingAsync(JobLeases.ThisInstance, stoppingToken);
                    if (lastCleanup is null || Stopwatch.GetElapsedTime(lastCleanup.Value) > TimeSpan.FromMinutes(10))
                    {
                        await runner.DeleteExpiredAsync(stoppingToken);
                        lastCleanup = Stopwatch.GetTimestamp();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "The export worker's pass failed");
                }
                await runner.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class ExportSetup
{
    public static void AddQualisExports(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(ExportSettings.From(config));
        services.AddSingleton<ExportRunner>();
        services.AddHostedService<ExportWorker>();
    }
}
