using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Attachments;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>The fields of a reported value, as posted.</summary>
public sealed class ReportForm
{
    [Display(Name = "plans.period_quarter"), StringLength(6)]
    public string? Period { get; set; }
    [Display(Name = "plans.reported_value")]
    public decimal? Value { get; set; }
    [Display(Name = "plans.baseline_value")]
    public decimal? Baseline { get; set; }
    [Display(Name = "plans.delivered_on")]
    public DateOnly? DeliveredOn { get; set; }
    [Display(Name = "plans.note"), StringLength(TargetReport.NoteLength)]
    public string? Note { get; set; }
}

/// <summary>
/// A city reports its value of a target whose source is "reported" (填报), for a quarter, with evidence files; the office
/// above approves it. A closed quarter (over, or the plan frozen) takes no report unless the plan's office reopened it.
/// </summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(PlanTarget))]
public sealed class ReportModel(QualisDb db, AttachmentStore store, PeopleClock clock, TimeProvider time, IStringLocalizer l) : PageModel
{
    [BindProperty] public ReportForm Form { get; set; } = new();
    [BindProperty, Display(Name = "plans.evidence")] public List<IFormFile> Files { get; set; } = [];

    public ActionPlan Plan { get; private set; } = null!;
    public PlanTarget Target { get; private set; } = null!;
    public List<TargetReport> Mine { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    /// <summary>Whether the reader's office reports on this target: directly below the plan's office, the target reported, the plan issued.</summary>
    public bool CanReport { get; private set; }
    public string? Error(string field) => ModelState.Error("Form." + field);

    private async Task<IActionResult?> LoadAsync(Guid targetId, CancellationToken ct)
    {
        if (await db.Set<PlanTarget>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, ct) is not { } target) return NotFound();
        if (await PlanAccess.FindAsync(db, target.PlanId, ct) is not { } plan) return NotFound();
        Plan = plan;
        Target = target;
        CanReport = PlanAccess.IsOfficeBelow(db, plan) && target.Source == TargetSource.Reported && plan.Status != PlanStatus.Draft;
        // The reports the reader may see: its own office's, or (the plan's office) every office's.
        Mine = await db.Set<TargetReport>().AsNoTracking().Where(r => r.TargetId == targetId).OrderByDescending(r => r.ReportedAt).Take(100).ToListAsync(ct);
        RegionNames = await PlanPages.RegionNamesAsync(db, Mine.Select(r => r.RegionCode), ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(Guid targetId, CancellationToken ct)
    {
        if (await LoadAsync(targetId, ct) is { } refused) return refused;
        Form.Period = PlanAccess.PeriodOf(clock.Today) is var now && PlanAccess.Periods(Plan.Year).Contains(now) ? now : PlanAccess.Periods(Plan.Year)[^1];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid targetId, CancellationToken ct)
    {
        if (await LoadAsync(targetId, ct) is { } refused) return refused;
        if (!CanReport) return Forbid();
        void Fail(string field, string key, params object[] args) => ModelState.AddModelError("Form." + field, l[key, args]);
        var period = Form.Period ?? "";
        if (!PlanAccess.Periods(Plan.Year).Contains(period)) Fail(nameof(Form.Period), "plans.error.period_unknown");
        else if (await PlanAccess.ClosedAsync(db, Plan, period, clock.Today, ct) is { } why) Fail(nameof(Form.Period), why, period);
        if (Target.Kind == TargetKind.Deadline)
        {
            if (Form.DeliveredOn is null) Fail(nameof(Form.DeliveredOn), "plans.error.delivered_required");
        }
        else if (Form.Value is not { } value) Fail(nameof(Form.Value), "plans.error.value_required");
        else if (value < 0) Fail(nameof(Form.Value), "plans.error.value_negative");
        else if (Target.Kind == TargetKind.Rate && value > 100) Fail(nameof(Form.Value), "plans.error.rate_range");
        if (Form.Baseline is < 0) Fail(nameof(Form.Baseline), "plans.error.value_negative");
        if (Target.Kind == TargetKind.Growth && Form.Baseline is null) Fail(nameof(Form.Baseline), "plans.error.baseline_value_required");
        if (!ModelState.IsValid) return Page();

        var own = db.Actor.RegionPath!;
        var code = PlanAccess.CodeOf(own);
        var report = new TargetReport
        {
            TargetId = Target.Id, PlanId = Plan.Id, RegionCode = code, RegionPath = own, Period = period,
            Value = Target.Kind == TargetKind.Deadline ? 1 : Form.Value!.Value, Baseline = Form.Baseline, DeliveredOn = Form.DeliveredOn,
            Note = Form.Note?.Trim() ?? "", ReportedBy = db.Actor.UserName ?? "", ReportedAt = time.GetUtcNow().UtcDateTime,
            PendingKey = TargetReport.PendingKeyOf(Target.Id, code, period),
        };
        if (await db.Set<TargetReport>().AnyAsync(r => r.PendingKey == report.PendingKey, ct))
        {
            Fail(nameof(Form.Period), "plans.error.report_pending", period);
            return Page();
        }
        if (await ModelState.SaveEvidenceAsync(store, report.Id, Files, l, ct) is not { } files) return Page();
        db.Set<TargetReport>().Add(report);
        db.Set<ReportEvidence>().AddRange(files.Select(f => EvidenceFile.From(f, new ReportEvidence { ReportId = report.Id, RegionPath = own })));
        if (!await db.OrFirstResultAsync(async () => { await db.SaveChangesAsync(ct); return true; }, () => Task.FromResult(false)))
        {
            store.Delete(files.Select(f => f.StoredPath));
            return this.AlreadyDoneAt("/Plans/Report/" + Target.Id, l["plans.error.report_pending", period].Value);
        }
        TempData["Message"] = l["plans.report_sent"].Value;
        return Redirect("/Plans/Reports/" + report.Id);
    }
}
