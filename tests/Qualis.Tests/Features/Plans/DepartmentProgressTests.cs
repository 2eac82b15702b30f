using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Qualis.Features.Departments;
using Qualis.Features.Plans;
using Qualis.Features.Plans.Progress;

namespace Qualis.Tests.Features.Plans;

/// <summary>
/// Departments' progress reports through the pages, on both databases: the demo's department accounts (jianshe for
/// 省住房城乡建设厅, partner for 省农业农村厅 by its full name, jingxin for 省经济和信息化厅) report on a provincial plan's
/// measures; only a department with a part in the measure reports, once per quarter however often it clicks; a closed
/// quarter waits for the province to reopen it; the province returns a report with a reason and sees it all in the matrix.
/// </summary>
public abstract class DepartmentProgressTests(PlansApp app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private sealed record Sample(ActionPlan Plan, PlanMeasure Shared, PlanMeasure Other, Guid Construction, Guid Agriculture, Guid Industry);

    /// <summary>An issued provincial plan: one measure led by 省住房城乡建设厅 and shared by 省农业农村厅, one led by 省经济和信息化厅.</summary>
    private async Task<Sample> PlanAsync(int year)
    {
        var construction = (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省住房城乡建设厅")))!.Id;
        var agriculture = (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省农业农村厅")))!.Id;
        var industry = (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省经济和信息化厅")))!.Id;
        var plan = PlanSamples.NewPlan("340000", "/340000/", "部门进展样本方案" + Guid.NewGuid().ToString("N")[..6], PlanStatus.Issued, year);
        var shared = new PlanMeasure { PlanId = plan.Id, Number = "（三）", Text = "突出重点行业。每个市抓好至少两个重点行业的质量提升。", Order = 10 };
        var other = new PlanMeasure { PlanId = plan.Id, Number = "（四）", Text = "突出重点企业。", Order = 20 };
        await app.WithDb(async db =>
        {
            db.AddRange(plan, shared, other,
                new MeasureDepartment { PlanId = plan.Id, MeasureId = shared.Id, DepartmentId = construction, Role = MeasureRole.Lead },
                new MeasureDepartment { PlanId = plan.Id, MeasureId = shared.Id, DepartmentId = agriculture, Role = MeasureRole.Contributor },
                new MeasureDepartment { PlanId = plan.Id, MeasureId = other.Id, DepartmentId = industry, Role = MeasureRole.Lead });
            await db.SaveChangesAsync();
        });
        return new Sample(plan, shared, other, construction, agriculture, industry);
    }

    private static Dictionary<string, string> Progress(string period, string text) => new() { ["Form.Period"] = period, ["Form.Progress"] = text };

    private static async Task<string> ErrorsOf(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Headers.Location} {Forms.ErrorsIn(await response.Content.ReadAsStringAsync())}";

    private static bool Refused(HttpResponseMessage r) =>
        r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/AccessDenied"));

    [Fact]
    public async Task A_department_reports_with_a_file_another_is_refused_a_double_submit_stores_one_and_the_province_returns_it_and_sees_the_matrix()
    {
        var s = await PlanAsync(Today.Year);
        var period = PlanAccess.PeriodOf(Today);
        var url = $"/Plans/Progress/Report/{s.Shared.Id}";
        var jianshe = await app.SignedInAs("jianshe");
        (await jianshe.GetStringAsync("/")).ShouldContain(url); // the to-do on its desk
        (await jianshe.GetStringAsync(url)).ShouldContain("id=\"progress-form\"");

        // With an evidence file, as a browser sends it.
        var token = await jianshe.TokenAsync(url);
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(period), "Form.Period" },
            { new StringContent("督促各市确定建筑业为重点行业，开展工程质量提升专项行动。"), "Form.Progress" },
        };
        var pdf = new ByteArrayContent("%PDF-1.4 progress"u8.ToArray());
        pdf.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        multipart.Add(pdf, "Files", "工程质量专项行动.pdf");
        var sent = await jianshe.PostAsync(url, multipart);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await sent.Content.ReadAsStringAsync()));
        var reportUrl = sent.Headers.Location!.ToString();
        var page = await jianshe.GetStringAsync(reportUrl);
        page.ShouldContain("工程质量专项行动.pdf");
        page.ShouldContain("省住房城乡建设厅 联络员"); // the reporter by name
        var report = await app.WithDb(db => db.Set<DepartmentReport>().SingleAsync(r => r.MeasureId == s.Shared.Id && r.DepartmentId == s.Construction));
        report.ReportedBy.ShouldBe("jianshe");
        var evidence = await app.WithDb(db => db.Set<DepartmentReportEvidence>().SingleAsync(e => e.ReportId == report.Id));
        var file = await jianshe.GetAsync($"{reportUrl}?handler=File&file={evidence.Id}");
        file.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe("%PDF-1.4 progress"u8.ToArray());
        (await ErrorsOf(await jianshe.PostFormAsync(url, Progress(period, "再次报送")))).ShouldContain("已报送过本措施的工作进展");

        // 省经济和信息化厅 has no part in the measure: refused, and it reads neither the report nor its file; nor does a city.
        var jingxin = await app.SignedInAs("jingxin");
        Refused(await jingxin.PostFormAsync(url, Progress(period, "越权报送"), url)).ShouldBeTrue();
        Refused(await jingxin.GetAsync(reportUrl)).ShouldBeTrue();
        Refused(await jingxin.GetAsync($"{reportUrl}?handler=File&file={evidence.Id}")).ShouldBeTrue();
        var hefei = await app.SignedInAs("hefei");
        Refused(await hefei.PostFormAsync(url, Progress(period, "越权报送"), url)).ShouldBeTrue();
        (await app.WithDb(db => db.Set<DepartmentReport>().CountAsync(r => r.PlanId == s.Plan.Id))).ShouldBe(1);

        // 省农业农村厅 (the "partner" account, organisation 安徽省农业农村厅) clicks three times at once: one report.
        var partner = await app.SignedInAs("partner");
        var partnerToken = await partner.TokenAsync(url);
        var form = new Dictionary<string, string>(Progress(period, "配合开展农产品加工业质量提升。")) { ["__RequestVerificationToken"] = partnerToken };
        foreach (var r in await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => partner.PostAsync(url, new FormUrlEncodedContent(form)))))
            ((int)r.StatusCode).ShouldBeLessThan(400);
        (await app.WithDb(db => db.Set<DepartmentReport>().CountAsync(r => r.MeasureId == s.Shared.Id && r.DepartmentId == s.Agriculture))).ShouldBe(1);

        // The province reads it on its desk and returns it with a reason (a reason is required); the department reports again.
        var province = await app.SignedInAs("province");
        (await province.GetStringAsync("/")).ShouldContain(reportUrl);
        (await ErrorsOf(await province.PostFormAsync(reportUrl + "?handler=Return", new() { ["DecisionNote"] = "" }, reportUrl))).ShouldContain("退回时请填写理由");
        (await province.PostFormAsync(reportUrl + "?handler=Return", new() { ["DecisionNote"] = "请补充重点行业名单" }, reportUrl)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var returned = await app.WithDb(db => db.Set<DepartmentReport>().SingleAsync(r => r.Id == report.Id));
        returned.Status.ShouldBe(ProgressStatus.Returned);
        returned.DecidedBy.ShouldBe("province");
        returned.DecisionNote.ShouldBe("请补充重点行业名单");
        (await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(DepartmentReport) && e.EntityKey == report.Id.ToString()))).ShouldBe(2);
        var history = await province.GetStringAsync(reportUrl);
        history.ShouldContain("请补充重点行业名单");
        history.ShouldContain("王敏"); // the province's officer named in the history
        history.ShouldNotContain(s.Shared.Id.ToString("N")); // the pending key (ids for the unique index) is left out of the history
        (await jianshe.GetStringAsync("/")).ShouldContain(url);

        // The matrix: the lead's cell returned, the contributor's reported, the other measure's lead due; names, not ids.
        var matrixUrl = $"/Plans/{s.Plan.Id}/Matrix?period={period}";
        var matrix = await province.GetStringAsync(matrixUrl);
        matrix.ShouldContain("省住房城乡建设厅");
        matrix.ShouldContain("省农业农村厅");
        matrix.ShouldContain("data-cell=\"Returned\"");
        matrix.ShouldContain("data-cell=\"Reported\"");
        matrix.ShouldContain("data-cell=\"Due\"");
        matrix.ShouldContain("data-cell=\"NotInvolved\"");
        matrix.ShouldContain("牵头");
        var one = await province.GetStringAsync($"{matrixUrl}&department={s.Industry}");
        one.ShouldNotContain("data-department=\"" + s.Construction + "\"");
        one.ShouldContain("data-department=\"" + s.Industry + "\"");

        // A department opens the matrix from its progress page and reads its own column only, whatever it asks for;
        // nothing on the page leads where it may not go (the plan's own pages are the officials').
        var progressPage = await jianshe.GetStringAsync("/Plans/Progress");
        progressPage.ShouldContain($"href=\"/Plans/{s.Plan.Id}/Matrix?period={period}\"");
        foreach (var asked in new[] { matrixUrl, $"{matrixUrl}&department={s.Industry}" })
        {
            var mine = await jianshe.GetStringAsync(asked);
            mine.ShouldContain("data-department=\"" + s.Construction + "\"");
            mine.ShouldNotContain("data-department=\"" + s.Industry + "\"");
            mine.ShouldNotContain("data-department=\"" + s.Agriculture + "\"");
            mine.ShouldNotContain("省农业农村厅");
            mine.ShouldNotContain("id=\"matrix-department\"");
            mine.ShouldNotContain($"href=\"/Plans/{s.Plan.Id}\"");
            mine.ShouldNotContain("href=\"/Plans\"");
        }
        var partnerMatrix = await partner.GetStringAsync(matrixUrl);
        partnerMatrix.ShouldContain("data-department=\"" + s.Agriculture + "\"");
        partnerMatrix.ShouldNotContain("data-department=\"" + s.Construction + "\"");
        var jianshExport = await jianshe.GetAsync($"/Plans/{s.Plan.Id}/Matrix?handler=Export&format=csv&period={period}");
        jianshExport.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await jianshExport.Content.ReadAsStringAsync()).ShouldNotContain("省经济和信息化厅");
        // An enterprise user reads no matrix.
        Refused(await (await app.SignedInAs("enterprise")).GetAsync(matrixUrl)).ShouldBeTrue();

        // The XLSX export opens: a header row with the departments and a row per measure.
        var xlsx = await province.GetAsync($"/Plans/{s.Plan.Id}/Matrix?handler=Export&format=xlsx&period={period}");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(stream, false);
        var shared = doc.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(x => x.InnerText).ToList() ?? [];
        var rows = doc.WorkbookPart.WorksheetParts.First().Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)] : c.InnerText).ToList()).ToList();
        rows.Count.ShouldBe(3);
        rows[0].ShouldContain("省住房城乡建设厅（牵头）");
        string.Join("|", rows[1]).ShouldContain("已退回");

        // The lists page: the province sees both reports of the plan, a department only its own.
        (await province.GetStringAsync($"/Plans/Progress?plan={s.Plan.Id}")).ShouldContain("省农业农村厅");
        var own = await jingxin.GetStringAsync($"/Plans/Progress?plan={s.Plan.Id}");
        own.ShouldNotContain(reportUrl);
    }

    [Fact]
    public async Task A_closed_quarter_is_refused_until_the_province_reopens_it()
    {
        var s = await PlanAsync(Today.Year - 1);
        var period = $"{Today.Year - 1}Q4";
        var url = $"/Plans/Progress/Report/{s.Other.Id}";
        var jingxin = await app.SignedInAs("jingxin");
        (await ErrorsOf(await jingxin.PostFormAsync(url, Progress(period, "补报全年进展")))).ShouldContain($"填报期 {period} 已截止");
        var province = await app.SignedInAs("province");
        (await province.GetStringAsync($"/Plans/{s.Plan.Id}/Matrix?period={period}")).ShouldContain("data-cell=\"Overdue\"");
        (await province.PostFormAsync($"/Plans/{s.Plan.Id}?handler=Reopen", new() { ["Period"] = period, ["Reason"] = "省经信厅系统故障，延期补报" }, $"/Plans/{s.Plan.Id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await province.GetStringAsync($"/Plans/{s.Plan.Id}/Matrix?period={period}")).ShouldNotContain("data-cell=\"Overdue\"");
        var reopened = await jingxin.PostFormAsync(url, Progress(period, "补报全年进展"));
        reopened.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await reopened.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_departments_page_lists_its_accounts_and_the_demo_matrix_has_content()
    {
        var province = await app.SignedInAs("province");
        var construction = (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省住房城乡建设厅")))!.Id;
        var agriculture = (await app.WithDb(db => DepartmentsFace.FindAsync(db, "省农业农村厅")))!.Id;
        (await province.GetStringAsync($"/Departments/{construction}")).ShouldContain("省住房城乡建设厅 联络员（jianshe）");
        var page = await province.GetStringAsync($"/Departments/{agriculture}");
        page.ShouldContain("（partner）");
        page.ShouldNotContain("（jianshe）");

        var demo = await app.WithDb(db => db.Set<ActionPlan>().SingleAsync(p => p.DocumentNumber == "皖质提办〔2018〕1号"));
        var matrix = await province.GetStringAsync($"/Plans/{demo.Id}/Matrix?period=2018Q4");
        matrix.ShouldContain("data-cell=\"Reported\"");
        matrix.ShouldContain("data-cell=\"Overdue\"");
        (await province.GetStringAsync($"/Plans/{demo.Id}/Matrix?period=2018Q3")).ShouldContain("data-cell=\"Returned\"");
    }
}

public sealed class DepartmentProgressOnSqlite(PlansSqliteApp app) : DepartmentProgressTests(app), IClassFixture<PlansSqliteApp>;
public sealed class DepartmentProgressOnPostgres(PlansPostgresApp app) : DepartmentProgressTests(app), IClassFixture<PlansPostgresApp>;
