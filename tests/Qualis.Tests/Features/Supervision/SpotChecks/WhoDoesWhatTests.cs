using System.Net;
using Qualis.Features.Registry.TestingAgencies;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Accounts;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Supervision.SpotChecks;

/// <summary>
/// Who takes which step of a check, through the pages on a real database: only the drawn team's inspectors (or the office
/// that organised the draw, naming the team) record the sampling; a substitution is the organising office's audited act with
/// a reason, its substitute clear of the 回避 rules; the agency files its test report (a real PDF) with the result; people are
/// named (enforcement officers with their certificates), never by sign-in name; a late publication says why.
/// </summary>
public abstract class WhoDoesWhatTests(CheckClockApp app)
{
    private const string Institute = "安徽省产品质量监督检验研究院";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];
    private static string Page(Guid id) => CheckPosts.Page(id);

    /// <summary>A check of a firm in 肥东县, drawn by Hefei's office: the county officer sees it but did not organise the draw.</summary>
    private async Task<(SpotCheck Check, Guid Member, Guid Partner)> NewCheckAsync()
    {
        var name = "肥东分工测试电缆厂 " + Guid.NewGuid().ToString("N")[..6];
        var code = await RecordSamples.NewEnterpriseAsync(app, "340122", name);
        var member = await DrawnTeams.DemoInspectorAsync(app);
        var partner = await DrawnTeams.NewInspectorAsync(app, "王志强");
        var check = await DrawnTeams.NewCheckAsync(app, new SpotCheck
        {
            CreditCode = code, EnterpriseName = name, RegionCode = "340122", ItemCodes = "CJ-01", Status = SpotCheckStatus.ToSample, ProductCategoryCode = "DX01",
        }, member, partner);
        return (check, member, partner);
    }

    private async Task<HttpClient> OnAsync(string day, string user)
    {
        app.Clock.Set(day);
        return await app.SignedInAs(user);
    }

    private async Task<Dictionary<string, string>> SamplingAsync(string samplers) => new()
    {
        ["Sampling.ProductName"] = "聚氯乙烯绝缘电缆电线", ["Sampling.BatchNumber"] = "20260215", ["Sampling.ProductCategoryCode"] = "DX01",
        ["Sampling.SampledOn"] = "2026-03-02", ["Sampling.Place"] = "企业成品仓库", ["Sampling.Samplers"] = samplers,
        ["Sampling.AgencyId"] = (await app.WithDb(db => db.Set<TestingAgency>().Where(a => a.Name == Institute).Select(a => a.Id).SingleAsync())).ToString(),
    };

    private static Task<HttpResponseMessage> SampleAsync(HttpClient client, Guid id, Dictionary<string, string> fields) =>
        CheckPosts.MultipartAsync(client, id, "Sampling", fields, [], "Files");

    private static async Task<string> RefusedAsync(Task<HttpResponseMessage> post)
    {
        var response = await post;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a refused step shows the page again with the reasons");
        return Forms.ErrorsIn(await response.Content.ReadAsStringAsync());
    }

    private static async Task DoneAsync(Task<HttpResponseMessage> post)
    {
        var response = await post;
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new ShouldAssertException($"Expected the step to be taken, got {(int)response.StatusCode}: {Forms.ErrorsIn(await response.Content.ReadAsStringAsync())}");
    }

    private Task<SpotCheck> LoadAsync(Guid id) => app.WithDb(db => db.Set<SpotCheck>().AsNoTracking().SingleAsync(c => c.Id == id));
    private Task<long> AuditCountAsync() => app.WithDb(db => db.AuditEntries.LongCountAsync());

    /// <summary>An inspector account whose certificate is in Hefei's directory but not on the check's team.</summary>
    private async Task<string> OutsiderAsync()
    {
        var userName = "insp." + Guid.NewGuid().ToString("N")[..8];
        var directoryId = await DrawnTeams.NewInspectorAsync(app, "孙强");
        var certificate = await app.WithDb(db => db.Set<Qualis.Features.Registry.Inspectors.Inspector>().Where(i => i.Id == directoryId).Select(i => i.CertificateNumber).SingleAsync());
        var userId = await RecordSamples.NewUserAsync(app, userName, Roles.Inspector, "340100", "孙强");
        await app.WithDb(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == userId)).CertificateNumber = certificate;
            await db.SaveChangesAsync();
        });
        return userName;
    }

    [Fact]
    public async Task Only_the_drawn_teams_inspectors_or_the_organising_office_naming_them_record_the_sampling()
    {
        var (check, _, _) = await NewCheckAsync();
        var id = check.Id;

        // An inspector of the same area but not on the team, and a county officer (not the office that organised the draw).
        var outsider = await OnAsync("2026-03-02", await OutsiderAsync());
        var county = await app.SignedInAs("feidong");
        var before = await AuditCountAsync();
        (await outsider.GetStringAsync(Page(id))).ShouldNotContain("id=\"sampling-form\"");
        (await RefusedAsync(SampleAsync(outsider, id, await SamplingAsync("刘洋、王志强")))).ShouldContain("只有本次抽取的检查组成员（刘洋、王志强）可以录入抽样");
        (await RefusedAsync(SampleAsync(county, id, await SamplingAsync("刘洋、王志强")))).ShouldContain("此操作只能由组织本次抽查的部门办理");
        (await LoadAsync(id)).Status.ShouldBe(SpotCheckStatus.ToSample);
        (await AuditCountAsync()).ShouldBe(before);

        // The team's page names its members with their certificates; the office records for them, naming the team only.
        var office = await OnAsync("2026-03-02", "hefei");
        var page = await office.GetStringAsync(Page(id));
        page.ShouldContain("id=\"team-members\"");
        page.ShouldContain($"执法证号 {DrawnTeams.InspectorCertificate}");
        page.ShouldContain("id=\"substitute-form\"");
        (await RefusedAsync(SampleAsync(office, id, await SamplingAsync("刘洋、张三")))).ShouldContain("抽样人员“张三”不是检查组成员（检查组：刘洋、王志强）");
        var member = await OnAsync("2026-03-02", "inspector");
        (await member.GetStringAsync(Page(id))).ShouldNotContain("id=\"substitute-form\"");
        await DoneAsync(SampleAsync(member, id, await SamplingAsync("刘洋、王志强")));
        (await LoadAsync(id)).Samplers.ShouldBe("刘洋；王志强");
        (await member.GetStringAsync(Page(id))).ShouldContain($"刘洋（执法证号 {DrawnTeams.InspectorCertificate}）");
    }

    [Fact]
    public async Task A_substitution_is_the_organising_offices_audited_act_with_a_reason_and_its_substitute_passes_the_recusal_rules()
    {
        var (check, member, partner) = await NewCheckAsync();
        var id = check.Id;
        var conflicted = await DrawnTeams.NewInspectorAsync(app, "钱程");
        var substitute = await DrawnTeams.NewInspectorAsync(app, "赵敏");
        await app.WithDb(async db =>
        {
            db.Add(new Recusal { CreditCode = check.CreditCode, RegionPath = check.RegionPath, InspectorId = conflicted, Reason = "亲属在该企业任职", DeclaredAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var office = await OnAsync("2026-03-02", "hefei");
        var offered = await office.GetStringAsync(Page(id));
        offered.ShouldContain($"<option value=\"{conflicted}\" disabled=\"disabled\">");
        offered.ShouldContain("申报回避");
        var before = await AuditCountAsync();

        Dictionary<string, string> Form(Guid @in, string reason) => new() { ["Substitution.Out"] = partner.ToString(), ["Substitution.In"] = @in.ToString(), ["Substitution.Reason"] = reason };
        (await RefusedAsync(CheckPosts.StepAsync(office, id, "Substitute", Form(conflicted, "王志强借调外地"))))
            .ShouldContain("钱程 已申报与被检查企业存在利害关系，应当回避");
        (await RefusedAsync(CheckPosts.StepAsync(office, id, "Substitute", Form(substitute, " ")))).ShouldContain("请填写此项");
        (await RefusedAsync(CheckPosts.StepAsync(await OnAsync("2026-03-02", "inspector"), id, "Substitute", Form(substitute, "自行换人")))).ShouldContain("您的角色不能办理此环节");
        (await RefusedAsync(CheckPosts.StepAsync(await OnAsync("2026-03-02", "feidong"), id, "Substitute", Form(substitute, "县局换人")))).ShouldContain("此操作只能由组织本次抽查的部门办理");
        (await AuditCountAsync()).ShouldBe(before);

        // Two submissions at once (a double click): one substitution.
        office = await OnAsync("2026-03-02", "hefei");
        var posts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => CheckPosts.StepAsync(office, id, "Substitute", Form(substitute, "王志强借调外地，由赵敏替换"))));
        // The second meets the first one's change (the check's version) or the changed team: either way it changes nothing more.
        posts.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBeGreaterThanOrEqualTo(1);
        posts.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect || r.StatusCode == HttpStatusCode.OK);
        var saved = await app.WithDb(db => db.Set<TeamSubstitution>().Where(s => s.SpotCheckId == id).ToListAsync());
        var only = saved.ShouldHaveSingleItem();
        (only.OutInspectorId, only.OutName, only.InInspectorId, only.InName, only.Reason, only.By).ShouldBe((partner, "王志强", substitute, "赵敏", "王志强借调外地，由赵敏替换", "hefei"));

        // Shown on the check and in its history; the team now samples with the substitute, not the one replaced.
        var page = await office.GetStringAsync(Page(id));
        page.ShouldContain("id=\"substitutions\"");
        page.ShouldContain("王志强借调外地，由赵敏替换");
        page.ShouldContain("合肥市市场监督管理局"); // who did it, by office
        page[page.IndexOf("id=\"audit-history\"", StringComparison.Ordinal)..].ShouldContain("检查人员替换");
        var inspector = await OnAsync("2026-03-02", "inspector");
        (await RefusedAsync(SampleAsync(inspector, id, await SamplingAsync("刘洋、王志强")))).ShouldContain("抽样人员“王志强”不是检查组成员（检查组：刘洋、赵敏）");
        await DoneAsync(SampleAsync(inspector, id, await SamplingAsync("刘洋、赵敏")));
        (await LoadAsync(id)).Samplers.ShouldBe("刘洋；赵敏");
        member.ShouldNotBe(substitute);

        // The printed 抽样单 gives the substitute with his own 执法证号, as the team now stands.
        var certificate = await app.WithDb(db => db.Set<Qualis.Features.Registry.Inspectors.Inspector>().Where(i => i.Id == substitute).Select(i => i.CertificateNumber).SingleAsync());
        certificate.ShouldNotBeNullOrWhiteSpace();
        var sheet = System.Net.WebUtility.HtmlDecode(await office.GetStringAsync($"/Supervision/Checks/{id}/Print?doc=Sampling"));
        sheet.ShouldContain("赵敏");
        sheet.ShouldContain(certificate);
    }

    private async Task<Guid> SampledAsync()
    {
        var (check, _, _) = await NewCheckAsync();
        await DoneAsync(SampleAsync(await OnAsync("2026-03-02", "inspector"), check.Id, await SamplingAsync("刘洋、王志强")));
        return check.Id;
    }

    [Fact]
    public async Task The_agency_files_a_real_pdf_test_report_with_its_result_shown_and_downloadable_on_the_check()
    {
        var id = await SampledAsync();
        var agency = await OnAsync("2026-03-10", "agency");
        var result = new Dictionary<string, string> { ["ResultEntry.Outcome"] = "Pass", ["ResultEntry.On"] = "2026-03-10" };
        var before = await AuditCountAsync();

        (await RefusedAsync(CheckPosts.MultipartAsync(agency, id, "Result", result, [], "ReportFile"))).ShouldContain("请上传检验报告（PDF）");
        (await RefusedAsync(CheckPosts.MultipartAsync(agency, id, "Result", result, [("检验报告.png", Png)], "ReportFile"))).ShouldContain("检验报告须为 PDF 文件");
        var renamed = await CheckPosts.MultipartAsync(agency, id, "Result", result, [("检验报告.pdf", Png)], "ReportFile");
        var html = await renamed.Content.ReadAsStringAsync();
        Forms.ErrorsIn(html).ShouldContain("“检验报告.pdf”的内容与扩展名不符");
        html.ShouldContain("is-invalid\" type=\"file\" id=\"result-form-report\"");
        (await LoadAsync(id)).Status.ShouldBe(SpotCheckStatus.Sampled);
        (await AuditCountAsync()).ShouldBe(before);

        await DoneAsync(CheckPosts.MultipartAsync(agency, id, "Result", result, [("检验报告 2026-031.pdf", CheckPosts.Report)], "ReportFile"));
        var check = await LoadAsync(id);
        check.TestReportId.ShouldNotBeNull();
        var page = await (await app.SignedInAs("hefei")).GetStringAsync(Page(id));
        page.ShouldContain("id=\"test-report\"");
        page.ShouldContain("检验报告 2026-031.pdf");
        // 录入人: the agency by its name, never the sign-in name.
        var by = page[page.IndexOf("id=\"result-by\"", StringComparison.Ordinal)..];
        by[..by.IndexOf("</dd>", StringComparison.Ordinal)].ShouldContain(Institute);
        var download = await (await app.SignedInAs("hefei")).GetAsync($"{Page(id)}?handler=Attachment&file={check.TestReportId}");
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(CheckPosts.Report);
        // The report is the result's, not one of the sampling's files.
        page[page.IndexOf("id=\"sampling\"", StringComparison.Ordinal)..page.IndexOf("id=\"testing\"", StringComparison.Ordinal)].ShouldNotContain("检验报告 2026-031.pdf");
    }

    [Fact]
    public async Task A_late_publication_asks_for_confirmation_shows_how_late_and_requires_and_keeps_its_reason()
    {
        var id = await SampledAsync();
        await DoneAsync(CheckPosts.StepAsync(await OnAsync("2026-03-10", "agency"), id, "Result", new() { ["ResultEntry.Outcome"] = "Pass", ["ResultEntry.On"] = "2026-03-10" }));
        await DoneAsync(CheckPosts.StepAsync(await OnAsync("2026-03-12", "hefei"), id, "Notify", new() { ["Notification.ReceivedOn"] = "2026-03-12" }));
        await DoneAsync(CheckPosts.StepAsync(await OnAsync("2026-03-30", "hefei"), id, "Finalise"));
        (await LoadAsync(id)).PublicationDue.ShouldBe(new DateOnly(2026, 4, 27));

        var onTime = await OnAsync("2026-04-20", "hefei");
        var page = await onTime.GetStringAsync(Page(id));
        page.ShouldContain("data-confirm=\"公示后结果只能通过更正修改。确认公示？\"");
        page.ShouldContain("公示期限为 2026-04-27，尚未逾期");
        page.ShouldNotContain("id=\"LateReason\"");

        var late = await OnAsync("2026-05-10", "hefei");
        page = await late.GetStringAsync(Page(id));
        page.ShouldContain("已超过公示期限 13 天");
        page.ShouldContain("id=\"publication-late\"");
        var before = await AuditCountAsync();
        (await RefusedAsync(CheckPosts.StepAsync(late, id, "Publish"))).ShouldContain("已超过公示期限（2026-04-27）13 天，请填写逾期原因");
        (await LoadAsync(id)).Status.ShouldBe(SpotCheckStatus.Final);
        (await AuditCountAsync()).ShouldBe(before);

        await DoneAsync(CheckPosts.StepAsync(late, id, "Publish", new() { ["LateReason"] = "检验报告复核延误，经局务会同意延期公示" }));
        var check = await LoadAsync(id);
        (check.Status, check.LatePublicationReason).ShouldBe((SpotCheckStatus.Published, "检验报告复核延误，经局务会同意延期公示"));
        (await late.GetStringAsync(Page(id))).ShouldContain("id=\"late-reason\"");
    }
}

public sealed class WhoDoesWhatOnSqlite(SqliteCheckApp app) : WhoDoesWhatTests(app), IClassFixture<SqliteCheckApp>;
public sealed class WhoDoesWhatOnPostgres(PostgresCheckApp app) : WhoDoesWhatTests(app), IClassFixture<PostgresCheckApp>;
