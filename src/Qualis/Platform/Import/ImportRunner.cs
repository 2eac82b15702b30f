using System.Data.Common;
using System.Security.Cryptography;
using Qualis.Platform.Jobs;

namespace Qualis.Platform.Import;

/// <summary>
/// Runs one import job: validation (every problem with row, column, value and reason; counts of new, changed and
/// unchanged records; nothing written) and, when asked and clean, the commit: the same pass again, writing, in one
/// transaction, so a file is imported whole or not at all. Importing the same file again changes nothing.
/// </summary>
public sealed class ImportRunner(IServiceScopeFactory scopes, IEnumerable<IImportKind> kinds, ImportSettings settings, ILogger<ImportRunner> log)
{
    public IImportKind KindOf(string kind) => kinds.Single(k => k.Kind == kind);

    /// <summary>Jobs being run by this process, as they stand this moment (read by the progress poll).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, ImportJob> _running = new();

    /// <summary>The job as it stands now when this process is running it, else null (the stored job is current).</summary>
    public ImportJob? Running(Guid id) => _running.GetValueOrDefault(id);

    /// <summary>Saves an upload under the data folder, hashing it on the way, and queues its validation.</summary>
    public async Task<ImportJob> CreateJobAsync(QualisDb db, string kind, string fileName, Stream content, CancellationToken ct)
    {
        var job = new ImportJob
        {
            Kind = kind,
            FileName = Path.GetFileName(fileName),
            UserId = db.Actor.UserId ?? "",
            UserName = db.Actor.UserName ?? "",
            RegionPath = db.Actor.RegionPath ?? "/",
            CreatedAt = DateTime.UtcNow,
        };
        Directory.CreateDirectory(settings.Folder);
        // Relative to the import folder: any instance, mounting the shared folder wherever, finds the file.
        job.StoredPath = job.Id + Path.GetExtension(job.FileName).ToLowerInvariant();
        var path = settings.PathOf(job.StoredPath);
        await using (var file = File.Create(path))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[81920];
            int n;
            while ((n = await content.ReadAsync(buffer, ct)) > 0)
            {
                job.FileBytes += n;
                if (job.FileBytes > settings.MaxBytes)
                {
                    await file.DisposeAsync();
                    File.Delete(path);
                    throw new TabularFileException("import.file.too_large", [settings.MaxBytes / (1024 * 1024)], $"The file is larger than {settings.MaxBytes / (1024 * 1024)} MB.");
                }
                sha.AppendData(buffer.AsSpan(0, n));
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            job.FileSha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        db.Set<ImportJob>().Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>How long a claim on a job lasts without being renewed: an instance that dies gives the job up after this.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(60);

    /// <summary>Who this runner is in the job leases: one name per running application, so two instances never share one.</summary>
    public string Holder => _holder;

    private readonly string _holder = JobLeases.Holder($"{Environment.MachineName}:{Environment.ProcessId}:import:{Guid.NewGuid():N}");

    /// <summary>Jobs this process has claimed and not yet given back.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> _claimed = new();

    /// <summary>
    /// Runs the job if no one else is: the job is claimed with a lease in the database (<see cref="JobLeases"/>, one
    /// per job), renewed while it runs and given back at the end, so among all instances exactly one runs it. After the
    /// claim the job is read again: one that another instance has finished meanwhile is left as it is.
    /// </summary>
    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        if (!_claimed.TryAdd(jobId, true)) return;
        try
        {
            using var leaseScope = scopes.CreateScope();
            var leaseDb = leaseScope.ServiceProvider.GetRequiredService<QualisDb>();
            var lease = LeaseName(jobId);
            if (!await JobLeases.TryTakeAsync(leaseDb, lease, _holder, LeaseTime, DateTime.UtcNow, ct)) return;
            using var renewal = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var renewing = RenewAsync(leaseDb, lease, renewal.Token);
            try
            {
                await RunClaimedAsync(jobId, ct);
            }
            finally
            {
                await renewal.CancelAsync();
                await renewing;
                await JobLeases.ReleaseAsync(leaseDb, lease, _holder, DateTime.UtcNow, CancellationToken.None);
            }
        }
        finally
        {
            _claimed.TryRemove(jobId, out _);
        }
    }

    public static string LeaseName(Guid jobId) => "import:" + jobId;

    /// <summary>Renews the claim a quarter of its time before it lapses, until the job ends.</summary>
    private async Task RenewAsync(QualisDb leaseDb, string lease, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await Task.Delay(LeaseTime / 4, ct);
                if (!await JobLeases.TryTakeAsync(leaseDb, lease, _holder, LeaseTime, DateTime.UtcNow, ct))
                    log.LogWarning("The claim on import job {Lease} was lost", lease);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                // SQLite's one writer may be the commit itself; the next renewal tries again, well within the lease.
                log.LogDebug(e, "Renewing the claim on import job {Lease} failed", lease);
            }
        }
    }

    /// <summary>Validates the job and, if a commit was asked for and the file is clean, commits it.</summary>
    private async Task RunClaimedAsync(Guid jobId, CancellationToken ct)
    {
        using var jobScope = scopes.CreateScope();
        var jobDb = jobScope.ServiceProvider.GetRequiredService<QualisDb>();
        var job = await jobDb.Set<ImportJob>().OutsideArea(AreaReason.SystemJob).SingleAsync(j => j.Id == jobId, ct);
        if (!job.IsRunning) return; // finished meanwhile, here or on another instance
        try
        {
            // The commit pass checks every row again as it writes (the stored data may have changed since the check),
            // so a commit does not validate first: a problem found while writing rolls the whole file back.
            await PassAsync(jobDb, job, write: job.CommitRequested, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // stopping: the job stays as it was and runs again, here or on another instance
        }
        catch (Exception e)
        {
            // The cause goes to the log with the job's id; the official sees that nothing was written (the commit is one
            // transaction) and what to do, never a database's own words.
            log.LogError(e, "Import {Job} failed", jobId);
            jobDb.ChangeTracker.Clear();
            await jobDb.Set<ImportJob>().OutsideArea(AreaReason.SystemJob).Where(j => j.Id == jobId)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, ImportStatus.Failed).SetProperty(j => j.Message, (string?)null)
                    .SetProperty(j => j.FinishedAt, DateTime.UtcNow), CancellationToken.None);
        }
    }

    /// <summary>
    /// One pass over the file (see <see cref="ImportPass"/>): a check, or a commit in one transaction that is
    /// committed only when the pass found no problem.
    /// </summary>
    private async Task PassAsync(QualisDb jobDb, ImportJob job, bool write, CancellationToken ct)
    {
        await StartAsync(jobDb, job, write, ct);
        using var dataScope = scopes.CreateScope();
        var db = dataScope.ServiceProvider.GetRequiredService<QualisDb>();
        db.Actor.Set(job.UserId, job.UserName, $"import:{job.Id}", null, job.RegionPath == "/" ? null : job.RegionPath);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The job counts as running (see Running) until the page cache is put back and the transaction is gone.
        _running[job.Id] = job;
        try
        {
            await using var pageCache = write ? await BulkPageCache.EnlargeAsync(db, ct) : null;
            await using var transaction = write ? await db.Database.BeginTransactionAsync(ct) : null;
            var pass = new ImportPass(job, KindOf(job.Kind), db, jobDb, settings, write);
            var counts = await pass.RunAsync(ct);
            // Something changed since the check (a record moved to another area, a region was removed): nothing is
            // written, and the job shows the problems as a check does, to be fixed and imported again.
            var committed = write && job.ProblemCount == 0;
            if (committed) await transaction!.CommitAsync(ct);
            // Ended before the job is saved: on SQLite the open write transaction holds the database's one write lock.
            if (transaction is not null) await transaction.DisposeAsync();
            Finish(job, counts, committed);
            await pass.SaveProgressAsync(ct);
            log.LogInformation("Import {Job} ({Kind}, {File}) {Status}: {Rows} rows, {Problems} problems, {New} new, {Changed} changed in {Seconds:F1} s ({Timings})",
                job.Id, job.Kind, job.FileName, job.Status, job.RowsRead, job.ProblemCount, job.NewCount, job.ChangedCount, watch.Elapsed.TotalSeconds, pass.Timings);
        }
        finally
        {
            _running.TryRemove(job.Id, out _);
        }
    }

    /// <summary>Marks the job as being checked or committed and forgets the problems of an earlier pass.</summary>
    private static async Task StartAsync(QualisDb jobDb, ImportJob job, bool write, CancellationToken ct)
    {
        job.Status = write ? ImportStatus.Committing : ImportStatus.Validating;
        job.BytesRead = 0;
        job.RowsRead = 0;
        job.Message = null;
        job.ProblemCount = 0;
        await jobDb.Set<ImportProblem>().Where(p => p.JobId == job.Id).ExecuteDeleteAsync(ct);
        await jobDb.SaveChangesAsync(ct);
    }

    private static void Finish(ImportJob job, BatchCounts counts, bool committed)
    {
        job.CommitRequested = committed;
        (job.NewCount, job.ChangedCount, job.UnchangedCount) = (counts.New, counts.Changed, counts.Unchanged);
        job.Status = committed ? ImportStatus.Committed : ImportStatus.Validated;
        job.BytesRead = job.FileBytes;
        job.FinishedAt = DateTime.UtcNow;
    }
}

/// <summary>The "Import" section of configuration.</summary>
public sealed record ImportSettings(string Folder, long MaxBytes, int MaxStoredProblems, TabularLimits Limits)
{
    /// <summary>
    /// The file of a job: stored paths are relative to the import folder. Jobs made before that kept the uploading
    /// machine's absolute path; such a file is read there while it exists, else under its name in the import folder
    /// (where it was written, the folder having moved with the data or been shared).
    /// </summary>
    public string PathOf(string storedPath)
    {
        if (Path.IsPathRooted(storedPath) && File.Exists(storedPath)) return storedPath;
        return Path.Combine(Folder, Path.GetFileName(storedPath));
    }

    public static ImportSettings From(IConfiguration config, string contentRoot)
    {
        var mb = Web.SecuritySetup.PositiveInt(config, "Import:MaxUploadMegabytes", 512);
        var folder = config["Import:Folder"] is { Length: > 0 } f ? f : Attachments.SharedStorage.Folder(config, contentRoot, "imports");
        return new(folder, mb * 1024L * 1024L, Web.SecuritySetup.PositiveInt(config, "Import:MaxStoredProblems", 10000),
            new TabularLimits { MaxBytes = mb * 1024L * 1024L });
    }
}
