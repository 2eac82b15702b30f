using System.Linq.Expressions;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>A step that is late (逾期).</summary>
[TextKeys("dashboard.kind.")]
[TextKeys("check.overdue.")]
public enum OverdueKind
{
    /// <summary>结果待确定: the objection period ended, the check is still at its result with nothing decided.</summary>
    Finalise,
    /// <summary>逾期未公示: 20 working days after the end of the inspection and not published.</summary>
    Publication,
    /// <summary>整改期满未复查: the 60 days of rectification passed and no follow-up result is in.</summary>
    Rectification,
    /// <summary>逾期未复查: the 75 days for the follow-up check passed without its result.</summary>
    FollowUp,
}

/// <summary>One late step: what and its due day; it has been late since the day after.</summary>
public sealed record OverdueStep(OverdueKind Kind, DateOnly Due)
{
    public DateOnly Since => Due.AddDays(1);
    public int DaysLate(DateOnly today) => today.DayNumber - Due.DayNumber;
}

/// <summary>
/// The late steps of a check on a given day. A due day is still in time (<see cref="Deadlines.IsOverdue"/>). The same
/// rule twice: <see cref="Of"/> for a check in memory, <see cref="Any"/> as a query predicate for lists and counts; a
/// test keeps them in agreement.
/// </summary>
public static class OverdueSteps
{
    public static IReadOnlyList<OverdueStep> Of(SpotCheck c, DateOnly today)
    {
        var late = new List<OverdueStep>();
        if (c.Status == SpotCheckStatus.Tested && c.Decision is null && c.ObjectionDeadline is { } objection && Deadlines.IsOverdue(objection, today))
            late.Add(new(OverdueKind.Finalise, objection));
        if (c.Status == SpotCheckStatus.Final && c.PublishedAt is null && c.PublicationDue is { } publication && Deadlines.IsOverdue(publication, today))
            late.Add(new(OverdueKind.Publication, publication));
        if (c.FollowUpResult is null && c.RectificationDue is { } rectification && Deadlines.IsOverdue(rectification, today))
            late.Add(new(OverdueKind.Rectification, rectification));
        if (c.FollowUpResult is null && c.FollowUpDue is { } followUp && Deadlines.IsOverdue(followUp, today))
            late.Add(new(OverdueKind.FollowUp, followUp));
        return late;
    }

    /// <summary>Checks with at least one late step on <paramref name="today"/>, as SQL.</summary>
    public static Expression<Func<SpotCheck, bool>> Any(DateOnly today) => c =>
        (c.Status == SpotCheckStatus.Tested && c.Decision == null && c.ObjectionDeadline != null && c.ObjectionDeadline < today)
        || (c.Status == SpotCheckStatus.Final && c.PublishedAt == null && c.PublicationDue != null && c.PublicationDue < today)
        || (c.FollowUpResult == null && c.RectificationDue != null && c.RectificationDue < today)
        || (c.FollowUpResult == null && c.FollowUpDue != null && c.FollowUpDue < today);
}
