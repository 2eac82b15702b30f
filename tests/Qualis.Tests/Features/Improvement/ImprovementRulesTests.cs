using Qualis.Features.Improvement;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.Improvement.Tasks;

namespace Qualis.Tests.Features.Improvement;

/// <summary>The rules of projects, tasks, comparisons and the expert directory, without a database.</summary>
public sealed class ImprovementRulesTests
{
    private static ImprovementTask OpenTask(DateOnly deadline) => new() { Title = "t", Deadline = deadline };

    [Fact]
    public void An_end_before_the_start_is_refused_on_the_end_and_the_same_day_is_allowed()
    {
        var problem = ImprovementRules.Dates(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 30)).ShouldNotBeNull();
        (problem.Field, problem.Key).ShouldBe(("EndOn", "improvement.error.end_before_start"));
        ImprovementRules.Dates(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1)).ShouldBeNull();
        ImprovementRules.Dates(null, new DateOnly(2026, 5, 1)).ShouldBeNull();
    }

    [Fact]
    public void A_task_is_overdue_only_after_its_deadline_and_only_while_open()
    {
        var t = OpenTask(new DateOnly(2026, 6, 30));
        ImprovementRules.IsOverdue(t, new DateOnly(2026, 6, 30)).ShouldBeFalse();
        ImprovementRules.IsOverdue(t, new DateOnly(2026, 7, 1)).ShouldBeTrue();
        t.Status = TaskState.Closed;
        ImprovementRules.IsOverdue(t, new DateOnly(2026, 7, 1)).ShouldBeFalse();
    }

    [Fact]
    public void A_task_closes_only_with_evidence_not_before_it_was_created_and_once()
    {
        var t = OpenTask(new DateOnly(2026, 6, 30));
        var created = new DateOnly(2026, 3, 1);
        var refused = ImprovementRules.Close(t, 0, new DateOnly(2026, 6, 1), created, "hefei").ShouldHaveSingleItem();
        (refused.Field, refused.Key).ShouldBe(("Files", "improvement.error.close_without_evidence"));
        t.Status.ShouldBe(TaskState.Open);
        ImprovementRules.Close(t, 1, new DateOnly(2026, 2, 1), created, "hefei").ShouldHaveSingleItem().Key.ShouldBe("improvement.error.close_before_created");
        ImprovementRules.Close(t, 2, new DateOnly(2026, 6, 1), created, "hefei").ShouldBeEmpty();
        (t.Status, t.ClosedOn, t.ClosedBy).ShouldBe((TaskState.Closed, (DateOnly?)new DateOnly(2026, 6, 1), "hefei"));
        ImprovementRules.Close(t, 2, new DateOnly(2026, 6, 2), created, "hefei").ShouldHaveSingleItem().Key.ShouldBe("improvement.error.task_closed");
        t.ClosedOn.ShouldBe(new DateOnly(2026, 6, 1));
    }

    [Fact]
    public void A_project_finishes_with_its_result_once_its_tasks_are_closed_and_only_a_finished_improvement_project_is_published_once()
    {
        var p = new ImprovementProject { Title = "p", StartOn = new DateOnly(2026, 1, 1), EndOn = new DateOnly(2026, 12, 31) };
        ImprovementRules.Finish(p, " ", new DateOnly(2026, 6, 1), 0).ShouldContain(x => x.Key == "improvement.error.result_required");
        ImprovementRules.Finish(p, "合格率提升", new DateOnly(2026, 6, 1), 2).ShouldContain(x => x.Key == "improvement.error.open_tasks");
        ImprovementRules.Finish(p, "合格率提升", new DateOnly(2025, 12, 1), 0).ShouldContain(x => x.Key == "improvement.error.finish_before_start");
        ImprovementRules.Publish(p, DateTime.UtcNow, "province").ShouldHaveSingleItem().Key.ShouldBe("improvement.error.publish_unfinished");
        p.Status.ShouldBe(ProjectStatus.Open);
        ImprovementRules.Finish(p, " 合格率提升 ", new DateOnly(2026, 6, 1), 0).ShouldBeEmpty();
        (p.Status, p.Result, p.FinishedOn).ShouldBe((ProjectStatus.Finished, "合格率提升", (DateOnly?)new DateOnly(2026, 6, 1)));
        ImprovementRules.Finish(p, "again", new DateOnly(2026, 6, 2), 0).ShouldHaveSingleItem().Key.ShouldBe("improvement.error.not_open");
        ImprovementRules.Publish(p, DateTime.UtcNow, "province").ShouldBeEmpty();
        p.PublishedBy.ShouldBe("province");
        ImprovementRules.Publish(p, DateTime.UtcNow, "other").ShouldHaveSingleItem().Key.ShouldBe("improvement.error.published_already");
        var plan = new ImprovementProject { Kind = ProjectKind.HelpPlan, Status = ProjectStatus.Finished };
        ImprovementRules.Publish(plan, DateTime.UtcNow, "province").ShouldHaveSingleItem().Key.ShouldBe("improvement.error.help_plan_not_case");
    }

    [Theory]
    [InlineData("97.5", 97.5)]
    [InlineData(" 1,250 ", 1250)]
    [InlineData("98%", 98)]
    [InlineData("-3", -3)]
    public void A_value_is_a_number_as_officials_write_it(string text, decimal expected) =>
        ImprovementRules.ParseValue(text, "Value").ShouldBe(((decimal?)expected, (ImprovementProblem?)null));

    [Theory]
    [InlineData("九十")]
    [InlineData("97.5 吨")]
    [InlineData("1e400")]
    public void A_value_of_the_wrong_type_is_refused_naming_the_field_and_what_was_given(string text)
    {
        var (value, problem) = ImprovementRules.ParseValue(text, "Benchmark");
        value.ShouldBeNull();
        (problem!.Field, problem.Key, problem.Args.Single()).ShouldBe(("Benchmark", "improvement.error.value_not_number", (object)text));
    }

    [Fact]
    public void The_gap_is_positive_when_better_than_the_benchmark_in_either_direction_and_the_trend_compares_first_and_last_gaps()
    {
        ImprovementRules.Gap(97m, 98m, higherIsBetter: true).ShouldBe(-1m);
        ImprovementRules.Gap(400m, 500m, higherIsBetter: false).ShouldBe(100m);
        ImprovementRules.Gap(null, 500m, higherIsBetter: false).ShouldBeNull();
        var narrowing = new[] { ImprovementRules.Point(2023, 94m, 98m, true), ImprovementRules.Point(2024, 95m, null, true), ImprovementRules.Point(2025, 97m, 98m, true) };
        ImprovementRules.Trend(narrowing).ShouldBe(GapTrend.Narrowing);
        ImprovementRules.Trend(narrowing.Reverse().Select((p, i) => p with { Year = 2023 + i })).ShouldBe(GapTrend.Widening);
        ImprovementRules.Trend([ImprovementRules.Point(2025, 97m, 98m, true)]).ShouldBeNull();
        ImprovementRules.Point(2025, 98m, 98m, true).Meets.ShouldBe(true);
    }

    [Fact]
    public void The_aggregate_takes_the_median_and_the_share_meeting_the_benchmark()
    {
        ImprovementRules.Median([5m, 1m, 3m]).ShouldBe(3m);
        ImprovementRules.Median([4m, 1m, 3m, 2m]).ShouldBe(2.5m);
        ImprovementRules.Median([]).ShouldBeNull();
        var points = new[] { ImprovementRules.Point(2025, 99m, 98m, true), ImprovementRules.Point(2025, 90m, 98m, true), ImprovementRules.Point(2025, 98m, 98m, true), ImprovementRules.Point(2025, 90m, null, true) };
        ImprovementRules.ShareMeeting(points).ShouldBe(66.7m);
        ImprovementRules.ShareMeeting([]).ShouldBeNull();
    }

    [Fact]
    public void An_office_answers_for_records_of_its_own_office_and_those_above_it_do_too()
    {
        ImprovementRules.Answers("/340000/340100/", "340100", "/340000/340100/340102/").ShouldBeTrue();
        ImprovementRules.Answers("/340000/", "340100", "/340000/340100/340102/").ShouldBeTrue();
        ImprovementRules.Answers("/340000/340100/340102/", "340100", "/340000/340100/340102/").ShouldBeFalse();
        ImprovementRules.Answers("/340000/340200/", "340100", "/340000/340100/").ShouldBeFalse();
        ImprovementRules.Answers(null, "340100", "/340000/340100/").ShouldBeTrue();
    }

    [Fact]
    public void An_expert_conflicts_with_a_declared_credit_code_a_declared_unit_or_their_own_unit()
    {
        const string declared = "91340102743081729f\n合肥某某电器有限公司、 芜湖示例厂；";
        ExpertRules.ConflictEntries(declared).ShouldBe(["91340102743081729F", "合肥某某电器有限公司", "芜湖示例厂"]);
        ExpertRules.ConflictsWith(declared, "省标准院", "91340102743081729F", "任意名称").ShouldBeTrue();
        ExpertRules.ConflictsWith(declared, "省标准院", null, "芜湖示例厂").ShouldBeTrue();
        ExpertRules.ConflictsWith(declared, "省标准院", "913401000000000000", "合肥另一家公司").ShouldBeFalse();
        ExpertRules.ConflictsWith(null, "合肥示范电缆有限公司", null, "合肥示范电缆有限公司").ShouldBeTrue();
    }
}
