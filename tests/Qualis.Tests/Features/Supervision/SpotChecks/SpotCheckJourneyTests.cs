using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Registry.TestingAgencies;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Accounts;
using Qualis.Platform.Attachments;
using Qualis.Platform.Regions;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Supervision.SpotChecks;

/// <summary>The application with a clock the tests set to any day (China time), so statutory periods can pass.</summary>
public abstract class CheckClockApp(DatabaseProvider provider) : QualisApp(provider)
{
    public DayClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class SqliteCheckApp() : CheckClockApp(DatabaseProvider.Sqlite);
public sealed class PostgresCheckApp() : CheckClockApp(DatabaseProvider.Postgres);

/// <summary>Stands still at 09:00 China time on the day it was last set to; sign-ins made on one day expire by the next.</summary>
public sealed class DayClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public void Set(string day) =>
        _now = new DateTimeOffset(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();
}

/// <summary>
/// Spot checks through the pages, as each party uses them, on a real database: sampling to publication, a failure with
/// objection and re-test, refusals that change nothing, corrections of a published result, what each party sees, and
/// the overdue board.
/// </summary>
public abstract class SpotCheckJourneyTests(CheckClockApp app)
{
    private const string Institute = "安徽省产品质量监督检验研究院";
    private const string DemoEnterprise = "91340102743081729F";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];
    private static readonly byte[] Pdf = "%PDF-1.4\n抽样单\n%%EOF"u8.ToArray();

    private static string Page(Guid id) => $"/Supervision/Checks/{id}";

    /// <summary>
    /// A check as Hefei's draw leaves it, for a new enterprise in Hefei or for the demo enterprise, its team the demo
    /// inspector account (刘洋) and 王志强.
    /// </summary>
    private async Task<(Guid Id, string Name)> NewCheckAsync(bool demoEnterprise = false)
    {
        var name = (demoEnterprise ? "合肥示范电缆有限公司 " : "合肥抽查测试电缆厂 ") + Guid.NewGuid().ToString("N")[..6];
        var code = demoEnterprise ? DemoEnterprise : await RecordSamples.NewEnterpriseAsync(app, "340100", name);
        var region = demoEnterprise ? "340102" : "340100";
        var check = await DrawnTeams.NewCheckAsync(app, new SpotCheck
        {
            CreditCode = code, EnterpriseName = name, RegionCode = region, ItemCodes = "CJ-01", Status = SpotCheckStatus.ToSample,
            ProductCategoryCode = "DX01", TestQuantity = 15, ReserveQuantity = 15,
        }, await DrawnTeams.DemoInspectorAsync(app), await DrawnTeams.NewInspectorAsync(app, "王志强"));
        return (check.Id, name);
    }

    private Task<SpotCheck> LoadAsync(Guid id) => app.WithDb(db => db.Set<SpotCheck>().AsNoTracking().SingleAsync(c => c.Id == id));
    private Task<long> AuditCountAsync() => app.WithDb(db => db.AuditEntries.LongCountAsync());
    private Task<Guid> InstituteIdAsync() => app.WithDb(db => db.Set<TestingAgency>().Where(a => a.Name == Institute).Select(a => a.Id).SingleAsync());

    /// <summary>Signs in on the clock's current day (a sign-in of an earlier day has expired).</summary>
    private async Task<HttpClient> OnAsync(string day, string user)
    {
        app.Clock.Set(day);
        return await app.SignedInAs(user);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, string handler, Dictionary<string, string>? fields = null) =>
        CheckPosts.StepAsync(client, id, handler, fields);

    private static async Task DoneAsync(Task<HttpResponseMessage> post)
    {
        var response = await post;
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new ShouldAssertException($"Expected the step to be taken, got {(int)response.StatusCode}: {Forms.ErrorsIn(await response.Content.ReadAsStringAsync())}");
    }

    private static async Task<string> RefusedAsync(Task<HttpResponseMessage> post)
    {
        var response = await post;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a refused step shows the page again with the reasons");
        return Forms.ErrorsIn(await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SampleAsync(HttpClient client, Guid id, string sampledOn, params (string Name, byte[] Content)[] files) =>
        await PostSamplingAsync(client, id, await SamplingFieldsAsync(sampledOn), files);

    /// <summary>A complete sampling record (抽样单) as the form posts it; tests change fields to make it wrong.</summary>
    private async Task<Dictionary<string, string>> SamplingFieldsAsync(string sampledOn) => new()
    {
        ["Sampling.ProductName"] = "聚氯乙烯绝缘电缆电线", ["Sampling.Model"] = "BV 2.5mm²",
        ["Sampling.BatchNumber"] = "20260215", ["Sampling.Trademark"] = "示范", ["Sampling.ProductCategoryCode"] = "DX01",
        ["Sampling.SampledOn"] = sampledOn, ["Sampling.Place"] = "企业成品仓库", ["Sampling.Samplers"] = "刘洋、王志强",
        ["Sampling.AgencyId"] = (await InstituteIdAsync()).ToString(),
    };

    private static Task<HttpResponseMessage> PostSamplingAsync(HttpClient client, Guid id, Dictionary<string, string> fields, params (string Name, byte[] Content)[] files) =>
        CheckPosts.MultipartAsync(client, id, "Sampling", fields, files, "Files");

    /// <summary>The files kept on disk for a check (none when nothing was saved).</summary>
    private string[] StoredFiles(Guid id)
    {
        var folder = Path.Combine(app.Services.GetRequiredService<AttachmentSettings>().Folder, id.ToString("N"));
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    private static Dictionary<string, string> Result(string prefix, CheckResult outcome, string on, bool withFailure = true)
    {
        var fields = new Dictionary<string, string> { [$"{prefix}.Outcome"] = outcome.ToString(), [$"{prefix}.On"] = on };
        if (outcome == CheckResult.Fail && withFailure)
        {
            fields[$"{prefix}.Failures[0].Item"] = "导体电阻";
            fields[$"{prefix}.Failures[0].Clause"] = "GB/T 3956-2008 第 5.1.1 条";
            fields[$"{prefix}.Failures[0].Required"] = "≤7.41 Ω/km";
            fields[$"{prefix}.Failures[0].Measured"] = "8.12 Ω/km";
        }
        return fields;
    }

    /// <summary>Sampled on 2 March by the inspector, sent to the provincial institute, result entered and notified.</summary>
    private async Task<(Guid Id, string Name)> TestedAndNotifiedAsync(CheckResult outcome, string resultOn, string notifiedOn, bool demoEnterprise = false)
    {
        var check = await NewCheckAsync(demoEnterprise);
        (await SampleAsync(await OnAsync("2026-03-02", "inspector"), check.Id, "2026-03-02")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await DoneAsync(PostAsync(await OnAsync(resultOn, "agency"), check.Id, "Result", Result("ResultEntry", outcome, resultOn)));
        await DoneAsync(PostAsync(await OnAsync(notifiedOn, "hefei"), check.Id, "Notify", new() { ["Notification.ReceivedOn"] = notifiedOn }));
        return check;
    }

    [Fact]
    public async Task A_passing_check_goes_from_sampling_to_publication()
    {
        var (id, name) = await NewCheckAsync();
        var inspector = await OnAsync("2026-03-02", "inspector");
        var form = await inspector.GetStringAsync(Page(id));
        form.ShouldContain("id=\"sampling-form\"");
        form.ShouldContain("检验样品 15，备用样品 15");
        form.ShouldNotContain("id=\"result-form\"");

        // Sampling with a photo and a scanned record; the files are kept with their hashes and can be downloaded.
        var sampled = await SampleAsync(inspector, id, "2026-03-02", ("现场照片.png", Png), ("抽样单.pdf", Pdf));
        sampled.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await sampled.Content.ReadAsStringAsync()));
        var check = await LoadAsync(id);
        (check.Status, check.AgencyName, check.Samplers, check.TestQuantity, check.ReserveQuantity)
            .ShouldBe((SpotCheckStatus.Sampled, Institute, "刘洋；王志强", 15, 15));
        var attachments = (await app.WithDb(db => db.Set<SpotCheckAttachment>().Where(a => a.SpotCheckId == id).ToListAsync()))
            .OrderBy(a => a.FileName, StringComparer.Ordinal).ToList();
        attachments.Select(a => (a.FileName, a.ContentType, a.Sha256)).ShouldBe(
        [
            ("抽样单.pdf", "application/pdf", Convert.ToHexStringLower(SHA256.HashData(Pdf))),
            ("现场照片.png", "image/png", Convert.ToHexStringLower(SHA256.HashData(Png))),
        ]);
        StoredFiles(id).Length.ShouldBe(2);
        var hefei = await app.SignedInAs("hefei");
        var download = await hefei.GetAsync($"{Page(id)}?handler=Attachment&file={attachments[1].Id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        var stranger = await app.SignedInAs("enterprise");
        (await stranger.GetAsync($"{Page(id)}?handler=Attachment&file={attachments[1].Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The agency's result, the notification and the objection period.
        var agency = await OnAsync("2026-03-10", "agency");
        (await agency.GetStringAsync(Page(id))).ShouldContain("id=\"result-form\"");
        await DoneAsync(PostAsync(agency, id, "Result", Result("ResultEntry", CheckResult.Pass, "2026-03-10")));
        await DoneAsync(PostAsync(await OnAsync("2026-03-12", "hefei"), id, "Notify", new() { ["Notification.ReceivedOn"] = "2026-03-12" }));
        (await LoadAsync(id)).ObjectionDeadline.ShouldBe(new DateOnly(2026, 3, 27));

        var early = await OnAsync("2026-03-20", "hefei");
        (await early.GetStringAsync(Page(id))).ShouldNotContain("id=\"finalise-form\"");
        (await RefusedAsync(PostAsync(early, id, "Finalise"))).ShouldContain("异议期至 2026-03-27 届满");
        (await LoadAsync(id)).Status.ShouldBe(SpotCheckStatus.Tested);

        // After the period: final, the inspection ended on its last day, published within 20 working days.
        var official = await OnAsync("2026-03-30", "hefei");
        await DoneAsync(PostAsync(official, id, "Finalise"));
        check = await LoadAsync(id);
        (check.Status, check.InspectionEndedOn, check.PublicationDue).ShouldBe((SpotCheckStatus.Final, new DateOnly(2026, 3, 27), new DateOnly(2026, 4, 27)));
        await DoneAsync(PostAsync(official, id, "Publish"));
        var page = await official.GetStringAsync(Page(id));
        page.ShouldContain("id=\"check-status\">已公示");
        page.ShouldContain("2026-04-27");
        page.ShouldContain("id=\"audit-history\"");
        (await LoadAsync(id)).PublishedAt.ShouldBe(new DateTime(2026, 3, 30, 1, 0, 0, DateTimeKind.Utc));

        // The list finds it by its final result; the export carries it.
        var q = Uri.EscapeDataString(name);
        (await official.GetStringAsync($"/Supervision/Checks?status=Published&result=Pass&q={q}")).ShouldContain(Page(id));
        (await official.GetStringAsync($"/Supervision/Checks?result=Fail&q={q}")).ShouldNotContain(Page(id));
        (await official.GetStringAsync($"/Supervision/Checks?region=340100&category=DX&from=2026-03-10&to=2026-03-10&q={q}")).ShouldContain(Page(id));
        (await official.GetStringAsync($"/Supervision/Checks?from=2026-03-11&q={q}")).ShouldNotContain(Page(id));
        var csv = await official.GetAsync($"/Supervision/Checks?q={q}&handler=Export&format=csv");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await csv.Content.ReadAsStringAsync()).ShouldContain(name);
        (await official.GetAsync($"/Supervision/Checks?q={q}&handler=Export&format=xlsx")).Content.Headers.ContentType!.MediaType
            .ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    [Fact]
    public async Task A_sampling_record_with_bad_input_shows_each_problem_on_its_field_and_saves_nothing()
    {
        var (id, _) = await NewCheckAsync();
        var inspector = await OnAsync("2026-03-02", "inspector");
        var before = await AuditCountAsync();

        var fields = await SamplingFieldsAsync("2026-03-05");
        fields["Sampling.Samplers"] = "刘洋";
        fields["Sampling.Place"] = " ";
        var response = await PostSamplingAsync(inspector, id, fields, ("现场照片.png", Png));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("class=\"form-control is-invalid\" id=\"Sampling_Samplers\"");
        html.ShouldContain("class=\"form-control is-invalid\" id=\"Sampling_Place\"");
        html.ShouldContain("class=\"form-control is-invalid\" type=\"date\" id=\"Sampling_SampledOn\"");
        html.ShouldContain("class=\"form-control \" id=\"Sampling_ProductName\"");
        html.ShouldContain("value=\"聚氯乙烯绝缘电缆电线\""); // what was typed stays in the form
        var errors = Forms.ErrorsIn(html);
        errors.ShouldContain("抽样人员至少 2 名");
        errors.ShouldContain("不能晚于今天（2026-03-02）");
        errors.ShouldContain("请填写此项");

        // A file that is not what its name says refuses the whole record, and no file stays behind.
        var fake = await PostSamplingAsync(inspector, id, await SamplingFieldsAsync("2026-03-02"), ("现场照片.png", Png), ("抽样单.pdf", Png));
        fake.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await fake.Content.ReadAsStringAsync()).ShouldContain("“抽样单.pdf”的内容与扩展名不符");

        var check = await LoadAsync(id);
        (check.Status, check.SampledOn, check.AgencyName, check.Samplers).ShouldBe((SpotCheckStatus.ToSample, null, null, null));
        (await app.WithDb(db => db.Set<SpotCheckAttachment>().CountAsync(a => a.SpotCheckId == id))).ShouldBe(0);
        StoredFiles(id).ShouldBeEmpty();
        (await AuditCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_failing_check_with_an_objection_and_a_granted_retest_ends_in_stop_sale_rectification_and_follow_up()
    {
        var (id, _) = await TestedAndNotifiedAsync(CheckResult.Fail, "2026-03-16", "2026-03-18", demoEnterprise: true);
        (await app.WithDb(db => db.Set<SpotCheckFailure>().Where(f => f.SpotCheckId == id).Select(f => f.Measured).ToListAsync())).ShouldBe(["8.12 Ω/km"]);

        // The enterprise sees its open objection window on the overview and objects in time.
        var enterprise = await OnAsync("2026-03-25", "enterprise");
        var overview = await enterprise.GetStringAsync("/Supervision");
        overview.ShouldContain("id=\"open-objections\"");
        overview.ShouldContain("可于 2026-04-02（含当日）前提出异议");
        overview.ShouldContain(Page(id));
        await DoneAsync(PostAsync(enterprise, id, "Object", new() { ["Objection.Reason"] = "送检样品运输中受损，对导体电阻结果有异议，申请复检。" }));

        // The official grants a re-test; the assigned agency enters it.
        var official = await OnAsync("2026-03-27", "hefei");
        (await RefusedAsync(PostAsync(official, id, "Decide", new() { ["Decision.Decision"] = "RetestGranted" }))).ShouldContain("请填写此项");
        await DoneAsync(PostAsync(official, id, "Decide", new() { ["Decision.Decision"] = "RetestGranted", ["Decision.Reason"] = "异议在法定期限内提出，同意使用备用样品复检。" }));
        (await LoadAsync(id)).Status.ShouldBe(SpotCheckStatus.Tested);
        var agency = await OnAsync("2026-04-10", "agency");
        (await agency.GetStringAsync("/Supervision")).ShouldContain(Page(id)); // awaiting its re-test
        await DoneAsync(PostAsync(agency, id, "Retest", Result("Retest", CheckResult.Fail, "2026-04-10")));

        var check = await LoadAsync(id);
        (check.Status, check.RetestResult, check.InspectionEndedOn, check.PublicationDue)
            .ShouldBe((SpotCheckStatus.Final, CheckResult.Fail, new DateOnly(2026, 4, 10), new DateOnly(2026, 5, 12)));
        (check.StopSale, check.RectificationOrderedOn, check.RectificationDue, check.FollowUpDue)
            .ShouldBe((true, new DateOnly(2026, 4, 10), new DateOnly(2026, 6, 9), new DateOnly(2026, 6, 24)));
        var page = await (await OnAsync("2026-04-10", "hefei")).GetStringAsync(Page(id));
        page.ShouldContain("id=\"stop-sale\">已责令停止销售不合格产品");
        page.ShouldContain("id=\"rectification-due\">2026-06-09");
        page.ShouldContain("id=\"follow-up-due\">2026-06-24");
        page.ShouldContain("同意复检");

        // The follow-up check fails: reported up and announced.
        var inspector = await OnAsync("2026-06-20", "inspector");
        await DoneAsync(PostAsync(inspector, id, "FollowUp", new() { ["FollowUp.Outcome"] = "Fail", ["FollowUp.On"] = "2026-06-20" }));
        check = await LoadAsync(id);
        (check.FollowUpResult, check.FollowUpOn, check.Escalated).ShouldBe((CheckResult.Fail, new DateOnly(2026, 6, 20), true));
        (await inspector.GetStringAsync(Page(id))).ShouldContain("id=\"escalated\"");
    }

    [Fact]
    public async Task A_result_from_an_agency_the_sample_was_not_sent_to_is_refused_and_nothing_is_saved()
    {
        var (id, _) = await NewCheckAsync();
        (await SampleAsync(await OnAsync("2026-03-02", "inspector"), id, "2026-03-02")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var userName = "lab." + Guid.NewGuid().ToString("N")[..8];
        var userId = await RecordSamples.NewUserAsync(app, userName, Roles.TestingAgency, "340100", "合肥市产品质量监督检验所");
        await app.WithDb(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == userId)).Organisation = "合肥市产品质量监督检验所";
            await db.SaveChangesAsync();
        });
        var otherLab = await OnAsync("2026-03-10", userName);
        var official = await app.SignedInAs("hefei");
        var before = await AuditCountAsync();

        (await otherLab.GetAsync(Page(id))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherLab.GetStringAsync("/Supervision/Checks")).ShouldNotContain(Page(id));
        var token = await otherLab.TokenAsync("/Supervision");
        var post = await otherLab.PostAsync($"{Page(id)}?handler=Result", new FormUrlEncodedContent(new Dictionary<string, string>(Result("ResultEntry", CheckResult.Pass, "2026-03-10"))
            { ["__RequestVerificationToken"] = token }));
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Officials see the check but may not write the agency's result for it.
        (await RefusedAsync(PostAsync(official, id, "Result", Result("ResultEntry", CheckResult.Pass, "2026-03-10")))).ShouldContain("检验结果只能由承检机构录入");

        var check = await LoadAsync(id);
        (check.Status, check.Result, check.ResultOn).ShouldBe((SpotCheckStatus.Sampled, null, null));
        (await AuditCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_objection_after_its_deadline_is_refused_with_the_deadline_shown()
    {
        var (id, _) = await TestedAndNotifiedAsync(CheckResult.Fail, "2026-03-16", "2026-03-18", demoEnterprise: true);
        var enterprise = await OnAsync("2026-04-03", "enterprise");
        var page = await enterprise.GetStringAsync(Page(id));
        page.ShouldNotContain("id=\"object-form\"");
        page.ShouldContain("异议期已于 2026-04-02 届满");
        var before = await AuditCountAsync();
        (await RefusedAsync(PostAsync(enterprise, id, "Object", new() { ["Objection.Reason"] = "逾期提出的异议" }))).ShouldContain("异议期限已于 2026-04-02 届满");
        (await LoadAsync(id)).Objection.ShouldBeNull();
        (await AuditCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_published_result_changes_only_through_a_correction_that_shows_on_the_check()
    {
        var (id, _) = await TestedAndNotifiedAsync(CheckResult.Pass, "2026-03-10", "2026-03-12");
        var official = await OnAsync("2026-03-30", "hefei");
        await DoneAsync(PostAsync(official, id, "Finalise"));
        await DoneAsync(PostAsync(official, id, "Publish"));

        (await RefusedAsync(PostAsync(await OnAsync("2026-03-31", "agency"), id, "Result", Result("ResultEntry", CheckResult.Fail, "2026-03-31"))))
            .ShouldContain("结果已公示，只能通过更正修改");
        official = await OnAsync("2026-03-31", "hefei");
        (await RefusedAsync(PostAsync(official, id, "Correct", new() { ["Correction.Field"] = "Model", ["Correction.Value"] = "BV 4mm²" }))).ShouldContain("请填写此项");
        (await LoadAsync(id)).Model.ShouldBe("BV 2.5mm²");

        await DoneAsync(PostAsync(official, id, "Correct", new() { ["Correction.Field"] = "Model", ["Correction.Value"] = "BV 4mm²", ["Correction.Reason"] = "抽样单规格型号笔误，以样品铭牌为准" }));
        (await LoadAsync(id)).Model.ShouldBe("BV 4mm²");
        var correction = await app.WithDb(db => db.Set<ResultCorrection>().SingleAsync(x => x.SpotCheckId == id));
        (correction.Field, correction.Before, correction.After, correction.By).ShouldBe(("Model", "BV 2.5mm²", "BV 4mm²", "hefei"));

        // Everyone who sees the check sees the correction; officials also find it in the check's history.
        foreach (var viewer in new[] { "hefei", "agency" })
        {
            var page = await (await app.SignedInAs(viewer)).GetStringAsync(Page(id));
            page.ShouldContain("id=\"corrections\"");
            page.ShouldContain("抽样单规格型号笔误，以样品铭牌为准");
            page.ShouldContain("BV 2.5mm²");
        }
        var history = await official.GetStringAsync(Page(id));
        // In the official's words: the correction by its name and field, the model before → after.
        var rows = history[history.IndexOf("id=\"audit-history\"", StringComparison.Ordinal)..];
        var text = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(rows, "<[^>]+>", " "), @"\s+", " ");
        text.ShouldContain("结果更正");
        text.ShouldContain("更正内容： 规格型号");
        text.ShouldContain("规格型号： BV 2.5mm² → BV 4mm²");
    }

    [Fact]
    public async Task An_enterprise_user_sees_only_its_own_enterprises_checks()
    {
        var (own, ownName) = await NewCheckAsync(demoEnterprise: true);
        var (other, otherName) = await NewCheckAsync();
        var enterprise = await OnAsync("2026-03-02", "enterprise");
        var list = await enterprise.GetStringAsync("/Supervision/Checks");
        list.ShouldContain(Page(own));
        list.ShouldNotContain(Page(other));
        list.ShouldNotContain(otherName);
        (await enterprise.GetStringAsync("/Supervision")).ShouldContain(ownName);
        (await enterprise.GetAsync(Page(own))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await enterprise.GetAsync(Page(other))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var ownPage = await enterprise.GetStringAsync(Page(own));
        ownPage.ShouldNotContain("id=\"sampling-form\"");
        ownPage.ShouldNotContain("id=\"audit-history\""); // officials' trail with names and addresses stays with officials
        var hefei = await app.SignedInAs("hefei");
        (await hefei.GetStringAsync("/Supervision/Checks?q=" + Uri.EscapeDataString(otherName))).ShouldContain(Page(other));
    }

    [Fact]
    public async Task Overdue_steps_appear_on_the_officials_overview_with_what_is_late_and_since_when()
    {
        var (id, name) = await TestedAndNotifiedAsync(CheckResult.Fail, "2026-03-16", "2026-03-18");
        var onTime = await OnAsync("2026-04-02", "hefei");
        (await onTime.GetStringAsync("/Supervision")).ShouldNotContain($"data-check=\"{id}\"");

        var late = await OnAsync("2026-04-05", "hefei");
        var board = await late.GetStringAsync("/Supervision");
        board.ShouldContain($"<tr data-check=\"{id}\" data-kind=\"Finalise\">");
        board.ShouldContain("自 2026-04-03 起逾期（3 天）");
        board.ShouldContain(Page(id));
        (await late.GetStringAsync("/Supervision/Checks?overdue=true&q=" + Uri.EscapeDataString(name))).ShouldContain(Page(id));
        (await (await app.SignedInAs("wuhu")).GetStringAsync("/Supervision")).ShouldNotContain($"data-check=\"{id}\"");

        // Finalised late: publication falls due on 6 May (ended 2 April; 清明, 劳动节) and rectification on 1 June.
        await DoneAsync(PostAsync(late, id, "Finalise"));
        (await late.GetStringAsync("/Supervision")).ShouldNotContain($"data-check=\"{id}\"");
        board = await (await OnAsync("2026-06-03", "hefei")).GetStringAsync("/Supervision");
        board.ShouldContain($"<tr data-check=\"{id}\" data-kind=\"Publication\">");
        board.ShouldContain($"<tr data-check=\"{id}\" data-kind=\"Rectification\">");
        board.ShouldContain("自 2026-05-07 起逾期（28 天）");
        board.ShouldNotContain($"<tr data-check=\"{id}\" data-kind=\"FollowUp\">");
        var page = await (await app.SignedInAs("hefei")).GetStringAsync(Page(id));
        page.ShouldContain("应于 2026-05-06 前公示，尚未公示");
    }

    [Fact]
    public async Task The_overdue_query_agrees_with_the_rule_for_checks_in_memory()
    {
        var today = new DateOnly(2026, 6, 3);
        var created = new List<Guid>();
        foreach (var (status, objectionDeadline, decision, publicationDue, published, rectificationDue, followUpDue, followUp) in new (SpotCheckStatus, DateOnly?, ObjectionDecision?, DateOnly?, bool, DateOnly?, DateOnly?, CheckResult?)[]
                 {
                     (SpotCheckStatus.Tested, today.AddDays(-1), null, null, false, null, null, null),
                     (SpotCheckStatus.Tested, today, null, null, false, null, null, null),
                     (SpotCheckStatus.Tested, today.AddDays(-9), ObjectionDecision.RetestGranted, null, false, null, null, null),
                     (SpotCheckStatus.Final, null, null, today.AddDays(-1), false, null, null, null),
                     (SpotCheckStatus.Final, null, null, today, false, null, null, null),
                     (SpotCheckStatus.Published, null, null, today.AddDays(-30), true, today.AddDays(-2), today.AddDays(13), null),
                     (SpotCheckStatus.Published, null, null, today.AddDays(-30), true, today.AddDays(-20), today.AddDays(-5), CheckResult.Pass),
                     (SpotCheckStatus.Final, null, null, null, false, today.AddDays(-70), today.AddDays(-55), null),
                 })
        {
            var (id, _) = await NewCheckAsync();
            created.Add(id);
            await app.WithDb(async db =>
            {
                var c = await db.Set<SpotCheck>().SingleAsync(x => x.Id == id);
                (c.Status, c.ObjectionDeadline, c.Decision, c.PublicationDue, c.RectificationDue, c.FollowUpDue, c.FollowUpResult) =
                    (status, objectionDeadline, decision, publicationDue, rectificationDue, followUpDue, followUp);
                c.PublishedAt = published ? DateTime.UtcNow : null;
                await db.SaveChangesAsync();
            });
        }
        var (bySql, inMemory) = await app.WithDb(async db =>
        {
            var mine = db.Set<SpotCheck>().AsNoTracking().Where(c => created.Contains(c.Id));
            return (await mine.Where(OverdueSteps.Any(today)).Select(c => c.Id).ToListAsync(),
                (await mine.ToListAsync()).Where(c => OverdueSteps.Of(c, today).Count > 0).Select(c => c.Id).ToList());
        });
        bySql.Order().ShouldBe(inMemory.Order());
        inMemory.Order().ShouldBe(new[] { created[0], created[3], created[5], created[7] }.Order());
    }
}

public sealed class SpotCheckJourneyOnSqlite(SqliteCheckApp app) : SpotCheckJourneyTests(app), IClassFixture<SqliteCheckApp>;
public sealed class SpotCheckJourneyOnPostgres(PostgresCheckApp app) : SpotCheckJourneyTests(app), IClassFixture<PostgresCheckApp>;
