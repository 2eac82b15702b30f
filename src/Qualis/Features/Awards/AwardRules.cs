using System.Globalization;

namespace Qualis.Features.Awards;

/// <summary>A problem with one field: the field, its text key and the key's arguments.</summary>
public sealed record AwardProblem(string Field, string Key, params object[] Args);

/// <summary>A category of the performance-excellence model and its points (评价类目及分值).</summary>
public sealed record ModelCategory(string Name, int Points);

/// <summary>A stage of the round and its weight in percent (评选环节及权重).</summary>
public sealed record AwardStage(string Name, int Weight);

/// <summary>One applicant's place in the committee's ranking.</summary>
public sealed record RankedApplicant(Guid ApplicationId, decimal Score, int Rank, ApplicationStatus Outcome);

/// <summary>
/// The rules of a quality-award round, without ASP.NET or EF: the model and the stages kept as data, the deadline, the
/// bounds of a score, how the experts' totals combine, the recommendation chain, the ranking, and when a title may be granted.
/// </summary>
public static class AwardRules
{
    /// <summary>GB/T 19580-2012 卓越绩效评价准则: seven categories, 1,000 points.</summary>
    public static readonly IReadOnlyList<ModelCategory> DefaultModel =
    [
        new("领导", 110), new("战略", 90), new("顾客与市场", 90), new("资源", 130), new("过程管理", 100), new("测量、分析与改进", 80), new("结果", 400),
    ];

    /// <summary>The stages as run in practice, the weights those of the review's parts (they add up to 100).</summary>
    public static readonly IReadOnlyList<AwardStage> DefaultStages =
    [
        new("申报推荐", 0), new("资格审查", 0), new("资料评审", 40), new("问询答辩", 20), new("现场评审", 30), new("综合评价", 10), new("审定公示", 0),
    ];

    public const int DefaultPublicityDays = 7, DefaultValidityYears = 5, DefaultExpertsPerApplicant = 5, DefaultLookbackYears = 3;
    /// <summary>At least two experts judge an applicant (never one alone), as the draw's teams.</summary>
    public const int MinExperts = 2, MaxExperts = 15;

    public static string Format(IEnumerable<ModelCategory> model) => string.Join("\n", model.Select(c => $"{c.Name}|{c.Points}"));
    public static string Format(IEnumerable<AwardStage> stages) => string.Join("\n", stages.Select(s => $"{s.Name}|{s.Weight}"));

    /// <summary>The model of its text, one "name|points" per line; what is wrong with it is named on <paramref name="field"/>.</summary>
    public static (List<ModelCategory> Model, List<AwardProblem> Problems) Model(string? text, string field = nameof(AwardRound.Model))
    {
        var (pairs, problems) = Pairs(text, field);
        if (problems.Count == 0 && pairs.Count == 0) problems.Add(new(field, "award.error.model_required"));
        foreach (var (name, value, line) in pairs.Where(p => p.Value <= 0))
            problems.Add(new(field, "award.error.points_positive", line, name));
        return (pairs.Select(p => new ModelCategory(p.Name, p.Value)).ToList(), problems);
    }

    /// <summary>The stages of their text, one "name|weight" per line; the weights are 0–100 and add up to 100.</summary>
    public static (List<AwardStage> Stages, List<AwardProblem> Problems) Stages(string? text, string field = nameof(AwardRound.Stages))
    {
        var (pairs, problems) = Pairs(text, field);
        if (problems.Count == 0 && pairs.Count == 0) problems.Add(new(field, "award.error.stages_required"));
        foreach (var (name, value, line) in pairs.Where(p => p.Value is < 0 or > 100))
            problems.Add(new(field, "award.error.weight_range", line, name));
        if (problems.Count == 0 && pairs.Sum(p => p.Value) != 100) problems.Add(new(field, "award.error.weights_sum", pairs.Sum(p => p.Value)));
        return (pairs.Select(p => new AwardStage(p.Name, p.Value)).ToList(), problems);
    }

    private static (List<(string Name, int Value, int Line)>, List<AwardProblem>) Pairs(string? text, string field)
    {
        var pairs = new List<(string, int, int)>();
        var problems = new List<AwardProblem>();
        var lines = (text ?? "").Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0) continue;
            var parts = lines[i].Split('|', '｜');
            if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[0].Trim().Length > 50
                || !int.TryParse(parts[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add(new(field, "award.error.line_format", i + 1));
                continue;
            }
            if (pairs.Any(p => p.Item1 == parts[0].Trim())) problems.Add(new(field, "award.error.line_twice", i + 1, parts[0].Trim()));
            else pairs.Add((parts[0].Trim(), value, i + 1));
        }
        return (pairs, problems);
    }

    /// <summary>The categories of the call, one per line, trimmed and distinct.</summary>
    public static List<string> Categories(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c.Length <= 100).Distinct()];

    /// <summary>An application is taken up to and on the deadline day (China date), refused after it.</summary>
    public static bool AcceptsApplications(AwardRound round, DateOnly today) => round.Status == RoundStatus.Open && today <= round.Deadline;

    /// <summary>
    /// The scores an expert posted, checked against the model on their fields (<c>Scores[i]</c>): each category scored,
    /// a whole number from 0 to its points. Null values are the ones the form left empty.
    /// </summary>
    public static List<AwardProblem> CheckScores(IReadOnlyList<ModelCategory> model, IReadOnlyList<int?> scores)
    {
        var problems = new List<AwardProblem>();
        for (var i = 0; i < model.Count; i++)
        {
            var score = i < scores.Count ? scores[i] : null;
            if (score is null) problems.Add(new($"Scores[{i}]", "award.error.score_required", model[i].Name));
            else if (score < 0 || score > model[i].Points) problems.Add(new($"Scores[{i}]", "award.error.score_range", model[i].Name, model[i].Points, score));
        }
        return problems;
    }

    /// <summary>
    /// The experts' totals combined as configured, to two decimals (away from zero): the mean after dropping one highest
    /// and one lowest (with fewer than three totals nothing is dropped), the mean, or the median. Null without totals.
    /// </summary>
    public static decimal? Combine(IReadOnlyList<int> totals, ScoreCombination how)
    {
        if (totals.Count == 0) return null;
        var sorted = totals.Order().Select(t => (decimal)t).ToList();
        decimal value = how switch
        {
            ScoreCombination.TrimmedMean when sorted.Count >= 3 => sorted.Skip(1).Take(sorted.Count - 2).Average(),
            ScoreCombination.Median => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2,
            _ => sorted.Average(),
        };
        return Math.Round(value, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The committee's ranking: highest score first (ties by the earlier application, the id, so it is the same each time),
    /// the first <paramref name="winners"/> winners, the next <paramref name="nominees"/> nominees, the rest not selected.
    /// </summary>
    public static List<RankedApplicant> Rank(IEnumerable<(Guid ApplicationId, decimal Score)> scored, int winners, int nominees) =>
        [.. scored.OrderByDescending(s => s.Score).ThenBy(s => s.ApplicationId).Select((s, i) => new RankedApplicant(s.ApplicationId, s.Score, i + 1,
            i < winners ? ApplicationStatus.Winner : i < winners + nominees ? ApplicationStatus.Nominee : ApplicationStatus.NotSelected))];

    /// <summary>The last day of a 公示 of <paramref name="days"/> days starting on the day it is announced.</summary>
    public static DateOnly PublicityEnd(DateOnly announcedOn, int days) => announcedOn.AddDays(Math.Max(days, 1) - 1);

    /// <summary>
    /// Why the titles may not be granted now, or null: only an announced round, after its 公示 (not on its last day), with
    /// every objection resolved and the granting document named.
    /// </summary>
    public static AwardProblem? GrantRefusal(AwardRound round, DateOnly today, int unresolvedObjections, string? documentNumber)
    {
        if (round.Status != RoundStatus.Announced || round.PublicityEnds is not { } end) return new("Grant", "award.error.grant_not_announced");
        if (today <= end) return new("Grant", "award.error.grant_during_publicity", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (unresolvedObjections > 0) return new("Grant", "award.error.grant_objections", unresolvedObjections);
        if (string.IsNullOrWhiteSpace(documentNumber)) return new("DocumentNumber", "award.error.document_required");
        return null;
    }

    /// <summary>The title's last valid day: the validity's years from the grant, less a day.</summary>
    public static DateOnly ValidTo(DateOnly grantedOn, int years) => grantedOn.AddYears(years).AddDays(-1);

    /// <summary>
    /// The offices that recommend an applicant of <paramref name="firmPath"/> to a round of <paramref name="roundPath"/>,
    /// lowest first (county → city): every region between the firm's and the round's office, the office itself excluded.
    /// </summary>
    public static List<string> Recommenders(string firmPath, string roundPath)
    {
        if (!firmPath.StartsWith(roundPath, StringComparison.Ordinal)) return [];
        return [.. firmPath[roundPath.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()];
    }

    /// <summary>The office whose recommendation is awaited next, or null when none is (or none is needed).</summary>
    public static string? NextRecommender(AwardRound round, AwardApplication a)
    {
        if (!round.RequiresRecommendation || a.Status != ApplicationStatus.Submitted) return null;
        var done = RecommendedBy(a);
        return Recommenders(a.RegionPath, round.RegionPath).FirstOrDefault(code => !done.Contains(code));
    }

    public static List<string> RecommendedBy(AwardApplication a) => [.. a.RecommendedBy.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The stages experts score (评分环节): those with a weight; the others (申报, 审查, 公示) are steps, not scores.</summary>
    public static List<AwardStage> ScoredStages(IEnumerable<AwardStage> stages) => [.. stages.Where(s => s.Weight > 0)];

    /// <summary>
    /// An expert's scores by stage, each in the model's order, as kept on the reviewer: one "stage|s1,s2,…" line a scored
    /// stage. A line without a stage (kept before stages were scored apart) is the expert's score of every stage.
    /// </summary>
    public static Dictionary<string, List<int>> StageScoresOf(string? text, IEnumerable<AwardStage> stages)
    {
        var result = new Dictionary<string, List<int>>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bar = line.LastIndexOf('|');
            var values = ScoresOf(bar < 0 ? line : line[(bar + 1)..]);
            if (bar >= 0) result[line[..bar]] = values;
            else foreach (var s in ScoredStages(stages)) result.TryAdd(s.Name, values);
        }
        return result;
    }

    /// <summary>The reviewer's kept scores with one stage's set (or replaced), in the stages' order.</summary>
    public static string WithStageScores(string? text, IReadOnlyList<AwardStage> stages, string stage, IEnumerable<int> scores)
    {
        var all = StageScoresOf(text, stages);
        all[stage] = [.. scores];
        return string.Join("\n", ScoredStages(stages).Where(s => all.ContainsKey(s.Name)).Select(s => s.Name + "|" + string.Join(',', all[s.Name])));
    }

    /// <summary>The expert's weighted total, whole points (away from zero), once every scored stage is scored; null before.</summary>
    public static int? ExpertTotal(string? text, IReadOnlyList<AwardStage> stages)
    {
        var all = StageScoresOf(text, stages);
        var scored = ScoredStages(stages);
        if (scored.Count == 0 || scored.Any(s => !all.ContainsKey(s.Name))) return null;
        return (int)Math.Round(scored.Sum(s => s.Weight * (decimal)all[s.Name].Sum()) / 100m, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// How an applicant's score is made (综合得分构成): for each scored stage the experts' stage totals combined as configured,
    /// times the stage's weight; the score is the sum of those parts, to two decimals (away from zero). A stage nobody
    /// scored counts 0.
    /// </summary>
    public static WeightedScore Weighted(IReadOnlyList<AwardStage> stages, IEnumerable<string?> expertScores, ScoreCombination how)
    {
        var kept = expertScores.Select(t => StageScoresOf(t, stages)).ToList();
        var parts = ScoredStages(stages).Select(s =>
        {
            var combined = Combine([.. kept.Where(k => k.ContainsKey(s.Name)).Select(k => k[s.Name].Sum())], how) ?? 0m;
            return new StagePart(s.Name, s.Weight, combined, Math.Round(combined * s.Weight / 100m, 2, MidpointRounding.AwayFromZero));
        }).ToList();
        return new(parts, parts.Sum(p => p.Points));
    }

    /// <summary>The scores kept on a reviewer, in the model's order.</summary>
    public static List<int> ScoresOf(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [.. text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}

/// <summary>One stage's part of an applicant's score: the experts' combined stage score, the weight, the points it gives.</summary>
public sealed record StagePart(string Stage, int Weight, decimal Combined, decimal Points);

/// <summary>An applicant's weighted score and the parts it is made of.</summary>
public sealed record WeightedScore(IReadOnlyList<StagePart> Parts, decimal Total);
