namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// A stratum (抽查分层) of the frozen eligible directory: its key (e.g. "340100|C|B" for region, industry and
/// credit class — the caller's choice, compared ordinally), the credit codes (统一社会信用代码) of its candidates
/// in any order, and how many to draw.
/// </summary>
public sealed record Stratum(string Key, IReadOnlyList<string> Candidates, int Target);

/// <summary>The codes drawn from one stratum, in draw order.</summary>
public sealed record StratumSelection(string Key, IReadOnlyList<string> Codes);

/// <summary>A stratum whose target its candidates cannot meet (抽查数量超出名录): nothing was drawn from it.</summary>
public sealed record StratumShortfall(string Key, int Target, int Available)
{
    public string Describe() =>
        $"Stratum \"{Key}\" needs {Target} but has only {Available} eligible enterprises (名录不足); lower its ratio or count, or widen its scope.";
}

/// <summary>
/// The result of sampling: one selection per stratum that could be drawn, in ordinal order of key, and the
/// strata that could not. A result with shortfalls is incomplete and must not be published as a draw.
/// </summary>
public sealed class DrawResult(IReadOnlyList<StratumSelection> selected, IReadOnlyList<StratumShortfall> shortfalls)
{
    public IReadOnlyList<StratumSelection> Selected { get; } = selected;
    public IReadOnlyList<StratumShortfall> Shortfalls { get; } = shortfalls;
    public bool IsComplete => Shortfalls.Count == 0;

    /// <summary>Every drawn code, strata in key order, each stratum in draw order.</summary>
    public IEnumerable<string> AllCodes => Selected.SelectMany(s => s.Codes);
}

/// <summary>
/// Stratified simple random sampling without replacement (分层简单随机抽样) for the double-random draw.
/// </summary>
/// <remarks>
/// Procedure, specified for re-implementation in docs/draw-algorithm.md:
/// <list type="number">
/// <item>Strata are taken in ordinal order of key.</item>
/// <item>A stratum whose target exceeds its candidates is reported as a shortfall, takes no random values and
/// contributes nothing: silently drawing fewer (or all) would publish a draw that is not the plan.</item>
/// <item>Otherwise its candidates are sorted ordinally by credit code — so the order in which the database
/// returned them cannot change the result — into a[0..N-1], and for i = 0 … Target-1:
/// j = i + rng.Next(N − i); swap a[i] and a[j]; a[i] is the i-th draw (a partial Fisher–Yates shuffle).</item>
/// </list>
/// One <see cref="DrawRandom"/> runs through all strata in that order. Shortfalls do not depend on the seed, so
/// <see cref="FindShortfalls"/> should be run, and the plan corrected, before the commitment is published.
/// </remarks>
public static class StratifiedSampler
{
    public static DrawResult Draw(IReadOnlyList<Stratum> strata, DrawRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var (ordered, fromSnapshot) = Validate(strata);
        var selected = new List<StratumSelection>(ordered.Length);
        var shortfalls = new List<StratumShortfall>();
        foreach (var stratum in ordered)
        {
            if (stratum.Target > stratum.Candidates.Count)
            {
                shortfalls.Add(new(stratum.Key, stratum.Target, stratum.Candidates.Count));
                continue;
            }
            // The partial shuffle runs over positions in the sorted list, so only the drawn codes are ever read.
            var sorted = fromSnapshot ? stratum.Candidates : SortedCopy(stratum.Candidates);
            var n = sorted.Count;
            var a = new int[n];
            for (var i = 0; i < n; i++) a[i] = i;
            var codes = new string[stratum.Target];
            for (var i = 0; i < stratum.Target; i++)
            {
                var j = i + rng.Next(n - i);
                (a[i], a[j]) = (a[j], a[i]);
                codes[i] = sorted[a[i]];
            }
            selected.Add(new(stratum.Key, codes));
        }
        return new DrawResult(selected, shortfalls);
    }

    private static string[] SortedCopy(IReadOnlyList<string> candidates)
    {
        var a = candidates.ToArray();
        Array.Sort(a, CanonicalText.Comparer);
        return a;
    }

    /// <summary>The strata whose target exceeds their candidates, in key order; independent of the seed.</summary>
    public static IReadOnlyList<StratumShortfall> FindShortfalls(IReadOnlyList<Stratum> strata) =>
        Validate(strata).Ordered
            .Where(s => s.Target > s.Candidates.Count)
            .Select(s => new StratumShortfall(s.Key, s.Target, s.Candidates.Count))
            .ToList();

    /// <summary>
    /// Refuses input that would make the draw ambiguous: duplicate stratum keys, negative targets, texts the
    /// canonical form cannot hold, and any credit code listed twice (in one stratum or across strata), which
    /// would give that enterprise two chances and could draw it twice.
    /// </summary>
    /// <returns>The strata in key order, and whether they all come from one published snapshot, whose reader checked
    /// that their codes are canonical, in order and none twice (so they are neither checked nor sorted again).</returns>
    private static (Stratum[] Ordered, bool FromSnapshot) Validate(IReadOnlyList<Stratum> strata)
    {
        ArgumentNullException.ThrowIfNull(strata);
        var ordered = strata.ToArray();
        if (ordered.Any(s => s is null)) throw new ArgumentException("A stratum is missing (null).", nameof(strata));
        Array.Sort(ordered, static (x, y) => CanonicalText.Compare(x.Key, y.Key));
        var source = ordered.FirstOrDefault()?.Candidates is PublishedDraw.SnapshotCandidates first ? first.Source : null;
        var fromSnapshot = source is not null && ordered.All(s => s.Candidates is PublishedDraw.SnapshotCandidates c && c.Source == source);
        var checkCodes = !fromSnapshot;
        var total = 0;
        foreach (var stratum in ordered) total += stratum.Candidates?.Count ?? 0;
        var seen = new HashSet<string>(checkCodes ? total : 0, StringComparer.Ordinal);
        for (var s = 0; s < ordered.Length; s++)
        {
            var stratum = ordered[s];
            CanonicalText.Check(stratum.Key, "stratum key", allowEmpty: true);
            if (s > 0 && string.Equals(ordered[s - 1].Key, stratum.Key, StringComparison.Ordinal))
                throw new ArgumentException($"The stratum key \"{stratum.Key}\" is used twice.", nameof(strata));
            if (stratum.Target < 0)
                throw new ArgumentException($"Stratum \"{stratum.Key}\" has a negative target ({stratum.Target}).", nameof(strata));
            ArgumentNullException.ThrowIfNull(stratum.Candidates);
            if (!checkCodes) continue;
            foreach (var code in stratum.Candidates)
            {
                CanonicalText.Check(code, $"credit code in stratum \"{stratum.Key}\"");
                if (!seen.Add(code))
                    throw new ArgumentException(
                        $"The enterprise {code} is listed twice (in stratum \"{ordered.First(o => o.Candidates.Contains(code)).Key}\" and in \"{stratum.Key}\"); each enterprise must be in exactly one stratum once.",
                        nameof(strata));
            }
        }
        return (ordered, fromSnapshot);
    }
}
