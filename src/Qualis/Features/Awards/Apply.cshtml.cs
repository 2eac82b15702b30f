using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry;
using Qualis.Platform.Attachments;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Awards;

/// <summary>The fields of an application, as posted.</summary>
public sealed class ApplicationForm
{
    [Display(Name = "award.category"), StringLength(100)] public string? Category { get; set; }
    [Display(Name = "award.self_assessment"), StringLength(AwardApplication.TextLength)] public string? SelfAssessment { get; set; }
    [Display(Name = "award.self_score")] public int? SelfScore { get; set; }
    [Display(Name = "award.evidence"), StringLength(AwardApplication.TextLength)] public string? Evidence { get; set; }
    [Display(Name = "award.linked_units"), StringLength(1000)] public string? LinkedUnits { get; set; }
}

/// <summary>
/// The enterprise's application to a round, in its own account (企业申报): its category, self-assessment and self-score
/// against the round's model, its evidence and the units linked to it. Refused after the deadline; an application sent
/// back for correction is corrected here and goes back to the office. A double submission meets the unique index of
/// round and firm and lands on the first.
/// </summary>
[Authorize(Policy = AwardsModule.ApplicantsPolicy)]
[RecordPage(typeof(AwardRound))]
public sealed class ApplyModel(QualisDb db, IStringLocalizer l, PeopleClock clock, AttachmentStore store) : PageModel
{
    [BindProperty] public ApplicationForm Form { get; set; } = new();
    /// <summary>The evidence files posted with the application (PDF, JPEG, PNG, checked by their bytes).</summary>
    [BindProperty, Display(Name = "award.evidence")] public List<IFormFile> Files { get; set; } = [];
    /// <summary>The files already kept with the enterprise's application.</summary>
    public List<AwardEvidence> Evidence { get; private set; } = [];
    public AwardRound Round { get; private set; } = null!;
    public AwardApplication? Existing { get; private set; }
    public int ModelTotal { get; private set; }
    public bool Accepts { get; private set; }

    public string? Error(string field) => ModelState.TryGetValue(field.Length == 0 ? "" : field == nameof(Files) ? field : "Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Existing is { } a) Form = new() { Category = a.Category, SelfAssessment = a.SelfAssessment, SelfScore = a.SelfScore, Evidence = a.Evidence, LinkedUnits = a.LinkedUnits };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (db.Actor.EnterpriseCode is not { } code) return Forbid();
        if (Existing is { Status: not ApplicationStatus.Returned }) return Already(id);
        if (!ModelState.IsValid) return Page();
        var f = Form;
        void Problem(string field, string key, params object[] args) => ModelState.AddModelError(field.Length == 0 ? "" : "Form." + field, l[key, args]);
        if (Existing is null && !Accepts) Problem("", "award.error.after_deadline", Round.Deadline.ToString("yyyy-MM-dd"));
        if (Existing is not null && Round.Status != RoundStatus.Open) Problem("", "award.error.review_started");
        var categories = AwardRules.Categories(Round.Categories);
        if (f.Category is not { } category || !categories.Contains(category.Trim())) Problem(nameof(f.Category), "award.error.category_required");
        if (string.IsNullOrWhiteSpace(f.SelfAssessment)) Problem(nameof(f.SelfAssessment), "award.error.self_assessment_required");
        if (f.SelfScore is not { } score || score < 0 || score > ModelTotal) Problem(nameof(f.SelfScore), "award.error.self_score_range", ModelTotal);
        var firm = await RegistryFace.FindEnterpriseAsync(db, code, ct);
        if (firm is null) Problem("", "award.error.firm_unknown");
        if (!ModelState.IsValid) return Page();

        var a = Existing is null ? new AwardApplication
        {
            RoundId = id, CreditCode = firm!.CreditCode, EnterpriseName = firm.Name, RegionCode = firm.RegionCode, RegionPath = firm.RegionPath,
        } : await db.Set<AwardApplication>().SingleAsync(x => x.Id == Existing.Id, ct);
        (a.Category, a.SelfAssessment, a.SelfScore, a.Evidence, a.LinkedUnits) = (f.Category!.Trim(), f.SelfAssessment!.Trim(), f.SelfScore, Trimmed(f.Evidence), Trimmed(f.LinkedUnits));
        (a.Status, a.Reason, a.SubmittedAt, a.SubmittedBy) = (ApplicationStatus.Submitted, null, clock.UtcNow, User.Identity?.Name ?? "");
        if (Existing is null) db.Set<AwardApplication>().Add(a);
        if (await AwardFiles.SaveAsync(ModelState, store, a.Id, Files, l, ct) is not { } files) return Page();
        var at = clock.UtcNow;
        db.Set<AwardEvidence>().AddRange(files.Select(f => EvidenceFile.From(f, new AwardEvidence { ApplicationId = a.Id, UploadedAt = at, UploadedBy = User.Identity?.Name ?? "" })));
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["award.applied"].Value;
            return Redirect("/Awards/Mine");
        }, () => Task.FromResult(Already(id)));
    }

    /// <summary>A file the enterprise sent with its own application, for it to check what it sent (never the experts' on-site files).</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file, CancellationToken ct) =>
        await LoadAsync(id, ct) && Evidence.FirstOrDefault(e => e.Id == file) is { } evidence && store.Serve(evidence) is { } served ? served : NotFound();

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private IActionResult Already(Guid id) => this.AlreadyDoneAt("/Awards/Mine", l["award.already_applied"].Value);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await AwardSteps.Visible(db).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } round) return false;
        Round = round;
        ModelTotal = AwardRules.Model(round.Model).Model.Sum(c => c.Points);
        Accepts = AwardRules.AcceptsApplications(round, clock.Today);
        var code = db.Actor.EnterpriseCode;
        Existing = code is null ? null : await db.Set<AwardApplication>().AsNoTracking().SingleOrDefaultAsync(a => a.RoundId == id && a.CreditCode == code, ct);
        if (Existing is { } mine) Evidence = await db.Set<AwardEvidence>().AsNoTracking().Where(e => e.ApplicationId == mine.Id && e.ReviewerId == null).OrderBy(e => e.UploadedAt).ThenBy(e => e.FileName).ToListAsync(ct);
        return true;
    }
}
