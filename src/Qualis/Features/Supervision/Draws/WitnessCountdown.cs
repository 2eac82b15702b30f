namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// How long a witness who has not given their value has until the draw's deadline, or how long it is past (距截止 / 已超过截止),
/// as the officials' draw page shows it beside the witness: whole days and hours beyond a day, hours and minutes beyond an
/// hour, else minutes, so the office sees at a glance whether to wait or to apply the fallback. A text key and its arguments.
/// </summary>
public static class WitnessCountdown
{
    public sealed record Countdown(bool Overdue, string DurationKey, object[] Args);

    public static Countdown Of(DateTime deadlineUtc, DateTime utcNow)
    {
        var overdue = utcNow > deadlineUtc;
        var span = overdue ? utcNow - deadlineUtc : deadlineUtc - utcNow;
        // Whole minutes, rounded up: 20 s left is "1 minute", not "0", and so is 20 s past.
        var minutes = (long)Math.Ceiling(span.TotalMinutes);
        var (days, hours, rest) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
        return days > 0 ? new(overdue, "draw.witness.span_days", [days, hours])
            : hours > 0 ? new(overdue, "draw.witness.span_hours", [hours, rest])
            : new(overdue, "draw.witness.span_minutes", [rest]);
    }
}
