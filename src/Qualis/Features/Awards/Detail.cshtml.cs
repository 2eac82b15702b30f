using Qualis.Features.Audit;
using Qualis.Platform.Attachments;
using Qualis.Platform.Web;

namespace Qualis.Features.Awards;

/// <summary>
/// One round: the call, its stages and model, the applications the reader's area holds with the recommendation and the
/// qualification check, and for the office that runs it the draw (commitment, then draw), the experts and their scores,
/// the decision, the 公示 with its objections, and the grant. Every step is one of <see cref="AwardSteps"/>, checked against
/// the versions it read: a second click lands on the page with a notice that it was done already.
/// </summary>
[Authorize(Policy = AwardsModule.ReadersPolicy)]
[RecordPage(typeof(AwardRound))]
public sealed class DetailModel(QualisDb db, AwardSteps steps, IAuthorizationService authorization, IStringLocalizer l, AttachmentStore store) : PageModel
{
    /// <summary>The evidence files of the applications the reader's area holds, with the experts' on-site files for the office that runs the round.</summary>
    public List<AwardEvidence> Evidence { get; private set; } = [];
    public AwardRound Round { get; private set; } = null!;
    public List<AwardApplication> Applications { get; private set; } = [];
    public List<AwardReviewer> Reviewers { get; private set; } = [];
    public List<AwardObjection> Objections { get; private set; } = [];
    public List<ModelCategory> Model { get; private set; } = [];
    public List<AwardStage> Stages { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];

    /// <summary>How an applicant's score is made from its experts' stage scores and the round's weights (the office's view).</summary>
    public WeightedScore ScoreOf(AwardApplication a) =>
        AwardRules.Weighted(Stages, Reviewers.Where(r => r.ApplicationId == a.Id).Select(r => r.Scores), Round.Combination);
    /// <summary>The office that runs the round: it checks, draws, decides and grants.</summary>
    public bool Runs { get; private set; }
    public bool CanEdit { get; private set; }
    public string? OwnCode { get; private set; }
    public AuditHistoryView History { get; private set; } = null!;

    public string? Error(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>An application's evidence file, for the officials who read the application (the area filter decides).</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file, CancellationToken ct) =>
        await LoadAsync(id, ct) && Evidence.FirstOrDefault(e => e.Id == file) is { } evidence && store.Serve(evidence) is { } served ? served : NotFound();

    public Task<IActionResult> OnPostRecommendAsync(Guid id, Guid application, CancellationToken ct) =>
        // Done already when this office's recommendation is on it (a second click).
        OnApplicationAsync(id, application, a => db.Actor.RegionPath is { } path && AwardRules.RecommendedBy(a).Any(c => path.EndsWith("/" + c + "/", StringComparison.Ordinal)),
            (round, a) => Task.FromResult(steps.Recommend(round, a)), "award.recommended", ct);

    public Task<IActionResult> OnPostQualifyAsync(Guid id, Guid application, bool? pass, string? reason, CancellationToken ct) =>
        OnApplicationAsync(id, application, a => a.Status != ApplicationStatus.Submitted,
            (round, a) => pass is null ? Task.FromResult<AwardProblem?>(new("pass", "award.error.decision_required"))
                : steps.QualifyAsync(round, a, pass.Value, reason, Texts.IsEnglish(CultureInfo.CurrentUICulture), ct), "award.checked", ct);

    public Task<IActionResult> OnPostCommitAsync(Guid id, CancellationToken ct) =>
        OnRoundAsync(id, r => r.Commitment is not null, r => Task.FromResult(steps.Commit(r)), "award.committed", ct);

    public Task<IActionResult> OnPostDrawAsync(Guid id, CancellationToken ct) =>
        OnRoundAsync(id, r => r.Status >= RoundStatus.Drawn, r => steps.DrawAsync(r, ct), "award.drawn", ct);

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct) =>
        OnRoundAsync(id, r => r.Status >= RoundStatus.Decided, r => steps.DecideAsync(r, ct), "award.decided", ct);

    public Task<IActionResult> OnPostAnnounceAsync(Guid id, CancellationToken ct) =>
        OnRoundAsync(id, r => r.Status >= RoundStatus.Announced, r => Task.FromResult(steps.Announce(r)), "award.announced", ct);

    public Task<IActionResult> OnPostGrantAsync(Guid id, string? documentNumber, CancellationToken ct) =>
        OnRoundAsync(id, r => r.Status >= RoundStatus.Granted, r => steps.GrantAsync(r, documentNumber, ct), "award.granted", ct);

    public async Task<IActionResult> OnPostResolveAsync(Guid id, Guid objection, ObjectionOutcome? outcome, string? resolution, CancellationToken ct)
    {
        if (await AwardSteps.Visible(db).SingleOrDefaultAsync(r => r.Id == id, ct) is not { } round) return NotFound();
        if (!await CanEditAsync()) return Forbid();
        if (!ModelState.IsValid) return await ShowAsync(id, ct);
        if (await db.Set<AwardObjection>().SingleOrDefaultAsync(o => o.Id == objection && o.RoundId == id, ct) is not { } o)
            return await RefuseAsync(id, new("objection", "award.error.objection_unknown"), ct);
        if (o.Outcome is not null) return Already(id);
        return await SaveAsync(id, await steps.ResolveAsync(round, o, outcome, resolution, ct), "award.resolved", ct);
    }

    private async Task<IActionResult> OnRoundAsync(Guid id, Func<AwardRound, bool> done, Func<AwardRound, Task<AwardProblem?>> step, string message, CancellationToken ct)
    {
        if (await AwardSteps.Visible(db).SingleOrDefaultAsync(r => r.Id == id, ct) is not { } round) return NotFound();
        if (!await CanEditAsync()) return Forbid();
        if (!ModelState.IsValid) return await ShowAsync(id, ct);
        if (done(round) && AwardSteps.Runs(db, round)) return Already(id);
        return await SaveAsync(id, await step(round), message, ct);
    }

    private async Task<IActionResult> OnApplicationAsync(Guid id, Guid application, Func<AwardApplication, bool> done,
        Func<AwardRound, AwardApplication, Task<AwardProblem?>> step, string message, CancellationToken ct)
    {
        if (await AwardSteps.Visible(db).SingleOrDefaultAsync(r => r.Id == id, ct) is not { } round) return NotFound();
        if (!await CanEditAsync()) return Forbid();
        if (!ModelState.IsValid) return await ShowAsync(id, ct);
        // Through the area filter: an application outside the reader's area is unknown to them.
        if (await db.Set<AwardApplication>().SingleOrDefaultAsync(a => a.Id == application && a.RoundId == id, ct) is not { } a)
            return await RefuseAsync(id, new("application", "award.error.application_unknown"), ct);
        if (done(a)) return Already(id);
        return await SaveAsync(id, await step(round, a), message, ct);
    }

    private async Task<IActionResult> SaveAsync(Guid id, AwardProblem? problem, string message, CancellationToken ct)
    {
        if (problem is not null) return await RefuseAsync(id, problem, ct);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l[message].Value;
            return Redirect("/Awards/" + id);
        }, () => Task.FromResult(Already(id)));
    }

    private async Task<IActionResult> RefuseAsync(Guid id, AwardProblem problem, CancellationToken ct)
    {
        ModelState.AddModelError(problem.Field, l[problem.Key, l.Read(problem.Args)]);
        db.ChangeTracker.Clear();
        return await ShowAsync(id, ct);
    }

    private IActionResult Already(Guid id) => this.AlreadyDoneAt("/Awards/" + id, l["award.already_done"].Value);

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> CanEditAsync() => (await authorization.AuthorizeAsync(User, AwardsModule.EditorsPolicy)).Succeeded;

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await AwardSteps.Visible(db).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } round) return false;
        Round = round;
        Model = AwardRules.Model(round.Model).Model;
        Stages = AwardRules.Stages(round.Stages).Stages;
        Applications = await db.Set<AwardApplication>().AsNoTracking().Where(a => a.RoundId == id)
            .OrderBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.SubmittedAt).Take(1000).ToListAsync(ct);
        var ids = Applications.Select(a => a.Id).ToList();
        Runs = AwardSteps.Runs(db, round);
        // The experts' on-site files are the office's, as their names and scores are.
        Evidence = await db.Set<AwardEvidence>().AsNoTracking().Where(e => ids.Contains(e.ApplicationId) && (Runs || e.ReviewerId == null))
            .OrderBy(e => e.UploadedAt).ThenBy(e => e.FileName).ToListAsync(ct);
        CanEdit = await CanEditAsync();
        OwnCode = db.Actor.RegionPath?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (Runs)
        {
            // The experts' names are the office's until the result is announced.
            Reviewers = await db.Set<AwardReviewer>().AsNoTracking().Where(r => r.RoundId == id).OrderBy(r => r.ApplicationId).ThenBy(r => r.Place).ToListAsync(ct);
            Objections = await db.Set<AwardObjection>().AsNoTracking().Where(o => o.RoundId == id).OrderBy(o => o.FiledAt).ToListAsync(ct);
        }
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var codes = Applications.SelectMany(a => AwardRules.Recommenders(a.RegionPath, round.RegionPath)).Append(round.RegionCode).Distinct().ToList();
        RegionNames = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => codes.Contains(r.Code)).ToListAsync(ct))
            .ToDictionary(r => r.Code, r => r.DisplayName(english));
        History = await AuditHistory.ForAsync(db, nameof(AwardRound), round.Id.ToString());
        return true;
    }
}
