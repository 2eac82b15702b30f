using Qualis.Features.Improvement.Experts;
using Qualis.Platform.Attachments;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Awards;

/// <summary>One applicant as its drawn expert reviews it: the application and the expert's own assignment.</summary>
public sealed record ReviewItem(AwardReviewer Reviewer, AwardApplication? Application);

/// <summary>
/// The expert's review of a round (专家评审), for the account the expert is linked to: the applicants they were drawn for,
/// the fairness statement they sign first (公正性承诺), then their score of each category of the round's model, refused on
/// the field when outside the category's points, and their notes of the on-site review. Nobody else's assignment shows.
/// </summary>
[Authorize(Policy = AwardsModule.ParticipantsPolicy)]
[RecordPage(typeof(AwardRound))]
public sealed class ReviewModel(QualisDb db, IStringLocalizer l, PeopleClock clock, AttachmentStore store) : PageModel
{
    /// <summary>The evidence files of the applicants the expert reviews, and no others.</summary>
    public List<AwardEvidence> Evidence { get; private set; } = [];
    public AwardRound Round { get; private set; } = null!;
    public List<ModelCategory> Model { get; private set; } = [];
    public List<ReviewItem> Items { get; private set; } = [];
    /// <summary>The assignment the refused post was for: its form shows the messages and the values posted.</summary>
    public Guid? Posted { get; private set; }
    public int?[] PostedScores { get; private set; } = [];
    public string? PostedStage { get; private set; }
    /// <summary>The round's scored stages (those with a weight): the expert scores the model once for each.</summary>
    public List<AwardStage> Stages { get; private set; } = [];

    public string? Error(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>An evidence file of an applicant the expert was drawn for; any other is not found.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file, CancellationToken ct) =>
        await LoadAsync(id, ct) && Evidence.FirstOrDefault(e => e.Id == file) is { } evidence && store.Serve(evidence) is { } served ? served : NotFound();

    public async Task<IActionResult> OnPostSignAsync(Guid id, Guid reviewer, bool? agree, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Posted = reviewer;
        if (!ModelState.IsValid) return Page();
        if (await MineAsync(reviewer, ct) is not { } r) return Refuse("reviewer", "award.error.not_your_review");
        if (r.SignedAt is not null) return Already(id);
        if (agree != true) return Refuse("agree", "award.error.agree_required");
        r.SignedAt = clock.UtcNow;
        return await SaveAsync(id, r, "award.signed_now", ct);
    }

    /// <summary>
    /// Scores one stage; the last stage's form also takes the on-site review notes and their files (现场评审记录: photos,
    /// the signed record; PDF, JPEG or PNG), kept with the applicant's evidence and marked as this expert's.
    /// </summary>
    public async Task<IActionResult> OnPostScoreAsync(Guid id, Guid reviewer, string? stage, int?[]? scores, string? notes, List<IFormFile>? files, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        (Posted, PostedStage) = (reviewer, stage);
        PostedScores = scores ?? [];
        if (!ModelState.IsValid) return Page();
        if (await MineAsync(reviewer, ct) is not { } r) return Refuse("reviewer", "award.error.not_your_review");
        if (Round.Status != RoundStatus.Drawn) return Refuse("reviewer", "award.error.scoring_closed");
        if (r.SignedAt is null) return Refuse("agree", "award.error.sign_first");
        if (Stages.All(s => s.Name != stage)) return Refuse("reviewer", "award.error.stage_unknown");
        if (notes?.Length > AwardObjection.TextLength) return Refuse("notes", "award.error.notes_length", AwardObjection.TextLength);
        var problems = AwardRules.CheckScores(Model, PostedScores);
        foreach (var p in problems) ModelState.AddModelError(p.Field, l[p.Key, p.Args]);
        if (problems.Count > 0) return Page();
        var values = PostedScores.Take(Model.Count).Select(s => s!.Value).ToList();
        var text = AwardRules.WithStageScores(r.Scores, Stages, stage!, values);
        // The notes (现场评审意见) are the expert's on the applicant; a stage's form posts them too, left out they stay.
        var kept = notes is null ? r.Notes : string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (await AwardFiles.SaveAsync(ModelState, store, r.ApplicationId, files ?? [], l, ct) is not { } added) return Page();
        if (r.Scores == text && r.Notes == kept && added.Count == 0) return Already(id);
        (r.Scores, r.Total, r.ScoredAt, r.Notes) = (text, AwardRules.ExpertTotal(text, Stages), clock.UtcNow, kept);
        var at = clock.UtcNow;
        db.Set<AwardEvidence>().AddRange(added.Select(f => EvidenceFile.From(f, new AwardEvidence
            { ApplicationId = r.ApplicationId, ReviewerId = r.Id, UploadedAt = at, UploadedBy = User.Identity?.Name ?? "" })));
        return await SaveAsync(id, r, "award.scored", ct);
    }

    /// <summary>
    /// Saves the expert's own assignment. It sits in the applicant's area, which need not be the expert's account's (a
    /// Wuhu expert drawn for a Hefei firm): the write is made there, and only this assignment is tracked.
    /// </summary>
    private async Task<IActionResult> SaveAsync(Guid id, AwardReviewer mine, string message, CancellationToken ct) =>
        await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            if (Items.First(i => i.Reviewer.Id == mine.Id).Application is { } a) db.Actor.ActOnOwnAssignment(a.RegionPath);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l[message].Value;
            return Redirect($"/Awards/{id}/Review");
        }, () => Task.FromResult(Already(id)));

    private IActionResult Refuse(string field, string key, params object[] args)
    {
        ModelState.AddModelError(field, l[key, args]);
        return Page();
    }

    private IActionResult Already(Guid id) => this.AlreadyDoneAt($"/Awards/{id}/Review", l["award.already_done"].Value);

    /// <summary>The assignment of the round's, tracked, if it is one of an expert linked to this account.</summary>
    private async Task<AwardReviewer?> MineAsync(Guid reviewer, CancellationToken ct)
    {
        var mine = Items.Select(i => i.Reviewer.Id).ToList();
        return mine.Contains(reviewer) ? await db.Set<AwardReviewer>().SingleOrDefaultAsync(r => r.Id == reviewer, ct) : null;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var experts = (await ExpertsFace.OfAccountAsync(db, User.Identity?.Name ?? "", ct)).Select(e => e.Id).ToList();
        var reviewers = experts.Count == 0 ? [] : await db.Set<AwardReviewer>().AsNoTracking()
            .Where(r => r.RoundId == id && experts.Contains(r.ExpertId)).OrderBy(r => r.ApplicationId).ToListAsync(ct);
        // An expert drawn for the round reads it wherever it is run (a Wuhu expert for a Hefei city round); others, as the area allows.
        var rounds = reviewers.Count > 0 ? db.Set<AwardRound>().OutsideArea(AreaReason.OwnAssignment) : AwardSteps.Visible(db);
        if (await rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } round) return false;
        Round = round;
        Model = AwardRules.Model(round.Model).Model;
        Stages = AwardRules.ScoredStages(AwardRules.Stages(round.Stages).Stages);
        if (reviewers.Count == 0) return true;
        var ids = reviewers.Select(r => r.ApplicationId).ToList();
        // The applicants the expert was drawn for, wherever they are: the assignment rows found through the account decide.
        var applications = await db.Set<AwardApplication>().OutsideArea(AreaReason.OwnAssignment).AsNoTracking()
            .Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        Items = [.. reviewers.Select(r => new ReviewItem(r, applications.GetValueOrDefault(r.ApplicationId)))];
        Evidence = await db.Set<AwardEvidence>().AsNoTracking().Where(e => ids.Contains(e.ApplicationId)).OrderBy(e => e.UploadedAt).ThenBy(e => e.FileName).ToListAsync(ct);
        return true;
    }
}
