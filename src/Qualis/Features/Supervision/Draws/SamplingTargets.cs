using Qualis.Features.Registry;

namespace Qualis.Features.Supervision.Draws;

/// <summary>A sampling ratio or a fixed count per stratum (抽查比例或抽查数量).</summary>
public readonly record struct SamplingRate
{
    private SamplingRate(decimal? ratio, int? count) => (Ratio, Count) = (ratio, count);

    public decimal? Ratio { get; }
    public int? Count { get; }

    /// <summary>A share of the stratum, 0 ≤ ratio ≤ 1 (0.05 = 5%).</summary>
    public static SamplingRate OfRatio(decimal ratio)
    {
        if (ratio is < 0m or > 1m) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "A sampling ratio lies between 0 and 1 (0.05 = 5%).");
        return new(ratio, null);
    }

    /// <summary>A fixed number of enterprises from the stratum.</summary>
    public static SamplingRate OfCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(null, count);
    }

    public override string ToString() => Ratio is { } r ? $"{r:P2}" : $"{Count}";
}

/// <summary>
/// The sampling rule of one inspection item (随机抽查事项): a rate per credit-risk class, so riskier firms are
/// drawn more often, and whether the item is a key item (重点检查事项, no cap) or an ordinary one
/// (一般检查事项), whose ratio may not exceed <paramref name="OrdinaryItemCap"/> when one is configured.
/// </summary>
public sealed record SamplingPolicy(
    IReadOnlyDictionary<CreditRiskClass, SamplingRate> RateByClass,
    bool IsKeyItem,
    decimal? OrdinaryItemCap = null);

/// <summary>A stratum's target and what it would have been without the ordinary-item cap, so a cap is never silent.</summary>
public readonly record struct StratumTarget(int Target, int Uncapped)
{
    public bool WasCapped => Target < Uncapped;
}

/// <summary>Turns a plan's ratios and counts into per-stratum targets for <see cref="StratifiedSampler"/>.</summary>
/// <remarks>
/// Rounding: a ratio gives ceil(ratio × size), computed exactly in decimal, and at least 1 when the stratum has
/// candidates and the ratio is above zero. Rounding up means no stratum is sampled below its stated ratio and
/// no small stratum silently drops out of the programme; the price is at most one extra enterprise per stratum.
/// The ordinary-item cap is applied as a ratio with the same rounding, to ratios and counts alike.
/// Per-class rates need the credit class to be part of the stratification: build one stratum per class (or per
/// region × class …) and pass that stratum's class.
/// </remarks>
public static class SamplingTargets
{
    public static int FromRatio(int stratumSize, decimal ratio)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stratumSize);
        if (ratio is < 0m or > 1m) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "A sampling ratio lies between 0 and 1.");
        if (stratumSize == 0 || ratio == 0m) return 0;
        return Math.Max(1, (int)Math.Ceiling(ratio * stratumSize));
    }

    public static StratumTarget For(int stratumSize, SamplingRate rate, bool isKeyItem, decimal? ordinaryItemCap)
    {
        var uncapped = rate.Ratio is { } ratio ? FromRatio(stratumSize, ratio) : rate.Count ?? 0;
        if (isKeyItem || ordinaryItemCap is not { } cap) return new(uncapped, uncapped);
        return new(Math.Min(uncapped, FromRatio(stratumSize, cap)), uncapped);
    }

    public static StratumTarget For(int stratumSize, CreditRiskClass creditClass, SamplingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.RateByClass.TryGetValue(creditClass, out var rate))
            throw new ArgumentException($"The sampling policy has no rate for credit class {creditClass}.", nameof(policy));
        return For(stratumSize, rate, policy.IsKeyItem, policy.OrdinaryItemCap);
    }
}
