using Qualis.Features.Shared;
using Qualis.Platform.Import;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Import;

/// <summary>One import: its progress while it runs, its problems, and the commit once it is clean.</summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(ImportJob))]
public sealed class JobModel(QualisDb db, ImportRunner runner, ImportWorker worker, IEnumerable<IImportKind> kinds, IStringLocalizer l) : PageModel
{
    private const int ShownProblems = 500;

    public ImportJob Job { get; private set; } = null!;
    public List<ImportProblem> Problems { get; private set; } = [];
    public string KindTitle => Kind?.TitleKey ?? Job.Kind;
    private IImportKind? Kind => kinds.FirstOrDefault(k => k.Kind == Job.Kind);

    public string ColumnTitle(string key) =>
        Kind?.Columns.FirstOrDefault(c => c.Key == key) is { } c
            ? (System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? c.English : c.Chinese)
            : key;

    private Task<ImportJob?> FindAsync(Guid id) => db.Set<ImportJob>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await FindAsync(id) is not { } job) return NotFound();
        Job = job;
        Problems = await db.Set<ImportProblem>().AsNoTracking().Where(p => p.JobId == id).OrderBy(p => p.Row).ThenBy(p => p.Column).Take(ShownProblems).ToListAsync();
        SameFileBefore = await db.Set<ImportJob>().AsNoTracking()
            .Where(j => j.Kind == job.Kind && j.FileSha256 == job.FileSha256 && j.Id != job.Id && j.CreatedAt <= job.CreatedAt)
            .OrderByDescending(j => j.CreatedAt).ToListAsync();
        return Page();
    }

    /// <summary>Earlier uploads of the very same file (same kind, same SHA-256), latest first: flagged above the check.</summary>
    public List<ImportJob> SameFileBefore { get; private set; } = [];

    /// <summary>Polled by the page while the job runs.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id)
    {
        if (await FindAsync(id) is not { } stored) return NotFound();
        // Progress is read from the database, where the instance running the job saves it, whichever that is. SQLite's
        // one writer is the commit itself, so there (one instance) a commit's progress is read from the running job.
        var live = db.IsPostgres ? null : runner.Running(id);
        var j = live ?? stored;
        return new JsonResult(new
        {
            status = j.Status.ToString(),
            statusText = l["import.status." + j.Status.ToString().ToLowerInvariant()].Value,
            running = live is not null || j.IsRunning,
            percent = j.Percent,
            counts = l["import.counts", j.RowsRead.ToString("N0"), j.ProblemCount.ToString("N0"), j.NewCount.ToString("N0"), j.ChangedCount.ToString("N0"), j.UnchangedCount.ToString("N0")].Value,
        });
    }

    /// <summary>
    /// Queues the commit of a clean, validated import: a conditional UPDATE from Validated to Queued, so a double click or
    /// two instances queue it once; the second request is shown the job with a notice.
    /// </summary>
    public async Task<IActionResult> OnPostCommitAsync(Guid id)
    {
        if (await FindAsync(id) is null) return NotFound();
        var queued = await db.Set<ImportJob>().Where(j => j.Id == id && j.Status == ImportStatus.Validated && j.ProblemCount == 0 && !j.CommitRequested)
            .TransitionAsync(s => s.SetProperty(j => j.CommitRequested, true).SetProperty(j => j.Status, ImportStatus.Queued));
        if (queued)
        {
            worker.Enqueue(id);
            return Redirect($"/Registry/Import/{id}");
        }
        return await FindAsync(id) is { CommitRequested: true }
            ? this.AlreadyDoneAt($"/Registry/Import/{id}", l["import.commit_already"].Value)
            : Redirect($"/Registry/Import/{id}");
    }

    /// <summary>
    /// A problem's reason in the reader's language; an argument that is itself a text key (a holder kind or status a register's
    /// check names, "recognition.holder.person") is read in that language too, not shown as its key.
    /// </summary>
    public string Reason(ImportProblem p) =>
        l[p.ReasonKey, l.Read(p.Args)].Value;

    /// <summary>All stored problems as CSV or XLSX, for fixing the file in a spreadsheet.</summary>
    public async Task<IActionResult> OnGetProblemsAsync(Guid id, string format)
    {
        if (await FindAsync(id) is not { } job) return NotFound();
        Job = job;
        var rows = db.Set<ImportProblem>().AsNoTracking().Where(p => p.JobId == id).OrderBy(p => p.Row).ThenBy(p => p.Column)
            .AsAsyncEnumerable()
            .Select(p => new object?[] { p.Row, ColumnTitle(p.Column), p.Value, Reason(p) });
        string[] headers = [l["import.row"], l["import.column"], l["import.value"], l["import.reason"]];
        return Download.Table(format, Path.GetFileNameWithoutExtension(job.FileName) + "-problems", headers, rows);
    }
}
