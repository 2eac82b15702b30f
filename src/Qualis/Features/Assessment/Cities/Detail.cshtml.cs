using System.ComponentModel.DataAnnotations;
using Qualis.Features.Assessment.Scoring;
using Qualis.Platform.Accounts;
using Qualis.Platform.Attachments;
using Qualis.Platform.Indicators;
using Qualis.Platform.Web;

namespace Qualis.Features.Assessment.Cities;

/// <summary>A city's figure, note and evidence for one item (自评), as posted.</summary>
public sealed class ScoreForm
{
    [Display(Name = "assessment.item.code"), StringLength(20)]
    public string? ItemCode { get; set; }
    [Display(Name = "assessment.value")]
    public decimal? Value { get; set; }
    [Display(Name = "assessment.met")]
    public bool Met { get; set; }
    [Display(Name = "assessment.note"), StringLength(1000)]
    public string? Note { get; set; }
    [Display(Name = "assessment.version")]
    public int Version { get; set; }
}

/// <summary>The scoring department's decision on one item (审核), as posted.</summary>
public sealed class ReviewForm
{
    [Display(Name = "assessment.item.code"), StringLength(20)]
    public string? ItemCode { get; set; }
    [Display(Name = "assessment.review")]
    public ReviewState Decision { get; set; } = ReviewState.Accepted;
    [Display(Name = "assessment.adjusted_points")]
    public decimal? Points { get; set; }
    [Display(Name = "assessment.review_reason"), StringLength(500)]
    public string? Reason { get; set; }
    [Display(Name = "assessment.version")]
    public int Version { get; set; }
}

/// <summary>An on-site check (实地核查), as posted.</summary>
public sealed class CheckForm
{
    [Display(Name = "assessment.check.on")]
    public DateOnly? VisitedOn { get; set; }
    [Display(Name = "assessment.check.site"), StringLength(200)]
    public string? Site { get; set; }
    [Display(Name = "assessment.check.unannounced")]
    public bool Unannounced { get; set; }
    [Display(Name = "assessment.check.findings"), StringLength(1000)]
    public string? Findings { get; set; }
}

/// <summary>A veto rule found to apply (一票否决), as posted.</summary>
public sealed class VetoForm
{
    [Display(Name = "assessment.veto"), StringLength(20)]
    public string? Code { get; set; }
    [Display(Name = "assessment.veto_reason"), StringLength(500)]
    public string? Reason { get; set; }
}

/// <summary>One item as the page shows it: the sheet's item, the city's score row, its evidence and the points it gives now.</summary>
public sealed record ItemView(SchemeItem Item, ItemScore? Score, List<ItemEvidence> Evidence, ExplanationLine? Line, bool CanReview, IndicatorUnit? Unit);

/// <summary>
/// One city's assessment (城市考核): the city files its targets, scores itself item by item — the items the platform
/// counts are pre-filled with its figure and a link to the records, the city explains or corrects them with evidence —
/// submits, hands in its work summary and, ranked last, its rectification report; each item's scoring department
/// reviews it (accept, or adjust with a reason); the area running the scheme records on-site checks and vetoes.
/// </summary>
[Authorize(Policy = AssessmentModule.ReadersPolicy)]
[RecordPage(typeof(CityAssessment))]
public sealed class DetailModel(QualisDb db, AssessmentService service, IndicatorCatalog indicators, AttachmentStore store, IStringLocalizer l,
    TimeProvider clock, Qualis.Platform.Time.PeopleClock people) : PageModel
{
    public const long MaxEvidenceBytes = 20 * 1024 * 1024;

    [BindProperty] public ScoreForm Score { get; set; } = new();
    [BindProperty] public ReviewForm Review { get; set; } = new();
    [BindProperty] public CheckForm Check { get; set; } = new();
    [BindProperty] public VetoForm Veto { get; set; } = new();
    [BindProperty, Display(Name = "assessment.note"), StringLength(2000)] public string? Note { get; set; }
    [BindProperty, Display(Name = "assessment.summary"), StringLength(4000)] public string? Summary { get; set; }
    [BindProperty, Display(Name = "assessment.rectification"), StringLength(4000)] public string? Rectification { get; set; }
    /// <summary>The assessment's version the form was shown at: a second click of the same step finds it changed.</summary>
    [BindProperty, Display(Name = "assessment.version")] public int Version { get; set; }

    public CityAssessment City { get; private set; } = null!;
    public SchemeBundle Bundle { get; private set; } = null!;
    public string CityName { get; private set; } = "";
    public List<ItemView> Items { get; private set; } = [];
    public List<SiteCheck> Checks { get; private set; } = [];
    public List<CityVeto> Vetoes { get; private set; } = [];
    public decimal ProvisionalScore { get; private set; }
    public bool IsOwnCity { get; private set; }
    public bool Runs { get; private set; }
    public bool SummaryLate { get; private set; }
    public string? Problem { get; private set; }

    public bool CanSelfScore => IsOwnCity && Bundle.Scheme.Status == SchemeStatus.Published && City.Stage is CityStage.Open or CityStage.Filed;
    public bool CanAddChecks => Runs && City.Stage != CityStage.Open && Bundle.Scheme.Status == SchemeStatus.Published;
    public bool CanVeto => Runs && Bundle.Scheme.Status == SchemeStatus.Published;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<CityAssessment>().SingleOrDefaultAsync(c => c.Id == id, ct) is not { } city) return false;
        if (await service.LoadAsync(city.SchemeId, ct) is not { } bundle) return false;
        City = city;
        Bundle = bundle;
        Version = city.Version;
        Runs = AssessmentService.Runs(User, bundle.Scheme);
        IsOwnCity = User.IsInRole(Roles.CityOfficer) || User.IsInRole(Roles.CountyOfficer) ? User.Get(QualisClaims.RegionCode) == city.RegionCode : false;
        CityName = (await service.RegionNamesAsync(ct)).GetValueOrDefault(city.RegionCode, city.RegionCode);
        SummaryLate = AssessmentService.SummaryLate(bundle.Scheme, city, people.Today);
        var scores = await db.Set<ItemScore>().Where(s => s.CityAssessmentId == id).ToListAsync(ct);
        var evidence = await db.Set<ItemEvidence>().AsNoTracking().Where(e => e.CityAssessmentId == id).OrderBy(e => e.UploadedAt).ToListAsync(ct);
        Checks = await db.Set<SiteCheck>().AsNoTracking().Where(c => c.CityAssessmentId == id).OrderBy(c => c.VisitedOn).ToListAsync(ct);
        Vetoes = await db.Set<CityVeto>().AsNoTracking().Where(v => v.CityAssessmentId == id).OrderBy(v => v.VetoCode).ToListAsync(ct);
        // The provisional score of this city alone (a rank item counts as if first until the ranking).
        var inputs = (await service.InputsAsync(bundle, ct)).GetValueOrDefault(city.RegionCode) ?? new CityInputs(new Dictionary<string, ItemInput>());
        var provisional = ScoringEngine.Score(bundle.ToScoring(), new Dictionary<string, CityInputs> { [city.RegionCode] = inputs }).Single();
        ProvisionalScore = provisional.Score;
        Items = [];
        foreach (var item in bundle.Leaves)
            Items.Add(new ItemView(item, scores.FirstOrDefault(s => s.ItemCode == item.Code), evidence.Where(e => e.ItemCode == item.Code).ToList(),
                provisional.Lines.FirstOrDefault(x => x.ItemCode == item.Code), await service.ScoresAsync(User, bundle.Scheme, item, ct),
                item.Type == ScoringType.Formula ? indicators.Find(item.IndicatorKey)?.Unit : null));
        return true;
    }

    private async Task<IActionResult> RefusedAsync(Guid id, string message, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        Problem = message;
        return Page();
    }

    private async Task<IActionResult?> InvalidAsync(Guid id, CancellationToken ct) =>
        ModelState.IsValid ? null : await RefusedAsync(id, l["form.fix_errors"].Value + " " + string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct()), ct);

    private IActionResult Done(Guid id, string key, string anchor = "")
    {
        TempData["Message"] = l[key].Value;
        return Redirect("/Assessment/Cities/" + id + anchor);
    }

    /// <summary>Saves a step on the assessment checked against the version shown; a repeat finds it changed and lands on the page.</summary>
    private Task<IActionResult> SaveAsync(Guid id, string doneKey, CancellationToken ct, string anchor = "") =>
        db.OrFirstResultAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            return Done(id, doneKey, anchor);
        }, () => Task.FromResult(this.AlreadyDoneAt("/Assessment/Cities/" + id + anchor, l["assessment.already_done"].Value)));

    private bool CurrentVersion()
    {
        if (Version == City.Version) return true;
        return false;
    }

    /// <summary>目标备案: the city files its targets for the year, with a note.</summary>
    public async Task<IActionResult> OnPostFileAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await InvalidAsync(id, ct) is { } invalid) return invalid;
        if (!CanSelfScore) return await RefusedAsync(id, l["assessment.not_allowed"].Value, ct);
        if (City.Stage != CityStage.Open || !CurrentVersion()) return this.AlreadyDoneAt("/Assessment/Cities/" + id, l["assessment.already_done"].Value);
        City.Stage = CityStage.Filed;
        City.TargetsFiledOn = people.Today;
        City.Note = string.IsNullOrWhiteSpace(Note) ? City.Note : Note.Trim();
        db.Entry(City).Property(c => c.Version).OriginalValue = Version;
        return await SaveAsync(id, "assessment.filed", ct);
    }

    /// <summary>
    /// 自我评价: the city's figure, note and evidence for one item. A figure below zero, or a rate above 100%, is refused;
    /// a platform figure is corrected only with evidence.
    /// </summary>
    public async Task<IActionResult> OnPostScoreAsync(Guid id, List<IFormFile>? files, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await InvalidAsync(id, ct) is { } invalid) return invalid;
        if (!CanSelfScore) return await RefusedAsync(id, l["assessment.not_allowed"].Value, ct);
        var view = Items.FirstOrDefault(i => i.Item.Code == Score.ItemCode);
        if (view?.Score is not { } score) return await RefusedAsync(id, l["assessment.item_unknown"].Value, ct);
        if (Score.Version != score.Version) return this.AlreadyDoneAt("/Assessment/Cities/" + id + "#item-" + view.Item.Code, l["assessment.already_done"].Value);
        void Fail(string key, params object[] args) => ModelState.AddModelError("Score.Value", l[key, args]);
        var isYesNo = view.Item.Type == ScoringType.YesNo && view.Item.Target is null;
        if (Score.Value is < 0) Fail("assessment.value_negative");
        if (Score.Value is > 100 && view.Unit == IndicatorUnit.Percent) Fail("assessment.value_rate");
        var incoming = (files ?? []).Where(f => f.Length > 0).ToList();
        var corrects = Score.Value is { } v && score.PlatformValue is { } platform && v != platform;
        if (corrects && view.Evidence.Count == 0 && incoming.Count == 0) Fail("assessment.correction_needs_evidence");
        if (await InvalidAsync(id, ct) is { } refused) return refused;

        List<StoredFile> stored = [];
        try
        {
            stored = await store.SaveAsync(City.Id, incoming.Select(f => new IncomingFile(f.FileName, f.Length, f.OpenReadStream)).ToList(), MaxEvidenceBytes, ct);
        }
        catch (AttachmentRefusedException e)
        {
            return await RefusedAsync(id, l["assessment.evidence_refused", e.FileName].Value, ct);
        }
        score.ClaimedValue = isYesNo ? null : score.PlatformValue is not null && Score.Value == score.PlatformValue ? null : Score.Value;
        score.ClaimedMet = isYesNo ? Score.Met : null;
        score.Note = string.IsNullOrWhiteSpace(Score.Note) ? null : Score.Note.Trim();
        db.Entry(score).Property(s => s.Version).OriginalValue = Score.Version;
        db.Entry(score).Property(s => s.Version).IsModified = true;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var f in stored)
            db.Set<ItemEvidence>().Add(EvidenceFile.From(f, new ItemEvidence
                { CityAssessmentId = City.Id, ItemCode = view.Item.Code, UploadedAt = now, UploadedBy = User.Identity?.Name ?? "" }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (OneEffect.LostRace(e))
        {
            store.Delete(stored.Select(s => s.StoredPath));
            db.ChangeTracker.Clear();
            return this.AlreadyDoneAt("/Assessment/Cities/" + id + "#item-" + view.Item.Code, l["assessment.already_done"].Value);
        }
        return Done(id, "assessment.score_saved", "#item-" + view.Item.Code);
    }

    /// <summary>Reads the platform's figures again into this city's items not yet reviewed.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await InvalidAsync(id, ct) is { } invalid) return invalid;
        if (!CanSelfScore && !(Runs && Bundle.Scheme.Status == SchemeStatus.Published)) return await RefusedAsync(id, l["assessment.not_allowed"].Value, ct);
        await service.PrefillAsync(Bundle, [City], ct);
        await db.SaveChangesAsync(ct);
        return Done(id, "assessment.refreshed");
    }

    /// <summary>Submits the self-assessment: the scoring departments review it from now on.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await InvalidAsync(id, ct) is { } invalid) return invalid;
        if (!IsOwnCity || Bundle.Scheme.Status != SchemeStatus.Published) return await RefusedAsync(id, l["assessment.not_allowed"].Value, ct);
        if (City.Stage is not (CityStage.Open or CityStage.Filed) || !CurrentVersion()) return this.AlreadyDoneAt("/Assessment/Cities/" + id, l["assessment.already_done"].Value);
        City.Stage = CityStage.SelfAssessed;
        City.TargetsFiledOn ??= people.Today;
        City.SelfSubmittedAt = clock.GetUtcNow().UtcDateTime;
        db.Entry(City).Property(c => c.Version).OriginalValue = Version;
        return await SaveAsync(id, "assessment.submitted", ct);
    }

    /// <summary>The scoring department reviews one item: accepts the computed points, or adjusts them with a reason.</summary>
    public async Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await InvalidAsync(id, ct) is { } invalid) return invalid;
        var view = Items.FirstOrDefault(i => i.Item.Code == Review.ItemCode);
        if (view?.Score is not { } score || !view.CanReview || City.Stage is not (CityStage.SelfAssessed or CityStage.Reviewed)
            || Bundle.Scheme.Status != SchemeStatus.Published)
            return await RefusedAsync(id, l["assessment.not_allowed"].Value, ct);
        if (Review.Version != score.Version) return this.AlreadyDoneAt("/Assessment/Cities/" + id + "#item-" + view.Item.Code, l["assessment.already_done"].Value);
        if (Review.Decision is not (ReviewState.Accepted or ReviewState.Adjusted)) ModelState.AddModelError("Review.Decision", l["assessment.review_unknown"]);
        if (Review.Decision == ReviewState.Adjusted)
        {
            if (Review.Points is not { } p) ModelState.AddModelError("Review.Points", l["assessment.adjusted_points_required"]);
            else if (p < 0 || p > view.Item.MaxPoints) ModelState.AddModelError("Review.Points", l["assessment.adjusted_points_range", ScoringEngine.Points(view.Item.MaxPoints)]);
            if (string.IsNullOrWhiteSpace(Review.Reason)) ModelState.AddModelError("Review.Reason", l["assessment.review_reason_required"]);
        }
        if (await InvalidAsync(id, ct) is { } refused) return refused;
        score.Review = Review.Decision;
        score.AdjustedPoints = Review.Decision == ReviewState.Adjusted ? ScoringEngine.Round(Review.Points!.Value) : null;
        score.ReviewReason = string.IsNullOrWhiteSpace(Review.Reason) ? null : Review.Reason.Trim();
        score.ReviewedBy = User.Identity?.Name;
        score.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        db.Entry(score).Property(s => s.Version).OriginalValue = Review.Version;
        // The last item reviewed completes the city's review (已核定).
        if (Items.All(i => i.Score is null || i.Score == score || i.Score.Review != ReviewState.Pending) && City.Stage == CityStage.SelfAssessed)
            City.Stage = CityStage.Reviewed;
        return await SaveAsync(id, "assessment.reviewed", ct, "#item-" + view.Item.Code);
    }

    /// <summary>实地核查: a site visited (sampled, announced or not) and what was found.</summary>
    public async Task<IActionResult> OnPostCheckAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await InvalidAsync(id, ct) is { } invalid) return invalid;
        if (!CanAddChecks) return await RefusedAsync(id, l["assessment.not_allowed"].Value, ct);
        if (!CurrentVersion()) return this.AlreadyDoneAt("/Assessment/Cities/" + id + "#checks", l["assessment.already_done"].Value);
        if (Check.VisitedOn is null) ModelState.AddModelError("Check.VisitedOn", l["assessment.check.on_required"]);
        else if (Check.VisitedOn > people.Today) ModelState.AddModelError("Check.VisitedOn", l["assessment.check.on_future"]);
        if (string.IsNullOrWhiteSpace(Check.Site)) ModelState.AddModelError("Check.Site", l["assessment.check.site_required"]);
        if (string.IsNullOrWhiteSpace(Check.Findings)) ModelState.AddModelError("Check.Findings", l["assessment.check.findings_required"]);
        if (await InvalidAsync(id, ct) is { } refused) return refused;
        db.Set<SiteCheck>().Add(new SiteCheck { CityAssessmentId = id, VisitedOn = Check.VisitedOn!.Value, Site = Check.Site!.Trim(), Unannounced = Check.Unannounced, Findings = Check.Findings!.Trim() });
        db.Entry(City).Property(c => c.Version).OriginalValue = Version;
        db.Touch(City);
        return await SaveAsync(id, "assessment.check.saved", ct, "#checks");
    }

    /// <summary>一票否决: a veto rule of the scheme applies to the city, with the reason; its grade is forced whatever its score.</summary>
    public async Task<IActionResult> OnPostVetoAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await InvalidAsync(id, ct) is { } invalid) return invalid;
        if (!CanVeto) return await RefusedAsync(id, l["assessment.not_allowed"].Value, ct);
        if (Bundle.Vetoes.All(v => v.Code != Veto.Code)) ModelState.AddModelError("Veto.Code", l["assessment.veto_unknown"]);
        if (string.IsNullOrWhiteSpace(Veto.Reason)) ModelState.AddModelError("Veto.Reason", l["assessment.veto_reason_required"]);
        if (await InvalidAsync(id, ct) is { } refused) return refused;
        if (Vetoes.Any(v => v.VetoCode == Veto.Code)) return this.AlreadyDoneAt("/Assessment/Cities/" + id + "#vetoes", l["assessment.already_done"].Value);
        db.Set<CityVeto>().Add(new CityVeto { CityAssessmentId = id, VetoCode = Veto.Code!, Reason = Veto.Reason!.Trim() });
        return await SaveAsync(id, "assessment.veto_saved", ct, "#vetoes");
    }

    /// <summary>年度工作总结: the city hands in its work summary once; after the due day it counts as late.</summary>
    public async Task<IActionResult> OnPostSummaryAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await InvalidAsync(id, ct) is { } invalid) return invalid;
        if (!IsOwnCity || Bundle.Scheme.Status == SchemeStatus.Draft) return await RefusedAsync(id, l["assessment.not_allowed"].Value, ct);
        if (City.SummarySubmittedOn is not null || !CurrentVersion()) return this.AlreadyDoneAt("/Assessment/Cities/" + id + "#summary", l["assessment.already_done"].Value);
        if (string.IsNullOrWhiteSpace(Summary)) ModelState.AddModelError(nameof(Summary), l["assessment.summary_required"]);
        if (await InvalidAsync(id, ct) is { } refused) return refused;
        City.Summary = Summary!.Trim();
        City.SummarySubmittedOn = people.Today;
        db.Entry(City).Property(c => c.Version).OriginalValue = Version;
        return await SaveAsync(id, "assessment.summary_saved", ct, "#summary");
    }

    /// <summary>整改: the lowest-ranked city's written rectification report, due a month after the bulletin.</summary>
    public async Task<IActionResult> OnPostRectifyAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await InvalidAsync(id, ct) is { } invalid) return invalid;
        if (!IsOwnCity || City.RectificationDue is null) return await RefusedAsync(id, l["assessment.not_allowed"].Value, ct);
        if (City.RectificationSubmittedOn is not null || !CurrentVersion()) return this.AlreadyDoneAt("/Assessment/Cities/" + id + "#rectification", l["assessment.already_done"].Value);
        if (string.IsNullOrWhiteSpace(Rectification)) ModelState.AddModelError(nameof(Rectification), l["assessment.rectification_required"]);
        if (await InvalidAsync(id, ct) is { } refused) return refused;
        City.Rectification = Rectification!.Trim();
        City.RectificationSubmittedOn = people.Today;
        db.Entry(City).Property(c => c.Version).OriginalValue = Version;
        return await SaveAsync(id, "assessment.rectification_saved", ct, "#rectification");
    }

    /// <summary>An evidence file of this assessment, to whoever may see the assessment.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid id, Guid file, CancellationToken ct)
    {
        if (await db.Set<CityAssessment>().AsNoTracking().AnyAsync(c => c.Id == id, ct) is false) return NotFound();
        var evidence = await db.Set<ItemEvidence>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == file && e.CityAssessmentId == id, ct);
        return evidence is not null && store.Serve(evidence) is { } served ? served : NotFound();
    }
}
