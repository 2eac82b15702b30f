using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;

namespace Qualis.Tests.Features.Supervision.PassRates;

/// <summary>The pass-rate page (合格率统计) through HTTP on both databases: figures, empty groups, drill-down links, export.</summary>
public abstract class PassRatePageTests(QualisApp app) : IAsyncLifetime
{
    private sealed record Figures(string Label, string Checked, string Passed, string Failed, string PassRate, string FailureRate,
        string? CheckedLink, string? PassedLink, string? FailedLink);

    private sealed record ApiPage(int Total);

    public async Task InitializeAsync() => await SpotCheckResults.EnsureAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    private static Figures Read(IElement row)
    {
        var cells = row.QuerySelectorAll("td").ToList();
        string? Link(int i) => cells[i].QuerySelector("a")?.GetAttribute("href");
        return new(cells[0].TextContent.Trim(), cells[1].TextContent.Trim(), cells[2].TextContent.Trim(), cells[3].TextContent.Trim(),
            cells[4].TextContent.Trim(), cells[5].TextContent.Trim(), Link(1), Link(2), Link(3));
    }

    private static async Task<(Dictionary<string, Figures> Rows, Figures Total, IDocument Page)> TableAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/Supervision/PassRates?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var rows = page.QuerySelectorAll("#passrates tbody tr[data-key]").ToDictionary(r => r.GetAttribute("data-key") ?? "", Read);
        return (rows, Read(page.QuerySelector("#passrate-total")!), page);
    }

    [Fact]
    public async Task The_province_sees_each_city_with_its_rates_and_cities_without_results_as_dashes()
    {
        var province = await app.SignedInAs("province");
        var (rows, total, page) = await TableAsync(province, "by=city&from=2024-01-01&to=2024-12-31");

        rows["340100"].ShouldBe(rows["340100"] with { Label = "合肥市", Checked = "6", Passed = "4", Failed = "2", PassRate = "66.7%", FailureRate = "33.3%" });
        rows["340200"].ShouldBe(rows["340200"] with { Label = "芜湖市", Checked = "2", Passed = "1", Failed = "1", PassRate = "50.0%", FailureRate = "50.0%" });
        rows.Count.ShouldBe(16, "every city of Anhui, checked or not");
        var empty = rows["341000"];
        (empty.Label, empty.Checked, empty.PassRate, empty.FailureRate, empty.CheckedLink).ShouldBe(("黄山市", "0", "—", "—", null));
        (total.Checked, total.Passed, total.Failed, total.PassRate, total.FailureRate).ShouldBe(("8", "5", "3", "62.5%", "37.5%"),
            "the re-test's pass replaces the first result; the still-open result counts as it stands; 2023 and the check without a result are out");

        page.QuerySelector("#total-pass-rate")!.TextContent.ShouldBe("62.5%");
        var chart = System.Text.Json.JsonDocument.Parse(page.QuerySelector("#passrate-chart")!.GetAttribute("data-passrate-chart")!).RootElement;
        chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldContain("合肥市");
        chart.GetProperty("rates").EnumerateArray().Count(r => r.ValueKind == System.Text.Json.JsonValueKind.Null).ShouldBe(14, "no bar where nothing was checked");
        page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ShouldContain(s => s.StartsWith("/js/charts.js"));
    }

    [Fact]
    public async Task Each_figure_links_to_the_checks_behind_it_with_the_same_filters()
    {
        var province = await app.SignedInAs("province");
        var (rows, total, _) = await TableAsync(province, "by=city&from=2024-01-01&to=2024-12-31&category=DX");
        var hefei = rows["340100"];
        Query(hefei.CheckedLink).ShouldBe(new Dictionary<string, string> { ["region"] = "340100", ["category"] = "DX", ["from"] = "2024-01-01", ["to"] = "2024-12-31" });
        Query(hefei.PassedLink).ShouldBe(new Dictionary<string, string> { ["region"] = "340100", ["category"] = "DX", ["from"] = "2024-01-01", ["to"] = "2024-12-31", ["result"] = "Pass" });
        Query(hefei.FailedLink)["result"].ShouldBe("Fail");
        hefei.CheckedLink!.ShouldStartWith("/Supervision/Checks?");
        Query(total.CheckedLink).ShouldBe(new Dictionary<string, string> { ["category"] = "DX", ["from"] = "2024-01-01", ["to"] = "2024-12-31" });

        // The list's filters, run through the API that shares them, select exactly the checks each figure counts.
        foreach (var (query, view) in new[] { ("by=city&from=2024-01-01&to=2024-12-31", "province"), ("by=quarter", "province"), ("by=product&category=DX", "hefei"),
                     ("by=section&from=2024-01-01", "province"), ("by=county", "hefei") })
        {
            var client = await app.SignedInAs(view);
            var (lines, sum, _) = await TableAsync(client, query);
            foreach (var line in lines.Values.Append(sum).Where(l => l.CheckedLink is not null))
            {
                (await CountAsync(client, line.CheckedLink!)).ToString().ShouldBe(line.Checked, $"{query}: {line.Label} checked");
                if (line.PassedLink is not null) (await CountAsync(client, line.PassedLink)).ToString().ShouldBe(line.Passed, $"{query}: {line.Label} passed");
                if (line.FailedLink is not null) (await CountAsync(client, line.FailedLink)).ToString().ShouldBe(line.Failed, $"{query}: {line.Label} failed");
            }
        }
    }

    [Fact]
    public async Task Periods_are_quarters_of_the_result_date_and_links_narrow_to_the_quarter()
    {
        var province = await app.SignedInAs("province");
        var (rows, total, _) = await TableAsync(province, "by=quarter&from=2024-02-01&to=2024-12-31");
        rows.Keys.ToList().ShouldBe(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
        rows["2024-Q1"].ShouldBe(rows["2024-Q1"] with { Label = "2024年第1季度", Checked = "2", Passed = "1", PassRate = "50.0%" }, "15 January is before the range");
        rows["2024-Q3"].PassRate.ShouldBe("100.0%");
        rows["2024-Q4"].PassRate.ShouldBe("0.0%", "a group where everything failed has a rate of 0, not a dash");
        Query(rows["2024-Q1"].CheckedLink).ShouldBe(new Dictionary<string, string> { ["from"] = "2024-02-01", ["to"] = "2024-03-31" });
        Query(rows["2024-Q4"].FailedLink).ShouldBe(new Dictionary<string, string> { ["from"] = "2024-10-01", ["to"] = "2024-12-31", ["result"] = "Fail" });
        total.Checked.ShouldBe("7");

        var (months, _, _) = await TableAsync(province, "by=month&from=2024-01-01&to=2024-06-30");
        months.Keys.ToList().ShouldBe(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]);
        months["2024-06"].PassRate.ShouldBe("—", "an empty month of the range is shown, without a rate");
    }

    [Fact]
    public async Task Products_industries_and_the_officials_area()
    {
        var hefei = await app.SignedInAs("hefei");
        var (byProduct, total, _) = await TableAsync(hefei, "by=product&category=DX&to=2025-12-31"); // the demo batch has 2026 results
        byProduct.Keys.ToList().ShouldBe(["DX01", "DX02", "DX03"], "the group's products, DX03 without checks");
        (byProduct["DX01"].Checked, byProduct["DX01"].Passed).ShouldBe(("4", "3"), "Hefei's DX01 checks, 2023's included without a start date");
        byProduct["DX03"].PassRate.ShouldBe("—");
        total.Checked.ShouldBe("5");

        // From 2019: the demo's province-wide checks of 2018 are not this test's.
        var (byCounty, countyTotal, _) = await TableAsync(hefei, "from=2019-01-01&to=2025-12-31");
        byCounty.Keys.ShouldContain("340181", "the default for a city is its counties, all of them");
        (byCounty["340122"].Checked, byCounty["340122"].Passed).ShouldBe(("3", "2"));
        (byCounty["340104"].Checked, byCounty["340104"].Passed).ShouldBe(("4", "3"));
        byCounty.Keys.ShouldNotContain("340202", "Wuhu is outside Hefei's area");
        countyTotal.Checked.ShouldBe("7");

        var (byDivision, _, _) = await TableAsync(await app.SignedInAs("province"), "by=division&from=2024-01-01&to=2024-12-31");
        byDivision.Keys.ToList().ShouldBe(["24", "38", "51"]);
        byDivision["38"].Label.ShouldStartWith("38 ");
        var (bySection, _, _) = await TableAsync(await app.SignedInAs("province"), "by=section&from=2024-01-01&to=2024-12-31");
        (bySection["C"].Checked, bySection["F"].Checked).ShouldBe(("7", "1"));

        var feidong = await app.SignedInAs("feidong");
        var (own, ownTotal, _) = await TableAsync(feidong, "by=city&from=2019-01-01&to=2025-12-31");
        own.Keys.ToList().ShouldBe(["340100"]);
        ownTotal.Checked.ShouldBe("3", "a county sees its own checks only");
        var (outside, outsideTotal, outsidePage) = await TableAsync(feidong, "region=340104");
        outside.ShouldBeEmpty();
        outsideTotal.Checked.ShouldBe("0");
        outsideTotal.PassRate.ShouldBe("—");
        outsidePage.QuerySelector("#region-unknown").ShouldNotBeNull("a region outside the area is unknown, not widened");
        outsidePage.QuerySelector("#passrate-chart").ShouldBeNull();
    }

    [Fact]
    public async Task The_export_is_the_table_with_the_current_filters()
    {
        var province = await app.SignedInAs("province");
        var (_, _, page) = await TableAsync(province, "by=city&from=2024-01-01&to=2024-12-31");
        var link = page.QuerySelector("#export-csv")!.GetAttribute("href")!;
        Query(link).ShouldBe(new Dictionary<string, string> { ["by"] = "city", ["from"] = "2024-01-01", ["to"] = "2024-12-31", ["format"] = "csv" });

        var response = await province.GetAsync(link);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var rows = Csv.Parse(await response.Content.ReadAsStringAsync());
        rows[0].ShouldBe(["代码", "设区市", "抽查批次", "合格批次", "不合格批次", "批次合格率（%）", "不合格发现率（%）"]);
        rows.Count.ShouldBe(1 + 16 + 1);
        var hefei = rows.Single(r => r[0] == "340100");
        (hefei[1], hefei[2], hefei[3], hefei[4], decimal.Parse(hefei[5]), decimal.Parse(hefei[6])).ShouldBe(("合肥市", "6", "4", "2", 66.67m, 33.33m));
        rows.Single(r => r[0] == "341000")[5..].ShouldBe(["", ""], "no rate where nothing was checked");
        var total = rows[^1];
        (total[0], total[1], total[2], total[3], decimal.Parse(total[5])).ShouldBe(("", "合计", "8", "5", 62.5m));

        var xlsx = await province.GetAsync(link.Replace("format=csv", "format=xlsx"));
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var reader = Qualis.Platform.Import.TabularFile.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), "x.xlsx", new());
        var codes = new List<string?>();
        while (reader.Read()) codes.Add(reader.Get(0));
        codes.Count.ShouldBe(17);
        codes.ShouldContain("340200");

        var hefeiCity = await app.SignedInAs("hefei");
        var own = Csv.Parse(await hefeiCity.GetStringAsync("/Supervision/PassRates/Export?by=city&format=csv"));
        own.Skip(1).Select(r => r[0]).ShouldBe(["340100", ""], "Hefei's export holds Hefei only, and the total");
    }

    [Fact]
    public async Task Only_officials_open_the_page_and_it_speaks_English()
    {
        var inspector = await app.SignedInAs("inspector");
        (await inspector.GetAsync("/Supervision/PassRates")).Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        (await app.Anonymous().GetAsync("/Supervision/PassRates/Export?format=csv")).Headers.Location!.ToString().ShouldContain("/Account/Login");

        // An account of its own: the language chosen is remembered on the account, and other tests read Chinese.
        await Qualis.Tests.Platform.Access.RecordSamples.NewUserAsync(app, "stats.english", Qualis.Platform.Accounts.Roles.ProvincialOfficer, "340000", "Stats Reader");
        var province = await app.SignedInAs("stats.english");
        await province.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");
        var (rows, _, page) = await TableAsync(province, "by=quarter&from=2024-01-01&to=2024-03-31");
        rows["2024-Q1"].Label.ShouldBe("Q1 2024");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Spot-check pass rates");
        var (cities, _, _) = await TableAsync(province, "by=city&from=2024-01-01&to=2024-12-31");
        cities["340100"].Label.ShouldBe("Hefei");
    }

    private static Dictionary<string, string> Query(string? link)
    {
        link.ShouldNotBeNull();
        return QueryHelpers.ParseQuery(new Uri("http://x" + link).Query).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
    }

    private static async Task<int> CountAsync(HttpClient client, string checksLink)
    {
        var query = new Uri("http://x" + checksLink).Query;
        var page = await client.GetFromJsonAsync<ApiPage>("/api/supervision/checks" + query + "&pageSize=1");
        return page!.Total;
    }
}

public sealed class PassRatePageOnSqlite(SqliteApp app) : PassRatePageTests(app), IClassFixture<SqliteApp>;
public sealed class PassRatePageOnPostgres(PostgresApp app) : PassRatePageTests(app), IClassFixture<PostgresApp>;
