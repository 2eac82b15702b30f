using Qualis.Features.Supervision.PassRates;
using Qualis.Features.Supervision.SpotChecks;

namespace Qualis.Tests.Features.Supervision.PassRates;

/// <summary>合格率: 合格批次 ÷ 抽查批次 and 不合格发现率 per group, with empty groups and zero denominators.</summary>
public sealed class PassRateCalculatorTests
{
    private static readonly GroupingReference Reference = new(
        new Dictionary<string, string> { ["DX01"] = "DX", ["DX02"] = "DX", ["ET01"] = "ET" },
        new Dictionary<string, string> { ["38"] = "C", ["14"] = "C", ["51"] = "F" });

    private const string Feidong = "/340000/340100/340122/";
    private const string Shushan = "/340000/340100/340104/";
    private const string Jinghu = "/340000/340200/340202/";

    private static CheckOutcome Check(CheckResult result, string? category = "DX01", string? industry = "3831", string path = Feidong, string? on = "2025-03-15") =>
        new(category, industry, path, on is null ? null : DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), result);

    private static readonly CheckResult P = CheckResult.Pass, F = CheckResult.Fail;

    [Fact]
    public void The_rates_are_passes_and_failures_over_the_checks_with_a_result()
    {
        var table = PassRateCalculator.Compute([Check(P), Check(P), Check(P), Check(F)], PassRateGrouping.Product, Reference);
        var row = table.Rows.ShouldHaveSingleItem();
        row.Key.ShouldBe("DX01");
        (row.Checked, row.Passed, row.Failed).ShouldBe((4, 3, 1));
        row.PassRate.ShouldBe(0.75m);
        row.FailureRate.ShouldBe(0.25m);
        (row.PassRate + row.FailureRate).ShouldBe(1m);
    }

    [Fact]
    public void The_total_counts_every_check_once_and_is_not_an_average_of_the_groups()
    {
        // 1 of 1 in DX, 1 of 4 in ET: the mean of the groups' rates would be 62.5%; the checks say 40%.
        var table = PassRateCalculator.Compute(
            [Check(P, "DX01"), Check(P, "ET01"), Check(F, "ET01"), Check(F, "ET01"), Check(F, "ET01")], PassRateGrouping.Category, Reference);
        table.Rows.Select(r => (r.Key, r.Checked, r.Passed)).ShouldBe([("DX", 1, 1), ("ET", 4, 1)]);
        table.Total.Checked.ShouldBe(5);
        table.Total.PassRate.ShouldBe(0.4m);
    }

    [Fact]
    public void Products_fall_into_their_groups_and_an_unknown_code_stands_for_itself()
    {
        var checks = new[] { Check(P, "DX01"), Check(F, "DX02"), Check(P, "ET01"), Check(P, "ZZ09") };
        PassRateCalculator.Compute(checks, PassRateGrouping.Category, Reference).Rows.Select(r => (r.Key, r.Checked)).ShouldBe([("DX", 2), ("ET", 1), ("ZZ09", 1)]);
        PassRateCalculator.Compute(checks, PassRateGrouping.Product, Reference).Rows.Select(r => r.Key).ShouldBe(["DX01", "DX02", "ET01", "ZZ09"]);
    }

    [Fact]
    public void Industries_group_by_division_or_by_the_section_the_division_belongs_to()
    {
        var checks = new[] { Check(P, industry: "3831"), Check(F, industry: "38"), Check(P, industry: "1411"), Check(P, industry: "5123"), Check(P, industry: "C") };
        PassRateCalculator.Compute(checks, PassRateGrouping.Division, Reference).Rows.Select(r => (r.Key, r.Checked))
            .ShouldBe([("14", 1), ("38", 2), ("51", 1), (null, 1)], "a bare section letter has no division");
        PassRateCalculator.Compute(checks, PassRateGrouping.Section, Reference).Rows.Select(r => (r.Key, r.Checked)).ShouldBe([("C", 4), ("F", 1)]);
    }

    [Fact]
    public void Regions_group_by_the_city_or_county_of_the_enterprise()
    {
        var checks = new[] { Check(P, path: Feidong), Check(F, path: Shushan), Check(P, path: Jinghu), Check(P, path: "/340000/340100/") };
        PassRateCalculator.Compute(checks, PassRateGrouping.City, Reference).Rows.Select(r => (r.Key, r.Checked, r.Passed))
            .ShouldBe([("340100", 3, 2), ("340200", 1, 1)]);
        PassRateCalculator.Compute(checks, PassRateGrouping.County, Reference).Rows.Select(r => (r.Key, r.Checked))
            .ShouldBe([("340104", 1), ("340122", 1), ("340202", 1), (null, 1)], "an enterprise registered at the city has no county: 未注明, counted, last");
    }

    [Theory]
    [InlineData(PassRateGrouping.Year, new[] { "2024", "2025" })]
    [InlineData(PassRateGrouping.Quarter, new[] { "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q4" })]
    [InlineData(PassRateGrouping.Month, new[] { "2024-12", "2025-01", "2025-03", "2025-04", "2025-12" })]
    public void Periods_follow_the_result_date_in_time_order(PassRateGrouping grouping, string[] keys)
    {
        var checks = new[] { Check(P, on: "2025-12-31"), Check(P, on: "2025-04-01"), Check(F, on: "2025-03-31"), Check(P, on: "2025-01-01"), Check(P, on: "2024-12-31") };
        PassRateCalculator.Compute(checks, grouping, Reference).Rows.Select(r => r.Key).ShouldBe(keys);
    }

    [Fact]
    public void Period_keys_give_back_their_first_and_last_day()
    {
        PassRateCalculator.PeriodRange("2024", PassRateGrouping.Year).ShouldBe((new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));
        PassRateCalculator.PeriodRange("2024-Q1", PassRateGrouping.Quarter).ShouldBe((new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31)));
        PassRateCalculator.PeriodRange("2024-Q4", PassRateGrouping.Quarter).ShouldBe((new DateOnly(2024, 10, 1), new DateOnly(2024, 12, 31)));
        PassRateCalculator.PeriodRange("2024-02", PassRateGrouping.Month).ShouldBe((new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)), "a leap year");
        PassRateCalculator.PeriodRange("2025-02", PassRateGrouping.Month).ShouldBe((new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 28)));
        foreach (var day in new[] { new DateOnly(2025, 3, 31), new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31) })
            foreach (var g in new[] { PassRateGrouping.Year, PassRateGrouping.Quarter, PassRateGrouping.Month })
            {
                var (from, to) = PassRateCalculator.PeriodRange(PassRateCalculator.PeriodKey(day, g), g);
                (from <= day && day <= to).ShouldBeTrue($"{day} in {g}");
            }
    }

    [Fact]
    public void Every_period_of_a_range_is_listed_and_silly_ranges_list_none()
    {
        PassRateCalculator.PeriodsBetween(new DateOnly(2024, 11, 20), new DateOnly(2025, 2, 3), PassRateGrouping.Month).ShouldBe(["2024-11", "2024-12", "2025-01", "2025-02"]);
        PassRateCalculator.PeriodsBetween(new DateOnly(2024, 11, 20), new DateOnly(2025, 2, 3), PassRateGrouping.Quarter).ShouldBe(["2024-Q4", "2025-Q1"]);
        PassRateCalculator.PeriodsBetween(new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 1), PassRateGrouping.Year).ShouldBe(["2025"]);
        PassRateCalculator.PeriodsBetween(new DateOnly(2025, 5, 1), new DateOnly(2025, 4, 1), PassRateGrouping.Month).ShouldBeEmpty();
        PassRateCalculator.PeriodsBetween(new DateOnly(1900, 1, 1), new DateOnly(2100, 1, 1), PassRateGrouping.Month).ShouldBeEmpty();
    }

    [Fact]
    public void Expected_groups_with_nothing_checked_show_with_no_rate_rather_than_zero()
    {
        var table = PassRateCalculator.Compute([Check(P, path: Feidong)], PassRateGrouping.County, Reference, ["340122", "340104", "340181"]);
        table.Rows.Select(r => r.Key).ShouldBe(["340104", "340122", "340181"]);
        var empty = table.Rows[0];
        (empty.Checked, empty.Passed, empty.Failed).ShouldBe((0, 0, 0));
        empty.PassRate.ShouldBeNull();
        empty.FailureRate.ShouldBeNull();
        table.Rows[1].PassRate.ShouldBe(1m);
    }

    [Fact]
    public void No_checks_at_all_give_an_empty_table_and_a_total_without_rates()
    {
        var table = PassRateCalculator.Compute([], PassRateGrouping.Month, Reference);
        table.Rows.ShouldBeEmpty();
        table.Total.Checked.ShouldBe(0);
        table.Total.PassRate.ShouldBeNull();
        table.Total.FailureRate.ShouldBeNull();
        PassRateCalculator.Rate(0, 0).ShouldBeNull();
        PassRateQuery.Percent(null).ShouldBe("—");
        PassRateQuery.Percent(2m / 3).ShouldBe("66.7%");
    }

    [Fact]
    public void Checks_missing_the_grouped_field_are_counted_under_not_stated()
    {
        var table = PassRateCalculator.Compute([Check(F, category: null), Check(P, category: ""), Check(P, "DX01"), Check(P, on: null)], PassRateGrouping.Category, Reference);
        table.Rows.Select(r => (r.Key, r.Checked, r.Passed)).ShouldBe([("DX", 2, 2), (null, 2, 1)]);
        PassRateCalculator.Compute([Check(P, on: null)], PassRateGrouping.Year, Reference).Rows.ShouldHaveSingleItem().Key.ShouldBeNull();
    }

    [Theory]
    [InlineData("county", PassRateGrouping.County)]
    [InlineData("Quarter", PassRateGrouping.Quarter)]
    [InlineData("section", PassRateGrouping.Section)]
    [InlineData("3", null)]
    [InlineData("week", null)]
    [InlineData(null, null)]
    public void Groupings_are_read_by_name(string? value, PassRateGrouping? expected) => PassRateCalculator.Parse(value).ShouldBe(expected);

    [Fact]
    public void The_default_grouping_is_cities_for_the_province_and_counties_below()
    {
        PassRateFilter.DefaultGrouping("/340000/").ShouldBe(PassRateGrouping.City);
        PassRateFilter.DefaultGrouping(null).ShouldBe(PassRateGrouping.City);
        PassRateFilter.DefaultGrouping("/340000/340100/").ShouldBe(PassRateGrouping.County);
        PassRateFilter.DefaultGrouping("/340000/340100/340122/").ShouldBe(PassRateGrouping.County);
    }
}
