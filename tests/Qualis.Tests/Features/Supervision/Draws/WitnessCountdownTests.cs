using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

/// <summary>How long a silent witness has left, or how long the deadline is past, as the officials' draw page shows it.</summary>
public sealed class WitnessCountdownTests
{
    private static readonly DateTime Deadline = new(2026, 12, 8, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Days_and_hours_beyond_a_day_hours_and_minutes_beyond_an_hour_else_minutes()
    {
        Shown(WitnessCountdown.Of(Deadline, Deadline.AddDays(-2).AddHours(-5).AddMinutes(-10))).ShouldBe("left draw.witness.span_days 2,5");
        Shown(WitnessCountdown.Of(Deadline, Deadline.AddHours(-3).AddMinutes(-7))).ShouldBe("left draw.witness.span_hours 3,7");
        Shown(WitnessCountdown.Of(Deadline, Deadline.AddMinutes(-42))).ShouldBe("left draw.witness.span_minutes 42");
        Shown(WitnessCountdown.Of(Deadline, Deadline.AddHours(26).AddMinutes(30))).ShouldBe("overdue draw.witness.span_days 1,2");
    }

    [Fact]
    public void Seconds_before_or_after_the_deadline_count_as_a_minute()
    {
        Shown(WitnessCountdown.Of(Deadline, Deadline.AddSeconds(-20))).ShouldBe("left draw.witness.span_minutes 1");
        WitnessCountdown.Of(Deadline, Deadline).Overdue.ShouldBeFalse("the deadline's own minute is still in time");
        Shown(WitnessCountdown.Of(Deadline, Deadline.AddSeconds(20))).ShouldBe("overdue draw.witness.span_minutes 1");
    }

    private static string Shown(WitnessCountdown.Countdown c) => $"{(c.Overdue ? "overdue" : "left")} {c.DurationKey} {string.Join(",", c.Args)}";
}
