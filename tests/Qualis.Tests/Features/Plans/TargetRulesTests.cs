using Qualis.Features.Plans;

namespace Qualis.Tests.Features.Plans;

/// <summary>The target rules at their boundaries, with no database: every kind, before, on and after its day.</summary>
public sealed class TargetRulesTests
{
    private static readonly DateOnly Start = new(2018, 1, 1);
    private static readonly DateOnly End = new(2018, 12, 31);

    private static TargetDefinition Def(TargetKind kind, decimal value, DateOnly? due = null, decimal tolerance = 0, int? baseline = null) =>
        new(kind, value, Start, End, due, tolerance, baseline);

    [Fact]
    public void A_minimum_is_met_at_the_target_at_risk_behind_the_pace_on_track_at_it_and_missed_after_the_period()
    {
        var fifty = Def(TargetKind.Minimum, 50);
        TargetRules.Evaluate(fifty, 50, null, new DateOnly(2018, 3, 1)).ShouldBe(new TargetEvaluation(TargetStatus.Met, 50, 0));
        // On 2 July 183 of 365 days are gone: the pace is 50 × 183/365 = 25.07.
        var july = new DateOnly(2018, 7, 2);
        TargetRules.ShareElapsed(Start, End, july).ShouldBe(183m / 365m);
        TargetRules.Evaluate(fifty, 25, null, july).Status.ShouldBe(TargetStatus.AtRisk);
        TargetRules.Evaluate(fifty, 26, null, july).ShouldBe(new TargetEvaluation(TargetStatus.OnTrack, 50, 24));
        // The last day still counts as in the period; the next one does not.
        TargetRules.Evaluate(fifty, 49, null, End).Status.ShouldBe(TargetStatus.AtRisk);
        TargetRules.Evaluate(fifty, 49, null, End.AddDays(1)).ShouldBe(new TargetEvaluation(TargetStatus.Missed, 50, 1));
        // No value counts as nothing; before the period nothing is expected yet.
        TargetRules.Evaluate(fifty, null, null, Start.AddDays(-1)).Status.ShouldBe(TargetStatus.OnTrack);
        TargetRules.Evaluate(fifty, null, null, End.AddDays(1)).Status.ShouldBe(TargetStatus.Missed);
    }

    [Fact]
    public void A_closed_periods_last_day_is_judged_as_over_but_a_running_periods_last_day_is_not()
    {
        var fifty = Def(TargetKind.Minimum, 50);
        // Seen after the period: the last day's figures are final, so short of the target is missed.
        TargetRules.JudgedOn(End, End, End.AddDays(1)).ShouldBe(End.AddDays(1));
        TargetRules.Evaluate(fifty, 49, null, TargetRules.JudgedOn(End, End, new DateOnly(2026, 12, 6))).Status.ShouldBe(TargetStatus.Missed);
        TargetRules.Evaluate(Def(TargetKind.Rate, 90, tolerance: 2), 89, null, TargetRules.JudgedOn(End, End, End.AddDays(1))).Status.ShouldBe(TargetStatus.Missed);
        TargetRules.Evaluate(fifty, 50, null, TargetRules.JudgedOn(End, End, End.AddDays(1))).Status.ShouldBe(TargetStatus.Met);
        // Seen on the last day itself the period still runs: at risk, as before.
        TargetRules.JudgedOn(End, End, End).ShouldBe(End);
        TargetRules.Evaluate(fifty, 49, null, TargetRules.JudgedOn(End, End, End)).Status.ShouldBe(TargetStatus.AtRisk);
        // Earlier points of a closed period are judged on their own day.
        var september = new DateOnly(2018, 9, 30);
        TargetRules.JudgedOn(september, End, End.AddDays(40)).ShouldBe(september);
    }

    [Fact]
    public void A_growth_cell_holds_its_value_against_the_baseline_grown_never_against_the_percent()
    {
        var met = new RegionTargetValue("340100", 20, 12, 10, new TargetEvaluation(TargetStatus.Met, 12, 0), null, null);
        TargetDisplay.Required(TargetKind.Growth, 20, met).ShouldBe(12);
        TargetDisplay.Progress(TargetKind.Growth, 20, met).ShouldBe(100);
        // During the year, behind: still the count required, not 20.
        var behind = new RegionTargetValue("340100", 20, 6, 10, TargetRules.Evaluate(Def(TargetKind.Growth, 20, baseline: 2017), 6, 10, new DateOnly(2018, 7, 2)), null, null);
        TargetDisplay.Required(TargetKind.Growth, 20, behind).ShouldBe(12);
        TargetDisplay.Progress(TargetKind.Growth, 20, behind).ShouldBe(50);
        // No baseline yet: no figure required to show (the percent is the rule, shown beside the target's name).
        var unknown = new RegionTargetValue("340100", 20, 6, null, TargetRules.Evaluate(Def(TargetKind.Growth, 20, baseline: 2017), 6, null, new DateOnly(2018, 7, 2)), null, null);
        TargetDisplay.Required(TargetKind.Growth, 20, unknown).ShouldBeNull();
        TargetDisplay.Figure(TargetDisplay.Required(TargetKind.Growth, 20, unknown)).ShouldBe("—");
        // The others: the region's quota, else the target's figure; a deadline none.
        var count = new RegionTargetValue("340100", 420, 96, null, new TargetEvaluation(TargetStatus.AtRisk, 420, 324), null, null);
        TargetDisplay.Required(TargetKind.Total, 3000, count).ShouldBe(420);
        TargetDisplay.Required(TargetKind.Minimum, 50, count with { Quota = null }).ShouldBe(50);
        TargetDisplay.Required(TargetKind.Deadline, 0, count).ShouldBeNull();
    }

    [Fact]
    public void The_tolerance_lowers_the_pace_a_value_must_keep()
    {
        var july = new DateOnly(2018, 7, 2);
        // Pace 25.07; with 10 % tolerance 22.56.
        TargetRules.Evaluate(Def(TargetKind.Minimum, 50, tolerance: 10), 23, null, july).Status.ShouldBe(TargetStatus.OnTrack);
        TargetRules.Evaluate(Def(TargetKind.Minimum, 50, tolerance: 10), 22, null, july).Status.ShouldBe(TargetStatus.AtRisk);
    }

    [Fact]
    public void Growth_is_judged_against_the_baseline_grown_and_cannot_be_shown_without_a_baseline()
    {
        var growth = Def(TargetKind.Growth, 20, baseline: 2017);
        var after = End.AddDays(1);
        TargetRules.Evaluate(growth, 12, 10, after).ShouldBe(new TargetEvaluation(TargetStatus.Met, 12.0m, 0));
        TargetRules.Evaluate(growth, 11, 10, after).ShouldBe(new TargetEvaluation(TargetStatus.Missed, 12.0m, 1.0m));
        TargetRules.Evaluate(growth, 11.5m, 10, new DateOnly(2018, 12, 1)).Status.ShouldBe(TargetStatus.OnTrack);
        TargetRules.Evaluate(growth, 11, 10, new DateOnly(2018, 12, 1)).Status.ShouldBe(TargetStatus.AtRisk);
        TargetRules.Evaluate(growth, 5, null, new DateOnly(2018, 6, 1)).ShouldBe(new TargetEvaluation(TargetStatus.AtRisk, null, null));
        TargetRules.Evaluate(growth, 5, null, after).ShouldBe(new TargetEvaluation(TargetStatus.Missed, null, null));
    }

    [Fact]
    public void A_total_runs_to_its_own_date_not_the_plans_period()
    {
        var total = Def(TargetKind.Total, 3000, due: new DateOnly(2020, 12, 31));
        TargetRules.Evaluate(total, 3000, null, new DateOnly(2019, 1, 1)).Status.ShouldBe(TargetStatus.Met);
        // At the plan's period end (a third of the way to 2020's end) 1,000 keeps the pace.
        TargetRules.Evaluate(total, 1000, null, End).Status.ShouldBe(TargetStatus.OnTrack);
        TargetRules.Evaluate(total, 900, null, End).Status.ShouldBe(TargetStatus.AtRisk);
        TargetRules.Evaluate(total, 2999, null, new DateOnly(2020, 12, 31)).Status.ShouldBe(TargetStatus.AtRisk);
        TargetRules.Evaluate(total, 2999, null, new DateOnly(2021, 1, 1)).ShouldBe(new TargetEvaluation(TargetStatus.Missed, 3000, 1));
    }

    [Fact]
    public void A_rate_is_met_at_the_target_at_risk_within_the_tolerance_and_missed_below_it()
    {
        var rate = Def(TargetKind.Rate, 90, tolerance: 2);
        var june = new DateOnly(2018, 6, 1);
        TargetRules.Evaluate(rate, 90, null, june).Status.ShouldBe(TargetStatus.Met);
        TargetRules.Evaluate(rate, 88, null, june).ShouldBe(new TargetEvaluation(TargetStatus.AtRisk, 90, 2));
        TargetRules.Evaluate(rate, 87.9m, null, june).Status.ShouldBe(TargetStatus.Missed);
        TargetRules.Evaluate(rate, 89, null, End.AddDays(1)).Status.ShouldBe(TargetStatus.Missed);
        // Kept at 100 %: any dip is below it.
        TargetRules.Evaluate(Def(TargetKind.Rate, 100), 99.9m, null, june).Status.ShouldBe(TargetStatus.Missed);
        TargetRules.Evaluate(Def(TargetKind.Rate, 100), 100, null, june).Status.ShouldBe(TargetStatus.Met);
        // No checks yet: no rate, at risk until the period ends.
        TargetRules.Evaluate(rate, null, null, june).Status.ShouldBe(TargetStatus.AtRisk);
        TargetRules.Evaluate(rate, null, null, End.AddDays(1)).Status.ShouldBe(TargetStatus.Missed);
    }

    [Fact]
    public void A_deadline_is_met_when_delivered_by_the_due_day_at_risk_near_it_and_missed_after_it()
    {
        var due = new DateOnly(2018, 12, 1);
        var summary = Def(TargetKind.Deadline, 0, due: due, tolerance: 10);
        TargetRules.Evaluate(summary, null, null, new DateOnly(2018, 11, 20)).Status.ShouldBe(TargetStatus.OnTrack);
        TargetRules.Evaluate(summary, null, null, new DateOnly(2018, 11, 21)).Status.ShouldBe(TargetStatus.AtRisk);
        TargetRules.Evaluate(summary, null, null, due).Status.ShouldBe(TargetStatus.AtRisk);
        TargetRules.Evaluate(summary, null, null, due.AddDays(1)).Status.ShouldBe(TargetStatus.Missed);
        TargetRules.Evaluate(summary, 1, null, due.AddDays(5), deliveredOn: due).Status.ShouldBe(TargetStatus.Met);
        TargetRules.Evaluate(summary, 1, null, due.AddDays(5), deliveredOn: due.AddDays(1)).Status.ShouldBe(TargetStatus.Missed);
    }

    [Fact]
    public void A_definition_is_refused_for_a_growth_without_baseline_a_rate_out_of_range_and_a_total_without_its_date()
    {
        TargetRules.Problems(Def(TargetKind.Growth, 20), 2018).ShouldContain(p => p.Key == "plans.error.baseline_required");
        TargetRules.Problems(Def(TargetKind.Growth, 20, baseline: 2018), 2018).ShouldContain(p => p.Key == "plans.error.baseline_before");
        TargetRules.Problems(Def(TargetKind.Growth, 20, baseline: 2017), 2018).ShouldBeEmpty();
        TargetRules.Problems(Def(TargetKind.Rate, 100.01m), 2018).ShouldContain(p => p.Key == "plans.error.rate_range");
        TargetRules.Problems(Def(TargetKind.Rate, -1), 2018).ShouldContain(p => p.Key == "plans.error.rate_range");
        TargetRules.Problems(Def(TargetKind.Rate, 100), 2018).ShouldBeEmpty();
        TargetRules.Problems(Def(TargetKind.Minimum, -1), 2018).ShouldContain(p => p.Key == "plans.error.value_negative");
        TargetRules.Problems(Def(TargetKind.Total, 3000), 2018).ShouldContain(p => p.Key == "plans.error.due_required");
        TargetRules.Problems(Def(TargetKind.Deadline, 0), 2018).ShouldContain(p => p.Key == "plans.error.due_required");
        TargetRules.Problems(Def(TargetKind.Minimum, 1, tolerance: 101), 2018).ShouldContain(p => p.Key == "plans.error.tolerance_range");
    }

    [Fact]
    public void Quotas_of_a_total_must_add_up_to_it_and_a_per_city_target_gives_every_city_its_figure()
    {
        TargetSplit.WrongSum(perCity: false, 3000, [420m, 2580m]).ShouldBeNull();
        TargetSplit.WrongSum(perCity: false, 3000, [420m, 2579m]).ShouldBe(2999m);
        TargetSplit.WrongSum(perCity: false, 3000, []).ShouldBeNull();
        TargetSplit.WrongSum(perCity: true, 50, [60m, 40m, 1m]).ShouldBeNull();
        var shares = new Dictionary<string, decimal> { ["340100"] = 60 };
        TargetSplit.QuotaOf(true, 50, shares, "340100").ShouldBe(60);
        TargetSplit.QuotaOf(true, 50, shares, "340200").ShouldBe(50);
        TargetSplit.QuotaOf(false, 3000, shares, "340200").ShouldBeNull();
    }
}
