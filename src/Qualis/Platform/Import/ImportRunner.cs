using System.Security.Cryptography;

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
        job.StoredPath = Path.Combine(settings.Folder, job.Id + Path.GetExtension(job.FileName).ToLowerInvariant());
        await using (var file = File.Create(job.StoredPath))
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
                    File.Delete(job.StoredPath);
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

    /// <summary>Validates the job and, if a commit was asked for and the file is clean, commits it.</summary>
    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        using var jobScope = scopes.CreateScope();
        var jobDb = jobScope.ServiceProvider.GetRequiredService<QualisDb>();
        var job = await jobDb.Set<ImportJob>().OutsideArea(AreaReason.SystemJob).SingleAsync(j => j.Id == jobId, ct);
        try
        {
            // The commit pass checks every row again as it writes (the stored data may have changed since the check),
            // so a commit does not validate first: a problem found while writing rolls the whole file back.
            await PassAsync(jobDb, job, write: job.CommitRequested, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // stopping: the job stays as it was and runs again at the next start
        }
        catch (Exception e)
        {
            log.LogError(e, "Import {Job} failed", jobId);
            job.Status = ImportStatus.Failed;
            job.Message = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            job.FinishedAt = DateTime.UtcNow;
            await jobDb.SaveChangesAsync(CancellationToken.None);
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
            await using var pageCache = write ? await ImportPageCache.EnlargeAsync(db, ct) : null;
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
    public static ImportSettings From(IConfiguration config, string contentRoot)
    {
        var mb = Web.SecuritySetup.PositiveInt(config, "Import:MaxUploadMegabytes", 512);
        var folder = config["Import:Folder"] is { Length: > 0 } f ? f : Path.Combine(contentRoot, "data", "imports");
        return new(folder, mb * 1024L * 1024L, Web.SecuritySetup.PositiveInt(config, "Import:MaxStoredProblems", 10000),
            new TabularLimits { MaxBytes = mb * 1024L * 1024L });
    }
}
