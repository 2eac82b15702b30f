using Qualis.Platform.Export;
using Qualis.Platform.Time;

namespace Qualis.Features.Account.Exports;

/// <summary>
/// One background export (导出进度): rows written of the total with a bar, refreshed by a small script polling the
/// Status handler (the job's row, so it reads the same on every instance), and the download once it is done.
/// </summary>
[Authorize]
public sealed class JobModel(QualisDb db, PeopleClock clock, IStringLocalizer l) : PageModel
{
    public ExportJob Job { get; private set; } = null!;

    public string FileName => MyExports.FileName(Job, clock);

    public string Time(DateTime utc) => clock.Format(utc);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } job) return NotFound();
        Job = job;
        return Page();
    }

    /// <summary>The job's state as JSON for the progress script; never cached.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } job) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            status = job.Status.ToString().ToLowerInvariant(),
            statusText = l["export.status." + job.Status.ToString().ToLowerInvariant()].Value,
            rows = job.RowsWritten,
            total = job.TotalRows,
            percent = job.Percent,
            progressText = Progress(job),
            download = job.Status == ExportJobStatus.Done ? MyExports.DownloadLink(job.Id) : null,
            error = job.Status == ExportJobStatus.Failed ? job.Error : null,
        });
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { Status: ExportJobStatus.Done } job) return NotFound();
        return new ExportFileResult(job, MyExports.FileName(job, clock));
    }

    /// <summary>"12,345 / 60,000 行" in the reader's language.</summary>
    public string Progress(ExportJob job) => job.TotalRows is { } total
        ? l["export.progress", job.RowsWritten.ToString("N0", CultureInfo.InvariantCulture), total.ToString("N0", CultureInfo.InvariantCulture)].Value
        : l["export.progress_unknown", job.RowsWritten.ToString("N0", CultureInfo.InvariantCulture)].Value;

    private Task<ExportJob?> FindAsync(Guid id, CancellationToken ct) => MyExports.Of(db, User).SingleOrDefaultAsync(j => j.Id == id, ct);
}
