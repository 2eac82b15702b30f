using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Assessment;
using Qualis.Features.Assessment.Scoring;
using Qualis.Platform.Indicators;

namespace Qualis.Tests.Features.Assessment;

/// <summary>
/// A figure the platform "counts" for the tests (the real indicators come with the key-objects module): 40 plus the
/// city's number, e.g. 41 for 340100, with a link to its records.
/// </summary>
public sealed class TestFigure : IIndicator
{
    public const string TheKey = "test.assessment-figure";
    public string Key => TheKey;
    public string TextKey => "nav.assessment";
    public IndicatorUnit Unit => IndicatorUnit.Count;

    public static decimal ValueOf(string region) => 40 + int.Parse(region[2..4], CultureInfo.InvariantCulture);

    public Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(QualisDb db, int year, IReadOnlyList<string> regionCodes, DateOnly asOf, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, IndicatorValue>>(regionCodes.ToDictionary(c => c, c => new IndicatorValue(ValueOf(c), "/Registry/Enterprises?region=" + c)));
}

/// <summary>The application with the test figure among its indicators.</summary>
public abstract class AssessmentApp(DatabaseProvider provider) : QualisApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddScoped<IIndicator, TestFigure>());
    }
}

public sealed class AssessmentSqliteApp() : AssessmentApp(DatabaseProvider.Sqlite);
public sealed class AssessmentPostgresApp() : AssessmentApp(DatabaseProvider.Postgres);

/// <summary>
/// The assessment through its pages: a scheme refused until its points add up, published with a platform figure
/// pre-filled, a city's self-assessment, the scoring departments' review item by item, the preview and the publication
/// that applies exactly the preview, the explanation that adds up; one city never sees another's self-assessment.
/// </summary>
public abstract class AssessmentTests(QualisApp app)
{
    private static int _year = 2040;

    private static string Id(HttpResponseMessage r) => r.Headers.Location!.ToString().Split('/', '?', '#')[3];

    private static async Task<string> Ok(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(body));
        return r.Headers.Location!.ToString();
    }

    private static Dictionary<string, string> Item(string code, string name, decimal points, ScoringType type, string? department = null,
        decimal? target = null, decimal? deduction = null, string? indicator = null, ScoringType? rule = null) => new()
    {
        ["Form.Code"] = code, ["Form.Name"] = name, ["Form.Order"] = code.Replace(".", ""), ["Form.MaxPoints"] = points.ToString(CultureInfo.InvariantCulture),
        ["Form.Type"] = type.ToString(), ["Form.Department"] = department ?? "", ["Form.Target"] = target?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["Form.DeductionPerUnit"] = deduction?.ToString(CultureInfo.InvariantCulture) ?? "", ["Form.IndicatorKey"] = indicator ?? "", ["Form.Rule"] = rule?.ToString() ?? "",
        ["Form.RankPoints"] = "", ["Form.Method"] = "", ["Form.Evidence"] = "",
    };

    /// <summary>A published scheme of the province: 1 yes/no 40 (省市场监管局), 2 the test figure against 50, 30 points (省农业农村厅), 3 deduction 10 each, 30 points.</summary>
    private async Task<(HttpClient Province, string SchemeId, int Year)> PublishedSchemeAsync()
    {
        var province = await app.SignedInAs("province");
        var year = Interlocked.Add(ref _year, 2);
        var scheme = Id(new HttpResponseMessage { Headers = { Location = new Uri(await Ok(await province.PostFormAsync("/Assessment/Schemes/Edit", new()
        {
            ["Form.Year"] = year.ToString(CultureInfo.InvariantCulture), ["Form.Title"] = $"{year}年度质量工作考核方案", ["Form.Total"] = "100",
            ["Form.GradeBands"] = "A:90;B:80;C:60;D", ["Form.SummaryDue"] = $"{year}-12-01", ["Form.SummaryItemCode"] = "",
            ["Form.Vetoes"] = "V1|发生区域性重大质量安全事故|D",
        })), UriKind.Relative) } });
        var items = $"/Assessment/Schemes/{scheme}/Items";
        await Ok(await province.PostFormAsync(items, Item("1", "质量工作纳入政府绩效考核", 40, ScoringType.YesNo, "省市场监管局")));
        await Ok(await province.PostFormAsync(items, Item("2", "重点企业质量提升", 30, ScoringType.Formula, "省农业农村厅", target: 50, indicator: TestFigure.TheKey, rule: ScoringType.Partial)));

        // 70 points of 100: refused with the sum.
        var refused = await province.PostFormAsync($"/Assessment/Schemes/{scheme}?handler=Publish", new() { ["Version"] = await VersionAsync(scheme) }, "/Assessment/Schemes/" + scheme);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await refused.Content.ReadAsStringAsync()).ShouldContain("各评分项分值合计 70 分，与方案总分 100 分不一致。");

        await Ok(await province.PostFormAsync(items, Item("3", "质量流动诊所", 30, ScoringType.Deduction, "省市场监管局", deduction: 10)));
        await Ok(await province.PostFormAsync($"/Assessment/Schemes/{scheme}?handler=Publish", new() { ["Version"] = await VersionAsync(scheme) }, "/Assessment/Schemes/" + scheme));
        return (province, scheme, year);
    }

    private Task<string> VersionAsync(string scheme) =>
        app.WithDb(async db => (await db.Set<AssessmentScheme>().SingleAsync(s => s.Id == Guid.Parse(scheme))).Version.ToString(CultureInfo.InvariantCulture));

    private Task<CityAssessment> CityAsync(string scheme, string region) =>
        app.WithDb(db => db.Set<CityAssessment>().SingleAsync(c => c.SchemeId == Guid.Parse(scheme) && c.RegionCode == region));

    private Task<ItemScore> ScoreAsync(Guid city, string item) =>
        app.WithDb(db => db.Set<ItemScore>().SingleAsync(s => s.CityAssessmentId == city && s.ItemCode == item));

    [Fact]
    public async Task A_scheme_is_scored_reviewed_previewed_and_published_exactly_as_previewed()
    {
        var (province, scheme, _) = await PublishedSchemeAsync();
        var hefei = await CityAsync(scheme, "340100");
        var page = "/Assessment/Cities/" + hefei.Id;

        // Collect each figure once: the platform's figure is there before the city types anything, with its records.
        var figure = await ScoreAsync(hefei.Id, "2");
        figure.PlatformValue.ShouldBe(TestFigure.ValueOf("340100"));
        var city = await app.SignedInAs("hefei");
        var html = await city.GetStringAsync(page);
        html.ShouldContain("/Registry/Enterprises?region=340100");

        // A correction of the platform's figure needs evidence; a figure below zero is refused on the field.
        async Task<HttpResponseMessage> ScoreItem(string item, Dictionary<string, string> fields) =>
            await city.PostFormAsync(page + "?handler=Score", new(fields) { ["Score.ItemCode"] = item, ["Score.Version"] = (await ScoreAsync(hefei.Id, item)).Version.ToString(CultureInfo.InvariantCulture) }, page);
        Forms.ErrorsIn(await (await ScoreItem("2", new() { ["Score.Value"] = "50", ["Score.Note"] = "" })).Content.ReadAsStringAsync()).ShouldContain("更正平台统计数据须上传佐证材料。");
        Forms.ErrorsIn(await (await ScoreItem("3", new() { ["Score.Value"] = "-1", ["Score.Note"] = "" })).Content.ReadAsStringAsync()).ShouldContain("数值不能小于 0。");
        await Ok(await ScoreItem("1", new() { ["Score.Met"] = "true", ["Score.Note"] = "已纳入2040年度政府绩效考核" }));
        await Ok(await ScoreItem("2", new() { ["Score.Value"] = TestFigure.ValueOf("340100").ToString(CultureInfo.InvariantCulture), ["Score.Note"] = "与平台一致" }));
        await Ok(await ScoreItem("3", new() { ["Score.Value"] = "1", ["Score.Note"] = "少开展1次质量流动诊所" }));
        (await ScoreAsync(hefei.Id, "2")).ClaimedValue.ShouldBeNull(); // the platform's figure stands
        await Ok(await city.PostFormAsync(page + "?handler=Submit", new() { ["Version"] = (await CityAsync(scheme, "340100")).Version.ToString(CultureInfo.InvariantCulture) }, page));
        (await CityAsync(scheme, "340100")).Stage.ShouldBe(CityStage.SelfAssessed);

        // The scoring department reviews only the items it scores.
        var partner = await app.SignedInAs("partner");
        var partnerPage = await partner.GetStringAsync(page);
        partnerPage.ShouldContain("id=\"review-2\"");
        partnerPage.ShouldNotContain("id=\"review-1\"");
        async Task<HttpResponseMessage> ReviewAs(HttpClient who, string item, string decision, string points = "", string reason = "") =>
            await who.PostFormAsync(page + "?handler=Review", new()
            {
                ["Review.ItemCode"] = item, ["Review.Decision"] = decision, ["Review.Points"] = points, ["Review.Reason"] = reason,
                ["Review.Version"] = (await ScoreAsync(hefei.Id, item)).Version.ToString(CultureInfo.InvariantCulture),
            }, page);
        Forms.ErrorsIn(await (await ReviewAs(partner, "1", "Accepted")).Content.ReadAsStringAsync()).ShouldContain("您不能对本考核进行此项操作");
        (await ScoreAsync(hefei.Id, "1")).Review.ShouldBe(ReviewState.Pending);

        // A double submission of a review has one effect: the second sees the first's result.
        var token = await partner.TokenAsync(page);
        var version = (await ScoreAsync(hefei.Id, "2")).Version.ToString(CultureInfo.InvariantCulture);
        var review = new Dictionary<string, string> { ["Review.ItemCode"] = "2", ["Review.Decision"] = "Accepted", ["Review.Points"] = "", ["Review.Reason"] = "", ["Review.Version"] = version, ["__RequestVerificationToken"] = token };
        var auditBefore = await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ItemScore)));
        var twice = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => partner.PostAsync(page + "?handler=Review", new FormUrlEncodedContent(review))));
        twice.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        (await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ItemScore)))).ShouldBe(auditBefore + 1);
        (await ScoreAsync(hefei.Id, "2")).Review.ShouldBe(ReviewState.Accepted);

        Forms.ErrorsIn(await (await ReviewAs(province, "1", "Adjusted", "", "")).Content.ReadAsStringAsync()).ShouldContain("调整时请填写核定得分。");
        await Ok(await ReviewAs(province, "1", "Adjusted", "35", "佐证材料缺少会议纪要"));
        await Ok(await ReviewAs(province, "3", "Accepted"));
        (await CityAsync(scheme, "340100")).Stage.ShouldBe(CityStage.Reviewed);

        // The other cities' reviews are finished as set-up; until then the publication is refused, naming them.
        var ranking = $"/Assessment/Schemes/{scheme}/Ranking";
        var early = await province.GetStringAsync(ranking);
        early.ShouldContain("以下地区尚有评分项未审核完毕：");
        await app.WithDb(async db =>
        {
            foreach (var c in await db.Set<CityAssessment>().Where(c => c.SchemeId == Guid.Parse(scheme) && c.RegionCode != "340100").ToListAsync())
                c.Stage = CityStage.Reviewed;
            await db.SaveChangesAsync();
        });

        // The preview, then publishing it (twice at once: one effect) applies exactly the preview.
        var preview = await province.GetStringAsync(ranking);
        var previewRows = Rows(preview);
        previewRows.Count.ShouldBe(16);
        // Hefei: 35 adjusted + 41 / 50 × 30 = 24.6 + 30 − 10 = 20: 79.6, grade C.
        previewRows.ShouldContain(r => r.City == "合肥市" && r.Score == "79.6" && r.Grade == "C");
        var hash = Regex.Match(preview, "name=\"Hash\" value=\"([0-9a-f]{64})\"").Groups[1].Value;
        var publish = new Dictionary<string, string> { ["Hash"] = hash, ["Version"] = await VersionAsync(scheme), ["__RequestVerificationToken"] = await province.TokenAsync(ranking) };
        var published = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => province.PostAsync(ranking + "?handler=Publish", new FormUrlEncodedContent(publish))));
        published.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<SchemeResult>().CountAsync(r => r.SchemeId == Guid.Parse(scheme)))).ShouldBe(16);
        var after = await province.GetStringAsync(ranking);
        after.ShouldNotContain("id=\"preview-note\"");
        Rows(after).ShouldBe(previewRows);
        (await app.WithDb(db => db.Set<AssessmentScheme>().SingleAsync(s => s.Id == Guid.Parse(scheme)))).ResultsHash.ShouldBe(hash);

        // Every score opens into its explanation, and its lines add up to it; the city reads its own and the bulletin.
        var explanation = await city.GetStringAsync($"/Assessment/Schemes/{scheme}/Explain/340100");
        var document = new HtmlParser().ParseDocument(explanation);
        var lines = document.QuerySelectorAll("#explanation tbody tr").SkipLast(1).Select(tr => decimal.Parse(tr.Children[^1].TextContent, CultureInfo.InvariantCulture)).ToList();
        lines.Sum().ShouldBe(79.6m);
        document.QuerySelector("#explained-sum")!.TextContent.ShouldBe("79.6");
        explanation.ShouldContain("考核牵头部门核定为 35 分：佐证材料缺少会议纪要");
        explanation.ShouldContain("41 ÷ 目标 50 × 30 分（平台统计）");
        var bulletin = await city.GetStringAsync($"/Assessment/Schemes/{scheme}/Bulletin");
        bulletin.ShouldContain("合肥市");
        bulletin.ShouldContain("id=\"bulletin-rectification\"");
    }

    private sealed record Row(string Rank, string City, string Score, string Grade);

    private static List<Row> Rows(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("#ranking tbody tr")
            .Select(tr => new Row(tr.Children[0].TextContent.Trim(), tr.Children[1].TextContent.Trim(), tr.Children[2].TextContent.Trim(), tr.Children[3].TextContent.Trim()))
            .ToList();

    [Fact]
    public async Task A_city_cannot_see_another_citys_self_assessment()
    {
        var (_, scheme, _) = await PublishedSchemeAsync();
        var hefei = await CityAsync(scheme, "340100");
        var wuhu = await app.SignedInAs("wuhu");
        var theirs = await wuhu.GetAsync("/Assessment/Cities/" + hefei.Id);
        var nothing = await wuhu.GetAsync("/Assessment/Cities/" + Guid.NewGuid());
        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        static string WithoutToken(string html) => Regex.Replace(html, "value=\"[^\"]{40,}\"", "");
        WithoutToken(await theirs.Content.ReadAsStringAsync()).ShouldBe(WithoutToken(await nothing.Content.ReadAsStringAsync()));
        var post = await wuhu.PostFormAsync("/Assessment/Cities/" + hefei.Id + "?handler=Submit", new() { ["Version"] = "0" }, "/Assessment");
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await CityAsync(scheme, "340100")).Stage.ShouldBe(CityStage.Open);
        // Its own list of the scheme's cities shows only its own row.
        var list = await wuhu.GetStringAsync("/Assessment/Schemes/" + scheme);
        list.ShouldContain("芜湖市");
        list.ShouldNotContain("/Assessment/Cities/" + hefei.Id);
    }

    [Fact]
    public async Task A_city_corrects_a_platform_figure_with_an_evidence_file_that_only_its_readers_download()
    {
        var (_, scheme, _) = await PublishedSchemeAsync();
        var hefei = await CityAsync(scheme, "340100");
        var page = "/Assessment/Cities/" + hefei.Id;
        var city = await app.SignedInAs("hefei");
        var token = await city.TokenAsync(page);
        var pdf = "%PDF-1.4\n% 合肥市重点企业名单\n"u8.ToArray();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("2"), "Score.ItemCode" },
            { new StringContent((await ScoreAsync(hefei.Id, "2")).Version.ToString(CultureInfo.InvariantCulture)), "Score.Version" },
            { new StringContent("48"), "Score.Value" },
            { new StringContent("平台未统计两家年中新认定企业，见名单"), "Score.Note" },
        };
        form.Add(new ByteArrayContent(pdf), "files", "重点企业名单.pdf");
        await Ok(await city.PostAsync(page + "?handler=Score", form));

        var score = await ScoreAsync(hefei.Id, "2");
        score.PlatformValue.ShouldBe(TestFigure.ValueOf("340100"));
        score.ClaimedValue.ShouldBe(48m);
        var evidence = await app.WithDb(db => db.Set<ItemEvidence>().SingleAsync(e => e.CityAssessmentId == hefei.Id && e.ItemCode == "2"));
        evidence.FileName.ShouldBe("重点企业名单.pdf");
        evidence.ContentType.ShouldBe("application/pdf");
        var link = $"{page}?handler=Evidence&file={evidence.Id}";
        (await city.GetStringAsync(page)).ShouldContain(link);
        (await city.GetByteArrayAsync(link)).ShouldBe(pdf);
        (await (await app.SignedInAs("partner")).GetByteArrayAsync(link)).ShouldBe(pdf);
        (await (await app.SignedInAs("wuhu")).GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_published_scheme_is_frozen_and_copies_forward_once()
    {
        var (province, scheme, year) = await PublishedSchemeAsync();
        var edit = await province.PostFormAsync($"/Assessment/Schemes/{scheme}/Items", Item("4", "新增项", 5, ScoringType.YesNo));
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await edit.Content.ReadAsStringAsync()).ShouldContain("方案已下发，评分细则已冻结，不能再修改。");

        var token = await province.TokenAsync("/Assessment/Schemes/" + scheme);
        var copies = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            province.PostAsync($"/Assessment/Schemes/{scheme}?handler=Copy", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))));
        copies.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        var copied = await app.WithDb(db => db.Set<AssessmentScheme>().Where(s => s.RegionCode == "340000" && s.Year == year + 1).ToListAsync());
        var copy = copied.ShouldHaveSingleItem();
        copy.Status.ShouldBe(SchemeStatus.Draft);
        (await app.WithDb(db => db.Set<SchemeItem>().CountAsync(i => i.SchemeId == copy.Id))).ShouldBe(3);
        (await app.WithDb(db => db.Set<SchemeVeto>().CountAsync(v => v.SchemeId == copy.Id))).ShouldBe(1);
        // The draft copy is editable.
        await Ok(await province.PostFormAsync($"/Assessment/Schemes/{copy.Id}/Items", Item("4", "新增项", 5, ScoringType.YesNo)));
    }

    [Fact]
    public async Task A_formula_item_naming_a_missing_indicator_is_refused_on_its_field()
    {
        var province = await app.SignedInAs("province");
        var year = Interlocked.Add(ref _year, 2);
        var scheme = (await Ok(await province.PostFormAsync("/Assessment/Schemes/Edit", new()
        {
            ["Form.Year"] = year.ToString(CultureInfo.InvariantCulture), ["Form.Title"] = "缺失指标测试", ["Form.Total"] = "100", ["Form.GradeBands"] = "A:90;B:80;C:60;D",
        }))).Split('/')[3];
        var refused = await province.PostFormAsync($"/Assessment/Schemes/{scheme}/Items", Item("1", "重点园区", 100, ScoringType.Formula, target: 1, indicator: "keyobjects.nothing", rule: ScoringType.YesNo));
        Forms.ErrorsIn(await refused.Content.ReadAsStringAsync()).ShouldContain("评分项 1 引用的平台统计指标“keyobjects.nothing”不存在。");
        var bands = await province.PostFormAsync("/Assessment/Schemes/Edit/" + scheme, new() { ["Form.Year"] = year.ToString(CultureInfo.InvariantCulture), ["Form.Title"] = "缺失指标测试", ["Form.Total"] = "100", ["Form.GradeBands"] = "A:80;B:90;D" });
        Forms.ErrorsIn(await bands.Content.ReadAsStringAsync()).ShouldContain("等次划分格式不正确");
    }

    [Fact]
    public async Task The_work_summary_shows_on_the_desk_ten_working_days_before_it_is_due_and_is_deducted_when_late()
    {
        var province = await app.SignedInAs("province");
        var year = Interlocked.Add(ref _year, 2);
        var today = app.Services.GetRequiredService<Qualis.Platform.Time.PeopleClock>().Today;
        var scheme = (await Ok(await province.PostFormAsync("/Assessment/Schemes/Edit", new()
        {
            ["Form.Year"] = year.ToString(CultureInfo.InvariantCulture), ["Form.Title"] = $"{year}年度总结提醒测试", ["Form.Total"] = "100", ["Form.GradeBands"] = "A:90;B:80;C:60;D",
            ["Form.SummaryDue"] = today.AddDays(-1).ToString("yyyy-MM-dd"), ["Form.SummaryItemCode"] = "2",
        }))).Split('/')[3];
        await Ok(await province.PostFormAsync($"/Assessment/Schemes/{scheme}/Items", Item("1", "工作开展", 90, ScoringType.YesNo)));
        await Ok(await province.PostFormAsync($"/Assessment/Schemes/{scheme}/Items", Item("2", "年度工作总结按时报送", 10, ScoringType.Deduction, deduction: 10)));
        await Ok(await province.PostFormAsync($"/Assessment/Schemes/{scheme}?handler=Publish", new() { ["Version"] = await VersionAsync(scheme) }, "/Assessment/Schemes/" + scheme));

        // Due yesterday: overdue on the desk and on the page, and the item deducts it.
        var hefei = await app.SignedInAs("hefei");
        var city = await CityAsync(scheme, "340100");
        var summaryToDo = $"/Assessment/Cities/{city.Id}#summary";
        (await hefei.GetStringAsync("/")).ShouldContain(summaryToDo);
        (await hefei.GetStringAsync("/Assessment/Cities/" + city.Id)).ShouldContain("id=\"summary-overdue\"");
        var ranking = await province.GetStringAsync($"/Assessment/Schemes/{scheme}/Explain/340100");
        ranking.ShouldContain("不足或逾期 1 项，每项扣 10 分");

        // Due in 30 calendar days (over 10 working days): not yet on the desk.
        await app.WithDb(async db =>
        {
            var s = await db.Set<AssessmentScheme>().SingleAsync(x => x.Id == Guid.Parse(scheme));
            s.SummaryDue = today.AddDays(30);
            await db.SaveChangesAsync();
        });
        (await hefei.GetStringAsync("/")).ShouldNotContain(summaryToDo);

        // 7 working days ahead: on the desk, and the notification job announces it (the 10-day reminder); 2 working days
        // ahead: within the to-do's lead of 3 working days, the second reminder.
        var calendar = app.Services.GetRequiredService<Qualis.Platform.Calendar.WorkingCalendar>();
        DateOnly Ahead(int workingDays)
        {
            var d = today;
            while (Qualis.Platform.Desk.DeskDue.WorkingDaysLeft(d, today, calendar) < workingDays) d = d.AddDays(1);
            return d;
        }
        async Task DueOn(DateOnly due) => await app.WithDb(async db =>
        {
            var s = await db.Set<AssessmentScheme>().SingleAsync(x => x.Id == Guid.Parse(scheme));
            s.SummaryDue = due;
            await db.SaveChangesAsync();
        });
        var pass = app.Services.GetRequiredService<Qualis.Platform.Notifications.NotificationPass>();
        var hefeiId = await app.WithDb(db => db.Users.Where(u => u.UserName == "hefei").Select(u => u.Id).SingleAsync());
        Task<List<Qualis.Platform.Notifications.Notification>> RemindersAsync() => app.WithDb(db => db.Set<Qualis.Platform.Notifications.Notification>()
            .Where(n => n.UserId == hefeiId && n.Kind == AssessmentDesk.Summary && n.Link == summaryToDo).ToListAsync());
        var tenDays = Ahead(7);
        await DueOn(tenDays);
        (await hefei.GetStringAsync("/")).ShouldContain(summaryToDo);
        await pass.RunAsync();
        (await RemindersAsync()).Where(n => n.Due == tenDays).ShouldHaveSingleItem().Event.ShouldBe(Qualis.Platform.Notifications.NotificationEvent.Assigned);
        var threeDays = Ahead(2);
        await DueOn(threeDays);
        await pass.RunAsync();
        await pass.RunAsync();
        (await RemindersAsync()).Where(n => n.Due == threeDays).ShouldHaveSingleItem().Event.ShouldBe(Qualis.Platform.Notifications.NotificationEvent.DueSoon);

        // Handed in: off the desk, never late.
        var page = "/Assessment/Cities/" + city.Id;
        await Ok(await hefei.PostFormAsync(page + "?handler=Summary", new() { ["Summary"] = "年度工作总结正文", ["Version"] = (await CityAsync(scheme, "340100")).Version.ToString(CultureInfo.InvariantCulture) }, page));
        (await hefei.GetStringAsync("/")).ShouldNotContain(summaryToDo);
    }
}

public sealed class AssessmentOnSqlite(AssessmentSqliteApp app) : AssessmentTests(app), IClassFixture<AssessmentSqliteApp>;
public sealed class AssessmentOnPostgres(AssessmentPostgresApp app) : AssessmentTests(app), IClassFixture<AssessmentPostgresApp>;
