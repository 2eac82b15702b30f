using System.ComponentModel.DataAnnotations;
using Qualis.Features.Departments;
using Qualis.Platform.Attachments;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans.Progress;

/// <summary>The fields of a department's progress report, as posted.</summary>
public sealed class ProgressForm
{
    [Display(Name = "plans.period_quarter"), StringLength(6)]
    public string? Period { get; set; }
    [Display(Name = "plans.progress.text"), StringLength(DepartmentReport.ProgressLength)]
    public string? Progress { get; set; }
}

/// <summary>
/// A department reports its progress on a measure it leads or shares (部门工作进展), for a quarter of the plan, with evidence
/// files. Only the department's own accounts report for it; a closed quarter takes no report unless the plan's office reopened
/// it (<see cref="PlanAccess.ClosedAsync"/>); a second report of the same quarter waits until the first is returned.
/// </summary>
[Authorize(Policy = PlansModule.ProgressPolicy)]
[RecordPage(typeof(DepartmentReport))]
public sealed class ReportModel(QualisDb db, AttachmentStore store, PeopleClock clock, TimeProvider time, IStringLocalizer l) : PageModel
{
    [BindProperty] public ProgressForm Form { get; set; } = new();
    [BindProperty, Display(Name = "plans.evidence")] public List<IFormFile> Files { get; set; } = [];

    public ActionPlan Plan { get; private set; } = null!;
    public PlanMeasure Measure { get; private set; } = null!;
    public DepartmentEntry? Department { get; private set; }
    public MeasureRole? Role { get; private set; }
    public List<string> Periods { get; private set; } = [];
    public List<DepartmentReport> Earlier { get; private set; } = [];
    /// <summary>The reader's department leads or shares the measure of an issued plan.</summary>
    public bool CanReport => Role is not null && Plan.Status != PlanStatus.Draft;
    public string? Error(string field) => ModelState.Error("Form." + field);

    private async Task<IActionResult?> LoadAsync(Guid measureId, CancellationToken ct)
    {
        if (await db.Set<PlanMeasure>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == measureId, ct) is not { } measure) return NotFound();
        if (await ProgressAccess.Plans(db, User).SingleOrDefaultAsync(p => p.Id == measure.PlanId, ct) is not { } plan) return NotFound();
        (Plan, Measure) = (plan, measure);
        Department = await ProgressAccess.MineAsync(db, User, ct);
        var departmentId = Department?.Id ?? Guid.Empty;
        Role = (await db.Set<MeasureDepartment>().AsNoTracking().Where(d => d.MeasureId == measureId && d.DepartmentId == departmentId)
            .Select(d => (MeasureRole?)d.Role).ToListAsync(ct)).FirstOrDefault();
        Periods = ProgressAccess.BegunPeriods(plan, clock.Today);
        Earlier = await ProgressAccess.Reports(db, User, Department).Where(r => r.MeasureId == measureId)
            .OrderByDescending(r => r.ReportedAt).Take(50).ToListAsync(ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(Guid measureId, string? period, CancellationToken ct)
    {
        if (await LoadAsync(measureId, ct) is { } refused) return refused;
        Form.Period = period is not null && Periods.Contains(period) ? period : ProgressAccess.DefaultPeriod(Plan, clock.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid measureId, CancellationToken ct)
    {
        if (await LoadAsync(measureId, ct) is { } refused) return refused;
        // Another department's account, or an official: the report is the department's own word.
        if (!CanReport || Department is null) return Forbid();
        void Fail(string field, string key, params object[] args) => ModelState.AddModelError("Form." + field, l[key, args]);
        var period = Form.Period ?? "";
        if (!PlanAccess.Periods(Plan.Year).Contains(period)) Fail(nameof(Form.Period), "plans.error.period_unknown");
        else if (await PlanAccess.ClosedAsync(db, Plan, period, clock.Today, ct) is { } why) Fail(nameof(Form.Period), why, period);
        if (string.IsNullOrWhiteSpace(Form.Progress)) Fail(nameof(Form.Progress), "plans.progress.error.text_required");
        if (!ModelState.IsValid) return Page();

        var report = new DepartmentReport
        {
            PlanId = Plan.Id, MeasureId = Measure.Id, DepartmentId = Department.Id, RegionPath = Plan.RegionPath, Period = period,
            Progress = Form.Progress!.Trim(), ReportedBy = db.Actor.UserName ?? "", ReportedAt = time.GetUtcNow().UtcDateTime,
            PendingKey = DepartmentReport.PendingKeyOf(Measure.Id, Department.Id, period),
        };
        if (await db.Set<DepartmentReport>().AnyAsync(r => r.PendingKey == report.PendingKey, ct))
        {
            Fail(nameof(Form.Period), "plans.progress.error.already_reported", period);
            return Page();
        }
        if (await ModelState.SaveEvidenceAsync(store, report.Id, Files, l, ct) is not { } files) return Page();
        db.Set<DepartmentReport>().Add(report);
        db.Set<DepartmentReportEvidence>().AddRange(files.Select(f => EvidenceFile.From(f, new DepartmentReportEvidence { ReportId = report.Id, UploadedAt = report.ReportedAt })));
        if (!await db.OrFirstResultAsync(async () => { await db.SaveChangesAsync(ct); return true; }, () => Task.FromResult(false)))
        {
            store.Delete(files.Select(f => f.StoredPath));
            return this.AlreadyDoneAt($"/Plans/Progress/Report/{Measure.Id}?period={period}", l["plans.progress.error.already_reported", period].Value);
        }
        TempData["Message"] = l["plans.progress.sent"].Value;
        return Redirect("/Plans/Progress/" + report.Id);
    }
}
