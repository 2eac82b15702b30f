using System.ComponentModel.DataAnnotations;
using Qualis.Features.Audit;
using Qualis.Platform.Attachments;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans.Reports;

/// <summary>A reported value with its evidence; the plan's office (the office above the reporter) approves or returns it.</summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(TargetReport))]
public sealed class DetailModel(QualisDb db, AttachmentStore store, TimeProvider time, IStringLocalizer l) : PageModel
{
    public TargetReport Report { get; private set; } = null!;
    public PlanTarget Target { get; private set; } = null!;
    public ActionPlan Plan { get; private set; } = null!;
    public string RegionName { get; private set; } = "";
    public List<ReportEvidence> Evidence { get; private set; } = [];
    public bool CanDecide { get; private set; }
    public AuditHistoryView History { get; private set; } = null!;

    [BindProperty, Display(Name = "plans.decision_note"), StringLength(TargetReport.NoteLength)] public string? DecisionNote { get; set; }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<TargetReport>().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } report) return false;
        if (await db.Set<PlanTarget>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == report.TargetId, ct) is not { } target) return false;
        if (await PlanAccess.FindAsync(db, report.PlanId, ct) is not { } plan) return false;
        (Report, Target, Plan) = (report, target, plan);
        RegionName = (await PlanPages.RegionNamesAsync(db, [report.RegionCode], ct)).GetValueOrDefault(report.RegionCode, report.RegionCode);
        Evidence = await db.Set<ReportEvidence>().AsNoTracking().Where(e => e.ReportId == id).OrderBy(e => e.FileName).ToListAsync(ct);
        CanDecide = report.Status == ReportStatus.Submitted && plan.Status == PlanStatus.Issued
                    && (db.Actor.RegionPath is null || db.Actor.RegionPath == plan.RegionPath);
        History = await AuditHistory.ForAsync(db, nameof(TargetReport), id.ToString());
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>An evidence file, served with the type its bytes showed at upload.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file, CancellationToken ct)
    {
        return await LoadAsync(id, ct) && Evidence.FirstOrDefault(e => e.Id == file) is { } evidence && store.Serve(evidence) is { } served ? served : NotFound();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => DecideAsync(id, ReportStatus.Approved, ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) => DecideAsync(id, ReportStatus.Returned, ct);

    private async Task<IActionResult> DecideAsync(Guid id, ReportStatus decision, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var page = "/Plans/Reports/" + id;
        if (Report.Status != ReportStatus.Submitted) return this.AlreadyDoneAt(page, l["plans.error.report_decided"].Value);
        if (!CanDecide) return Forbid();
        if (!ModelState.IsValid) return Page();
        var note = DecisionNote?.Trim();
        if (decision == ReportStatus.Returned && string.IsNullOrEmpty(note))
        {
            ModelState.AddModelError(nameof(DecisionNote), l["plans.error.return_reason_required"]);
            return Page();
        }
        Report.Status = decision;
        Report.DecidedBy = db.Actor.UserName;
        Report.DecidedAt = time.GetUtcNow().UtcDateTime;
        Report.DecisionNote = string.IsNullOrEmpty(note) ? null : note;
        Report.PendingKey = null;
        if (!await db.OrFirstResultAsync(async () => { await db.SaveChangesAsync(ct); return true; }, () => Task.FromResult(false)))
            return this.AlreadyDoneAt(page, l["plans.error.report_decided"].Value);
        TempData["Message"] = l["plans.done"].Value;
        return Redirect(page);
    }
}
