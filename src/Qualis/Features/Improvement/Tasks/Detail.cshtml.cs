using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Qualis.Features.Audit;
using Qualis.Platform.Attachments;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Improvement.Tasks;

/// <summary>
/// One tackling or follow-up task: its progress notes and evidence, a report (a note with files), and closing it, which needs
/// at least one evidence file (refused otherwise, naming the field). Officials of the answering office read and act within
/// their area; the enterprise reads its own tasks and reports on them, closing those it acts on; an owner's account reads
/// and acts on the tasks it owns. Another reader gets "not found".
/// </summary>
[Authorize(Policy = ImprovementModule.ParticipantsPolicy)]
[RecordPage(typeof(ImprovementTask))]
public sealed class DetailModel(QualisDb db, AttachmentStore store, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel
{
    /// <summary>The largest evidence file a task takes (PDF, JPG or PNG, checked by its bytes).</summary>
    public const long MaxEvidenceBytes = 10 * 1024 * 1024;

    public ImprovementTask Record { get; private set; } = null!;
    public string? ProjectTitle { get; private set; }
    public List<TaskNote> Notes { get; private set; } = [];
    public List<TaskEvidence> Evidence { get; private set; } = [];
    public bool CanReport { get; private set; }
    public bool CanClose { get; private set; }
    public bool IsOfficial { get; private set; }
    public AuditHistoryView? History { get; private set; }
    public DateOnly Today => clock.Today;
    /// <summary>Which form was posted (Report or Close): both send files, and a refused file is named under the form that sent it.</summary>
    public string? Posted { get; private set; }

    [BindProperty, Display(Name = "improvement.task.note"), StringLength(ImprovementTask.TextLength)] public string? Note { get; set; }
    [BindProperty, Display(Name = "improvement.task.closed_on")] public DateOnly? On { get; set; }
    [BindProperty, Display(Name = "improvement.task.evidence")] public List<IFormFile> Files { get; set; } = [];
    /// <summary>The task's version the form was read at: a repeated submission of the same form finds it moved on and changes nothing.</summary>
    [BindProperty, Display(Name = "improvement.task.version")] public int? Seen { get; set; }

    public string? Error(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file, CancellationToken ct) =>
        await LoadAsync(id, ct) && Evidence.FirstOrDefault(e => e.Id == file) is { } evidence && store.Serve(evidence) is { } served ? served : NotFound();

    /// <summary>A progress report: a note, evidence files, or both.</summary>
    public async Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct)
    {
        Posted = "Report";
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanReport) return Record.Status == TaskState.Closed ? Closed() : Forbid();
        var text = Note?.Trim() ?? "";
        if (ModelState.IsValid && text.Length == 0 && !Files.Any(f => f.Length > 0)) ModelState.AddModelError(nameof(Note), l["improvement.error.report_empty"]);
        if (!ModelState.IsValid) return Page();
        if (await SaveEvidenceAsync(ModelState, id, ct) is not { } files) return Page();
        var task = await db.Set<ImprovementTask>().SingleAsync(t => t.Id == id, ct);
        if (Seen is { } seen && seen != task.Version) return this.AlreadyDoneAt("/Improvement/Tasks/" + id, l["improvement.already_done"].Value);
        var me = User.Identity?.Name ?? "";
        if (text.Length > 0) db.Set<TaskNote>().Add(new TaskNote { TaskId = id, Text = text, At = clock.UtcNow, By = me });
        db.Set<TaskEvidence>().AddRange(files.Select(f => EvidenceFile.From(f, new TaskEvidence { TaskId = id, UploadedAt = clock.UtcNow, UploadedBy = me })));
        db.Touch(task);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["improvement.reported"].Value;
            return Redirect("/Improvement/Tasks/" + id);
        }, () =>
        {
            store.Delete(files.Select(f => f.StoredPath));
            return Task.FromResult(this.AlreadyDoneAt("/Improvement/Tasks/" + id, l["improvement.already_done"].Value));
        });
    }

    /// <summary>Closes the task with the evidence it has and any files sent with the request: none at all is refused on the files field.</summary>
    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        Posted = "Close";
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Record.Status == TaskState.Closed) return Closed();
        if (!CanClose) return Forbid();
        if (!ModelState.IsValid) return Page();
        var on = On ?? clock.Today;
        if (on > clock.Today) { ModelState.AddModelError(nameof(On), l["improvement.error.close_in_future"]); return Page(); }
        var incoming = Files.Count(f => f.Length > 0);
        var task = await db.Set<ImprovementTask>().SingleAsync(t => t.Id == id, ct);
        // Closed by another request since the page was read: the task as it stands, with a notice.
        if (task.Status == TaskState.Closed) return Closed();
        if (Seen is { } seen && seen != task.Version) return this.AlreadyDoneAt("/Improvement/Tasks/" + id, l["improvement.already_done"].Value);
        var problems = ImprovementRules.Close(task, Evidence.Count + incoming, on, clock.DateOf(task.CreatedAt), User.Identity?.Name ?? "");
        foreach (var p in problems) ModelState.AddModelError(p.Field, l[p.Key, p.Args]);
        if (problems.Count > 0) return Page();
        if (await SaveEvidenceAsync(ModelState, id, ct) is not { } files) return Page();
        db.Set<TaskEvidence>().AddRange(files.Select(f => EvidenceFile.From(f, new TaskEvidence { TaskId = id, UploadedAt = clock.UtcNow, UploadedBy = User.Identity?.Name ?? "" })));
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["improvement.task_closed"].Value;
            return Redirect("/Improvement/Tasks/" + id);
        }, () =>
        {
            store.Delete(files.Select(f => f.StoredPath));
            return Task.FromResult(Closed());
        });
    }

    private IActionResult Closed() => this.AlreadyDoneAt("/Improvement/Tasks/" + Record.Id, l["improvement.already_closed", Record.Title].Value);

    /// <summary>Stores the posted files under the task; a refused file (too large, empty, not what its name says) is named on the Files field and nothing is kept.</summary>
    private async Task<List<StoredFile>?> SaveEvidenceAsync(ModelStateDictionary state, Guid taskId, CancellationToken ct)
    {
        try
        {
            return await store.SaveAsync(taskId, [.. Files.Where(f => f.Length > 0).Select(f => new IncomingFile(f.FileName, f.Length, f.OpenReadStream))], MaxEvidenceBytes, ct);
        }
        catch (AttachmentRefusedException e)
        {
            state.AddModelError(nameof(Files), l[e.Problem switch
            {
                AttachmentProblem.TooLarge => "improvement.error.evidence_too_large",
                AttachmentProblem.Empty => "improvement.error.evidence_empty",
                _ => "improvement.error.evidence_content",
            }, e.FileName, MaxEvidenceBytes / (1024 * 1024)]);
            return null;
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<ImprovementTask>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct) is not { } t) return false;
        IsOfficial = (await authorization.AuthorizeAsync(User, ImprovementModule.ReadersPolicy)).Succeeded;
        var me = User.Identity?.Name ?? "";
        var enterprise = db.Actor.EnterpriseCode;
        var ownsIt = t.OwnerUserName is not null && t.OwnerUserName == me;
        var firmsOwn = enterprise is not null && t.CreditCode == enterprise;
        if (!IsOfficial && !ownsIt && !firmsOwn) return false;
        Record = t;
        ProjectTitle = t.ProjectId is { } pid ? await db.Set<ImprovementProject>().AsNoTracking().Where(p => p.Id == pid).Select(p => p.Title).SingleOrDefaultAsync(ct) : null;
        Notes = await db.Set<TaskNote>().AsNoTracking().Where(n => n.TaskId == id).OrderBy(n => n.At).ToListAsync(ct);
        Evidence = await db.Set<TaskEvidence>().AsNoTracking().Where(e => e.TaskId == id).OrderBy(e => e.UploadedAt).ThenBy(e => e.FileName).ToListAsync(ct);
        var answers = IsOfficial && ImprovementRules.Answers(db.Actor.RegionPath, t.OfficeCode, t.RegionPath)
            && (await authorization.AuthorizeAsync(User, ImprovementModule.EditorsPolicy)).Succeeded;
        var open = t.Status == TaskState.Open;
        CanReport = open && (answers || ownsIt || firmsOwn);
        CanClose = open && (answers || ownsIt || (firmsOwn && t.OwnerKind == TaskOwnerKind.Enterprise));
        if (IsOfficial) History = await AuditHistory.ForAsync(db, nameof(ImprovementTask), id.ToString());
        return true;
    }
}
