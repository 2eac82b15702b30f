using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Calendar;

namespace Qualis.Tests.Features.Supervision.SpotChecks;

public sealed class DeadlinesTests
{
    private static readonly Deadlines Deadlines = new(WorkingCalendar.China);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Objection_is_due_15_calendar_days_after_the_result_is_received_holidays_included()
    {
        Deadlines.ObjectionDeadline(D("2025-09-25")).ShouldBe(D("2025-10-10")); // runs straight through 国庆
        Deadlines.ObjectionDeadline(D("2025-12-20")).ShouldBe(D("2026-01-04"));
    }

    [Fact]
    public void Rectification_is_due_in_60_days_and_the_follow_up_check_in_75()
    {
        Deadlines.RectificationDue(D("2025-03-01")).ShouldBe(D("2025-04-30"));
        Deadlines.FollowUpCheckDue(D("2025-03-01")).ShouldBe(D("2025-05-15"));
    }

    [Fact]
    public void Publication_is_due_20_working_days_after_the_inspection_ends()
    {
        Deadlines.PublicationDue(D("2025-09-26")).ShouldBe(D("2025-10-30"));
        Deadlines.PublicationDue(D("2026-02-12")).ShouldBe(D("2026-03-18"));
        Deadlines.PublicationDue(D("2025-06-02")).ShouldBe(D("2025-06-30")); // last day of 端午: plain four weeks
    }

    [Fact]
    public void Publication_deadline_into_an_unpublished_year_is_not_guessed() =>
        Should.Throw<CalendarNotCoveredException>(() => Deadlines.PublicationDue(D("2026-12-10")));

    [Fact]
    public void A_step_is_overdue_only_after_its_due_day()
    {
        var due = D("2025-10-10");
        Deadlines.IsOverdue(due, D("2025-10-09")).ShouldBeFalse();
        Deadlines.IsOverdue(due, due).ShouldBeFalse();
        Deadlines.IsOverdue(due, D("2025-10-11")).ShouldBeTrue();
    }
}
