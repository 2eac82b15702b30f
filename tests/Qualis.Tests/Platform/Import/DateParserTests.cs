using Qualis.Platform.Import;

namespace Qualis.Tests.Platform.Import;

public sealed class DateParserTests
{
    [Theory]
    [InlineData("2020-1-5")]
    [InlineData("2020-01-05")]
    [InlineData("2020/01/05")]
    [InlineData("2020/1/5")]
    [InlineData("2020.1.5")]
    [InlineData("2020.01.05")]
    [InlineData("2020年1月5日")]
    [InlineData("2020年01月05日")]
    [InlineData("2020年1月5")]
    [InlineData("20200105")]
    [InlineData("43835")]
    [InlineData("43835.5")]
    [InlineData(" 2020-01-05\u3000")]
    [InlineData("２０２０－０１－０５")]
    [InlineData("2020-01-05 00:00:00")]
    [InlineData("2020/1/5 8:30")]
    [InlineData("2020-01-05T00:00:00")]
    [InlineData("2020-01-05T08:30:00Z")]
    [InlineData("2020-01-05 08:30:00+08:00")]
    public void Every_form_officials_write_reads_as_the_same_day(string text)
    {
        DateParser.TryParse(text, out var date, out var problem).ShouldBeTrue(text);
        date.ShouldBe(new DateOnly(2020, 1, 5));
        problem.ShouldBeNull();
    }

    [Theory]
    [InlineData("2020-02-29", 2020, 2, 29)]
    [InlineData("2000-02-29", 2000, 2, 29)]
    [InlineData("2021-12-31", 2021, 12, 31)]
    [InlineData("20241231", 2024, 12, 31)]
    [InlineData("1892年8月1日", 1892, 8, 1)]
    public void Real_days_at_the_edges_of_months_are_accepted(string text, int year, int month, int day)
    {
        DateParser.TryParse(text, out var date, out _).ShouldBeTrue();
        date.ShouldBe(new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData("2020-02-30", "import.date.no_such_day")]
    [InlineData("2021-02-29", "import.date.no_such_day")]
    [InlineData("1900-02-29", "import.date.no_such_day")]
    [InlineData("2020-04-31", "import.date.no_such_day")]
    [InlineData("2020-01-00", "import.date.no_such_day")]
    [InlineData("20210229", "import.date.no_such_day")]
    [InlineData("2020年2月30日", "import.date.no_such_day")]
    [InlineData("2020-13-01", "import.date.no_such_month")]
    [InlineData("2020-00-10", "import.date.no_such_month")]
    [InlineData("20201301", "import.date.no_such_month")]
    [InlineData("0999-01-01", "import.date.out_of_range")]
    [InlineData("2020", "import.date.year_only")]
    [InlineData("2020.5", "import.date.year_only")]
    [InlineData("1/5/2020", "import.date.not_a_date")]
    [InlineData("05-01-2020", "import.date.not_a_date")]
    [InlineData("2020-1/5", "import.date.not_a_date")]
    [InlineData("2020-01-05 下午", "import.date.not_a_date")]
    [InlineData("2020-001-05", "import.date.not_a_date")]
    [InlineData("2020年1月5日晚", "import.date.not_a_date")]
    [InlineData("成立于2020年", "import.date.not_a_date")]
    [InlineData("202001051", "import.date.not_a_date")]
    [InlineData("", "import.date.not_a_date")]
    [InlineData(null, "import.date.not_a_date")]
    public void Impossible_or_unreadable_dates_are_refused_with_the_reason(string? text, string key)
    {
        DateParser.TryParse(text, out _, out var problem).ShouldBeFalse();
        problem.ShouldBe(key);
    }

    [Theory]
    [InlineData(1, 1900, 1, 1)]
    [InlineData(59, 1900, 2, 28)]
    [InlineData(61, 1900, 3, 1)]
    [InlineData(36526, 2000, 1, 1)]
    [InlineData(43835, 2020, 1, 5)]
    [InlineData(2958465, 9999, 12, 31)]
    public void Excel_serials_count_from_1900_with_Excels_leap_day(int serial, int year, int month, int day)
    {
        DateParser.TryParse(serial.ToString(), out var date, out _).ShouldBeTrue();
        date.ShouldBe(new DateOnly(year, month, day));
        DateParser.ToExcelSerial(date).ShouldBe(serial);
    }

    [Theory]
    [InlineData("60", "import.date.no_such_day")] // Excel's 1900-02-29, which never was
    [InlineData("0", "import.date.out_of_range")]
    [InlineData("2958466", "import.date.out_of_range")]
    public void Serials_outside_real_days_are_refused(string text, string key)
    {
        DateParser.TryParse(text, out _, out var problem).ShouldBeFalse();
        problem.ShouldBe(key);
    }

    [Fact]
    public void Serials_and_dates_convert_both_ways_across_the_whole_range()
    {
        for (var serial = 1; serial <= DateParser.MaxExcelSerial; serial += 997)
        {
            if (serial == 60) continue;
            DateParser.FromExcelSerial(serial, out var date, out _).ShouldBeTrue();
            DateParser.ToExcelSerial(date).ShouldBe(serial);
        }
    }
}
