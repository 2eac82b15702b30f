using System.ComponentModel.DataAnnotations;
using Qualis.Features.Assessment.Scoring;
using Qualis.Features.Departments;
using Qualis.Platform.Indicators;
using Qualis.Platform.Web;

namespace Qualis.Features.Assessment.Items;

/// <summary>The fields of a scoring-sheet item, as posted.</summary>
public sealed class ItemForm
{
    [Display(Name = "assessment.item.code"), StringLength(20)]
    public string? Code { get; set; }
    [Display(Name = "assessment.item.name"), StringLength(200)]
    public string? Name { get; set; }
    [Display(Name = "assessment.item.order"), Range(0, 10000)]
    public int? Order { get; set; }
    [Display(Name = "assessment.item.points"), Range(0, 1000)]
    public decimal? MaxPoints { get; set; }
    [Display(Name = "assessment.item.type")]
    public ScoringType Type { get; set; } = ScoringType.YesNo;
    [Display(Name = "assessment.item.target"), Range(0, 1000000000)]
    public decimal? Target { get; set; }
    [Display(Name = "assessment.item.deduction"), Range(0, 1000)]
    public decimal? DeductionPerUnit { get; set; }
    [Display(Name = "assessment.item.rank_points"), StringLength(200)]
    public string? RankPoints { get; set; }
    [Display(Name = "assessment.item.indicator"), StringLength(100)]
    public string? IndicatorKey { get; set; }
    [Display(Name = "assessment.item.rule")]
    public ScoringType? Rule { get; set; }
    [Display(Name = "assessment.item.department"), StringLength(100)]
    public string? Department { get; set; }
    [Display(Name = "assessment.item.method"), StringLength(500)]
    public string? Method { get; set; }
    [Display(Name = "assessment.item.evidence"), StringLength(500)]
    public string? Evidence { get; set; }
}

/// <summary>
/// Adds an item to a draft scheme's sheet or corrects one (评分细则): its code places it in the tree (1, 1.2, 1.2.3),
/// the parent must exist; what its scoring type needs is checked by the engine; its scoring department comes from the
/// departments directory. A published scheme is frozen.
/// </summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(AssessmentScheme))]
public sealed class EditModel(QualisDb db, AssessmentService service, IndicatorCatalog indicators, IStringLocalizer l) : PageModel
{
    [BindProperty] public ItemForm Form { get; set; } = new();
    public SchemeBundle Bundle { get; private set; } = null!;
    public Guid? ItemId { get; private set; }
    public List<DepartmentEntry> Departments { get; private set; } = [];
    public IndicatorCatalog Indicators => indicators;
    public string? Frozen { get; private set; }

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    private async Task<bool> LoadAsync(Guid id, Guid? itemId, CancellationToken ct)
    {
        if (await service.LoadAsync(id, ct) is not { } bundle) return false;
        Bundle = bundle;
        ItemId = itemId;
        if (itemId is not null && bundle.Items.All(i => i.Id != itemId)) return false;
        Frozen = !AssessmentService.Runs(User, bundle.Scheme) ? l["assessment.not_yours"].Value
            : bundle.Scheme.Status != SchemeStatus.Draft ? l["assessment.frozen"].Value : null;
        Departments = await DepartmentsFace.ActiveAsync(db, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? itemId, CancellationToken ct)
    {
        if (!await LoadAsync(id, itemId, ct)) return NotFound();
        if (Bundle.Items.FirstOrDefault(i => i.Id == itemId) is { } item)
            Form = new ItemForm
            {
                Code = item.Code, Name = item.Name, Order = item.Order, MaxPoints = item.MaxPoints, Type = item.Type, Target = item.Target,
                DeductionPerUnit = item.DeductionPerUnit, RankPoints = item.RankPoints, IndicatorKey = item.IndicatorKey, Rule = item.Rule,
                Department = item.Department, Method = item.Method, Evidence = item.Evidence,
            };
        else Form.Order = (Bundle.Items.Count == 0 ? 0 : Bundle.Items.Max(i => i.Order)) + 10;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? itemId, CancellationToken ct)
    {
        if (!await LoadAsync(id, itemId, ct)) return NotFound();
        if (Frozen is not null) { ModelState.AddModelError("", Frozen); return Page(); }
        void Fail(string field, string key, params object[] args) => ModelState.AddModelError("Form." + field, l[key, args]);
        var code = Form.Code?.Trim() ?? "";
        var name = Form.Name?.Trim() ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(code, @"^\d{1,3}(\.\d{1,3}){0,2}$")) Fail(nameof(Form.Code), "assessment.item.code_invalid");
        else if (Bundle.Items.Any(i => i.Code == code && i.Id != itemId)) Fail(nameof(Form.Code), "assessment.item.code_taken", code);
        var parent = code.Contains('.') ? code[..code.LastIndexOf('.')] : null;
        if (parent is not null && ModelState.IsValid && Bundle.Items.All(i => i.Code != parent)) Fail(nameof(Form.Code), "assessment.problem.parent_missing", parent);
        if (name.Length == 0) Fail(nameof(Form.Name), "assessment.item.name_required");
        if (Form.MaxPoints is null) Fail(nameof(Form.MaxPoints), "assessment.item.points_required");
        if (!Enum.IsDefined(Form.Type)) Fail(nameof(Form.Type), "assessment.item.type_unknown");
        if (Form.Rule is { } rule && !Enum.IsDefined(rule)) Fail(nameof(Form.Rule), "assessment.item.type_unknown");
        var department = Form.Department?.Trim();
        if (!string.IsNullOrEmpty(department) && await DepartmentsFace.FindAsync(db, department, ct) is not { } found) Fail(nameof(Form.Department), "assessment.item.department_unknown", department);
        else if (!string.IsNullOrEmpty(department)) department = (await DepartmentsFace.FindAsync(db, department, ct))!.Name;
        var rankPoints = string.IsNullOrWhiteSpace(Form.RankPoints) ? null : Form.RankPoints.Trim();
        var item = new SchemeItem
        {
            SchemeId = id, Code = code, ParentCode = parent, Name = name, Order = Form.Order ?? 0, MaxPoints = Form.MaxPoints ?? 0, Type = Form.Type,
            Target = Form.Target, DeductionPerUnit = Form.DeductionPerUnit, RankPoints = rankPoints,
            IndicatorKey = string.IsNullOrWhiteSpace(Form.IndicatorKey) ? null : Form.IndicatorKey.Trim(), Rule = Form.Type == ScoringType.Formula ? Form.Rule : null,
            Department = string.IsNullOrEmpty(department) ? null : department, Method = Form.Method?.Trim(), Evidence = Form.Evidence?.Trim(),
        };
        if (ModelState.IsValid)
            foreach (var problem in ScoringEngine.CheckItem(item.ToScoring(), key => indicators.Find(key) is not null))
            {
                var field = problem.Key switch
                {
                    "assessment.problem.indicator" => nameof(Form.IndicatorKey), "assessment.problem.rule" => nameof(Form.Rule),
                    "assessment.problem.target" => nameof(Form.Target), "assessment.problem.deduction" => nameof(Form.DeductionPerUnit),
                    "assessment.problem.rank_points" => nameof(Form.RankPoints), _ => nameof(Form.MaxPoints),
                };
                Fail(field, problem.Key, [.. problem.Args]);
            }
        if (!ModelState.IsValid) return Page();

        var stored = Bundle.Items.FirstOrDefault(i => i.Id == itemId);
        if (stored is null) db.Set<SchemeItem>().Add(item);
        else
        {
            // Children follow a renamed parent's code.
            if (stored.Code != code)
                foreach (var child in Bundle.Items.Where(i => i.ParentCode == stored.Code)) child.ParentCode = code;
            stored.Code = item.Code; stored.ParentCode = item.ParentCode; stored.Name = item.Name; stored.Order = item.Order; stored.MaxPoints = item.MaxPoints;
            stored.Type = item.Type; stored.Target = item.Target; stored.DeductionPerUnit = item.DeductionPerUnit; stored.RankPoints = item.RankPoints;
            stored.IndicatorKey = item.IndicatorKey; stored.Rule = item.Rule; stored.Department = item.Department; stored.Method = item.Method; stored.Evidence = item.Evidence;
        }
        db.Touch(Bundle.Scheme);
        var saved = await db.OrFirstResultAsync(async () => { await db.SaveChangesAsync(ct); return true; }, () => Task.FromResult(false));
        if (!saved)
        {
            Fail(nameof(Form.Code), "assessment.item.code_taken", code);
            return Page();
        }
        TempData["Message"] = l["user.saved"].Value;
        return Redirect("/Assessment/Schemes/" + id);
    }

    /// <summary>Removes an item of a draft sheet, with the items under it.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid? itemId, CancellationToken ct)
    {
        if (!await LoadAsync(id, itemId, ct)) return NotFound();
        if (Frozen is not null) { ModelState.AddModelError("", Frozen); return Page(); }
        if (Bundle.Items.FirstOrDefault(i => i.Id == itemId) is not { } item) return this.AlreadyDoneAt("/Assessment/Schemes/" + id, l["assessment.item.deleted"].Value);
        foreach (var gone in Bundle.Items.Where(i => i.Code == item.Code || i.Code.StartsWith(item.Code + ".", StringComparison.Ordinal))) db.Remove(gone);
        db.Touch(Bundle.Scheme);
        return await db.OrFirstResultAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["assessment.item.deleted"].Value;
            return (IActionResult)Redirect("/Assessment/Schemes/" + id);
        }, () => Task.FromResult(this.AlreadyDoneAt("/Assessment/Schemes/" + id, l["assessment.item.deleted"].Value)));
    }
}
