using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qualis.Platform.Access;
using Qualis.Platform.Data;

namespace Qualis.Platform.Import;

/// <summary>
/// Runs one import job: validation (every problem with row, column, value and reason; counts of new, changed and
/// unchanged records; nothing written) and, when asked and clean, the commit: the same pass again, writing, in one
/// transaction, so a file is imported whole or not at all. Importing the same file again changes nothing.
/// </summary>
public sealed class ImportRunner(IServiceScopeFactory scopes, IEnumerable<IImportKind> kinds, ImportSettings settings, ILogger<ImportRunner> log)
{
    private const int BatchSize = 1000;

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

    private async Task PassAsync(QualisDb jobDb, ImportJob job, bool write, CancellationToken ct)
    {
        var kind = KindOf(job.Kind);
        job.Status = write ? ImportStatus.Committing : ImportStatus.Validating;
        job.BytesRead = 0;
        job.RowsRead = 0;
        job.Message = null;
        job.ProblemCount = 0;
        await jobDb.Set<ImportProblem>().Where(p => p.JobId == job.Id).ExecuteDeleteAsync(ct);
        await jobDb.SaveChangesAsync(ct);

        using var dataScope = scopes.CreateScope();
        var db = dataScope.ServiceProvider.GetRequiredService<QualisDb>();
        db.Actor.Set(job.UserId, job.UserName, $"import:{job.Id}", null, job.RegionPath == "/" ? null : job.RegionPath);
        var problems = new List<ImportProblem>();
        void Report(int row, RowProblem p)
        {
            job.ProblemCount++;
            if (job.ProblemCount <= settings.MaxStoredProblems)
                problems.Add(new ImportProblem
                {
                    JobId = job.Id, Row = row, Column = p.Column, Value = Clip(p.Value), ReasonKey = p.ReasonKey,
                    ReasonArgs = p.Args.Length == 0 ? null : string.Join('\u001f', p.Args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture))),
                });
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Func<string> timings = () => "";
        await using var file = File.OpenRead(job.StoredPath);
        var transaction = write ? await db.Database.BeginTransactionAsync(ct) : null;
        // A million-row file touches indexes all over the database file; SQLite's default 2 MB page cache would
        // re-read the same pages from disk again and again. The pooled connection goes back to the default afterwards.
        if (transaction is not null && !db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536", ct);
        // SQLite has one writer: while this pass holds the write transaction, progress lives only in memory.
        var saveProgress = transaction is null || db.IsPostgres;
        _running[job.Id] = job;
        try
        {
            var counts = new BatchCounts();
            try
            {
                using var reader = TabularFile.Open(file, job.FileName, settings.Limits);
                job.Encoding = reader.Encoding;
                var map = HeaderMap.Match(reader.Headers, kind.Columns);
                job.UnknownColumns = map.Unknown.Count == 0 ? null : string.Join("、", map.Unknown);
                foreach (var missing in map.Missing)
                    Report(1, new RowProblem(missing.Key, null, "import.missing_column", missing.Chinese, missing.English));
                if (map.Missing.Count == 0)
                {
                    var present = kind.Columns.Where(c => map.Index.ContainsKey(c.Key)).Select(c => c.Key).ToHashSet();
                    var session = await kind.OpenAsync(db, present, ct);
                    timings = () => session.Timings;
                    // Keys seen so far, as 128-bit hashes (a million credit codes as strings would take ~90 MB; as hashes ~35 MB;
                    // two different keys share a hash with odds of about 1 in 10^26 per file).
                    var firstRowOfKey = new Dictionary<UInt128, int>();
                    var batch = new List<ImportRecord>(BatchSize);
                    var batches = 0;
                    var rowProblems = new List<RowProblem>();
                    var row = ImportRow.Over(reader, map.Index);
                    while (reader.Read())
                    {
                        if (reader.IsBlankRow) continue;
                        job.RowsRead++;
                        rowProblems.Clear();
                        var record = session.Parse(row, rowProblems);
                        foreach (var p in rowProblems) Report(row.Number, p);
                        if (record is null) continue;
                        var keyHash = System.IO.Hashing.XxHash128.HashToUInt128(System.Text.Encoding.UTF8.GetBytes(record.Key));
                        if (!firstRowOfKey.TryAdd(keyHash, row.Number))
                        {
                            Report(row.Number, new RowProblem(kind.Columns[0].Key, record.Key, "import.duplicate_key", record.Key, firstRowOfKey[keyHash]));
                            continue;
                        }
                        batch.Add(record);
                        if (batch.Count == BatchSize)
                        {
                            counts += await session.ApplyAsync(batch, write, Report, ct);
                            batch.Clear();
                            job.BytesRead = Math.Min(file.Position, job.FileBytes);
                            // Each batch leaves short-lived garbage (parsed rows, audit entries) that the GC, seeing no pressure,
                            // lets pile up to hundreds of megabytes over a million rows; collecting now and then keeps the
                            // process small on a laptop for the cost of a few milliseconds per hundred thousand rows.
                            if (batches % 100 == 0) GC.Collect();
                            if (saveProgress && ++batches % 20 == 0) await ProgressAsync(jobDb, job, problems, ct);
                        }
                    }
                    if (batch.Count > 0) counts += await session.ApplyAsync(batch, write, Report, ct);
                }
            }
            catch (TabularFileException e)
            {
                Report(e.Row ?? 0, new RowProblem("", null, e.Key, e.Args));
            }

            // Something changed since the check (a record moved to another area, a region was removed): nothing is
            // written, and the job shows the problems as a check does, to be fixed and imported again.
            var committed = write && job.ProblemCount == 0;
            if (committed) await transaction!.CommitAsync(ct);
            job.CommitRequested = committed;
            (job.NewCount, job.ChangedCount, job.UnchangedCount) = (counts.New, counts.Changed, counts.Unchanged);
            job.Status = committed ? ImportStatus.Committed : ImportStatus.Validated;
            job.BytesRead = job.FileBytes;
            job.FinishedAt = DateTime.UtcNow;
            if (transaction is not null) await transaction.DisposeAsync();
            transaction = null;
            await ProgressAsync(jobDb, job, problems, ct);
            log.LogInformation("Import {Job} ({Kind}, {File}) {Status}: {Rows} rows, {Problems} problems, {New} new, {Changed} changed in {Seconds:F1} s ({Timings})",
                job.Id, job.Kind, job.FileName, job.Status, job.RowsRead, job.ProblemCount, job.NewCount, job.ChangedCount, watch.Elapsed.TotalSeconds, timings());
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
            if (write && !db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
            _running.TryRemove(job.Id, out _);
        }
    }

    private static async Task ProgressAsync(QualisDb jobDb, ImportJob job, List<ImportProblem> problems, CancellationToken ct)
    {
        jobDb.Set<ImportProblem>().AddRange(problems);
        problems.Clear();
        await jobDb.SaveChangesAsync(ct);
    }

    private static string? Clip(string? s) => s is { Length: > 200 } ? s[..200] : s;
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
