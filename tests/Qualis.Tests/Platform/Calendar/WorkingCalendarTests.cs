using Microsoft.Extensions.Configuration;
using Qualis.Platform.Calendar;

namespace Qualis.Tests.Platform.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.China;

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_built_in_schedule_covers_2024_to_2026_and_nothing_else()
    {
        China.CoveredYears.ShouldBe([2024, 2025, 2026]);
        China.Covers(2023).ShouldBeFalse();
        China.Covers(2027).ShouldBeFalse();
    }

    [Theory]
    // Holiday periods as published, "共N天" each (weekend days inside a period are listed too).
    [InlineData(2024, "春节", 8)]
    [InlineData(2024, "国庆节", 7)]
    [InlineData(2024, "劳动节", 5)]
    [InlineData(2025, "春节", 8)]            // 2025: 除夕 became a holiday
    [InlineData(2025, "劳动节", 5)]          // 2025: 5月2日 became a holiday
    [InlineData(2025, "国庆节、中秋节", 8)]
    [InlineData(2026, "元旦", 3)]
    [InlineData(2026, "春节", 9)]
    [InlineData(2026, "国庆节", 7)]
    public void Holiday_periods_have_the_published_length(int year, string name, int days) =>
        China.Entries.Count(e => e.Date.Year == year && e.Kind == CalendarDayKind.Holiday && e.Name == name).ShouldBe(days);

    [Fact]
    public void Adjusted_working_days_are_the_published_ones()
    {
        var workdays = China.Entries.Where(e => e.Kind == CalendarDayKind.Workday).Select(e => e.Date).Order().ToList();
        workdays.ShouldBe(new[]
        {
            "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12",
            "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
        }.Select(D).ToList());
    }

    [Theory]
    [InlineData("2025-10-08", false)] // Wednesday inside 国庆节、中秋节 2025: a holiday weekday does not count
    [InlineData("2025-10-11", true)]  // Saturday 调休上班
    [InlineData("2025-09-28", true)]  // Sunday 调休上班
    [InlineData("2025-10-18", false)] // an ordinary Saturday
    [InlineData("2025-10-15", true)]  // an ordinary Wednesday
    [InlineData("2026-02-14", true)]  // Saturday before 春节 2026
    [InlineData("2026-02-16", false)] // Monday, 春节
    [InlineData("2026-02-23", false)] // Monday, last day of 春节 2026 (正月初七)
    [InlineData("2025-01-28", false)] // 除夕 2025, new statutory holiday
    [InlineData("2024-02-09", true)]  // 除夕 2024: only "encouraged" off, legally a working day
    public void Working_day(string date, bool working) => China.IsWorkingDay(D(date)).ShouldBe(working);

    [Fact]
    public void Twenty_working_days_across_National_Day_2025()
    {
        // Fri 26 Sep: 28 Sep (Sun, 调休) 1, 29–30 Sep 2–3, 1–8 Oct off, 9–10 Oct 4–5, 11 Oct (Sat, 调休) 6,
        // 13–17 Oct 7–11, 20–24 Oct 12–16, 27–30 Oct 17–20. Weekdays alone would give 24 Oct.
        China.AddWorkingDays(D("2025-09-26"), 20).ShouldBe(D("2025-10-30"));
    }

    [Fact]
    public void Twenty_working_days_across_Spring_Festival_2026()
    {
        // Thu 12 Feb: 13 Feb 1, 14 Feb (Sat, 调休) 2, 15–23 Feb off, 24–27 Feb 3–6, 28 Feb (Sat, 调休) 7,
        // 2–6 Mar 8–12, 9–13 Mar 13–17, 16–18 Mar 18–20.
        China.AddWorkingDays(D("2026-02-12"), 20).ShouldBe(D("2026-03-18"));
    }

    [Fact]
    public void The_start_day_is_not_counted_and_zero_days_is_the_start()
    {
        China.AddWorkingDays(D("2025-10-08"), 0).ShouldBe(D("2025-10-08"));
        China.AddWorkingDays(D("2025-10-10"), 1).ShouldBe(D("2025-10-11")); // Friday → the working Saturday
        China.AddWorkingDays(D("2025-10-11"), 1).ShouldBe(D("2025-10-13"));
        Should.Throw<ArgumentOutOfRangeException>(() => China.AddWorkingDays(D("2025-10-11"), -1));
    }

    [Fact]
    public void Working_days_between_is_the_inverse_of_adding()
    {
        for (var start = D("2024-01-01"); start < D("2026-11-01"); start = start.AddDays(3))
            foreach (var n in new[] { 0, 1, 5, 20, 45 })
                China.WorkingDaysBetween(start, China.AddWorkingDays(start, n)).ShouldBe(n, $"from {start}");
        China.WorkingDaysBetween(D("2025-10-30"), D("2025-09-26")).ShouldBe(-20);
        China.WorkingDaysBetween(D("2025-10-01"), D("2025-10-08")).ShouldBe(0);
    }

    [Fact]
    public void A_period_reaching_an_uncovered_year_fails_loudly_instead_of_ignoring_holidays()
    {
        var ex = Should.Throw<CalendarNotCoveredException>(() => China.AddWorkingDays(D("2026-12-15"), 20));
        ex.Year.ShouldBe(2027);
        ex.Message.ShouldContain("2027");
        ex.Message.ShouldContain("2024, 2025, 2026");
        Should.Throw<CalendarNotCoveredException>(() => China.IsWorkingDay(D("2023-12-29")));
        China.Covers(D("2026-12-15"), D("2027-01-20")).ShouldBeFalse();
        China.AddWorkingDays(D("2025-12-20"), 20).ShouldBe(D("2026-01-19")); // across a covered new year, 1–3 Jan off, 4 Jan worked
    }

    [Fact]
    public void Configuration_can_add_a_year_and_correct_a_date()
    {
        var extended = China.With([
            new(D("2027-01-01"), CalendarDayKind.Holiday, "元旦"),
            new(D("2026-10-09"), CalendarDayKind.Holiday, "a correction"),
        ]);
        extended.Covers(2027).ShouldBeTrue();
        extended.IsWorkingDay(D("2027-01-01")).ShouldBeFalse();
        extended.IsWorkingDay(D("2026-10-09")).ShouldBeFalse();
        China.IsWorkingDay(D("2026-10-09")).ShouldBeTrue(); // the original is unchanged
    }

    [Theory]
    [InlineData("2025-13-01,holiday,x", "line 1")]
    [InlineData("2025-10-01,day-off,x", "holiday or workday")]
    [InlineData("2025-10-01,holiday", "date,kind,name")]
    [InlineData("2025-10-15,workday,x", "Saturday or Sunday")]
    public void Bad_schedule_lines_are_refused_with_the_line(string line, string message)
    {
        var ex = Should.Throw<FormatException>(() => WorkingCalendar.ParseCsv(new StringReader(line)));
        ex.Message.ShouldContain(message);
    }

    [Fact]
    public void A_date_listed_twice_is_refused()
    {
        var entries = WorkingCalendar.ParseCsv(new StringReader("date,kind,name\n2025-10-01,holiday,a\n2025-10-01,holiday,b\n"));
        Should.Throw<ArgumentException>(() => new WorkingCalendar(entries)).Message.ShouldContain("2025-10-01");
    }

    [Fact]
    public void A_holidays_file_in_the_settings_adds_a_year_and_a_bad_one_is_refused_by_name()
    {
        var folder = Directory.CreateTempSubdirectory("qualis-calendar");
        try
        {
            static IConfiguration Settings(string? file) =>
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Calendar:HolidaysFile"] = file }).Build();
            WorkingCalendar.FromConfiguration(Settings(null)).ShouldBeSameAs(China);

            var good = Path.Combine(folder.FullName, "2027.csv");
            File.WriteAllText(good, "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,holiday,元旦\n");
            var extended = WorkingCalendar.FromConfiguration(Settings(good));
            extended.CoveredYears.ShouldBe([2024, 2025, 2026, 2027]);
            extended.IsWorkingDay(D("2027-01-01")).ShouldBeFalse();
            extended.AddWorkingDays(D("2026-12-30"), 2).ShouldBe(D("2027-01-04"), "31 Dec, then 1–3 Jan are off");

            var bad = Path.Combine(folder.FullName, "bad.csv");
            File.WriteAllText(bad, "2027-01-01,holiday,元旦\n2027-01-04,workday,调休\n");
            var e = Should.Throw<Qualis.Platform.Data.SettingException>(() => WorkingCalendar.FromConfiguration(Settings(bad)));
            e.Key.ShouldBe("Calendar:HolidaysFile");
            e.Message.ShouldContain("line 2");
            Should.Throw<Qualis.Platform.Data.SettingException>(() => WorkingCalendar.FromConfiguration(Settings(Path.Combine(folder.FullName, "none.csv"))))
                .Message.ShouldContain("does not exist");
        }
        finally
        {
            folder.Delete(true);
        }
    }
}
