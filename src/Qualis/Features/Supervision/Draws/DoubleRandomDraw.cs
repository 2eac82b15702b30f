namespace Qualis.Features.Supervision.Draws;

/// <summary>Both halves of a double-random draw: the sampled enterprises and their inspector teams.</summary>
public sealed record DoubleRandomResult(DrawResult Sample, AssignmentResult Assignment)
{
    public bool IsComplete => Sample.IsComplete && Assignment.IsComplete;
}

/// <summary>
/// The whole double-random draw (双随机: 随机抽取检查对象, 随机选派执法检查人员) from the seed, the frozen snapshot
/// and the parameters. The same call, given the revealed seed and the published data, is the verification:
/// sampling uses <c>new DrawRandom(seed)</c>, the assignment <c>DrawRandom.Derive(seed, "inspectors")</c>, so
/// each half can be checked on its own and the assignment does not depend on how many values sampling used.
/// </summary>
public static class DoubleRandomDraw
{
    public const string InspectorStreamLabel = "inspectors";

    /// <param name="factsOf">The 回避 facts of a drawn enterprise (county, linked units, last inspectors), looked up by credit code.</param>
    /// <param name="sampled">Told the sample as soon as it is drawn, before the teams are assigned, so a caller can start on the drawn firms.</param>
    public static DoubleRandomResult Run(
        ReadOnlySpan<byte> seed,
        IReadOnlyList<Stratum> strata,
        IReadOnlyList<PoolInspector> inspectors,
        Func<string, AssignmentTarget> factsOf,
        IEnumerable<(string InspectorId, string CreditCode)> declaredConflicts,
        AssignmentOptions options,
        Action<DrawResult>? sampled = null)
    {
        ArgumentNullException.ThrowIfNull(factsOf);
        var sample = StratifiedSampler.Draw(strata, new DrawRandom(seed));
        sampled?.Invoke(sample);
        var targets = sample.AllCodes.Select(code => factsOf(code) is { } facts && facts.CreditCode == code
            ? facts
            : throw new ArgumentException($"The facts looked up for {code} are missing or belong to another enterprise.", nameof(factsOf))).ToList();
        var assignment = InspectorAssigner.Assign(targets, inspectors, declaredConflicts, options, DrawRandom.Derive(seed, InspectorStreamLabel));
        return new DoubleRandomResult(sample, assignment);
    }
}
