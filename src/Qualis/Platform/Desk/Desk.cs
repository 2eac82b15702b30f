using Microsoft.Extensions.Caching.Memory;
using Qualis.Platform.Accounts;
using Qualis.Platform.Calendar;
using Qualis.Platform.Modules;

namespace Qualis.Platform.Desk;

/// <summary>
/// Whose desk (工作台) is asked for: the account as the sources need it, and today's date in China, the day deadlines
/// count in. The same context serves the home page (the signed-in user) and the notification job (each account in
/// turn, with the area filter set to that account's region).
/// </summary>
public sealed record DeskContext(
    string UserId, string UserName, string Role, string RegionCode, string RegionPath, string? EnterpriseCode, string? Organisation, DateOnly Today)
{
    public bool IsOfficial => Roles.Officials.Split(',').Contains(Role);
    public bool IsInspector => Role == Roles.Inspector;
    public bool IsAgency => Role == Roles.TestingAgency;
    public bool IsEnterprise => Role == Roles.EnterpriseUser;

    /// <summary>What a card's figures depend on: two accounts with the same key see the same cards.</summary>
    public string CardKey => string.Join('|', Role, RegionPath, EnterpriseCode, Organisation);

    public static DeskContext Of(QualisUser u, DateOnly today) =>
        new(u.Id, u.UserName ?? "", u.Role, u.RegionCode, u.RegionPath, u.EnterpriseCode, u.Organisation?.Trim(), today);
}

/// <summary>How near a to-do's deadline is (期限状态).</summary>
[TextKeys("desk.due.", lowerCase: true)]
public enum DueState
{
    /// <summary>No deadline, or more than the warning period away.</summary>
    Open,
    /// <summary>Due within <see cref="DeskDue.SoonWorkingDays"/> working days (临期).</summary>
    Soon,
    /// <summary>The due day has passed (逾期); the due day itself is still in time.</summary>
    Overdue,
}

/// <summary>
/// One concrete item waiting for a person (待办事项): its kind (a text key, also the notification setting's name),
/// a stable key of the item (for notifying once), a title in names rather than codes, where to act, and the last day
/// it is in time (China date) if it has one. A deadline that falls at a time of day (a draw's witnesses' deadline) gives
/// that instant too (<paramref name="DueAt"/>, UTC): the desk shows it to the minute in China time, and the item is overdue
/// from that minute rather than from the next day.
/// </summary>
[ModuleFace]
public sealed record ToDo(string Kind, string ItemKey, string Title, string Link, DateOnly? Due, DateTime? DueAt = null);

/// <summary>
/// One figure of a card: a text key for its label, the value as shown (or, when <paramref name="ValueIsKey"/>, a text key
/// for it), where it leads, and a tone ("danger") for figures that ask for attention.
/// </summary>
[ModuleFace]
public sealed record DeskFigure(string LabelKey, string Value, string? Link = null, string? Tone = null, bool ValueIsKey = false);

/// <summary>A monthly pass-rate trend (合格率月度趋势): months 1–12 of a year, the rate in percent or null where nothing was checked.</summary>
[ModuleFace]
public sealed record DeskTrend(int Year, IReadOnlyList<int> Months, IReadOnlyList<decimal?> Rates, IReadOnlyList<int> Passed, IReadOnlyList<int> Checked);

/// <summary>A card on the desk (工作台卡片): the figures that matter to the reader, in text keys and values so it is the same in both languages.</summary>
[ModuleFace]
public sealed record DeskCard(string Id, string TitleKey, int Order, IReadOnlyList<DeskFigure> Figures, string? Link = null, DeskTrend? Trend = null);

/// <summary>
/// What a module puts on people's desks. Each module registers its source in <c>IModule.AddServices</c>
/// (<c>services.AddScoped&lt;IDeskSource, …&gt;()</c>); the home page and the notification job ask every source.
/// A source reads through the area filter of the scope it runs in and must stay cheap: no scan of a large table per call.
/// </summary>
[ModuleFace]
public interface IDeskSource
{
    /// <summary>The items waiting for this person now.</summary>
    Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct);

    /// <summary>The cards for this person; the desk keeps them for a short while per <see cref="DeskContext.CardKey"/>.</summary>
    Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct);
}

/// <summary>A to-do with how near its deadline is.</summary>
public sealed record DeskItem(ToDo ToDo, DueState State, int? WorkingDaysLeft);

/// <summary>Due and overdue on working days (工作日), with the holiday calendar.</summary>
public static class DeskDue
{
    /// <summary>"Due soon" is within this many working days, as the action's rules ask for the desk.</summary>
    public const int SoonWorkingDays = 5;

    /// <summary>
    /// Working days from today to the due day (0 on the due day, negative once overdue). Outside the calendar's
    /// years it counts weekdays, so a desk never fails for want of next year's holiday schedule.
    /// </summary>
    public static int WorkingDaysLeft(DateOnly due, DateOnly today, WorkingCalendar calendar)
    {
        try
        {
            return calendar.WorkingDaysBetween(today, due);
        }
        catch (CalendarNotCoveredException)
        {
            var sign = due < today ? -1 : 1;
            var (from, to) = due < today ? (due, today) : (today, due);
            var count = 0;
            for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
                if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) count++;
            return sign * count;
        }
    }

    /// <summary>The state of a deadline at a time of day: overdue from the minute after it, else as its China date.</summary>
    public static DueState StateOf(DateOnly? due, DateTime? dueAt, DateTime utcNow, DateOnly today, WorkingCalendar calendar) =>
        dueAt is { } at && utcNow > at ? DueState.Overdue : StateOf(due, today, calendar);

    public static DueState StateOf(DateOnly? due, DateOnly today, WorkingCalendar calendar, int soonWorkingDays = SoonWorkingDays)
    {
        if (due is not { } d) return DueState.Open;
        if (today > d) return DueState.Overdue;
        return WorkingDaysLeft(d, today, calendar) <= soonWorkingDays ? DueState.Soon : DueState.Open;
    }
}

/// <summary>The desk of one person: every source's to-dos, most urgent first, and its cards, in their order.</summary>
public sealed class WorkDesk(IEnumerable<IDeskSource> sources, WorkingCalendar calendar, IMemoryCache cache, DeskSettings settings, Qualis.Platform.Time.PeopleClock clock)
{
    /// <summary>Today in the display zone (Display:TimeZone), the day deadlines count in.</summary>
    public DateOnly Today => clock.Today;

    public WorkingCalendar Calendar => calendar;

    public async Task<IReadOnlyList<DeskItem>> ToDosAsync(DeskContext ctx, CancellationToken ct = default)
    {
        var all = new List<ToDo>();
        foreach (var source in sources) all.AddRange(await source.ToDosAsync(ctx, ct));
        return all
            .Select(t => new DeskItem(t, DeskDue.StateOf(t.Due, t.DueAt, clock.UtcNow, ctx.Today, calendar), t.Due is { } d ? DeskDue.WorkingDaysLeft(d, ctx.Today, calendar) : null))
            .OrderBy(i => i.State switch { DueState.Overdue => 0, DueState.Soon => 1, _ => 2 })
            .ThenBy(i => i.ToDo.Due ?? DateOnly.MaxValue)
            .ThenBy(i => i.ToDo.DueAt ?? DateTime.MaxValue)
            .ThenBy(i => i.ToDo.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.ToDo.Title, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The cards, kept for <see cref="DeskSettings.CardSeconds"/> per kind of reader and area: area figures over a
    /// million enterprises are not counted again on every visit, and a minute-old count is current enough for a desk.
    /// </summary>
    public async Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct = default)
    {
        var key = "desk-cards|" + ctx.CardKey + "|" + ctx.Today.DayNumber;
        if (settings.CardSeconds > 0 && cache.TryGetValue(key, out IReadOnlyList<DeskCard>? cached) && cached is not null) return cached;
        var cards = new List<DeskCard>();
        foreach (var source in sources) cards.AddRange(await source.CardsAsync(ctx, ct));
        IReadOnlyList<DeskCard> ordered = cards.OrderBy(c => c.Order).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        if (settings.CardSeconds > 0) cache.Set(key, ordered, TimeSpan.FromSeconds(settings.CardSeconds));
        return ordered;
    }
}

/// <summary>Desk:CardSeconds, how long a card's figures are kept (default 60 s; 0 counts on every visit).</summary>
public sealed record DeskSettings(int CardSeconds)
{
    public static DeskSettings From(IConfiguration config) =>
        new(config.GetValue("Desk:CardSeconds", 60) is var s && s >= 0 ? s : throw new SettingException("Desk:CardSeconds", s.ToString(CultureInfo.InvariantCulture), "must be 0 or more"));
}
