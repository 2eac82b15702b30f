using Qualis.Platform.Modules;

namespace Qualis.Features.Plans;

/// <summary>The kinds of target (指标类型) the policy notices use.</summary>
[TextKeys("plans.kind.")]
public enum TargetKind
{
    /// <summary>最低数量: each city at least so many (1 key park, 50 key enterprises) by the end of the plan's period.</summary>
    Minimum = 1,
    /// <summary>同比增长: at least this percent more than the baseline year (新增不低于上年20%).</summary>
    Growth = 2,
    /// <summary>累计总量: so many by a date (3,000 by 2020-12-31).</summary>
    Total = 3,
    /// <summary>比率: a rate in percent to reach or keep (合格率不低于…, 保持100%).</summary>
    Rate = 4,
    /// <summary>限期完成: a deliverable due by a day (年度工作总结12月1日前报送).</summary>
    Deadline = 5,
}

/// <summary>Where a target's value comes from (数据来源).</summary>
[TextKeys("plans.source.")]
public enum TargetSource
{
    /// <summary>平台统计: counted by the platform from its records, through an indicator of the catalogue.</summary>
    Indicator = 1,
    /// <summary>填报审核: reported by the city with evidence and approved by the office above.</summary>
    Reported = 2,
}

/// <summary>How a target's value stands (达标情况).</summary>
[TextKeys("plans.status.")]
[ModuleFace]
public enum TargetStatus
{
    /// <summary>达标: the target is reached (a deliverable delivered in time).</summary>
    Met = 1,
    /// <summary>进度正常: not reached yet, but at or above the share of the period elapsed.</summary>
    OnTrack = 2,
    /// <summary>有风险: behind the share of the period elapsed (beyond the tolerance), or a deliverable due soon.</summary>
    AtRisk = 3,
    /// <summary>未达标: the period (or the due day) is over and the target was not reached, or a rate below its tolerance.</summary>
    Missed = 4,
}

/// <summary>
/// A target as the rules read it, stored as data on the target (指标): its kind, the figure (a count, a percent of growth,
/// a total, a rate in percent; unused for a deadline), the period it runs over, the due day (totals and deadlines) and the
/// "at risk" rule's parameter, <see cref="Tolerance"/>: for counts, totals and growth the percent of the pace a value may
/// fall short of before it is at risk; for a rate the percentage points below the target that are at risk rather than
/// missed; for a deadline how many days before the due day an undelivered deliverable turns at risk.
/// </summary>
[ModuleFace]
public sealed record TargetDefinition(TargetKind Kind, decimal Value, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly? DueOn = null, decimal Tolerance = 0, int? BaselineYear = null);

/// <summary>A value judged against a target: its status, the figure required (for growth: the baseline grown), and how far the value is from it (0 when reached).</summary>
[ModuleFace]
public sealed record TargetEvaluation(TargetStatus Status, decimal? Required, decimal? Gap);

/// <summary>
/// The target rules (指标判定规则), with no database or web dependency: whether a target definition may be saved, and
/// how a value stands against it on a day. "At risk" follows the share of the period elapsed: a minimum of 50 with half
/// the year gone expects 25, and a value below 25 × (1 − tolerance %) is at risk.
/// </summary>
public static class TargetRules
{
    /// <summary>The problems of a definition, as (field, text key, argument) — empty when it may be saved.</summary>
    public static List<(string Field, string Key, object? Arg)> Problems(TargetDefinition d, int planYear)
    {
        var problems = new List<(string, string, object?)>();
        if (d.Kind != TargetKind.Deadline && d.Value < 0) problems.Add(("Value", "plans.error.value_negative", null));
        if (d.Kind == TargetKind.Rate && (d.Value < 0 || d.Value > 100)) problems.Add(("Value", "plans.error.rate_range", null));
        if (d.Kind == TargetKind.Growth)
        {
            if (d.BaselineYear is null) problems.Add(("BaselineYear", "plans.error.baseline_required", null));
            else if (d.BaselineYear >= planYear) problems.Add(("BaselineYear", "plans.error.baseline_before", planYear));
        }
        if (d.Kind is TargetKind.Total or TargetKind.Deadline && d.DueOn is null) problems.Add(("DueOn", "plans.error.due_required", null));
        if (d.Tolerance < 0 || d.Tolerance > 100) problems.Add(("Tolerance", "plans.error.tolerance_range", null));
        if (d.PeriodEnd < d.PeriodStart) problems.Add(("PeriodEnd", "plans.error.period_order", null));
        return problems;
    }

    /// <summary>
    /// How <paramref name="value"/> stands against the target on <paramref name="today"/>. For growth
    /// <paramref name="baseline"/> is the baseline year's value (null when unknown: the growth cannot be shown, so it is
    /// at risk until the period ends and missed after). For a deadline the value is ignored and
    /// <paramref name="deliveredOn"/> says when the deliverable arrived (null: not yet). A rate or count without a value
    /// counts as nothing reached.
    /// </summary>
    public static TargetEvaluation Evaluate(TargetDefinition d, decimal? value, decimal? baseline, DateOnly today, DateOnly? deliveredOn = null)
    {
        switch (d.Kind)
        {
            case TargetKind.Deadline:
            {
                var due = d.DueOn ?? d.PeriodEnd;
                if (deliveredOn is { } on) return new(on <= due ? TargetStatus.Met : TargetStatus.Missed, null, null);
                if (today > due) return new(TargetStatus.Missed, null, null);
                var daysLeft = due.DayNumber - today.DayNumber;
                return new(daysLeft <= d.Tolerance ? TargetStatus.AtRisk : TargetStatus.OnTrack, null, null);
            }
            case TargetKind.Rate:
            {
                if (value is not { } rate) return new(today > d.PeriodEnd ? TargetStatus.Missed : TargetStatus.AtRisk, d.Value, null);
                if (rate >= d.Value) return new(TargetStatus.Met, d.Value, 0);
                var gap = d.Value - rate;
                var status = today <= d.PeriodEnd && gap <= d.Tolerance ? TargetStatus.AtRisk : TargetStatus.Missed;
                return new(status, d.Value, gap);
            }
            case TargetKind.Growth:
            {
                if (baseline is not { } b)
                    return new(today > d.PeriodEnd ? TargetStatus.Missed : TargetStatus.AtRisk, null, null);
                var required = b * (1 + d.Value / 100m);
                return Paced(required, value ?? 0, d.PeriodStart, d.PeriodEnd, today, d.Tolerance);
            }
            case TargetKind.Total:
                return Paced(d.Value, value ?? 0, d.PeriodStart, d.DueOn ?? d.PeriodEnd, today, d.Tolerance);
            default:
                return Paced(d.Value, value ?? 0, d.PeriodStart, d.PeriodEnd, today, d.Tolerance);
        }
    }

    /// <summary>
    /// The day on which figures as they stood at the end of <paramref name="asOf"/> are judged, seen on <paramref name="today"/>:
    /// the period's last day, once the period is over, is judged as over (its figures are final, so an unmet target is
    /// missed, not at risk); any other day, and the last day while it is still today, on itself.
    /// </summary>
    public static DateOnly JudgedOn(DateOnly asOf, DateOnly periodEnd, DateOnly today) => asOf == periodEnd && today > periodEnd ? today : asOf;

    /// <summary>
    /// The share of the period from <paramref name="start"/> to <paramref name="end"/> (both included) elapsed by the end of
    /// <paramref name="today"/>: 0 before it starts, 1 from its last day on.
    /// </summary>
    public static decimal ShareElapsed(DateOnly start, DateOnly end, DateOnly today)
    {
        if (today < start) return 0;
        if (today >= end) return 1;
        return (decimal)(today.DayNumber - start.DayNumber + 1) / (end.DayNumber - start.DayNumber + 1);
    }

    private static TargetEvaluation Paced(decimal required, decimal value, DateOnly start, DateOnly end, DateOnly today, decimal tolerance)
    {
        if (value >= required) return new(TargetStatus.Met, required, 0);
        var gap = required - value;
        if (today > end) return new(TargetStatus.Missed, required, gap);
        var expected = required * ShareElapsed(start, end, today) * (1 - tolerance / 100m);
        return new(value < expected ? TargetStatus.AtRisk : TargetStatus.OnTrack, required, gap);
    }
}

/// <summary>
/// The split of a provincial target to cities (指标分解): a per-city minimum gives every city the same quota unless the
/// table says otherwise; a total is split by explicit quotas that must add up to the provincial figure.
/// </summary>
public static class TargetSplit
{
    /// <summary>Null when the quotas may be saved, else the sum they make (the form names it beside the figure required).</summary>
    public static decimal? WrongSum(bool perCity, decimal total, IReadOnlyCollection<decimal> quotas)
    {
        if (perCity || quotas.Count == 0) return null;
        var sum = quotas.Sum();
        return sum == total ? null : sum;
    }

    /// <summary>Each city's quota: its row in the table, else (for a per-city target) the target's own figure, else none.</summary>
    public static decimal? QuotaOf(bool perCity, decimal value, IReadOnlyDictionary<string, decimal> shares, string regionCode) =>
        shares.TryGetValue(regionCode, out var q) ? q : perCity ? value : null;
}
