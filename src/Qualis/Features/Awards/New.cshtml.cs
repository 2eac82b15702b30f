using System.ComponentModel.DataAnnotations;
using Qualis.Features.Recognition;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Awards;

/// <summary>The fields of a call (评选通知), as posted.</summary>
public sealed class RoundForm
{
    [Display(Name = "award.title"), StringLength(AwardRound.TitleLength)] public string? Title { get; set; }
    [Display(Name = "award.year")] public int? Year { get; set; }
    [Display(Name = "award.categories"), StringLength(AwardRound.TextLength)] public string? Categories { get; set; }
    [Display(Name = "award.winner_quota")] public int? WinnerQuota { get; set; }
    [Display(Name = "award.nominee_quota")] public int? NomineeQuota { get; set; }
    [Display(Name = "award.deadline")] public DateOnly? Deadline { get; set; }
    [Display(Name = "award.stages"), StringLength(AwardRound.TextLength)] public string? Stages { get; set; }
    [Display(Name = "award.model"), StringLength(AwardRound.TextLength)] public string? Model { get; set; }
    [Display(Name = "award.publicity_days")] public int? PublicityDays { get; set; }
    [Display(Name = "award.validity_years")] public int? ValidityYears { get; set; }
    [Display(Name = "award.requires_recommendation")] public bool RequiresRecommendation { get; set; }
    [Display(Name = "award.lookback_years")] public int? LookbackYears { get; set; }
    [Display(Name = "award.experts_per_applicant")] public int? ExpertsPerApplicant { get; set; }
    [Display(Name = "award.combination")] public ScoreCombination? Combination { get; set; }
    [Display(Name = "award.score_by")] public DateOnly? ScoreBy { get; set; }
}

/// <summary>
/// Opens a round of the office's award (发布评选通知): the level is the office's (province, city, county), the stages and the
/// scoring model come filled with the defaults (GB/T 19580-2012) and can be changed as data. A double submission meets
/// the unique index of office, year and title and lands on the first round.
/// </summary>
[Authorize(Policy = AwardsModule.EditorsPolicy)]
public sealed class NewModel(QualisDb db, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty] public RoundForm Form { get; set; } = new();

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public void OnGet()
    {
        var today = clock.Today;
        Form = new RoundForm
        {
            Year = today.Year, Categories = "制造业\n服务业", WinnerQuota = 5, NomineeQuota = 5, Deadline = today.AddDays(30),
            Stages = AwardRules.Format(AwardRules.DefaultStages), Model = AwardRules.Format(AwardRules.DefaultModel),
            PublicityDays = AwardRules.DefaultPublicityDays, ValidityYears = AwardRules.DefaultValidityYears, RequiresRecommendation = true,
            LookbackYears = AwardRules.DefaultLookbackYears, ExpertsPerApplicant = AwardRules.DefaultExpertsPerApplicant, Combination = ScoreCombination.TrimmedMean,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var f = Form;
        var today = clock.Today;
        void Problem(string field, string key, params object[] args) => ModelState.AddModelError("Form." + field, l[key, args]);
        var title = f.Title?.Trim() ?? "";
        if (title.Length == 0) Problem(nameof(f.Title), "award.error.title_required");
        if (f.Year is not { } year || year < today.Year - 1 || year > today.Year + 1) Problem(nameof(f.Year), "award.error.year_range", today.Year - 1, today.Year + 1);
        var categories = AwardRules.Categories(f.Categories);
        if (categories.Count == 0) Problem(nameof(f.Categories), "award.error.categories_required");
        if (f.WinnerQuota is not (>= 1 and <= 500)) Problem(nameof(f.WinnerQuota), "award.error.quota_range", 1, 500);
        if (f.NomineeQuota is not (>= 0 and <= 500)) Problem(nameof(f.NomineeQuota), "award.error.quota_range", 0, 500);
        if (f.Deadline is not { } deadline || deadline < today) Problem(nameof(f.Deadline), "award.error.deadline_past", today.ToString("yyyy-MM-dd"));
        var (stages, stageProblems) = AwardRules.Stages(f.Stages);
        var (model, modelProblems) = AwardRules.Model(f.Model);
        foreach (var p in stageProblems.Concat(modelProblems)) Problem(p.Field, p.Key, p.Args);
        if (f.PublicityDays is not (>= 5 and <= 30)) Problem(nameof(f.PublicityDays), "award.error.days_range", 5, 30);
        if (f.ValidityYears is not (>= 1 and <= 10)) Problem(nameof(f.ValidityYears), "award.error.years_range", 1, 10);
        if (f.LookbackYears is not (>= 0 and <= 10)) Problem(nameof(f.LookbackYears), "award.error.years_range", 0, 10);
        if (f.ExpertsPerApplicant is not (>= AwardRules.MinExperts and <= AwardRules.MaxExperts))
            Problem(nameof(f.ExpertsPerApplicant), "award.error.experts_range", AwardRules.MinExperts, AwardRules.MaxExperts);
        if (f.Combination is not { } combination || !Enum.IsDefined(combination)) Problem(nameof(f.Combination), "award.error.combination_required");
        if (f.ScoreBy is { } by && f.Deadline is { } d && by <= d) Problem(nameof(f.ScoreBy), "award.error.score_by_after_deadline");
        if (db.Actor.RegionPath is not { } path) Problem(nameof(f.Title), "award.error.no_office");
        if (!ModelState.IsValid) return Page();

        var office = db.Actor.RegionPath!;
        var code = office.Split('/', StringSplitOptions.RemoveEmptyEntries).Last();
        var round = new AwardRound
        {
            Title = title, Year = f.Year!.Value, Level = (office.Count(c => c == '/') - 1) switch { 1 => RecognitionLevel.Provincial, 2 => RecognitionLevel.City, _ => RecognitionLevel.County },
            Categories = string.Join("\n", categories), WinnerQuota = f.WinnerQuota!.Value, NomineeQuota = f.NomineeQuota!.Value, Deadline = f.Deadline!.Value,
            Stages = AwardRules.Format(stages), Model = AwardRules.Format(model), PublicityDays = f.PublicityDays!.Value, ValidityYears = f.ValidityYears!.Value,
            RequiresRecommendation = f.RequiresRecommendation, LookbackYears = f.LookbackYears!.Value, ExpertsPerApplicant = f.ExpertsPerApplicant!.Value,
            Combination = f.Combination!.Value, ScoreBy = f.ScoreBy, RegionCode = code, RegionPath = office, CreatedAt = clock.UtcNow, CreatedBy = User.Identity?.Name ?? "",
        };
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<AwardRound>().Add(round);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["award.opened"].Value;
            return Redirect("/Awards/" + round.Id);
        }, async () => await db.Set<AwardRound>().AsNoTracking().FirstOrDefaultAsync(r => r.RegionCode == code && r.Year == round.Year && r.Title == title, CancellationToken.None) is { } first
            ? this.AlreadyDoneAt("/Awards/" + first.Id, l["award.already_opened", first.Title].Value)
            : throw new InvalidOperationException("A round lost a race to no round of the same title."));
    }
}
