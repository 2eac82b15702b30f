using Qualis.Platform.Calendar;
using Qualis.Platform.Desk;
using Qualis.Platform.Notifications;
using Microsoft.Extensions.Configuration;

namespace Qualis.Tests.Platform.Desk;

/// <summary>Due and overdue on the desk count working days with the holiday calendar, not calendar days.</summary>
public sealed class DeskDueTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.China;

    [Fact]
    public void The_national_day_holiday_does_not_count_towards_the_five_working_days()
    {
        var monday = new DateOnly(2026, 9, 28);
        // 29, 30 September, then 1–7 October off, 8 and 9 October: four working days for eleven calendar days.
        DeskDue.WorkingDaysLeft(new DateOnly(2026, 10, 9), monday, Calendar).ShouldBe(4);
        DeskDue.StateOf(new DateOnly(2026, 10, 9), monday, Calendar).ShouldBe(DueState.Soon);
        // Saturday 10 October is an adjusted working day (调休上班), Monday 12 October the sixth: not yet due soon.
        DeskDue.WorkingDaysLeft(new DateOnly(2026, 10, 12), monday, Calendar).ShouldBe(6);
        DeskDue.StateOf(new DateOnly(2026, 10, 12), monday, Calendar).ShouldBe(DueState.Open);
    }

    [Fact]
    public void The_due_day_itself_is_in_time_and_the_day_after_is_overdue()
    {
        var due = new DateOnly(2026, 6, 15);
        DeskDue.StateOf(due, due, Calendar).ShouldBe(DueState.Soon);
        DeskDue.WorkingDaysLeft(due, due, Calendar).ShouldBe(0);
        DeskDue.StateOf(due, due.AddDays(1), Calendar).ShouldBe(DueState.Overdue);
        DeskDue.WorkingDaysLeft(due, due.AddDays(1), Calendar).ShouldBe(-1);
        DeskDue.StateOf(null, due, Calendar).ShouldBe(DueState.Open);
    }

    [Fact]
    public void A_deadline_at_a_time_of_day_is_overdue_from_the_minute_after_it_not_from_the_next_day()
    {
        var day = new DateOnly(2026, 6, 15);
        var at = new DateTime(2026, 6, 15, 9, 0, 0, DateTimeKind.Utc); // 17:00 China time
        DeskDue.StateOf(day, at, at, day, Calendar).ShouldBe(DueState.Soon);
        DeskDue.StateOf(day, at, at.AddSeconds(1), day, Calendar).ShouldBe(DueState.Overdue);
        DeskDue.StateOf(day, null, at.AddHours(5), day, Calendar).ShouldBe(DueState.Soon, "a whole-day deadline is in time all its day");
    }

    [Fact]
    public void Beyond_the_calendars_years_weekdays_are_counted_rather_than_failing()
    {
        var year = Calendar.CoveredYears.Max() + 1;
        var friday = new DateOnly(year, 1, 1);
        while (friday.DayOfWeek != DayOfWeek.Friday) friday = friday.AddDays(1);
        DeskDue.WorkingDaysLeft(friday.AddDays(3), friday, Calendar).ShouldBe(1);
        DeskDue.WorkingDaysLeft(friday, friday.AddDays(3), Calendar).ShouldBe(-1);
    }

    [Fact]
    public void The_lead_time_of_a_reminder_is_a_setting_per_kind_of_to_do()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:LeadWorkingDays:todo.check.publish"] = "10",
            ["Notifications:IntervalSeconds"] = "60",
        }).Build();
        var settings = NotificationSettings.From(config);
        settings.LeadFor("todo.check.publish").ShouldBe(10);
        settings.LeadFor("todo.check.rectify").ShouldBe(NotificationSettings.DefaultLead);
        settings.Interval.ShouldBe(TimeSpan.FromSeconds(60));

        var wrong = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Notifications:LeadWorkingDays:todo.check.publish"] = "soon" }).Build();
        Should.Throw<SettingException>(() => NotificationSettings.From(wrong)).Key.ShouldBe("Notifications:LeadWorkingDays:todo.check.publish");
    }
}
