using System.Reflection;

namespace Qualis.Platform.Calendar;

/// <summary>What a listed date is: a public holiday (法定节假日放假) or an adjusted working weekend day (调休上班日).</summary>
public enum CalendarDayKind
{
    Holiday = 1,
    Workday = 2,
}

/// <summary>One listed date of the holiday schedule; every date not listed follows the weekday rule (Mon–Fri work).</summary>
public sealed record CalendarEntry(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>
/// Thrown when a computation needs a day of a year whose holiday schedule (放假安排) is not loaded: a
/// working-day deadline computed from weekdays alone can be wrong by up to eight days around 春节 or 国庆.
/// </summary>
public sealed class CalendarNotCoveredException(int year, IReadOnlyCollection<int> coveredYears)
    : InvalidOperationException(
        $"The working-day calendar has no holiday schedule (放假安排) for {year}; it covers " +
        (coveredYears.Count == 0 ? "no year" : string.Join(", ", coveredYears.Order())) +
        ". Add that year's State Council schedule (国务院办公厅部分节假日安排的通知) before computing dates in it.")
{
    public int Year { get; } = year;
}

/// <summary>
/// Working days (工作日): Monday to Friday, minus public holidays (法定节假日放假日期), plus the weekend days
/// the State Council moves to work (调休上班日). Built from data, never from rules: the schedule is decided
/// year by year and published in a notice, so the calendar knows exactly the years whose notice it holds.
/// </summary>
/// <remarks>
/// Outside the covered years every method throws <see cref="CalendarNotCoveredException"/> rather than
/// falling back to plain weekdays. A statutory deadline computed silently without holidays would be
/// wrong exactly when it matters (a 20-working-day publication deadline spanning 国庆 moves by six days),
/// and the error cannot be seen afterwards. Callers that must show something check <see cref="Covers(int)"/>
/// first and display "deadline not yet computable: the schedule for that year is not loaded" — the
/// schedule for next year is usually published in October or November, so this happens in practice only
/// for deadlines late in December before the notice is out.
/// </remarks>
public sealed class WorkingCalendar
{
    private const string ResourceName = "Qualis.Platform.Calendar.china-holidays.csv";
    private static readonly Lazy<WorkingCalendar> BuiltIn = new(LoadBuiltIn);

    private readonly Dictionary<DateOnly, CalendarEntry> _entries;
    private readonly SortedSet<int> _coveredYears;

    /// <summary>
    /// Builds a calendar from listed dates. A year counts as covered when at least one date of it is listed
    /// (every published schedule lists 元旦), unless <paramref name="coveredYears"/> says otherwise.
    /// </summary>
    public WorkingCalendar(IEnumerable<CalendarEntry> entries, IEnumerable<int>? coveredYears = null)
    {
        _entries = [];
        foreach (var e in entries)
        {
            Validate(e);
            if (!_entries.TryAdd(e.Date, e))
                throw new ArgumentException($"The date {e.Date:yyyy-MM-dd} is listed twice in the holiday schedule.", nameof(entries));
        }
        _coveredYears = new SortedSet<int>(coveredYears ?? _entries.Keys.Select(d => d.Year));
    }

    /// <summary>China's national schedule for the years in the embedded <c>china-holidays.csv</c> (2024–2026).</summary>
    public static WorkingCalendar China => BuiltIn.Value;

    public IReadOnlyCollection<int> CoveredYears => _coveredYears;

    public IReadOnlyCollection<CalendarEntry> Entries => _entries.Values;

    public bool Covers(int year) => _coveredYears.Contains(year);

    /// <summary>True when every day in [from, to] lies in a covered year.</summary>
    public bool Covers(DateOnly from, DateOnly to)
    {
        for (var y = Math.Min(from.Year, to.Year); y <= Math.Max(from.Year, to.Year); y++)
            if (!Covers(y)) return false;
        return true;
    }

    /// <summary>
    /// A new calendar with more dates, e.g. next year's schedule from configuration before a release ships
    /// it. An entry for a date already listed replaces it (a correction); the new years become covered.
    /// </summary>
    public WorkingCalendar With(IEnumerable<CalendarEntry> entries)
    {
        var merged = new Dictionary<DateOnly, CalendarEntry>(_entries);
        var years = new SortedSet<int>(_coveredYears);
        foreach (var e in entries)
        {
            merged[e.Date] = e;
            years.Add(e.Date.Year);
        }
        return new WorkingCalendar(merged.Values, years);
    }

    public bool IsWorkingDay(DateOnly date)
    {
        if (!Covers(date.Year)) throw new CalendarNotCoveredException(date.Year, _coveredYears);
        if (_entries.TryGetValue(date, out var e)) return e.Kind == CalendarDayKind.Workday;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The n-th working day after <paramref name="start"/>; the start itself is not counted, whatever it is
    /// (a period "自…之日起" begins the next day). n = 0 returns the start.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var day = start;
        while (n > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) n--;
        }
        return day;
    }

    /// <summary>
    /// Working days in (from, to]: the counterpart of <see cref="AddWorkingDays"/>, so that
    /// WorkingDaysBetween(d, AddWorkingDays(d, n)) == n. Negative when <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            if (IsWorkingDay(day)) count++;
        return count;
    }

    /// <summary>
    /// Reads <c>date,kind,name</c> lines (kind: holiday | workday), a header line and <c>#</c> comments
    /// allowed. Errors name the line.
    /// </summary>
    public static IReadOnlyList<CalendarEntry> ParseCsv(TextReader reader)
    {
        var list = new List<CalendarEntry>();
        var lineNo = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("date,", StringComparison.OrdinalIgnoreCase)) continue;
            var cells = line.Split(',');
            if (cells.Length != 3)
                throw new FormatException($"Holiday schedule line {lineNo}: expected date,kind,name but found {cells.Length} cells: \"{raw}\".");
            if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new FormatException($"Holiday schedule line {lineNo}: \"{cells[0]}\" is not a date written yyyy-MM-dd.");
            var kind = cells[1].Trim().ToLowerInvariant() switch
            {
                "holiday" => CalendarDayKind.Holiday,
                "workday" => CalendarDayKind.Workday,
                _ => throw new FormatException($"Holiday schedule line {lineNo}: kind \"{cells[1]}\" must be holiday or workday."),
            };
            var entry = new CalendarEntry(date, kind, cells[2].Trim());
            try { Validate(entry); }
            catch (ArgumentException ex) { throw new FormatException($"Holiday schedule line {lineNo}: {ex.Message}", ex); }
            list.Add(entry);
        }
        return list;
    }

    private static void Validate(CalendarEntry e)
    {
        // A "working weekday" entry would change nothing and almost always means a mistyped date.
        if (e.Kind == CalendarDayKind.Workday && e.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            throw new ArgumentException(
                $"{e.Date:yyyy-MM-dd} is a {e.Date.DayOfWeek}; an adjusted working day (调休上班日) must be a Saturday or Sunday.");
    }

    /// <summary>
    /// The built-in schedule plus the file named by the <c>Calendar:HolidaysFile</c> setting, if any, in the same
    /// <c>date,kind,name</c> form: how a bureau adds next year's notice (or a local holiday) without a new release.
    /// </summary>
    public static WorkingCalendar FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration config)
    {
        const string key = "Calendar:HolidaysFile";
        if (config[key] is not { Length: > 0 } file) return China;
        if (!File.Exists(file)) throw new Platform.Data.SettingException(key, file, "the file does not exist");
        try
        {
            using var reader = new StreamReader(file);
            return China.With(ParseCsv(reader));
        }
        catch (FormatException e)
        {
            throw new Platform.Data.SettingException(key, file, e.Message);
        }
    }

    private static WorkingCalendar LoadBuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return new WorkingCalendar(ParseCsv(reader));
    }
}
