using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>The fields of the plan form, as posted.</summary>
public sealed class PlanForm
{
    [Display(Name = "plans.year"), Range(2000, 2100)]
    public int? Year { get; set; }
    [Display(Name = "plans.title"), StringLength(ActionPlan.TitleLength)]
    public string? Title { get; set; }
    [Display(Name = "plans.document_number"), StringLength(ActionPlan.NumberLength)]
    public string? DocumentNumber { get; set; }
    [Display(Name = "plans.issuing_body"), StringLength(ActionPlan.BodyLength)]
    public string? IssuingBody { get; set; }
    [Display(Name = "plans.issued_on")]
    public DateOnly? IssuedOn { get; set; }
    [Display(Name = "plans.period_start")]
    public DateOnly? PeriodStart { get; set; }
    [Display(Name = "plans.period_end")]
    public DateOnly? PeriodEnd { get; set; }
    [Display(Name = "plans.reason"), StringLength(PlanRevision.ReasonLength)]
    public string? Reason { get; set; }
}

/// <summary>Drafts a plan of the official's own office (no id), or changes one: after issue, with the reason of the revision.</summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(ActionPlan))]
public sealed class EditModel(QualisDb db, PlanSteps steps, Qualis.Platform.Time.PeopleClock clock, IStringLocalizer l) : PageModel
{
    [BindProperty] public PlanForm Form { get; set; } = new();
    public ActionPlan? Plan { get; private set; }
    public string? Error(string field) => ModelState.Error("Form." + field);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is not null)
        {
            if (await PlanAccess.FindAsync(db, id.Value, ct) is not { } plan) return NotFound();
            if (!PlanAccess.CanEdit(db, plan)) return Forbid();
            Plan = plan;
            Form = new PlanForm
            {
                Year = plan.Year, Title = plan.Title, DocumentNumber = plan.DocumentNumber, IssuingBody = plan.IssuingBody, IssuedOn = plan.IssuedOn,
                PeriodStart = plan.PeriodStart, PeriodEnd = plan.PeriodEnd,
            };
        }
        else
        {
            var year = clock.Today.Year;
            Form = new PlanForm { Year = year, PeriodStart = new DateOnly(year, 1, 1), PeriodEnd = new DateOnly(year, 12, 31) };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (db.Actor.RegionPath is not { } own) return Forbid();
        ActionPlan? plan = null;
        if (id is not null)
        {
            if ((plan = await PlanAccess.FindAsync(db, id.Value, ct)) is null) return NotFound();
            if (!PlanAccess.CanEdit(db, plan)) return Forbid();
            Plan = plan;
        }
        void Fail(string field, string key, params object[] args) => ModelState.AddModelError("Form." + field, l[key, args]);
        var title = Form.Title?.Trim() ?? "";
        if (title.Length == 0) Fail(nameof(Form.Title), "plans.error.title_required");
        if (Form.Year is null) Fail(nameof(Form.Year), "plans.error.year_required");
        if (string.IsNullOrWhiteSpace(Form.IssuingBody)) Fail(nameof(Form.IssuingBody), "plans.error.body_required");
        if (Form.PeriodStart is null) Fail(nameof(Form.PeriodStart), "plans.error.period_required");
        if (Form.PeriodEnd is null) Fail(nameof(Form.PeriodEnd), "plans.error.period_required");
        else if (Form.PeriodStart is { } s && Form.PeriodEnd < s) Fail(nameof(Form.PeriodEnd), "plans.error.period_order");
        if (!ModelState.IsValid) return Page();

        var year = Form.Year!.Value;
        var code = PlanAccess.CodeOf(plan?.RegionPath ?? own);
        if (await db.Set<ActionPlan>().AnyAsync(p => p.RegionCode == code && p.Year == year && p.Title == title && p.Id != id, ct))
        {
            Fail(nameof(Form.Title), "plans.error.plan_exists", year, title);
            return Page();
        }
        var isNew = plan is null;
        if (plan is null)
        {
            var parentPath = Region.PathsAbove(own).LastOrDefault();
            var parent = parentPath is null ? null : await db.Set<ActionPlan>().OutsideArea(AreaReason.IssuedPlanAbove)
                .Where(p => p.RegionPath == parentPath && p.Year == year && p.Status != PlanStatus.Draft)
                .OrderByDescending(p => p.IssuedAt).ThenBy(p => p.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
            db.Set<ActionPlan>().Add(plan = new ActionPlan { RegionCode = code, RegionPath = own, ParentPlanId = parent });
        }
        else
        {
            try { steps.Revise(plan, l["plans.revision.plan"].Value, Form.Reason); }
            catch (PlanRefusedException e) { ModelState.Refused(l, e); return Page(); }
        }
        plan.Year = year;
        plan.Title = title;
        plan.DocumentNumber = string.IsNullOrWhiteSpace(Form.DocumentNumber) ? null : Form.DocumentNumber.Trim();
        plan.IssuingBody = Form.IssuingBody!.Trim();
        plan.IssuedOn = Form.IssuedOn;
        plan.PeriodStart = Form.PeriodStart!.Value;
        plan.PeriodEnd = Form.PeriodEnd!.Value;
        var saved = await db.OrFirstResultAsync(async () => { await db.SaveChangesAsync(ct); return true; }, () => Task.FromResult(false));
        if (!saved)
        {
            // Two identical posts at once: the unique index let the first through; this one is told as a later post would be.
            if (isNew && await db.Set<ActionPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.RegionCode == code && p.Year == year && p.Title == title, CancellationToken.None) is { } first)
                return this.AlreadyDoneAt("/Plans/" + first.Id, l["plans.error.plan_exists", year, title].Value);
            ModelState.AddModelError("", l["plans.error.changed_meanwhile"]);
            return Page();
        }
        TempData["Message"] = l["user.saved"].Value;
        return Redirect("/Plans/" + plan.Id);
    }
}
