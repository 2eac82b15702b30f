using Qualis.Features.Plans;
using Qualis.Features.Plans.Progress;

namespace Qualis.Tests.Features.Plans;

/// <summary>The matrix cell's rule at its boundaries, with no database: the quarter's last day, the day after, a reopened quarter.</summary>
public sealed class ProgressRuleTests
{
    private static readonly DateOnly End = PlanAccess.PeriodDates("2018Q2")!.Value.End;

    [Fact]
    public void A_cell_is_due_through_the_quarters_last_day_and_overdue_from_the_next()
    {
        End.ShouldBe(new DateOnly(2018, 6, 30));
        ProgressRule.Cell(true, null, End, new DateOnly(2018, 4, 1), reopened: false).ShouldBe(ProgressCell.Due);
        ProgressRule.Cell(true, null, End, End, reopened: false).ShouldBe(ProgressCell.Due);
        ProgressRule.Cell(true, null, End, End.AddDays(1), reopened: false).ShouldBe(ProgressCell.Overdue);
    }

    [Fact]
    public void A_reopened_quarter_is_due_again_until_the_plan_is_frozen()
    {
        ProgressRule.Cell(true, null, End, End.AddDays(40), reopened: true).ShouldBe(ProgressCell.Due);
        ProgressRule.Cell(true, null, End, End.AddDays(40), reopened: true, frozen: true).ShouldBe(ProgressCell.Overdue);
    }

    [Fact]
    public void A_report_decides_the_cell_whatever_the_day_and_a_department_without_a_part_is_not_involved()
    {
        var late = End.AddDays(100);
        ProgressRule.Cell(true, ProgressStatus.Submitted, End, late, reopened: false).ShouldBe(ProgressCell.Reported);
        ProgressRule.Cell(true, ProgressStatus.Accepted, End, late, reopened: false).ShouldBe(ProgressCell.Reported);
        ProgressRule.Cell(true, ProgressStatus.Returned, End, End, reopened: false).ShouldBe(ProgressCell.Returned);
        ProgressRule.Cell(true, ProgressStatus.Returned, End, late, reopened: false).ShouldBe(ProgressCell.Returned);
        ProgressRule.Cell(false, null, End, late, reopened: false).ShouldBe(ProgressCell.NotInvolved);
        ProgressRule.Cell(false, ProgressStatus.Submitted, End, End, reopened: false).ShouldBe(ProgressCell.NotInvolved);
    }
}
