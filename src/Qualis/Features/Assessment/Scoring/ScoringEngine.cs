namespace Qualis.Features.Assessment.Scoring;

/// <summary>How an item of the scoring sheet turns a figure into points (评分方式).</summary>
[TextKeys("assessment.type.", lowerCase: true)]
public enum ScoringType
{
    /// <summary>全有或全无: all the points when done (or the figure reaches the target), none otherwise.</summary>
    YesNo = 1,
    /// <summary>按比例得分: points in proportion to the figure against the target, capped at the item's points.</summary>
    Partial = 2,
    /// <summary>按项扣分: points off for each missing unit or overdue item, never below zero.</summary>
    Deduction = 3,
    /// <summary>按名次得分: points by the city's position among the cities, ties sharing their positions' points.</summary>
    Rank = 4,
    /// <summary>平台数据计分: the figure comes from a platform indicator and is scored by the item's rule (yes/no, partial or deduction).</summary>
    Formula = 5,
}

/// <summary>
/// One item of the scoring sheet (评分细则) as the engine needs it. Only leaves carry points; a parent's points are the
/// sum of its children's. <see cref="Rule"/> is how a formula item scores its platform figure.
/// </summary>
public sealed record ScoringItem(
    string Code, string Name, string? ParentCode, decimal MaxPoints, ScoringType Type,
    decimal? Target = null, decimal? DeductionPerUnit = null, IReadOnlyList<decimal>? RankPoints = null,
    string? IndicatorKey = null, ScoringType? Rule = null);

/// <summary>A veto rule (一票否决): when it applies to a city, the city's grade is the given one whatever its score.</summary>
public sealed record VetoRule(string Code, string Name, string Grade);

/// <summary>
/// A city's figure for one item, as the review left it: <see cref="Met"/> for a yes/no item, <see cref="Value"/> for
/// the others (the figure against the target, the number of shortfalls, the figure ranked), where it came from, and
/// the scoring department's adjustment (points and reason) when it did not accept the computed points.
/// </summary>
public sealed record ItemInput(decimal? Value = null, bool? Met = null, FigureSource Source = FigureSource.City, decimal? AdjustedPoints = null, string? AdjustReason = null);

/// <summary>Where a figure came from (数据来源), for the explanation.</summary>
[TextKeys("assessment.source.", lowerCase: true)]
public enum FigureSource
{
    /// <summary>Counted by the platform from its records.</summary>
    Platform = 1,
    /// <summary>Reported by the city with evidence.</summary>
    City = 2,
}

/// <summary>A city's inputs: per item code, and the veto rules that apply with their reasons.</summary>
public sealed record CityInputs(IReadOnlyDictionary<string, ItemInput> Items, IReadOnlyDictionary<string, string>? Vetoes = null);

/// <summary>
/// One line of a score's explanation (得分说明): the item, the basis as a text key with its arguments (so it reads in
/// either language), the figure used and the points. The lines of a score always add up to it.
/// </summary>
public sealed record ExplanationLine(string ItemCode, string ItemName, string BasisKey, IReadOnlyList<string> BasisArgs, decimal? Figure, decimal Points);

/// <summary>A city's result: score, grade, rank (ties share a rank), whether a veto applied, and the explanation.</summary>
public sealed record CityScore(string City, decimal Score, string Grade, int Rank, bool Vetoed, IReadOnlyList<ExplanationLine> Lines);

/// <summary>A scheme refused as it stands, with what is wrong (text key and arguments) and the item it concerns, if any.</summary>
public sealed record SchemeProblem(string? ItemCode, string Key, IReadOnlyList<string> Args);

/// <summary>
/// Grade bands (等次) as data: each grade with its lower bound, half-open ([90, ∞) is A, [80, 90) is B …), the last
/// grade without a bound taking everything below. Written "A:90;B:80;C:60;D".
/// </summary>
public sealed record GradeBands(IReadOnlyList<(string Grade, decimal? Min)> Bands)
{
    public const string Default = "A:90;B:80;C:60;D";

    /// <summary>The grade of a score: the first band whose lower bound the score reaches.</summary>
    public string GradeOf(decimal score)
    {
        foreach (var (grade, min) in Bands)
            if (min is null || score >= min) return grade;
        return Bands[^1].Grade;
    }

    public override string ToString() =>
        string.Join(';', Bands.Select(b => b.Min is { } m ? b.Grade + ":" + m.ToString(CultureInfo.InvariantCulture) : b.Grade));

    /// <summary>Reads "A:90;B:80;C:60;D": bounds strictly falling, the last grade without one, grades distinct. Null when malformed.</summary>
    public static GradeBands? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var bands = new List<(string, decimal?)>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', StringSplitOptions.TrimEntries);
            if (pieces[0].Length is 0 or > 4 || pieces.Length > 2) return null;
            decimal? min = null;
            if (pieces.Length == 2)
            {
                if (!decimal.TryParse(pieces[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var m)) return null;
                min = m;
            }
            bands.Add((pieces[0], min));
        }
        if (bands.Count < 2 || bands[^1].Item2 is not null || bands.Take(bands.Count - 1).Any(b => b.Item2 is null)) return null;
        for (var i = 1; i < bands.Count - 1; i++)
            if (bands[i].Item2 >= bands[i - 1].Item2) return null;
        if (bands.Select(b => b.Item1).Distinct(StringComparer.Ordinal).Count() != bands.Count) return null;
        return new GradeBands(bands);
    }
}

/// <summary>A scoring sheet as the engine reads it: its items, its configured total, grade bands and veto rules.</summary>
public sealed record ScoringScheme(IReadOnlyList<ScoringItem> Items, decimal Total, GradeBands Bands, IReadOnlyList<VetoRule> Vetoes)
{
    public IEnumerable<ScoringItem> Leaves => Items.Where(i => !Items.Any(c => c.ParentCode == i.Code));
}

/// <summary>
/// The scoring engine (考核计分): checks a scheme, scores every city item by item, grades and ranks them, and explains
/// each score line by line. Points are rounded to two decimals per line and the score is the sum of its lines, so the
/// lines always add up to the score. Plain C#: no database, no web.
/// </summary>
public static class ScoringEngine
{
    /// <summary>
    /// What is wrong with a scheme, or nothing. The leaves' points must add up to the configured total (refused with the
    /// sum); each item needs what its type needs; a formula item must name an indicator <paramref name="indicatorExists"/> knows.
    /// </summary>
    public static List<SchemeProblem> Check(ScoringScheme scheme, Func<string, bool> indicatorExists)
    {
        var problems = new List<SchemeProblem>();
        var codes = scheme.Items.Select(i => i.Code).ToList();
        foreach (var dup in codes.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add(new(dup.Key, "assessment.problem.duplicate_code", [dup.Key]));
        foreach (var item in scheme.Items.Where(i => i.ParentCode is not null && !codes.Contains(i.ParentCode)))
            problems.Add(new(item.Code, "assessment.problem.parent_missing", [item.ParentCode!]));
        foreach (var leaf in scheme.Leaves) problems.AddRange(CheckItem(leaf, indicatorExists));
        var sum = scheme.Leaves.Sum(l => l.MaxPoints);
        if (sum != scheme.Total)
            problems.Add(new(null, "assessment.problem.sum", [Points(sum), Points(scheme.Total)]));
        return problems;
    }

    /// <summary>What one leaf item lacks for its scoring type.</summary>
    public static IEnumerable<SchemeProblem> CheckItem(ScoringItem item, Func<string, bool> indicatorExists)
    {
        if (item.MaxPoints <= 0) yield return new(item.Code, "assessment.problem.points", [item.Code]);
        var type = item.Type;
        if (type == ScoringType.Formula)
        {
            if (item.IndicatorKey is null || !indicatorExists(item.IndicatorKey))
                yield return new(item.Code, "assessment.problem.indicator", [item.Code, item.IndicatorKey ?? ""]);
            if (item.Rule is not (ScoringType.YesNo or ScoringType.Partial or ScoringType.Deduction))
                yield return new(item.Code, "assessment.problem.rule", [item.Code]);
            else type = item.Rule.Value;
        }
        if (type == ScoringType.Partial && item.Target is not > 0)
            yield return new(item.Code, "assessment.problem.target", [item.Code]);
        if (type == ScoringType.YesNo && item.Type == ScoringType.Formula && item.Target is null)
            yield return new(item.Code, "assessment.problem.target", [item.Code]);
        if (type == ScoringType.Deduction && item.DeductionPerUnit is not > 0)
            yield return new(item.Code, "assessment.problem.deduction", [item.Code]);
        if (type == ScoringType.Rank && (item.RankPoints is not { Count: > 0 } points || points.Any(p => p < 0 || p > item.MaxPoints)))
            yield return new(item.Code, "assessment.problem.rank_points", [item.Code, Points(item.MaxPoints)]);
    }

    /// <summary>
    /// Scores every city of <paramref name="cities"/> (keyed by region code) and ranks them: vetoed cities after the
    /// others, then by score, ties sharing a rank (1, 1, 3). The order of the result is the ranking, ties by city code.
    /// </summary>
    public static List<CityScore> Score(ScoringScheme scheme, IReadOnlyDictionary<string, CityInputs> cities)
    {
        var leaves = scheme.Leaves.ToList();
        var rankShares = leaves.Where(l => l.Type == ScoringType.Rank).ToDictionary(l => l.Code, l => RankShares(l, cities));
        var scored = new List<(string City, decimal Score, string Grade, bool Vetoed, List<ExplanationLine> Lines)>();
        foreach (var (city, inputs) in cities)
        {
            var lines = new List<ExplanationLine>();
            foreach (var leaf in leaves)
            {
                var input = inputs.Items.GetValueOrDefault(leaf.Code) ?? new ItemInput();
                lines.Add(Line(leaf, input, rankShares.GetValueOrDefault(leaf.Code)?.GetValueOrDefault(city)));
            }
            var vetoes = scheme.Vetoes.Where(v => inputs.Vetoes?.ContainsKey(v.Code) == true).ToList();
            foreach (var veto in vetoes)
                lines.Add(new(veto.Code, veto.Name, "assessment.basis.veto", [veto.Grade, inputs.Vetoes![veto.Code]], null, 0m));
            var score = lines.Sum(l => l.Points);
            var grade = vetoes.Count > 0 ? WorstGrade(scheme.Bands, vetoes.Select(v => v.Grade)) : scheme.Bands.GradeOf(score);
            scored.Add((city, score, grade, vetoes.Count > 0, lines));
        }
        var ordered = scored.OrderBy(s => s.Vetoed).ThenByDescending(s => s.Score).ThenBy(s => s.City, StringComparer.Ordinal).ToList();
        var result = new List<CityScore>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var s = ordered[i];
            var rank = i > 0 && ordered[i - 1].Score == s.Score && ordered[i - 1].Vetoed == s.Vetoed ? result[i - 1].Rank : i + 1;
            result.Add(new(s.City, s.Score, s.Grade, rank, s.Vetoed, s.Lines));
        }
        return result;
    }

    /// <summary>The grade a veto forces, the lowest of them when several apply (a grade the bands do not know counts as the lowest).</summary>
    private static string WorstGrade(GradeBands bands, IEnumerable<string> grades) =>
        grades.OrderByDescending(g => bands.Bands.Select(b => b.Grade).ToList().IndexOf(g) is var i && i < 0 ? int.MaxValue : i).First();

    private static ExplanationLine Line(ScoringItem item, ItemInput input, decimal? rankShare)
    {
        var computed = Computed(item, input, rankShare);
        if (input.AdjustedPoints is { } adjusted)
        {
            var points = Round(Math.Clamp(adjusted, 0m, item.MaxPoints));
            return new(item.Code, item.Name, "assessment.basis.adjusted", [Points(computed.Points), Points(points), input.AdjustReason ?? ""], computed.Figure, points);
        }
        return new(item.Code, item.Name, computed.Key, computed.Args, computed.Figure, computed.Points);
    }

    private sealed record Computation(string Key, IReadOnlyList<string> Args, decimal? Figure, decimal Points);

    private static Computation Computed(ScoringItem item, ItemInput input, decimal? rankShare)
    {
        var max = item.MaxPoints;
        var source = input.Source == FigureSource.Platform ? "assessment.source.platform" : "assessment.source.city";
        var type = item.Type == ScoringType.Formula ? item.Rule ?? ScoringType.YesNo : item.Type;
        switch (type)
        {
            case ScoringType.YesNo when item.Type != ScoringType.Formula && input.Value is null:
                return input.Met == true
                    ? new("assessment.basis.yes", [Points(max)], null, Round(max))
                    : new("assessment.basis.no", [], null, 0m);
            case ScoringType.YesNo:
                if (input.Value is not { } reached) return new("assessment.basis.missing", [], null, 0m);
                var met = reached >= (item.Target ?? 0m);
                return new(met ? "assessment.basis.reached" : "assessment.basis.not_reached", [Figure(reached), Figure(item.Target ?? 0m), source], reached, met ? Round(max) : 0m);
            case ScoringType.Partial:
                if (input.Value is not { } value || item.Target is not > 0) return new("assessment.basis.missing", [], null, 0m);
                var share = Math.Clamp(value / item.Target.Value, 0m, 1m);
                return new("assessment.basis.partial", [Figure(value), Figure(item.Target.Value), Points(max), source], value, Round(max * share));
            case ScoringType.Deduction:
                var shortfalls = Math.Max(0m, input.Value ?? 0m);
                var per = item.DeductionPerUnit ?? 0m;
                return new("assessment.basis.deduction", [Figure(shortfalls), Points(per), Points(max), source], shortfalls, Round(Math.Max(0m, max - shortfalls * per)));
            case ScoringType.Rank:
                if (input.Value is not { } ranked || rankShare is null) return new("assessment.basis.missing", [], null, 0m);
                return new("assessment.basis.rank", [Figure(ranked), Points(rankShare.Value)], ranked, Round(Math.Min(max, rankShare.Value)));
            default:
                return new("assessment.basis.missing", [], null, 0m);
        }
    }

    /// <summary>
    /// Each city's points on a rank item: cities ordered by their figure, highest first; the points of position n are
    /// the n-th of the item's list (the last repeats beyond it); cities with the same figure share the mean of the
    /// points of the positions they take together. Cities without a figure get nothing.
    /// </summary>
    public static Dictionary<string, decimal> RankShares(ScoringItem item, IReadOnlyDictionary<string, CityInputs> cities)
    {
        var points = item.RankPoints ?? [];
        decimal At(int position) => points.Count == 0 ? 0m : points[Math.Min(position, points.Count - 1)];
        var figures = cities.Select(c => (City: c.Key, Value: c.Value.Items.GetValueOrDefault(item.Code)?.Value))
            .Where(c => c.Value is not null).OrderByDescending(c => c.Value).ToList();
        var shares = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var position = 0;
        foreach (var group in figures.GroupBy(f => f.Value))
        {
            var members = group.ToList();
            var mean = Enumerable.Range(position, members.Count).Sum(At) / members.Count;
            foreach (var m in members) shares[m.City] = mean;
            position += members.Count;
        }
        return shares;
    }

    public static decimal Round(decimal points) => Math.Round(points, 2, MidpointRounding.AwayFromZero);

    public static string Points(decimal points) => Round(points).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Figure(decimal figure) => figure.ToString("0.####", CultureInfo.InvariantCulture);
}
