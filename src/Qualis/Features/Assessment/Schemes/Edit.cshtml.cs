using System.ComponentModel.DataAnnotations;
using Qualis.Features.Assessment.Scoring;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Assessment.Schemes;

/// <summary>The fields of a scheme's basics, calendar and veto rules, as posted.</summary>
public sealed class SchemeForm
{
    [Display(Name = "assessment.year"), Range(2000, 2100)]
    public int? Year { get; set; }
    [Display(Name = "assessment.title"), StringLength(200)]
    public string? Title { get; set; }
    [Display(Name = "assessment.total"), Range(1, 10000)]
    public decimal? Total { get; set; }
    [Display(Name = "assessment.bands"), StringLength(100)]
    public string? GradeBands { get; set; }
    [Display(Name = "assessment.summary_due")]
    public DateOnly? SummaryDue { get; set; }
    [Display(Name = "assessment.summary_item"), StringLength(20)]
    public string? SummaryItemCode { get; set; }
    [Display(Name = "assessment.step.targetsfiled")]
    public DateOnly? TargetsFiled { get; set; }
    [Display(Name = "assessment.step.selfassessment")]
    public DateOnly? SelfAssessment { get; set; }
    [Display(Name = "assessment.step.sitechecks")]
    public DateOnly? SiteChecks { get; set; }
    [Display(Name = "assessment.step.combinedreview")]
    public DateOnly? CombinedReview { get; set; }
    [Display(Name = "assessment.step.bulletin")]
    public DateOnly? Bulletin { get; set; }
    [Display(Name = "assessment.step.rectification")]
    public DateOnly? Rectification { get; set; }
    /// <summary>One veto rule a line: code|name|grade.</summary>
    [Display(Name = "assessment.vetoes"), StringLength(2000)]
    public string? Vetoes { get; set; }

    public DateOnly? DeadlineOf(AssessmentStep step) => step switch
    {
        AssessmentStep.TargetsFiled => TargetsFiled,
        AssessmentStep.SelfAssessment => SelfAssessment,
        AssessmentStep.SiteChecks => SiteChecks,
        AssessmentStep.CombinedReview => CombinedReview,
        AssessmentStep.Bulletin => Bulletin,
        _ => Rectification,
    };
}

/// <summary>Creates a scheme of the official's own area, or corrects a draft one: basics, calendar, grade bands and veto rules.</summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(AssessmentScheme))]
public sealed class EditModel(QualisDb db, AssessmentService service, IStringLocalizer l) : PageModel
{
    [BindProperty] public SchemeForm Form { get; set; } = new();
    public Guid? Id { get; private set; }
    public string? SavedTitle { get; private set; }
    /// <summary>Why the scheme cannot be changed here (published, or another area's), or null.</summary>
    public string? Frozen { get; private set; }

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            if (await service.LoadAsync(existing, ct) is not { } bundle) return NotFound();
            var s = bundle.Scheme;
            SavedTitle = s.Title;
            Frozen = FrozenReason(s);
            Form = new SchemeForm
            {
                Year = s.Year, Title = s.Title, Total = s.Total, GradeBands = s.GradeBands, SummaryDue = s.SummaryDue, SummaryItemCode = s.SummaryItemCode,
                TargetsFiled = bundle.Deadline(AssessmentStep.TargetsFiled), SelfAssessment = bundle.Deadline(AssessmentStep.SelfAssessment),
                SiteChecks = bundle.Deadline(AssessmentStep.SiteChecks), CombinedReview = bundle.Deadline(AssessmentStep.CombinedReview),
                Bulletin = bundle.Deadline(AssessmentStep.Bulletin), Rectification = bundle.Deadline(AssessmentStep.Rectification),
                Vetoes = string.Join("\n", bundle.Vetoes.Select(v => $"{v.Code}|{v.Name}|{v.Grade}")),
            };
        }
        else
        {
            Form.Year = DateTime.UtcNow.Year;
            Form.Total = 100m;
            Form.GradeBands = Scoring.GradeBands.Default;
        }
        return Page();
    }

    private string? FrozenReason(AssessmentScheme s) =>
        !AssessmentService.Runs(User, s) ? l["assessment.not_yours"].Value
        : s.Status != SchemeStatus.Draft ? l["assessment.frozen"].Value : null;

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        SchemeBundle? bundle = null;
        if (id is { } existing)
        {
            if ((bundle = await service.LoadAsync(existing, ct)) is null) return NotFound();
            SavedTitle = bundle.Scheme.Title;
            if ((Frozen = FrozenReason(bundle.Scheme)) is not null) { ModelState.AddModelError("", Frozen); return Page(); }
        }
        void Fail(string field, string key, params object[] args) => ModelState.AddModelError("Form." + field, l[key, args]);
        var title = Form.Title?.Trim() ?? "";
        if (Form.Year is null) Fail(nameof(Form.Year), "assessment.year_required");
        if (title.Length == 0) Fail(nameof(Form.Title), "assessment.title_required");
        if (Form.Total is null) Fail(nameof(Form.Total), "assessment.total_required");
        var bands = GradeBands.TryParse(Form.GradeBands);
        if (bands is null) Fail(nameof(Form.GradeBands), "assessment.bands_invalid");
        var vetoes = ParseVetoes(Form.Vetoes, bands, out var vetoProblem);
        if (vetoProblem is not null) Fail(nameof(Form.Vetoes), vetoProblem);
        var region = User.Get(QualisClaims.RegionCode) ?? "";
        var regionPath = await db.Set<Region>().AsNoTracking().Where(r => r.Code == region).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
        if (regionPath is null) ModelState.AddModelError("", l["assessment.not_yours"].Value);
        if (ModelState.IsValid && Form.Year is { } year && await db.Set<AssessmentScheme>().AnyAsync(s => s.RegionCode == region && s.Year == year && s.Id != id, ct))
            Fail(nameof(Form.Year), "assessment.year_taken", year);
        if (!ModelState.IsValid) return Page();

        var scheme = bundle?.Scheme ?? new AssessmentScheme { RegionCode = region, RegionPath = regionPath! };
        if (bundle is null) db.Set<AssessmentScheme>().Add(scheme);
        scheme.Year = Form.Year!.Value;
        scheme.Title = title;
        scheme.Total = Form.Total!.Value;
        scheme.GradeBands = bands!.ToString();
        scheme.SummaryDue = Form.SummaryDue;
        scheme.SummaryItemCode = string.IsNullOrWhiteSpace(Form.SummaryItemCode) ? null : Form.SummaryItemCode.Trim();
        var steps = bundle?.Steps ?? [];
        foreach (var step in Enum.GetValues<AssessmentStep>())
        {
            var row = steps.FirstOrDefault(s => s.Step == step);
            var deadline = Form.DeadlineOf(step);
            if (deadline is null) { if (row is not null) db.Remove(row); }
            else if (row is null) db.Set<SchemeStep>().Add(new SchemeStep { SchemeId = scheme.Id, Step = step, Deadline = deadline.Value });
            else row.Deadline = deadline.Value;
        }
        foreach (var old in bundle?.Vetoes ?? []) if (!vetoes.Any(v => v.Code == old.Code)) db.Remove(old);
        foreach (var v in vetoes)
        {
            var row = bundle?.Vetoes.FirstOrDefault(o => o.Code == v.Code);
            if (row is null) db.Set<SchemeVeto>().Add(new SchemeVeto { SchemeId = scheme.Id, Code = v.Code, Name = v.Name, Grade = v.Grade });
            else { row.Name = v.Name; row.Grade = v.Grade; }
        }
        if (bundle is not null) db.Touch(scheme);
        var saved = await db.OrFirstResultAsync(async () => { await db.SaveChangesAsync(ct); return true; }, () => Task.FromResult(false));
        if (!saved)
        {
            Fail(nameof(Form.Year), "assessment.year_taken", Form.Year!.Value);
            return Page();
        }
        TempData["Message"] = l["user.saved"].Value;
        return Redirect("/Assessment/Schemes/" + scheme.Id);
    }

    /// <summary>Veto rules, one a line as code|name|grade, the grade one of the bands'.</summary>
    private static List<VetoRule> ParseVetoes(string? text, GradeBands? bands, out string? problem)
    {
        problem = null;
        var list = new List<VetoRule>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || parts[0].Length is 0 or > 20 || parts[1].Length is 0 or > 200
                || (bands is not null && !bands.Bands.Any(b => b.Grade == parts[2])) || list.Any(v => v.Code == parts[0]))
            {
                problem = "assessment.vetoes_invalid";
                return [];
            }
            list.Add(new VetoRule(parts[0], parts[1], parts[2]));
        }
        return list;
    }
}
