using Microsoft.AspNetCore.DataProtection;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.Recognition;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Time;

namespace Qualis.Features.Awards;

/// <summary>
/// The office's steps of a round, each checking the state it expects and leaving the save to the caller (the page wraps it
/// in <see cref="OneEffect.OrFirstResultAsync{T}"/>): a problem names the field it belongs to, and nothing changes with one.
/// Rounds, applications, reviewers and objections are versioned, so a double click meets the first click's version.
/// </summary>
/// <summary>What a draw gives: its canonical inputs, the assignment, and the reviewers it makes.</summary>
public sealed record AwardDrawOutcome(AwardDrawInputs Inputs, DrawnTeams Result, List<AwardReviewer> Reviewers);

public sealed class AwardSteps(QualisDb db, PeopleClock clock, IDataProtectionProvider protection)
{
    private IDataProtector Sealer => protection.CreateProtector("Qualis.Awards.DrawSeed");

    /// <summary>A round the caller reads: one of their area, or the call of an office above them (a public notice).</summary>
    public static IQueryable<AwardRound> Visible(QualisDb db)
    {
        var rounds = db.Set<AwardRound>();
        if (db.Actor.RegionPath is not { } path) return rounds;
        var above = Region.PathsAbove(path);
        var end = path + RegionRange.End;
        return rounds.OutsideArea(AreaReason.PublicRecord)
            .Where(r => above.Contains(r.RegionPath) || (string.Compare(r.RegionPath, path) >= 0 && string.Compare(r.RegionPath, end) < 0));
    }

    /// <summary>Whether the caller runs the round: its own office (or a tool without an area).</summary>
    public static bool Runs(QualisDb db, AwardRound round) => db.Actor.RegionPath is null || db.Actor.RegionPath == round.RegionPath;

    private static string? OwnCode(QualisDb db) => db.Actor.RegionPath?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();

    public AwardProblem? Recommend(AwardRound round, AwardApplication a)
    {
        if (AwardRules.NextRecommender(round, a) is not { } next) return new("Recommend", "award.error.no_recommendation_due");
        if (db.Actor.RegionPath is not null && OwnCode(db) != next) return new("Recommend", "award.error.not_your_recommendation");
        a.RecommendedBy = string.Join(',', AwardRules.RecommendedBy(a).Append(next));
        return null;
    }

    /// <summary>
    /// 资格审查: passes an application after checking the platform's own records — a failed spot check in the lookback
    /// period makes it ineligible, with the checks named — or sends it back for correction with the reason.
    /// </summary>
    public async Task<AwardProblem?> QualifyAsync(AwardRound round, AwardApplication a, bool pass, string? reason, bool english, CancellationToken ct)
    {
        if (!Runs(db, round)) return new("Qualify", "award.error.not_your_round");
        if (round.Status != RoundStatus.Open) return new("Qualify", "award.error.review_started");
        if (a.Status != ApplicationStatus.Submitted) return new("Qualify", "award.error.not_awaiting_check");
        if (AwardRules.NextRecommender(round, a) is { } waiting) return new("Qualify", "award.error.awaiting_recommendation", waiting);
        if (!pass)
        {
            if (string.IsNullOrWhiteSpace(reason)) return new("Reason", "award.error.reason_required");
            (a.Status, a.Reason) = (ApplicationStatus.Returned, reason.Trim());
            return null;
        }
        var since = round.Deadline.AddYears(-round.LookbackYears);
        var failed = await SpotChecksFace.FailedSinceAsync(db, a.CreditCode, since, ct);
        if (failed.Count > 0)
        {
            (a.Status, a.Reason) = (ApplicationStatus.Ineligible, string.Join(english ? "; " : "；", failed.Select(f =>
                (english ? "failed spot check " : "监督抽查不合格 ") + (f.ProductName ?? "—") + " " + f.On?.ToString("yyyy-MM-dd"))));
            return null;
        }
        (a.Status, a.Reason) = (ApplicationStatus.Qualified, null);
        return null;
    }

    /// <summary>Publishes the draw's commitment once the applications are closed: the seed is made now and sealed until the draw.</summary>
    public AwardProblem? Commit(AwardRound round)
    {
        if (!Runs(db, round)) return new("Commit", "award.error.not_your_round");
        if (round.Commitment is not null || round.Status != RoundStatus.Open) return new("Commit", "award.error.already_committed");
        if (clock.Today <= round.Deadline) return new("Commit", "award.error.before_deadline", round.Deadline.ToString("yyyy-MM-dd"));
        var seed = DrawFace.NewSeed();
        round.Commitment = DrawFace.Commit(seed);
        round.SealedSeed = Sealer.Protect(DrawFace.ToHex(seed));
        return null;
    }

    /// <summary>
    /// Draws the experts of every qualified applicant from the pool the office may call on (its area's and above), under 回避,
    /// with the committed seed; refused while an application awaits its check, or when 回避 leaves an applicant without a
    /// full team (named, with how many experts remain).
    /// </summary>
    public async Task<AwardProblem?> DrawAsync(AwardRound round, CancellationToken ct)
    {
        if (!Runs(db, round)) return new("Draw", "award.error.not_your_round");
        if (round.Status != RoundStatus.Open || round.SealedSeed is null) return new("Draw", "award.error.commit_first");
        var applications = await db.Set<AwardApplication>().Where(a => a.RoundId == round.Id).ToListAsync(ct);
        var pending = applications.Count(a => a.Status == ApplicationStatus.Submitted);
        if (pending > 0) return new("Draw", "award.error.pending_checks", pending);
        var qualified = applications.Where(a => a.Status == ApplicationStatus.Qualified).ToList();
        if (qualified.Count == 0) return new("Draw", "award.error.none_qualified");
        var seedHex = Sealer.Unprotect(round.SealedSeed);
        var draw = await RunDrawAsync(db, round, qualified, DrawFace.ParseSeed(seedHex), ct);
        if (draw.Result.Short.FirstOrDefault() is { } short_)
            return new("Draw", "award.error.unstaffed", qualified.First(a => a.CreditCode == short_.Party).EnterpriseName, short_.Required, short_.Eligible, short_.PoolSize);
        db.Set<AwardReviewer>().AddRange(draw.Reviewers);
        var inputs = draw.Inputs;
        (round.Seed, round.SealedSeed, round.DrawInputs, round.DrawInputsHash, round.DrawnAt, round.Status) =
            (seedHex, null, inputs.ToJson(), inputs.Hash(), clock.UtcNow, RoundStatus.Drawn);
        return null;
    }

    /// <summary>
    /// The draw over the applicants with the seed: the pool the caller may call on with its declared conflicts, the canonical
    /// inputs, the assignment, and the reviewers it makes (none when 回避 leaves an applicant short), not yet added.
    /// </summary>
    public static async Task<AwardDrawOutcome> RunDrawAsync(QualisDb db, AwardRound round, IReadOnlyList<AwardApplication> applicants, byte[] seed, CancellationToken ct)
    {
        var (experts, conflicts) = await ExpertsFace.ReviewPoolAsync(db, [.. applicants.Select(a => (a.CreditCode, a.EnterpriseName))], ct);
        var inputs = AwardDrawInputs.Canonical(round.ExpertsPerApplicant,
            experts.Select(e => new DrawExpert(e.Id.ToString("N"), e.Unit, e.RegionCode)),
            applicants.Select(a => new DrawApplicant(a.CreditCode, [a.EnterpriseName, .. LinkedUnits(a.LinkedUnits)])),
            conflicts.Select(c => (c.ExpertId.ToString("N"), c.CreditCode)));
        var result = AwardExpertDraw.Run(seed, inputs);
        var names = experts.ToDictionary(e => e.Id.ToString("N"), e => e.Name);
        List<AwardReviewer> reviewers = !result.IsComplete ? [] : [.. result.Teams.SelectMany(t => t.Members.Select((id, i) => new AwardReviewer
        {
            RoundId = round.Id, ApplicationId = applicants.First(a => a.CreditCode == t.Party).Id, ExpertId = Guid.ParseExact(id, "N"), ExpertName = names[id], Place = i + 1,
        }))];
        return new(inputs, result, reviewers);
    }

    public static IEnumerable<string> LinkedUnits(string? text) =>
        (text ?? "").Split(['\n', '\r', '、', '，', ',', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The committee's decision: every expert has scored; the applicants ranked by their combined scores into winners, nominees and the rest.</summary>
    public async Task<AwardProblem?> DecideAsync(AwardRound round, CancellationToken ct)
    {
        if (!Runs(db, round)) return new("Decide", "award.error.not_your_round");
        if (round.Status != RoundStatus.Drawn) return new("Decide", "award.error.not_drawn");
        var reviewers = await db.Set<AwardReviewer>().AsNoTracking().Where(r => r.RoundId == round.Id).ToListAsync(ct);
        var unscored = reviewers.Count(r => r.Total is null);
        if (unscored > 0) return new("Decide", "award.error.unscored", unscored);
        var applications = await db.Set<AwardApplication>().Where(a => a.RoundId == round.Id && a.Status == ApplicationStatus.Qualified).ToListAsync(ct);
        // The round's stage weights make the score: each stage's expert totals combined as configured, then weighted.
        var stages = AwardRules.Stages(round.Stages).Stages;
        var scored = applications.Select(a => (a.Id, AwardRules.Weighted(stages, reviewers.Where(r => r.ApplicationId == a.Id).Select(r => r.Scores), round.Combination).Total));
        foreach (var ranked in AwardRules.Rank(scored, round.WinnerQuota, round.NomineeQuota))
        {
            var a = applications.First(x => x.Id == ranked.ApplicationId);
            (a.FinalScore, a.Rank, a.Status) = (ranked.Score, ranked.Rank, ranked.Outcome);
        }
        (round.Status, round.DecidedOn) = (RoundStatus.Decided, clock.Today);
        return null;
    }

    /// <summary>公示: the result goes on the public site for the round's days, from today; the experts' names and the seed with it.</summary>
    public AwardProblem? Announce(AwardRound round)
    {
        if (!Runs(db, round)) return new("Announce", "award.error.not_your_round");
        if (round.Status != RoundStatus.Decided) return new("Announce", "award.error.not_decided");
        (round.Status, round.AnnouncedOn, round.PublicityEnds) = (RoundStatus.Announced, clock.Today, AwardRules.PublicityEnd(clock.Today, round.PublicityDays));
        return null;
    }

    /// <summary>Resolves an objection with its reasons; one upheld takes the applicant off the winners and nominees.</summary>
    public async Task<AwardProblem?> ResolveAsync(AwardRound round, AwardObjection o, ObjectionOutcome? outcome, string? resolution, CancellationToken ct)
    {
        if (!Runs(db, round)) return new("Resolve", "award.error.not_your_round");
        if (round.Status != RoundStatus.Announced) return new("Resolve", "award.error.not_announced");
        if (o.Outcome is not null) return new("Resolve", "award.error.already_resolved");
        if (outcome is not { } decided || !Enum.IsDefined(decided)) return new("Outcome", "award.error.outcome_required");
        if (string.IsNullOrWhiteSpace(resolution)) return new("Resolution", "award.error.resolution_required");
        (o.Outcome, o.Resolution, o.ResolvedAt, o.ResolvedBy) = (decided, resolution.Trim(), clock.UtcNow, db.Actor.UserName ?? "");
        if (decided == ObjectionOutcome.Upheld
            && await db.Set<AwardApplication>().SingleOrDefaultAsync(a => a.Id == o.ApplicationId, ct) is { Status: ApplicationStatus.Winner or ApplicationStatus.Nominee } a)
            a.Status = ApplicationStatus.NotSelected;
        return null;
    }

    /// <summary>
    /// The grant (授予): refused during the 公示 or with an objection unresolved; each winner's title is written into the
    /// recognition register (政府质量奖, the round's level, valid for the round's years), in this save.
    /// </summary>
    public async Task<AwardProblem?> GrantAsync(AwardRound round, string? documentNumber, CancellationToken ct)
    {
        if (!Runs(db, round)) return new("Grant", "award.error.not_your_round");
        var open = await db.Set<AwardObjection>().CountAsync(o => o.RoundId == round.Id && o.Outcome == null, ct);
        if (AwardRules.GrantRefusal(round, clock.Today, open, documentNumber) is { } refusal) return refusal;
        var today = clock.Today;
        var winners = await db.Set<AwardApplication>()
            .Where(a => a.RoundId == round.Id && a.Status == ApplicationStatus.Winner).ToListAsync(ct);
        foreach (var a in winners)
        {
            a.RecognitionId = RecognitionFace.AddGrantedAward(db, new GrantedAward(round.Level, round.Year, a.CreditCode, a.EnterpriseName, a.RegionCode, a.RegionPath,
                today, AwardRules.ValidTo(today, round.ValidityYears), documentNumber!.Trim(), round.Title, clock.UtcNow, db.Actor.UserName ?? ""));
            a.Status = ApplicationStatus.Granted;
        }
        (round.Status, round.GrantedOn, round.DocumentNumber) = (RoundStatus.Granted, today, documentNumber!.Trim());
        return null;
    }
}
