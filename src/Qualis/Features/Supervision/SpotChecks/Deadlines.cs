using Qualis.Platform.Calendar;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>
/// The statutory deadlines of a product spot check (产品质量监督抽查). Each returns the last day on which the
/// step is still in time. Periods written "自…之日起N日内" start the day after the event (the event day is
/// not counted), so day N is event + N.
/// </summary>
/// <remarks>
/// Calendar-day periods are computed as plain calendar days, as the brief and the rules table state. Not
/// applied here: the general rule that a period whose last day is a public holiday ends on the first day
/// after the holiday (民法典 art. 203, and the period clauses of several SAMR procedural regulations). If the
/// legal office confirms that rule for these periods, apply it on top of these dates with
/// <see cref="WorkingCalendar"/>; until then an objection arriving just after a holiday should be checked by a person
/// rather than refused automatically.
/// </remarks>
public sealed class Deadlines(WorkingCalendar calendar)
{
    public const int ObjectionDays = 15;
    public const int RectificationDays = 60;
    public const int FollowUpCheckDays = 75;
    public const int PublicationWorkingDays = 20;

    /// <summary>
    /// Objection and re-test request (异议/复检): within 15 days of receiving the inspection result
    /// (产品质量法 art. 15: 自收到检验结果之日起十五日内). Calendar days.
    /// </summary>
    public static DateOnly ObjectionDeadline(DateOnly resultReceived) => resultReceived.AddDays(ObjectionDays);

    /// <summary>
    /// Rectification (整改): within 60 days of the order (产品质量监督抽查管理暂行办法, SAMR order 18 of 2019,
    /// art. 46: 自责令之日起六十日内予以改正). Calendar days. The stop-sale duty (art. 45) is immediate and has no deadline.
    /// </summary>
    public static DateOnly RectificationDue(DateOnly orderDate) => orderDate.AddDays(RectificationDays);

    /// <summary>
    /// Follow-up check (复查) by the authority: within 75 days of the rectification order (SAMR order 18
    /// art. 47: 自责令之日起七十五日内). Calendar days. A failed follow-up is reported up to the province, which announces it.
    /// </summary>
    public static DateOnly FollowUpCheckDue(DateOnly orderDate) => orderDate.AddDays(FollowUpCheckDays);

    /// <summary>
    /// Publication of the results (一公开): within 20 working days (工作日) of the end of the inspection
    /// (企业信息公示暂行条例 art. 6 and 双随机 practice). Throws <see cref="CalendarNotCoveredException"/> when
    /// the period reaches a year whose holiday schedule is not loaded.
    /// </summary>
    public DateOnly PublicationDue(DateOnly inspectionEnded) => calendar.AddWorkingDays(inspectionEnded, PublicationWorkingDays);

    /// <summary>Overdue once the due day has fully passed: the due day itself is still in time.</summary>
    public static bool IsOverdue(DateOnly due, DateOnly today) => today > due;
}
