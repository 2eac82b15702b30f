using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Departments;
using Qualis.Features.Plans;
using Qualis.Platform.Indicators;

namespace Qualis.Tests.Features.Plans;

/// <summary>The action plans through their pages, on both databases: lifecycle, access, the rules on targets and splits, reports and the face.</summary>
public abstract class PlansTests(PlansApp app)
{
    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year;

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private static Dictionary<string, string> PlanForm(string title, int year) => new()
    {
        ["Form.Year"] = year.ToString(CultureInfo.InvariantCulture), ["Form.Title"] = title, ["Form.DocumentNumber"] = "皖质提办〔" + year + "〕1号",
        ["Form.IssuingBody"] = "安徽省质量发展委员会办公室", ["Form.PeriodStart"] = $"{year}-01-01", ["Form.PeriodEnd"] = $"{year}-12-31",
    };

    private static Dictionary<string, string> TargetForm(Guid measure, string name, TargetKind kind, string value, TargetSource source, string? key = null,
        string? baselineYear = null, string? dueOn = null, bool perCity = true) => new()
    {
        ["Form.MeasureId"] = measure.ToString(), ["Form.Name"] = name, ["Form.Kind"] = kind.ToString(), ["Form.Value"] = value,
        ["Form.BaselineYear"] = baselineYear ?? "", ["Form.DueOn"] = dueOn ?? "", ["Form.Tolerance"] = "10", ["Form.Source"] = source.ToString(),
        ["Form.IndicatorKey"] = key ?? "", ["Form.PerCity"] = perCity ? "true" : "false", ["Form.Order"] = "10",
    };

    /// <summary>The field messages of a form page, after its status.</summary>
    private static async Task<string> ErrorsOf(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Headers.Location} {Forms.ErrorsIn(await response.Content.ReadAsStringAsync())}";

    /// <summary>Refused: the access-denied page (a signed-in official outside the plan's office) or not found.</summary>
    private static void ShouldBeRefused(HttpResponseMessage response) =>
        (response.StatusCode == HttpStatusCode.NotFound || response.Headers.Location?.ToString().Contains("/Account/AccessDenied") == true)
            .ShouldBeTrue($"{(int)response.StatusCode} {response.Headers.Location}");

    private static async Task<Guid> CreatedAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await response.Content.ReadAsStringAsync()));
        return Guid.Parse(response.Headers.Location!.ToString().Split('/', '?')[2]);
    }

    /// <summary>A provincial draft with one measure, led by 省市场监管局, made through the pages.</summary>
    private async Task<(HttpClient Province, Guid Plan, Guid Measure)> ProvincialDraftAsync(int? year = null)
    {
        var province = await app.SignedInAs("province");
        var plan = await CreatedAsync(await province.PostFormAsync("/Plans/Edit", PlanForm(Unique("安徽省质量提升行动实施方案"), year ?? Year)));
        var lead = (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省市场监管局")))!;
        var measure = await province.PostFormAsync($"/Plans/{plan}/Measure", new()
        {
            ["Form.Number"] = "三、", ["Form.Text"] = "大力推进“四重”行动", ["Form.Order"] = "10", ["Form.Leads"] = lead.Id.ToString(), ["Form.Reason"] = "",
        });
        measure.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await measure.Content.ReadAsStringAsync()));
        var measureId = await app.WithDb(db => db.Set<PlanMeasure>().Where(m => m.PlanId == plan).Select(m => m.Id).SingleAsync());
        return (province, plan, measureId);
    }

    private static async Task<HttpResponseMessage[]> AtOnceAsync(HttpClient client, string url, Dictionary<string, string>? fields = null, string? page = null, int n = 3)
    {
        var token = await client.TokenAsync(page ?? url.Split('?')[0]);
        var form = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = token };
        return await Task.WhenAll(Enumerable.Range(0, n).Select(_ => client.PostAsync(url, new FormUrlEncodedContent(form))));
    }

    [Fact]
    public async Task A_plan_is_issued_acknowledged_revised_with_a_reason_and_copied_forward_once_however_often_clicked()
    {
        var (province, plan, measure) = await ProvincialDraftAsync();
        (await CreatedAsync(await province.PostFormAsync($"/Plans/{plan}/Target",
            TargetForm(measure, "重点企业", TargetKind.Minimum, "50", TargetSource.Indicator, "keyobjects.enterprises")))).ShouldBe(plan);

        foreach (var r in await AtOnceAsync(province, $"/Plans/{plan}?handler=Issue", page: $"/Plans/{plan}"))
            ((int)r.StatusCode).ShouldBeLessThan(400);
        var issued = await app.WithDb(db => db.Set<ActionPlan>().SingleAsync(p => p.Id == plan));
        issued.Status.ShouldBe(PlanStatus.Issued);
        (await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ActionPlan) && e.EntityKey == plan.ToString() && e.Action == "update"))).ShouldBe(1);

        // Hefei sees the issued plan and acknowledges it, three clicks at once: one acknowledgement.
        var hefei = await app.SignedInAs("hefei");
        (await hefei.GetStringAsync($"/Plans/{plan}")).ShouldContain("id=\"acknowledge-plan\"");
        foreach (var r in await AtOnceAsync(hefei, $"/Plans/{plan}?handler=Acknowledge", page: $"/Plans/{plan}"))
            ((int)r.StatusCode).ShouldBeLessThan(400);
        var acks = await app.WithDb(db => db.Set<PlanAcknowledgement>().Where(a => a.PlanId == plan).ToListAsync());
        acks.ShouldHaveSingleItem().RegionCode.ShouldBe("340100");
        acks[0].UserName.ShouldBe("hefei");
        var detail = await province.GetStringAsync($"/Plans/{plan}");
        detail.ShouldContain("未签收"); // Wuhu and the others have not
        detail.ShouldContain("合肥市");

        // After issue, a change needs its reason, and the reason is kept in the revisions.
        var noReason = await province.PostFormAsync($"/Plans/{plan}/Measure/{measure}", new() { ["Form.Number"] = "三、", ["Form.Text"] = "大力推进“四重”质量提升行动", ["Form.Order"] = "10", ["Form.Reason"] = "" });
        (await ErrorsOf(noReason)).ShouldContain("方案已下发，请填写修订理由。");
        var lead = (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省市场监管局")))!;
        var withReason = await province.PostFormAsync($"/Plans/{plan}/Measure/{measure}", new()
        {
            ["Form.Number"] = "三、", ["Form.Text"] = "大力推进“四重”质量提升行动", ["Form.Order"] = "10", ["Form.Leads"] = lead.Id.ToString(),
            ["Form.Reason"] = "按省政府意见补充措施表述",
        });
        withReason.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await withReason.Content.ReadAsStringAsync()));
        var revision = (await app.WithDb(db => db.Set<PlanRevision>().Where(r => r.PlanId == plan).ToListAsync())).ShouldHaveSingleItem();
        revision.Reason.ShouldBe("按省政府意见补充措施表述");
        (await province.GetStringAsync($"/Plans/{plan}")).ShouldContain("按省政府意见补充措施表述");

        // Copied forward three times at once: one plan of the next year, with the measure and its target.
        foreach (var r in await AtOnceAsync(province, $"/Plans/{plan}?handler=CopyForward", page: $"/Plans/{plan}"))
            ((int)r.StatusCode).ShouldBeLessThan(400);
        var copies = await app.WithDb(db => db.Set<ActionPlan>().Where(p => p.CopiedFromId == plan).ToListAsync());
        var copy = copies.ShouldHaveSingleItem();
        copy.Year.ShouldBe(Year + 1);
        copy.Status.ShouldBe(PlanStatus.Draft);
        (await app.WithDb(db => db.Set<PlanTarget>().CountAsync(t => t.PlanId == copy.Id && t.IndicatorKey == "keyobjects.enterprises"))).ShouldBe(1);
        (await app.WithDb(db => db.Set<MeasureDepartment>().CountAsync(d => d.PlanId == copy.Id && d.Role == MeasureRole.Lead))).ShouldBe(1);
    }

    [Fact]
    public async Task A_plan_is_frozen_after_its_period_and_takes_no_more_changes()
    {
        var (province, plan, measure) = await ProvincialDraftAsync(Year - 1);
        (await province.PostFormAsync($"/Plans/{plan}?handler=Issue", [], $"/Plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        foreach (var r in await AtOnceAsync(province, $"/Plans/{plan}?handler=Freeze", page: $"/Plans/{plan}"))
            ((int)r.StatusCode).ShouldBeLessThan(400);
        var frozen = await app.WithDb(db => db.Set<ActionPlan>().SingleAsync(p => p.Id == plan));
        frozen.Status.ShouldBe(PlanStatus.Frozen);
        frozen.FrozenBy.ShouldBe("province");
        ShouldBeRefused(await province.GetAsync($"/Plans/Edit/{plan}"));
        ShouldBeRefused(await province.GetAsync($"/Plans/{plan}/Measure/{measure}"));
        (await province.GetStringAsync($"/Plans/{plan}")).ShouldNotContain("id=\"add-measure\"");
    }

    [Fact]
    public async Task A_city_reads_the_provinces_issued_plan_but_changes_neither_it_nor_another_citys()
    {
        var (province, plan, measure) = await ProvincialDraftAsync();
        var hefei = await app.SignedInAs("hefei");
        (await hefei.GetAsync($"/Plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // a draft is the province's own
        (await province.PostFormAsync($"/Plans/{plan}?handler=Issue", [], $"/Plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await hefei.GetAsync($"/Plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldBeRefused(await hefei.GetAsync($"/Plans/Edit/{plan}"));
        ShouldBeRefused(await hefei.GetAsync($"/Plans/{plan}/Measure/{measure}"));
        ShouldBeRefused(await hefei.GetAsync($"/Plans/{plan}/Target?measure={measure}"));
        var token = await hefei.TokenAsync($"/Plans/{plan}");
        (await hefei.PostAsync($"/Plans/{plan}?handler=Issue", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
            .StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError);
        (await app.WithDb(db => db.Set<PlanMeasure>().SingleAsync(m => m.Id == measure))).Text.ShouldBe("大力推进“四重”行动");

        // Hefei's own plan sits under the province's; Wuhu neither reads nor changes it.
        var own = await CreatedAsync(await hefei.PostFormAsync("/Plans/Edit", PlanForm(Unique("合肥市质量提升行动实施方案"), Year)));
        (await app.WithDb(db => db.Set<ActionPlan>().SingleAsync(p => p.Id == own))).ParentPlanId.ShouldBe(plan);
        var wuhu = await app.SignedInAs("wuhu");
        (await wuhu.GetAsync($"/Plans/{own}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wuhu.GetAsync($"/Plans/Edit/{own}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hefei.GetStringAsync("/Plans?year=" + Year)).ShouldContain(own.ToString());
    }

    [Fact]
    public async Task A_target_naming_a_missing_indicator_a_growth_without_baseline_or_a_rate_over_100_is_refused_on_its_field()
    {
        var (province, plan, measure) = await ProvincialDraftAsync();
        var missing = await ErrorsOf(await province.PostFormAsync($"/Plans/{plan}/Target",
            TargetForm(measure, "重点园区", TargetKind.Minimum, "1", TargetSource.Indicator, "keyobjects.nowhere")));
        missing.ShouldContain("统计指标“keyobjects.nowhere”不存在，不能保存。");
        var growth = await ErrorsOf(await province.PostFormAsync($"/Plans/{plan}/Target",
            TargetForm(measure, "新增示范", TargetKind.Growth, "20", TargetSource.Reported)));
        growth.ShouldContain("同比增长指标须填写基准年度。");
        var rate = await ErrorsOf(await province.PostFormAsync($"/Plans/{plan}/Target",
            TargetForm(measure, "合格率", TargetKind.Rate, "120", TargetSource.Indicator, "supervision.pass-rate")));
        rate.ShouldContain("比率须在 0 到 100 之间。");
        (await app.WithDb(db => db.Set<PlanTarget>().CountAsync(t => t.PlanId == plan))).ShouldBe(0);

        // Every kind is saved when its fields are right.
        await CreatedAsync(await province.PostFormAsync($"/Plans/{plan}/Target", TargetForm(measure, "重点园区", TargetKind.Minimum, "1", TargetSource.Indicator, "keyobjects.parks")));
        await CreatedAsync(await province.PostFormAsync($"/Plans/{plan}/Target", TargetForm(measure, "新增示范", TargetKind.Growth, "20", TargetSource.Reported, baselineYear: (Year - 1).ToString(CultureInfo.InvariantCulture))));
        await CreatedAsync(await province.PostFormAsync($"/Plans/{plan}/Target", TargetForm(measure, "计量标准", TargetKind.Total, "3000", TargetSource.Reported, dueOn: $"{Year + 2}-12-31", perCity: false)));
        await CreatedAsync(await province.PostFormAsync($"/Plans/{plan}/Target", TargetForm(measure, "合格率", TargetKind.Rate, "90", TargetSource.Indicator, "supervision.pass-rate")));
        await CreatedAsync(await province.PostFormAsync($"/Plans/{plan}/Target", TargetForm(measure, "工作总结", TargetKind.Deadline, "", TargetSource.Reported, dueOn: $"{Year}-12-01")));
        (await app.WithDb(db => db.Set<PlanTarget>().Where(t => t.PlanId == plan).Select(t => t.Kind).ToListAsync())).Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public async Task Quotas_that_do_not_add_up_to_the_total_are_refused_with_their_sum_and_a_city_splits_its_share_to_its_counties()
    {
        var (province, plan, measure) = await ProvincialDraftAsync();
        await CreatedAsync(await province.PostFormAsync($"/Plans/{plan}/Target", TargetForm(measure, "计量标准", TargetKind.Total, "100", TargetSource.Reported, dueOn: $"{Year}-12-31", perCity: false)));
        var target = await app.WithDb(db => db.Set<PlanTarget>().Where(t => t.PlanId == plan).Select(t => t.Id).SingleAsync());
        var wrong = await province.PostFormAsync($"/Plans/Shares/{target}", new() { ["Quotas[340100]"] = "60", ["Quotas[340200]"] = "30" });
        (await ErrorsOf(wrong)).ShouldContain("各地分解数之和为 90，应等于 100。");
        (await app.WithDb(db => db.Set<TargetShare>().CountAsync(s => s.TargetId == target))).ShouldBe(0);
        var right = await province.PostFormAsync($"/Plans/Shares/{target}", new() { ["Quotas[340100]"] = "60", ["Quotas[340200]"] = "40" });
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await right.Content.ReadAsStringAsync()));

        // Hefei sees its share on its own plan, read-only, and splits it among its counties: they must add up to 60.
        (await province.PostFormAsync($"/Plans/{plan}?handler=Issue", [], $"/Plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var hefei = await app.SignedInAs("hefei");
        var own = await CreatedAsync(await hefei.PostFormAsync("/Plans/Edit", PlanForm(Unique("合肥市实施方案"), Year)));
        var page = await hefei.GetStringAsync($"/Plans/{own}");
        page.ShouldContain("id=\"inherited\"");
        page.ShouldContain("计量标准");
        (await hefei.GetStringAsync($"/Plans/Shares/{target}")).ShouldNotContain("name=\"Quotas[340100]\"");
        var counties = $"/Plans/Shares/{target}?region=340100";
        var short60 = await hefei.PostFormAsync(counties, new() { ["Quotas[340102]"] = "20", ["Quotas[340103]"] = "30" });
        (await ErrorsOf(short60)).ShouldContain("各地分解数之和为 50，应等于 60。");
        (await hefei.PostFormAsync(counties, new() { ["Quotas[340102]"] = "30", ["Quotas[340103]"] = "30" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<TargetShare>().CountAsync(s => s.TargetId == target))).ShouldBe(4);
        // Wuhu may not split Hefei's share.
        (await (await app.SignedInAs("wuhu")).GetAsync(counties)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_city_reports_a_value_with_evidence_the_province_approves_it_and_the_face_reads_it()
    {
        var (province, plan, measure) = await ProvincialDraftAsync();
        await CreatedAsync(await province.PostFormAsync($"/Plans/{plan}/Target", TargetForm(measure, "合格率（填报）", TargetKind.Rate, "90", TargetSource.Reported)));
        await CreatedAsync(await province.PostFormAsync($"/Plans/{plan}/Target", TargetForm(measure, "重点企业", TargetKind.Minimum, "50", TargetSource.Indicator, PlansApp.TestKey)));
        var target = await app.WithDb(db => db.Set<PlanTarget>().Where(t => t.PlanId == plan && t.Source == TargetSource.Reported).Select(t => t.Id).SingleAsync());
        (await province.PostFormAsync($"/Plans/{plan}?handler=Issue", [], $"/Plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var hefei = await app.SignedInAs("hefei");
        var period = $"{Year}Q{(DateTime.UtcNow.AddHours(8).Month + 2) / 3}";
        var url = $"/Plans/Report/{target}";
        (await ErrorsOf(await hefei.PostFormAsync(url, new() { ["Form.Period"] = period, ["Form.Value"] = "-1" })))
            .ShouldContain("数值不能小于 0。");
        (await ErrorsOf(await hefei.PostFormAsync(url, new() { ["Form.Period"] = period, ["Form.Value"] = "100.5" })))
            .ShouldContain("比率须在 0 到 100 之间。");

        // With an evidence file, as a browser sends it.
        var token = await hefei.TokenAsync(url);
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(period), "Form.Period" },
            { new StringContent("96.5"), "Form.Value" }, { new StringContent("全市抽查合格率"), "Form.Note" },
        };
        var pdf = new ByteArrayContent("%PDF-1.4 evidence"u8.ToArray());
        pdf.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        multipart.Add(pdf, "Files", "合格率统计.pdf");
        var sent = await hefei.PostAsync(url, multipart);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await sent.Content.ReadAsStringAsync()));
        var reportUrl = sent.Headers.Location!.ToString();
        (await hefei.GetStringAsync(reportUrl)).ShouldContain("合格率统计.pdf");
        // A second report of the same quarter waits for the first to be decided.
        (await ErrorsOf(await hefei.PostFormAsync(url, new() { ["Form.Period"] = period, ["Form.Value"] = "97" })))
            .ShouldContain("已有待审核的填报");

        // Wuhu neither sees Hefei's report nor approves it; the province approves it, twice at once: one decision.
        (await (await app.SignedInAs("wuhu")).GetAsync(reportUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hefei.GetStringAsync(reportUrl)).ShouldNotContain("id=\"approve-report\"");
        foreach (var r in await AtOnceAsync(province, reportUrl + "?handler=Approve", page: reportUrl))
            ((int)r.StatusCode).ShouldBeLessThan(400);
        var report = await app.WithDb(db => db.Set<TargetReport>().SingleAsync(r => r.TargetId == target));
        report.Status.ShouldBe(ReportStatus.Approved);
        report.DecidedBy.ShouldBe("province");
        (await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(TargetReport) && e.EntityKey == report.Id.ToString() && e.Action == "update"))).ShouldBe(1);

        // The face: the reported rate and the counted enterprises per city, with the rule's status.
        PlansApp.Values[(PlansApp.TestKey, Year, "340100")] = 50;
        PlansApp.Values[(PlansApp.TestKey, Year, "340200")] = 3;
        var values = await app.WithDb(async db =>
        {
            using var scope = app.Services.CreateScope();
            var catalog = scope.ServiceProvider.GetRequiredService<IndicatorCatalog>();
            return await PlansFace.TargetValuesAsync(db, catalog, Year, new DateOnly(Year, 12, 31), plan);
        });
        var ours = values!.Where(v => v.PlanId == plan).ToList();
        ours.Count.ShouldBe(2);
        {
            var rate = ours.Single(v => v.Source == TargetSource.Reported).Regions.Single(r => r.RegionCode == "340100");
            rate.Value.ShouldBe(96.5m);
            rate.Evaluation.Status.ShouldBe(TargetStatus.Met);
            var enterprises = ours.Single(v => v.Source == TargetSource.Indicator).Regions;
            enterprises.Single(r => r.RegionCode == "340100").Evaluation.Status.ShouldBe(TargetStatus.Met);
            enterprises.Single(r => r.RegionCode == "340200").Evaluation.ShouldBe(new TargetEvaluation(TargetStatus.AtRisk, 50, 47));
            enterprises.Count.ShouldBe(16);
        }
    }

    [Fact]
    public async Task A_report_for_a_closed_quarter_is_refused_until_the_province_reopens_it()
    {
        var (province, plan, measure) = await ProvincialDraftAsync(Year - 1);
        await CreatedAsync(await province.PostFormAsync($"/Plans/{plan}/Target", TargetForm(measure, "新增示范", TargetKind.Minimum, "5", TargetSource.Reported)));
        var target = await app.WithDb(db => db.Set<PlanTarget>().Where(t => t.PlanId == plan).Select(t => t.Id).SingleAsync());
        (await province.PostFormAsync($"/Plans/{plan}?handler=Issue", [], $"/Plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var hefei = await app.SignedInAs("hefei");
        var period = $"{Year - 1}Q4";
        var closed = await hefei.PostFormAsync($"/Plans/Report/{target}", new() { ["Form.Period"] = period, ["Form.Value"] = "6" });
        (await ErrorsOf(closed)).ShouldContain($"填报期 {period} 已截止");

        var noReason = await province.PostFormAsync($"/Plans/{plan}?handler=Reopen", new() { ["Period"] = period, ["Reason"] = "" }, $"/Plans/{plan}");
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("方案已下发，请填写修订理由。");
        (await province.PostFormAsync($"/Plans/{plan}?handler=Reopen", new() { ["Period"] = period, ["Reason"] = "合肥市系统故障，延期补报" }, $"/Plans/{plan}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<PeriodReopening>().SingleAsync(r => r.PlanId == plan))).Reason.ShouldBe("合肥市系统故障，延期补报");
        var reopened = await hefei.PostFormAsync($"/Plans/Report/{target}", new() { ["Form.Period"] = period, ["Form.Value"] = "6" });
        reopened.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await reopened.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_desk_asks_a_city_to_acknowledge_and_the_province_to_approve()
    {
        var hefei = await app.SignedInAs("hefei");
        var home = await hefei.GetStringAsync("/");
        home.ShouldContain("签收行动方案");
        var province = await app.SignedInAs("province");
        // The demo: Wuhu's report of the metrology standards waits for the province.
        (await province.GetStringAsync("/")).ShouldContain("审核指标填报");
    }

    [Fact]
    public async Task The_demo_plan_has_anhuis_measures_quotas_and_acknowledgements_and_prints()
    {
        var plan = await app.WithDb(db => db.Set<ActionPlan>().SingleAsync(p => p.Title == "安徽省2018年质量提升行动年实施方案"));
        var province = await app.SignedInAs("province");
        var page = await province.GetStringAsync($"/Plans/{plan.Id}");
        page.ShouldContain("大力推进“四重”行动");
        page.ShouldContain("（四）");
        page.ShouldContain("重点产业园区数");
        page.ShouldNotContain("keyobjects.parks");
        page.ShouldContain("省市场监管局");
        page.ShouldContain("id=\"acknowledgements\"");
        page.ShouldContain("print"); // the shared printable trail
        var keys = await app.WithDb(db => db.Set<PlanTarget>().Where(t => t.PlanId == plan.Id).Select(t => t.IndicatorKey).ToListAsync());
        keys.ShouldContain("keyobjects.enterprises");
        keys.ShouldContain("supervision.pass-rate");
        (await app.WithDb(db => db.Set<PlanAcknowledgement>().CountAsync(a => a.PlanId == plan.Id))).ShouldBe(4);
        var list = await province.GetAsync("/Plans/?handler=Export&format=xlsx&year=2018");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class PlansOnSqlite(PlansSqliteApp app) : PlansTests(app), IClassFixture<PlansSqliteApp>;
public sealed class PlansOnPostgres(PlansPostgresApp app) : PlansTests(app), IClassFixture<PlansPostgresApp>;
