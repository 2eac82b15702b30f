using Qualis.Features.Plans;
using Qualis.Platform.Time;

namespace Qualis.Tests.Features.Plans;

/// <summary>The trend's days (quarter ends so far, then today) at the quarters' boundaries, in China time, with no database.</summary>
public sealed class ScoreboardTrendTests
{
    private static readonly DateOnly Start = new(2018, 1, 1);
    private static readonly DateOnly End = new(2018, 12, 31);

    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The China date at a UTC instant, as every page reads "today".</summary>
    private static DateOnly ChinaToday(int year, int month, int day, int hour, int minute) =>
        new PeopleClock(new At(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero)), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Today;

    [Fact]
    public void Before_the_period_there_is_no_point_and_on_its_first_day_one()
    {
        ScoreboardTrend.Points(Start, End, new DateOnly(2017, 12, 31)).ShouldBeEmpty();
        ScoreboardTrend.Points(Start, End, Start).ShouldBe([Start]);
    }

    [Fact]
    public void A_quarter_end_counts_on_its_own_day_and_today_follows_it_the_day_after()
    {
        ScoreboardTrend.Points(Start, End, new DateOnly(2018, 3, 30)).ShouldBe([new DateOnly(2018, 3, 30)]);
        ScoreboardTrend.Points(Start, End, new DateOnly(2018, 3, 31)).ShouldBe([new DateOnly(2018, 3, 31)]);
        ScoreboardTrend.Points(Start, End, new DateOnly(2018, 4, 1)).ShouldBe([new DateOnly(2018, 3, 31), new DateOnly(2018, 4, 1)]);
        ScoreboardTrend.Points(Start, End, new DateOnly(2018, 9, 30)).ShouldBe([new DateOnly(2018, 3, 31), new DateOnly(2018, 6, 30), new DateOnly(2018, 9, 30)]);
    }

    [Fact]
    public void After_the_period_the_four_quarter_ends_and_nothing_later()
    {
        var full = ScoreboardTrend.Points(Start, End, new DateOnly(2026, 12, 6));
        full.ShouldBe([new DateOnly(2018, 3, 31), new DateOnly(2018, 6, 30), new DateOnly(2018, 9, 30), End]);
    }

    [Fact]
    public void A_period_starting_mid_quarter_takes_that_quarters_end_and_one_ending_mid_quarter_its_last_day()
    {
        ScoreboardTrend.Points(new DateOnly(2018, 2, 15), new DateOnly(2018, 8, 10), new DateOnly(2019, 1, 1))
            .ShouldBe([new DateOnly(2018, 3, 31), new DateOnly(2018, 6, 30), new DateOnly(2018, 8, 10)]);
    }

    [Fact]
    public void The_quarter_turns_at_midnight_China_time_not_UTC()
    {
        // 31 March 15:59 UTC is 23:59 in China: still the quarter's last day, one point.
        ScoreboardTrend.Points(Start, End, ChinaToday(2018, 3, 31, 15, 59)).ShouldBe([new DateOnly(2018, 3, 31)]);
        // 31 March 16:00 UTC is 1 April 00:00 in China: the first quarter closed, and today is the second point.
        ScoreboardTrend.Points(Start, End, ChinaToday(2018, 3, 31, 16, 0)).ShouldBe([new DateOnly(2018, 3, 31), new DateOnly(2018, 4, 1)]);
        // 31 December 16:00 UTC is already 1 January in China: the year is over, its four quarter ends.
        ScoreboardTrend.Points(Start, End, ChinaToday(2018, 12, 31, 16, 0)).Count.ShouldBe(4);
    }

    [Fact]
    public void The_bulletin_leaves_its_number_to_fill_and_writes_the_date_as_an_official_document_does()
    {
        BulletinModel.NumberOf("皖质提办〔2018〕1号", 2018).ShouldBe("皖质提办〔2018〕　　号");
        BulletinModel.NumberOf("皖质提办〔2018〕12 号", 2019).ShouldBe("皖质提办〔2019〕　　号");
        BulletinModel.NumberOf(null, 2018).ShouldBe("〔2018〕　　号");
        BulletinModel.DateOf(new DateOnly(2018, 12, 6), english: false).ShouldBe("2018年12月6日");
        BulletinModel.DateOf(new DateOnly(2018, 12, 6), english: true).ShouldBe("6 December 2018");
    }
}
