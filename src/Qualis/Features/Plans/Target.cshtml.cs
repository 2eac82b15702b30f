using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Indicators;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>The fields of the target form, as posted; which apply depends on the kind (the rules say which are required).</summary>
public sealed class TargetForm
{
    [Display(Name = "plans.measure")]
    public Guid? MeasureId { get; set; }
    [Display(Name = "plans.target_name"), StringLength(PlanTarget.NameLength)]
    public string? Name { get; set; }
    [Display(Name = "plans.kind")]
    public TargetKind Kind { get; set; } = TargetKind.Minimum;
    [Display(Name = "plans.per_city")]
    public bool PerCity { get; set; } = true;
    [Display(Name = "plans.value")]
    public decimal? Value { get; set; }
    [Display(Name = "plans.baseline_year"), Range(2000, 2100)]
    public int? BaselineYear { get; set; }
    [Display(Name = "plans.due_on")]
    public DateOnly? DueOn { get; set; }
    [Display(Name = "plans.tolerance")]
    public decimal? Tolerance { get; set; }
    [Display(Name = "plans.source")]
    public TargetSource Source { get; set; } = TargetSource.Indicator;
    [Display(Name = "plans.indicator"), StringLength(PlanTarget.KeyLength)]
    public string? IndicatorKey { get; set; }
    [Display(Name = "plans.order"), Range(0, 10000)]
    public int? Order { get; set; }
    [Display(Name = "plans.reason"), StringLength(PlanRevision.ReasonLength)]
    public string? Reason { get; set; }
}

/// <summary>
/// Adds a target to a measure or changes one. The kind's rules decide what is required (a growth target its baseline
/// year, a rate 0–100, a total or deadline its day); a target naming an indicator the catalogue lacks is refused, naming it.
/// </summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(ActionPlan))]
public sealed class TargetModel(QualisDb db, PlanSteps steps, IndicatorCatalog catalog, IStringLocalizer l) : PageModel
{
    [BindProperty] public TargetForm Form { get; set; } = new();
    public ActionPlan Plan { get; private set; } = null!;
    public Guid? TargetId { get; private set; }
    public List<PlanMeasure> Measures { get; private set; } = [];
    public IReadOnlyCollection<IIndicator> Indicators => catalog.All;
    public string? Error(string field) => ModelState.Error("Form." + field);

    private async Task<IActionResult?> LoadAsync(Guid id, Guid? targetId, CancellationToken ct)
    {
        if (await PlanAccess.FindAsync(db, id, ct) is not { } plan) return NotFound();
        if (!PlanAccess.CanEdit(db, plan)) return Forbid();
        Plan = plan;
        TargetId = targetId;
        Measures = await db.Set<PlanMeasure>().AsNoTracking().Where(m => m.PlanId == id).OrderBy(m => m.Order).ToListAsync(ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? targetId, Guid? measure, CancellationToken ct)
    {
        if (await LoadAsync(id, targetId, ct) is { } refused) return refused;
        if (targetId is { } tid)
        {
            if (await db.Set<PlanTarget>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == tid && t.PlanId == id, ct) is not { } t) return NotFound();
            Form = new TargetForm
            {
                MeasureId = t.MeasureId, Name = t.Name, Kind = t.Kind, PerCity = t.PerCity, Value = t.Value, BaselineYear = t.BaselineYear, DueOn = t.DueOn,
                Tolerance = t.Tolerance, Source = t.Source, IndicatorKey = t.IndicatorKey, Order = t.Order,
            };
        }
        else Form.MeasureId = measure ?? Measures.FirstOrDefault()?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? targetId, CancellationToken ct)
    {
        if (await LoadAsync(id, targetId, ct) is { } refused) return refused;
        PlanTarget? target = null;
        if (targetId is { } tid && (target = await db.Set<PlanTarget>().SingleOrDefaultAsync(t => t.Id == tid && t.PlanId == id, ct)) is null) return NotFound();
        void Fail(string field, string key, params object?[] args) => ModelState.AddModelError("Form." + field, l[key, args!]);
        var name = Form.Name?.Trim() ?? "";
        if (name.Length == 0) Fail(nameof(Form.Name), "plans.error.target_name_required");
        if (Form.MeasureId is not { } measureId || Measures.All(m => m.Id != measureId)) Fail(nameof(Form.MeasureId), "plans.error.measure_unknown");
        if (!Enum.IsDefined(Form.Kind)) Fail(nameof(Form.Kind), "plans.error.kind_unknown");
        if (!Enum.IsDefined(Form.Source)) Fail(nameof(Form.Source), "plans.error.source_unknown");
        if (Form.Kind != TargetKind.Deadline && Form.Value is null) Fail(nameof(Form.Value), "plans.error.value_required");
        var definition = new TargetDefinition(Form.Kind, Form.Value ?? 0, Plan.PeriodStart, Plan.PeriodEnd, Form.DueOn, Form.Tolerance ?? 0, Form.BaselineYear);
        foreach (var (field, key, arg) in TargetRules.Problems(definition, Plan.Year).Where(p => p.Field != "PeriodEnd"))
            if (!ModelState.ContainsKey("Form." + field) || ModelState["Form." + field]!.Errors.Count == 0) Fail(field, key, arg);
        var indicatorKey = Form.IndicatorKey?.Trim();
        if (Form.Source == TargetSource.Indicator)
        {
            if (string.IsNullOrEmpty(indicatorKey)) Fail(nameof(Form.IndicatorKey), "plans.error.indicator_required");
            else if (catalog.Find(indicatorKey) is null) Fail(nameof(Form.IndicatorKey), "plans.error.indicator_unknown", indicatorKey);
        }
        if (ModelState.IsValid && await db.Set<PlanTarget>().AnyAsync(t => t.PlanId == id && t.MeasureId == Form.MeasureId && t.Name == name && t.Id != targetId, ct))
            Fail(nameof(Form.Name), "plans.error.target_taken", name);
        if (!ModelState.IsValid) return Page();

        try { steps.Revise(Plan, l[target is null ? "plans.revision.target_added" : "plans.revision.target_changed", name].Value, Form.Reason); }
        catch (PlanRefusedException e) { ModelState.Refused(l, e); return Page(); }
        if (target is null) db.Set<PlanTarget>().Add(target = new PlanTarget { PlanId = id });
        // Checked against the plan's version: two posts of the same new target at once store one.
        db.Touch(Plan);
        target.MeasureId = Form.MeasureId!.Value;
        target.Name = name;
        target.Kind = Form.Kind;
        target.PerCity = Form.PerCity;
        target.Value = Form.Kind == TargetKind.Deadline ? 0 : Form.Value!.Value;
        target.BaselineYear = Form.Kind == TargetKind.Growth ? Form.BaselineYear : null;
        target.DueOn = Form.Kind is TargetKind.Total or TargetKind.Deadline ? Form.DueOn : null;
        target.Tolerance = Form.Tolerance ?? 0;
        target.Source = Form.Source;
        target.IndicatorKey = Form.Source == TargetSource.Indicator ? indicatorKey : null;
        target.Order = Form.Order ?? 0;
        if (!await db.OrFirstResultAsync(async () => { await db.SaveChangesAsync(ct); return true; }, () => Task.FromResult(false)))
            return this.AlreadyDoneAt("/Plans/" + id, l["plans.already_done"].Value);
        TempData["Message"] = l["user.saved"].Value;
        return Redirect("/Plans/" + id);
    }
}
