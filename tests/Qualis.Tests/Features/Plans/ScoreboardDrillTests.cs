using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.KeyObjects;
using Qualis.Features.Plans;
using Qualis.Platform.Regions;
using Qualis.Platform.Time;

namespace Qualis.Tests.Features.Plans;

/// <summary>
/// The scoreboard's completion on the demo 2018 plan: the trend per quarter end, one city's page, the drill-down from
/// each counted figure to the list that makes it, a city's own row and its counties, the bulletin, and the public side.
/// </summary>
public abstract partial class ScoreboardTests
{
    [GeneratedRegex("id=\"list-total\">\\s*共 ([\\d,]+) 条")]
    private static partial Regex ListTotal();

    [GeneratedRegex("<tr data-target=\"([0-9a-f-]+)\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TrendRow();

    [GeneratedRegex("<td data-status=\"(\\w+)\">\\s*(?:<a href=\"([^\"]*)\">)?([\\d.]+)")]
    private static partial Regex TrendCell();

    [GeneratedRegex("data-day=\"([\\d-]+)\"")]
    private static partial Regex TrendDay();

    private static int TotalOf(string listPage) => int.Parse(ListTotal().Match(listPage).Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_counted_figure_links_to_the_list_that_counts_the_same_number()
    {
        var province = await app.SignedInAs("province");
        var face = await FaceAsync("340000");
        var checkedLinks = 0;
        foreach (var target in face.Where(t => t.IndicatorKey?.StartsWith("keyobjects.", StringComparison.Ordinal) == true))
            foreach (var region in target.Regions.Where(r => r.RegionCode is Hefei or "340200" or "341000"))
            {
                region.Link.ShouldNotBeNull();
                var list = await province.GetStringAsync(region.Link);
                TotalOf(list).ShouldBe((int)region.Value!.Value, $"{target.Name} {region.RegionCode}: {region.Link}");
                checkedLinks++;
            }
        checkedLinks.ShouldBe(4 * 3);
        // The pass rate opens the region's pass-rate page for the year, which drills on into the spot checks.
        foreach (var region in face.Single(t => t.IndicatorKey == "supervision.pass-rate").Regions.Where(r => r.Link is not null).Take(2))
        {
            var rates = await province.GetStringAsync(region.Link);
            rates.ShouldContain("drill-checked");
        }
        // A reported figure opens the approved report it comes from.
        var summary = face.Single(t => t.Kind == TargetKind.Deadline).Regions.Single(r => r.RegionCode == Hefei);
        summary.Link.ShouldBe("/Plans/Reports/" + summary.ReportId);
        (await province.GetStringAsync(summary.Link)).ShouldContain("合肥市2018年质量提升行动年工作总结");
    }

    [Fact]
    public async Task The_trend_recounts_each_quarter_end_from_the_enrolment_dates_and_links_each_figure()
    {
        var hefei = await app.SignedInAs("hefei");
        var page = await hefei.GetStringAsync($"/Plans/Scoreboard/City?year={DemoYear}");
        page.ShouldContain("合肥市");
        page.ShouldContain("data-scoreboard-trend=");
        TrendDay().Matches(page).Select(m => m.Groups[1].Value).ShouldBe(["2018-03-31", "2018-06-30", "2018-09-30", "2018-12-31"]);
        var face = await FaceAsync(Hefei);
        var enterprises = face.Single(t => t.IndicatorKey == "keyobjects.enterprises");
        var row = TrendRow().Matches(page).Single(m => m.Groups[1].Value == enterprises.TargetId.ToString()).Groups[2].Value;
        var cells = TrendCell().Matches(row).ToList();
        cells.Count.ShouldBe(4);

        // Each point counts the enrolments of Hefei's area enrolled by the end of that China day and not withdrawn by then.
        var path = await app.WithDb(db => db.Set<Region>().Where(r => r.Code == Hefei).Select(r => r.RegionPath).SingleAsync());
        var clock = app.Services.GetRequiredService<PeopleClock>();
        var expected = new List<int>();
        foreach (var day in new[] { new DateOnly(2018, 3, 31), new DateOnly(2018, 6, 30), new DateOnly(2018, 9, 30), new DateOnly(2018, 12, 31) })
        {
            var end = clock.StartOfDayUtc(day.AddDays(1));
            expected.Add(await app.WithDb(db => db.Set<KeyObjectEnrolment>().CountAsync(e => e.Year == DemoYear && e.Kind == KeyObjectKind.Enterprise
                && e.RegionPath.StartsWith(path) && e.EnrolledAt < end && (e.WithdrawnAt == null || e.WithdrawnAt >= end))));
        }
        cells.Select(c => int.Parse(c.Groups[3].Value, CultureInfo.InvariantCulture)).ShouldBe(expected);
        expected.Distinct().Count().ShouldBeGreaterThan(1, "the demo enrols from March to September: the trend moves");
        // The last point is today's figure on the scoreboard (the year is over), and every point links to its list.
        expected[^1].ShouldBe((int)enterprises.Regions.Single().Value!.Value);
        foreach (var c in cells)
            TotalOf(await hefei.GetStringAsync(WebUtility.HtmlDecode(c.Groups[2].Value))).ShouldBe(int.Parse(c.Groups[3].Value, CultureInfo.InvariantCulture));
        // The city's name on the province's scoreboard opens this page.
        (await (await app.SignedInAs("province")).GetStringAsync($"/Plans/Scoreboard?year={DemoYear}"))
            .ShouldContain($"href=\"/Plans/Scoreboard/City?region={Hefei}&amp;year={DemoYear}\"");
    }

    [Fact]
    public async Task A_city_officer_sees_its_own_row_and_its_counties_rows_never_another_city()
    {
        var face = await FaceAsync("340000");
        var total = face.Single(t => t.Kind == TargetKind.Total);
        var hefei = await app.SignedInAs("hefei");
        // Hefei splits its share of the metrology total (420) between two of its counties.
        var split = await hefei.PostFormAsync($"/Plans/Shares/{total.TargetId}?region={Hefei}", new() { ["Quotas[340102]"] = "200", ["Quotas[340103]"] = "220" });
        split.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await split.Content.ReadAsStringAsync()));
        try
        {
            var cells = CellsOf(await hefei.GetStringAsync($"/Plans/Scoreboard?year={DemoYear}"));
            cells.Keys.ShouldBe([Hefei, "340102", "340103"]);
            cells["340102"].Keys.ToList().ShouldBe([total.TargetId], "a county is measured on the targets split to it only");
            var page = await hefei.GetStringAsync($"/Plans/Scoreboard?year={DemoYear}");
            page.ShouldContain("瑶海区");
            foreach (var other in new[] { "芜湖市", "黄山市", "data-city=\"340200\"" }) page.ShouldNotContain(other);
            (await hefei.GetAsync($"/Plans/Scoreboard/City?region=340200&year={DemoYear}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await hefei.GetStringAsync($"/Plans/Scoreboard/City?region=340102&year={DemoYear}")).ShouldContain("瑶海区");

            // The province compares cities, not Hefei's counties; Wuhu sees neither Hefei nor its counties.
            CellsOf(await (await app.SignedInAs("province")).GetStringAsync($"/Plans/Scoreboard?year={DemoYear}")).Keys.ShouldNotContain("340102");
            var wuhu = await app.SignedInAs("wuhu");
            CellsOf(await wuhu.GetStringAsync($"/Plans/Scoreboard?year={DemoYear}")).Keys.ShouldBe(["340200"]);
            (await wuhu.GetAsync($"/Plans/Scoreboard/City?region={Hefei}&year={DemoYear}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await wuhu.GetAsync($"/Plans/Scoreboard/City?region=340102&year={DemoYear}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        finally
        {
            await app.WithDb(async db =>
            {
                db.Set<TargetShare>().RemoveRange(await db.Set<TargetShare>().Where(s => s.TargetId == total.TargetId && (s.RegionCode == "340102" || s.RegionCode == "340103")).ToListAsync());
                await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task The_bulletin_prints_the_years_results_in_the_official_register_and_exports_the_same_table()
    {
        var province = await app.SignedInAs("province");
        var page = WebUtility.HtmlDecode(await province.GetStringAsync($"/Plans/Bulletin?year={DemoYear}"));
        page.ShouldContain("data-print"); // the shared printable trail
        page.ShouldContain("关于2018年质量提升行动目标进展情况的通报");
        page.ShouldContain("皖质提办〔2018〕　　号");
        page.ShouldContain("安徽省质量发展委员会办公室");
        page.ShouldContain("《安徽省2018年质量提升行动年实施方案》（皖质提办〔2018〕1号）");
        var today = app.Services.GetRequiredService<PeopleClock>().Today;
        page.ShouldContain($"{today.Year}年{today.Month}月{today.Day}日");
        var rows = Regex.Matches(page, "<tr data-city=\"(\\d+)\" data-status=\"(\\w*)\">").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        rows.Count.ShouldBe(16);

        // Every city whose worst status is at risk or missed is named in its paragraph, with the targets behind it.
        var face = await FaceAsync("340000");
        var names = await app.WithDb(db => db.Set<Region>().Where(r => r.ParentCode == "340000").ToDictionaryAsync(r => r.Code, r => r.Name));
        foreach (var (status, id) in new[] { (TargetStatus.AtRisk, "bulletin-at-risk"), (TargetStatus.Missed, "bulletin-missed") })
        {
            var paragraph = Regex.Match(page, $"<p class=\"text-indent\" id=\"{id}\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value;
            foreach (var code in names.Keys)
            {
                var worst = face.Select(t => t.Regions.Single(r => r.RegionCode == code).Evaluation.Status).Max();
                rows[code].ShouldBe(worst.ToString());
                if (worst == status) paragraph.ShouldContain(names[code]);
                else paragraph.ShouldNotContain(names[code] + "（");
            }
        }

        var export = await province.GetAsync($"/Plans/Bulletin?handler=Export&format=xlsx&year={DemoYear}");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var xlsx = await XlsxRowsAsync(province, $"/Plans/Bulletin?handler=Export&format=xlsx&year={DemoYear}");
        xlsx.Count.ShouldBe(1 + 16);
        xlsx[0][0].ShouldBe("地区");
        xlsx[0].ShouldContain("有风险");
        xlsx.Skip(1).Select(r => r[0]).ShouldContain("合肥市");

        // A city's bulletin has its own line only.
        var hefei = await (await app.SignedInAs("hefei")).GetStringAsync($"/Plans/Bulletin?year={DemoYear}");
        Regex.Matches(hefei, "<tr data-city=\"(\\d+)\"").Select(m => m.Groups[1].Value).ShouldBe([Hefei]);
    }

    [Fact]
    public async Task The_public_sees_the_issued_plan_and_each_citys_progress_on_the_published_targets_only()
    {
        var face = await FaceAsync("340000");
        var planId = face[0].PlanId;
        var total = face.Single(t => t.Kind == TargetKind.Total);
        var anonymous = app.Anonymous();
        (await anonymous.GetStringAsync("/Public")).ShouldContain("href=\"/Public/Plans\"");
        (await anonymous.GetStringAsync("/Public/Plans")).ShouldContain($"href=\"/Public/Plans/{planId}\"");

        var before = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/Public/Plans/{planId}"));
        before.ShouldContain("安徽省2018年质量提升行动年实施方案");
        before.ShouldContain("皖质提办〔2018〕1号");
        before.ShouldContain("安徽省质量发展委员会办公室");
        before.ShouldContain("2018-03-29");
        before.ShouldContain("突出重点企业。每个市抓好至少50个重点企业的质量提升。");
        before.ShouldContain("牵头单位：省市场监管局");
        before.ShouldNotContain("省发展改革委", Case.Sensitive, "contributing departments are not the public's list of leads");
        before.ShouldNotContain(total.Name);
        foreach (var published in face.Where(t => t.Published)) before.ShouldContain(published.Name);
        before.ShouldContain("data-scoreboard-tiles=");
        before.ShouldContain("合肥市");

        // The province publishes the metrology total: it shows, with each city's figure required; the change is audited.
        var province = await app.SignedInAs("province");
        var publish = await province.PostFormAsync($"/Plans/{planId}?handler=Publish", new() { ["target"] = total.TargetId.ToString(), ["publish"] = "true" }, $"/Plans/{planId}");
        publish.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        try
        {
            var after = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/Public/Plans/{planId}"));
            after.ShouldContain(total.Name);
            after.ShouldContain("/ 420");
            (await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(PlanTarget) && e.EntityKey == total.TargetId.ToString()
                && e.Action == "update" && e.After!.Contains("Published")))).ShouldBe(1);
            (await province.GetStringAsync($"/Plans/{planId}")).ShouldContain("已公开");

            // Nothing else leaves: no report's note, no official, no indicator key, no link into the officials' pages.
            foreach (var secret in new[] { "芜湖市已建社会公用计量标准96项", "合肥市2018年质量提升行动年工作总结", "keyobjects.", "supervision.pass-rate",
                         "href=\"/Plans", "href=\"/KeyObjects", "href=\"/Supervision", "title=\"province\"", "王敏", "李强" })
                after.ShouldNotContain(secret);

            // A city's officer may not publish the province's target.
            var hefei = await app.SignedInAs("hefei");
            await hefei.PostFormAsync($"/Plans/{planId}?handler=Publish", new() { ["target"] = total.TargetId.ToString(), ["publish"] = "false" }, $"/Plans/{planId}");
            (await app.WithDb(db => db.Set<PlanTarget>().Where(t => t.Id == total.TargetId).Select(t => t.Published).SingleAsync())).ShouldBeTrue();

            // The public page speaks English when chosen.
            await anonymous.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/Public" }, "/Public");
            var english = await anonymous.GetStringAsync($"/Public/Plans/{planId}");
            english.ShouldContain("<html lang=\"en\">");
            english.ShouldContain("Led by:");
            english.ShouldContain("Hefei");
        }
        finally
        {
            (await province.PostFormAsync($"/Plans/{planId}?handler=Publish", new() { ["target"] = total.TargetId.ToString(), ["publish"] = "false" }, $"/Plans/{planId}"))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync($"/Public/Plans/{planId}")).ShouldNotContain(total.Name);
    }

    [Fact]
    public async Task A_draft_plan_or_a_citys_own_plan_is_never_public()
    {
        var path = await app.WithDb(db => db.Set<Region>().Where(r => r.Code == "340000").Select(r => r.RegionPath).SingleAsync());
        var hefeiPath = await app.WithDb(db => db.Set<Region>().Where(r => r.Code == Hefei).Select(r => r.RegionPath).SingleAsync());
        var draft = new ActionPlan
        {
            Year = DemoYear, RegionCode = "340000", RegionPath = path, Title = "草稿方案不公开 " + Guid.NewGuid().ToString("N")[..6], IssuingBody = "安徽省质量发展委员会办公室",
            PeriodStart = new DateOnly(DemoYear, 1, 1), PeriodEnd = new DateOnly(DemoYear, 12, 31),
        };
        var city = new ActionPlan
        {
            Year = DemoYear, RegionCode = Hefei, RegionPath = hefeiPath, Title = "合肥市方案不公开 " + Guid.NewGuid().ToString("N")[..6], IssuingBody = "合肥市质量发展委员会办公室",
            PeriodStart = new DateOnly(DemoYear, 1, 1), PeriodEnd = new DateOnly(DemoYear, 12, 31), Status = PlanStatus.Issued,
        };
        await app.WithDb(async db =>
        {
            city.ParentPlanId = await db.Set<ActionPlan>().Where(p => p.RegionCode == "340000" && p.Year == DemoYear && p.Status == PlanStatus.Issued).Select(p => p.Id).FirstAsync();
            var measure = new PlanMeasure { PlanId = draft.Id, Number = "一、", Text = "草稿措施" };
            db.AddRange(draft, city, measure, new PlanTarget
            {
                PlanId = draft.Id, MeasureId = measure.Id, Name = "草稿指标", Kind = TargetKind.Minimum, Value = 1, PerCity = true,
                Source = TargetSource.Indicator, IndicatorKey = "keyobjects.parks", Published = true,
            });
            await db.SaveChangesAsync();
        });
        var anonymous = app.Anonymous();
        (await anonymous.GetAsync($"/Public/Plans/{draft.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/Public/Plans/{city.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await anonymous.GetStringAsync("/Public/Plans");
        list.ShouldNotContain(draft.Title);
        list.ShouldNotContain(city.Title);
        list.ShouldContain("安徽省2018年质量提升行动年实施方案");
    }
}
