using System.ComponentModel.DataAnnotations;
using Qualis.Features.Audit;
using Qualis.Features.Departments;
using Qualis.Platform.Attachments;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans.Progress;

/// <summary>A department's progress report with its evidence and history; the plan's office accepts it (已阅) or returns it with a reason.</summary>
[Authorize(Policy = PlansModule.ProgressPolicy)]
[RecordPage(typeof(DepartmentReport))]
public sealed class DetailModel(QualisDb db, AttachmentStore store, TimeProvider time, IStringLocalizer l) : PageModel
{
    public DepartmentReport Report { get; private set; } = null!;
    public ActionPlan Plan { get; private set; } = null!;
    public PlanMeasure Measure { get; private set; } = null!;
    public string DepartmentName { get; private set; } = "";
    public List<DepartmentReportEvidence> Evidence { get; private set; } = [];
    public bool CanDecide { get; private set; }
    public AuditHistoryView History { get; private set; } = null!;
    public Dictionary<string, string> People { get; private set; } = [];

    [BindProperty, Display(Name = "plans.progress.decision_note"), StringLength(DepartmentReport.NoteLength)] public string? DecisionNote { get; set; }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var mine = await ProgressAccess.MineAsync(db, User, ct);
        if (await ProgressAccess.Reports(db, User, mine).SingleOrDefaultAsync(r => r.Id == id, ct) is not { } report) return false;
        if (await ProgressAccess.Plans(db, User).SingleOrDefaultAsync(p => p.Id == report.PlanId, ct) is not { } plan) return false;
        if (await db.Set<PlanMeasure>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == report.MeasureId, ct) is not { } measure) return false;
        (Report, Plan, Measure) = (report, plan, measure);
        DepartmentName = (await DepartmentsFace.NamesAsync(db, [report.DepartmentId], ct)).GetValueOrDefault(report.DepartmentId, "—");
        Evidence = await db.Set<DepartmentReportEvidence>().AsNoTracking().Where(e => e.ReportId == id).OrderBy(e => e.FileName).ToListAsync(ct);
        People = await PlanPages.PeopleNamesAsync(db, [report.ReportedBy, report.DecidedBy], ct);
        CanDecide = report.Status == ProgressStatus.Submitted && plan.Status == PlanStatus.Issued && ProgressAccess.IsPlanOffice(db, User, plan);
        History = await AuditHistory.ForAsync(db, nameof(DepartmentReport), id.ToString());
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>An evidence file, to whoever reads the report.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file, CancellationToken ct) =>
        await LoadAsync(id, ct) && Evidence.FirstOrDefault(e => e.Id == file) is { } evidence && store.Serve(evidence) is { } served ? served : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) => DecideAsync(id, ProgressStatus.Accepted, ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) => DecideAsync(id, ProgressStatus.Returned, ct);

    private async Task<IActionResult> DecideAsync(Guid id, ProgressStatus decision, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var page = "/Plans/Progress/" + id;
        if (Report.Status != ProgressStatus.Submitted) return this.AlreadyDoneAt(page, l["plans.progress.error.decided"].Value);
        if (!CanDecide) return Forbid();
        if (!ModelState.IsValid) return Page();
        var note = DecisionNote?.Trim();
        if (decision == ProgressStatus.Returned && string.IsNullOrEmpty(note))
        {
            ModelState.AddModelError(nameof(DecisionNote), l["plans.progress.error.return_reason"]);
            return Page();
        }
        Report.Status = decision;
        Report.DecidedBy = db.Actor.UserName;
        Report.DecidedAt = time.GetUtcNow().UtcDateTime;
        Report.DecisionNote = string.IsNullOrEmpty(note) ? null : note;
        // A returned report frees its quarter for the department's corrected report; an accepted one keeps it.
        if (decision == ProgressStatus.Returned) Report.PendingKey = null;
        var tracked = await db.Set<DepartmentReport>().SingleAsync(r => r.Id == id, ct);
        db.Entry(tracked).CurrentValues.SetValues(Report);
        db.Entry(tracked).Property(r => r.Version).OriginalValue = Report.Version;
        if (!await db.OrFirstResultAsync(async () => { await db.SaveChangesAsync(ct); return true; }, () => Task.FromResult(false)))
            return this.AlreadyDoneAt(page, l["plans.progress.error.decided"].Value);
        TempData["Message"] = l["plans.done"].Value;
        return Redirect(page);
    }
}
