using System.ComponentModel.DataAnnotations;
using Qualis.Features.Departments;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>The fields of the measure form, as posted.</summary>
public sealed class MeasureForm
{
    [Display(Name = "plans.measure_number"), StringLength(PlanMeasure.NumberLength)]
    public string? Number { get; set; }
    [Display(Name = "plans.measure_text"), StringLength(PlanMeasure.TextLength)]
    public string? Text { get; set; }
    [Display(Name = "plans.measure_parent")]
    public Guid? ParentId { get; set; }
    [Display(Name = "plans.order"), Range(0, 10000)]
    public int? Order { get; set; }
    [Display(Name = "plans.role.Lead")]
    public List<Guid> Leads { get; set; } = [];
    [Display(Name = "plans.role.Contributor")]
    public List<Guid> Contributors { get; set; } = [];
    [Display(Name = "plans.reason"), StringLength(PlanRevision.ReasonLength)]
    public string? Reason { get; set; }
}

/// <summary>Adds a measure to a plan of the official's own office, or changes one (with a reason once the plan is issued).</summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(ActionPlan))]
public sealed class MeasureModel(QualisDb db, PlanSteps steps, IStringLocalizer l) : PageModel
{
    [BindProperty] public MeasureForm Form { get; set; } = new();
    public ActionPlan Plan { get; private set; } = null!;
    public Guid? MeasureId { get; private set; }
    public List<PlanMeasure> Others { get; private set; } = [];
    public List<DepartmentEntry> Departments { get; private set; } = [];
    public string? Error(string field) => ModelState.Error("Form." + field);

    private async Task<IActionResult?> LoadAsync(Guid id, Guid? measureId, CancellationToken ct)
    {
        if (await PlanAccess.FindAsync(db, id, ct) is not { } plan) return NotFound();
        if (!PlanAccess.CanEdit(db, plan)) return Forbid();
        Plan = plan;
        MeasureId = measureId;
        Others = await db.Set<PlanMeasure>().AsNoTracking().Where(m => m.PlanId == id && m.Id != measureId).OrderBy(m => m.Order).ToListAsync(ct);
        Departments = await DepartmentsFace.ActiveAsync(db, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? measureId, CancellationToken ct)
    {
        if (await LoadAsync(id, measureId, ct) is { } refused) return refused;
        if (measureId is { } mid)
        {
            if (await db.Set<PlanMeasure>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == mid && m.PlanId == id, ct) is not { } m) return NotFound();
            var roles = await db.Set<MeasureDepartment>().AsNoTracking().Where(d => d.MeasureId == mid).ToListAsync(ct);
            Form = new MeasureForm
            {
                Number = m.Number, Text = m.Text, ParentId = m.ParentId, Order = m.Order,
                Leads = roles.Where(r => r.Role == MeasureRole.Lead).Select(r => r.DepartmentId).ToList(),
                Contributors = roles.Where(r => r.Role == MeasureRole.Contributor).Select(r => r.DepartmentId).ToList(),
            };
        }
        else Form.Order = (Others.Count == 0 ? 0 : Others.Max(o => o.Order)) + 10;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? measureId, CancellationToken ct)
    {
        if (await LoadAsync(id, measureId, ct) is { } refused) return refused;
        PlanMeasure? measure = null;
        if (measureId is { } mid && (measure = await db.Set<PlanMeasure>().SingleOrDefaultAsync(m => m.Id == mid && m.PlanId == id, ct)) is null) return NotFound();
        void Fail(string field, string key, params object[] args) => ModelState.AddModelError("Form." + field, l[key, args]);
        var number = Form.Number?.Trim() ?? "";
        var text = Form.Text?.Trim() ?? "";
        if (number.Length == 0) Fail(nameof(Form.Number), "plans.error.number_required");
        if (text.Length == 0) Fail(nameof(Form.Text), "plans.error.text_required");
        if (Form.ParentId is { } parent && Others.All(o => o.Id != parent)) Fail(nameof(Form.ParentId), "plans.error.parent_unknown");
        else if (measureId is { } self && Form.ParentId is { } p2 && IsBelow(p2, self)) Fail(nameof(Form.ParentId), "plans.error.parent_loop");
        var known = Departments.Select(d => d.Id).ToHashSet();
        if (Form.Leads.Concat(Form.Contributors).Any(d => !known.Contains(d))) Fail(nameof(Form.Leads), "plans.error.department_unknown");
        if (Form.Leads.Intersect(Form.Contributors).Any()) Fail(nameof(Form.Contributors), "plans.error.department_twice");
        if (ModelState.IsValid && await db.Set<PlanMeasure>().AnyAsync(m => m.PlanId == id && m.ParentId == Form.ParentId && m.Number == number && m.Id != measureId, ct))
            Fail(nameof(Form.Number), "plans.error.number_taken", number);
        if (!ModelState.IsValid) return Page();

        try { steps.Revise(Plan, l[measure is null ? "plans.revision.measure_added" : "plans.revision.measure_changed", number].Value, Form.Reason); }
        catch (PlanRefusedException e) { ModelState.Refused(l, e); return Page(); }
        if (measure is null) db.Set<PlanMeasure>().Add(measure = new PlanMeasure { PlanId = id });
        // Checked against the plan's version: two posts of the same new measure at once store one.
        db.Touch(Plan);
        measure.Number = number;
        measure.Text = text;
        measure.ParentId = Form.ParentId;
        measure.Order = Form.Order ?? 0;
        var existing = await db.Set<MeasureDepartment>().Where(d => d.MeasureId == measure.Id).ToListAsync(ct);
        var wanted = Form.Leads.Distinct().Select(d => (d, MeasureRole.Lead)).Concat(Form.Contributors.Distinct().Select(d => (d, MeasureRole.Contributor))).ToList();
        foreach (var row in existing)
        {
            var match = wanted.FirstOrDefault(w => w.d == row.DepartmentId);
            if (match == default) db.Remove(row);
            else row.Role = match.Item2;
        }
        foreach (var (department, role) in wanted.Where(w => existing.All(e => e.DepartmentId != w.d)))
            db.Set<MeasureDepartment>().Add(new MeasureDepartment { PlanId = id, MeasureId = measure.Id, DepartmentId = department, Role = role });
        if (!await db.OrFirstResultAsync(async () => { await db.SaveChangesAsync(ct); return true; }, () => Task.FromResult(false)))
            return this.AlreadyDoneAt("/Plans/" + id, l["plans.already_done"].Value);
        TempData["Message"] = l["user.saved"].Value;
        return Redirect("/Plans/" + id);
    }

    /// <summary>Whether <paramref name="candidate"/> lies under <paramref name="measure"/> (it cannot become the measure's parent).</summary>
    private bool IsBelow(Guid candidate, Guid measure)
    {
        var byId = Others.ToDictionary(o => o.Id);
        for (Guid? at = candidate; at is { } a && byId.TryGetValue(a, out var m); at = m.ParentId)
            if (m.ParentId == measure) return true;
        return false;
    }
}
