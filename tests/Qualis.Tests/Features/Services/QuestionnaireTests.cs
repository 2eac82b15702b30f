using System.Globalization;
using System.Net;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Accounts;
using Qualis.Platform.Regions;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Services;

/// <summary>The service-needs questionnaire through its pages: defining, sending, answering, reopening and the summary.</summary>
public abstract class QuestionnaireTests(QualisApp app)
{
    private const string Hefei = "340100", Wuhu = "340200";
    private static int _nextFirm;

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private static string Manage(string? handler) => "/Services/Questionnaires/Manage" + (handler is null ? "" : "?handler=" + handler);

    /// <summary>A firm of the size class given, registered in the region (a county or a city).</summary>
    private Task<string> FirmAsync(string region, string name, EnterpriseSize? size = EnterpriseSize.Small) =>
        app.WithDb(async db =>
        {
            var path = await db.Set<Region>().Where(r => r.Code == region).Select(r => r.RegionPath).SingleAsync();
            var code = CreditCode.Compute("91" + region + "MA" + Interlocked.Increment(ref _nextFirm).ToString("D6", CultureInfo.InvariantCulture));
            db.Add(new Enterprise { CreditCode = code, Name = name, RegionCode = region, RegionPath = path, Size = size, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return code;
        });

    private async Task<string> CountyAsync(string city) =>
        (await RecordSamples.Makers[typeof(Region)](app, city, Unique("服务测试县"))).RouteValues["code"];

    private async Task<(Questionnaire Q, QuestionnaireQuestion[] Questions)> QuestionnaireAsync(DateOnly? closesOn = null)
    {
        var made = ServiceSamples.NewQuestionnaire(Unique("需求问卷"), closesOn);
        await app.WithDb(async db =>
        {
            db.Add(made.Questionnaire);
            db.AddRange(made.Questions);
            await db.SaveChangesAsync();
        });
        return made;
    }

    private Task<QuestionnaireRecipient> RecipientAsync(Guid questionnaire, string code) =>
        app.WithDb(db => db.Set<QuestionnaireRecipient>().AsNoTracking().SingleAsync(r => r.QuestionnaireId == questionnaire && r.CreditCode == code));

    /// <summary>An enterprise user of the firm (its account in the firm's region).</summary>
    private async Task<HttpClient> EnterpriseUserAsync(string code, string region)
    {
        var name = Unique("qy.");
        await RecordSamples.NewUserAsync(app, name, Roles.EnterpriseUser, region, name);
        await app.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == name);
            user.EnterpriseCode = code;
            await db.SaveChangesAsync();
        });
        return await app.SignedInAs(name);
    }

    private static Dictionary<string, string> Answer(QuestionnaireQuestion[] qs, string single, string? text = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Answers[0].QuestionId"] = qs[0].Id.ToString(), ["Answers[0].Choices"] = single,
            ["Answers[1].QuestionId"] = qs[1].Id.ToString(),
        };
        if (text is not null) form["Answers[1].Text"] = text;
        return form;
    }

    [Fact]
    public async Task The_province_defines_a_questionnaire_from_the_standard_questions_and_adds_one()
    {
        var province = await app.SignedInAs("province");
        var title = Unique("全省小微企业质量技术服务需求调查");
        var created = await province.PostFormAsync("/Services/Questionnaires/New", new()
        {
            ["Form.Title"] = title, ["Form.Year"] = "2026", ["Form.OpensOn"] = "2026-03-01", ["Form.ClosesOn"] = "2026-03-31", ["Form.Standard"] = "true",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await created.Content.ReadAsStringAsync()));
        var url = created.Headers.Location!.ToString();
        var q = await app.WithDb(db => db.Set<Questionnaire>().SingleAsync(x => x.Title == title));
        (await app.WithDb(db => db.Set<QuestionnaireQuestion>().CountAsync(x => x.QuestionnaireId == q.Id))).ShouldBe(QuestionnaireTemplate.Standard.Length);
        // A second click lands on the first questionnaire.
        var again = await province.PostFormAsync("/Services/Questionnaires/New", new()
        {
            ["Form.Title"] = title, ["Form.Year"] = "2026", ["Form.OpensOn"] = "2026-03-01", ["Form.ClosesOn"] = "2026-03-31",
        });
        again.Headers.Location!.ToString().ShouldBe(url);
        (await app.WithDb(db => db.Set<Questionnaire>().CountAsync(x => x.Title == title))).ShouldBe(1);

        var manage = "/Services/Questionnaires/Manage?id=" + q.Id;
        var bad = await province.PostFormAsync(Manage("AddQuestion"), new() { ["questionnaireId"] = q.Id.ToString(), ["Question.Area"] = "Brand", ["Question.Kind"] = "Single", ["Question.Text"] = "是否有注册商标", ["Question.Options"] = "有" }, manage);
        Forms.ErrorsIn(await bad.Content.ReadAsStringAsync()).ShouldContain("选择题至少需要两个选项。");
        var added = await province.PostFormAsync(Manage("AddQuestion"), new() { ["questionnaireId"] = q.Id.ToString(), ["Question.Area"] = "Brand", ["Question.Kind"] = "Single", ["Question.Text"] = "是否有注册商标", ["Question.Options"] = "有\n没有", ["Question.Required"] = "true" }, manage);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await added.Content.ReadAsStringAsync()));
        var last = await app.WithDb(db => db.Set<QuestionnaireQuestion>().Where(x => x.QuestionnaireId == q.Id).OrderByDescending(x => x.Number).FirstAsync());
        (last.Number, last.Area, last.OptionList.Count).ShouldBe((QuestionnaireTemplate.Standard.Length + 1, ServiceArea.Brand, 2));
        // A city neither defines nor adds.
        var hefei = await app.SignedInAs("hefei");
        var refused = await hefei.PostFormAsync(Manage("AddQuestion"), new() { ["questionnaireId"] = q.Id.ToString(), ["Question.Area"] = "Brand", ["Question.Kind"] = "Text", ["Question.Text"] = "城市题目" }, manage);
        refused.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<QuestionnaireQuestion>().AnyAsync(x => x.Text == "城市题目"))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_city_sends_to_the_small_and_micro_firms_of_its_area_once_and_the_firm_sees_only_its_own()
    {
        var (q, qs) = await QuestionnaireAsync();
        var county = await CountyAsync(Hefei);
        var small = await FirmAsync(county, Unique("合肥小型企业"));
        var micro = await FirmAsync(county, Unique("合肥微型企业"), EnterpriseSize.Micro);
        var medium = await FirmAsync(county, Unique("合肥中型企业"), EnterpriseSize.Medium);
        var wuhuFirm = await FirmAsync(Wuhu, Unique("芜湖小型企业"));
        var hefei = await app.SignedInAs("hefei");
        var url = "/Services/Questionnaires/" + q.Id;
        var sent = await hefei.PostFormAsync(Manage("Send"), new() { ["questionnaireId"] = q.Id.ToString(), ["sendRegion"] = county }, Manage(null));
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await sent.Content.ReadAsStringAsync()));
        var codes = await app.WithDb(db => db.Set<QuestionnaireRecipient>().Where(r => r.QuestionnaireId == q.Id).Select(r => r.CreditCode).ToListAsync());
        codes.Order().ShouldBe(new[] { small, micro }.Order());
        // Sent again (a double click): nobody twice.
        await hefei.PostFormAsync(Manage("Send"), new() { ["questionnaireId"] = q.Id.ToString(), ["sendRegion"] = county }, Manage(null));
        (await app.WithDb(db => db.Set<QuestionnaireRecipient>().CountAsync(r => r.QuestionnaireId == q.Id))).ShouldBe(2);
        // Wuhu is outside Hefei's area, as a region and as a firm.
        Forms.ErrorsIn(await (await hefei.PostFormAsync(Manage("Send"), new() { ["questionnaireId"] = q.Id.ToString(), ["sendRegion"] = Wuhu }, Manage(null))).Content.ReadAsStringAsync()).ShouldContain("请选择您辖区内的地区。");
        Forms.ErrorsIn(await (await hefei.PostFormAsync(Manage("AddFirm"), new() { ["questionnaireId"] = q.Id.ToString(), ["creditCode"] = wuhuFirm }, Manage(null))).Content.ReadAsStringAsync()).ShouldContain(wuhuFirm);
        // One firm of any size by its code.
        (await hefei.PostFormAsync(Manage("AddFirm"), new() { ["questionnaireId"] = q.Id.ToString(), ["creditCode"] = medium.ToLowerInvariant() }, Manage(null))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<QuestionnaireRecipient>().CountAsync(r => r.QuestionnaireId == q.Id))).ShouldBe(3);
        var wuhu = await app.SignedInAs("wuhu");
        (await wuhu.GetStringAsync(url)).ShouldNotContain(small);

        // The small firm sees its own questionnaire and answers it; not the micro firm's.
        var firm = await EnterpriseUserAsync(small, county);
        var mine = await firm.GetStringAsync("/Services/Mine");
        mine.ShouldContain(q.Title);
        var own = await RecipientAsync(q.Id, small);
        var other = await RecipientAsync(q.Id, micro);
        (await firm.GetAsync("/Services/Answer/" + other.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await firm.PostFormAsync("/Services/Answer/" + other.Id, Answer(qs, "1"), "/Services/Answer/" + own.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await firm.GetAsync(url)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        var answered = await firm.PostFormAsync("/Services/Answer/" + own.Id, Answer(qs, "1", "希望提供检测补贴"));
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await answered.Content.ReadAsStringAsync()));
        var stored = await RecipientAsync(q.Id, small);
        (stored.AnsweredVia, stored.AnsweredBy is not null).ShouldBe((AnswerChannel.Self, true));
        (await app.WithDb(db => db.Set<QuestionnaireAnswer>().CountAsync(a => a.RecipientId == own.Id))).ShouldBe(2);
        (await firm.GetStringAsync("/Services/Answer/" + own.Id)).ShouldContain("希望提供检测补贴");
        (await app.WithDb(db => db.Set<QuestionnaireAnswer>().CountAsync(a => a.RecipientId == other.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task A_double_or_simultaneous_answer_has_the_effect_of_one()
    {
        var (q, qs) = await QuestionnaireAsync();
        var code = await FirmAsync(Hefei, Unique("合肥双击企业"));
        await app.WithDb(async db =>
        {
            var path = await db.Set<Region>().Where(r => r.Code == Hefei).Select(r => r.RegionPath).SingleAsync();
            db.Add(ServiceSamples.NewRecipient(q.Id, code, "合肥双击企业", Hefei, path));
            await db.SaveChangesAsync();
        });
        var r = await RecipientAsync(q.Id, code);
        var firm = await EnterpriseUserAsync(code, Hefei);
        var url = "/Services/Answer/" + r.Id;
        var token = await firm.TokenAsync(url);
        var form = Answer(qs, "2");
        form["__RequestVerificationToken"] = token;
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => firm.PostAsync(url, new FormUrlEncodedContent(form))));
        responses.ShouldAllBe(x => x.StatusCode == HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<QuestionnaireAnswer>().CountAsync(a => a.RecipientId == r.Id))).ShouldBe(1);
        var again = await firm.PostFormAsync(url, Answer(qs, "1"));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await firm.GetStringAsync(url)).ShouldContain("该企业已经填写过本问卷，不能重复填写。");
        (await app.WithDb(db => db.Set<QuestionnaireAnswer>().SingleAsync(a => a.RecipientId == r.Id))).Choice.ShouldBe(2);
    }

    [Fact]
    public async Task A_malformed_answer_is_refused_on_its_question_and_a_late_one_until_an_officer_reopens()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var (q, qs) = await QuestionnaireAsync(closesOn: today.AddDays(-1));
        var code = await FirmAsync(Hefei, Unique("合肥逾期企业"));
        await app.WithDb(async db =>
        {
            var path = await db.Set<Region>().Where(r => r.Code == Hefei).Select(r => r.RegionPath).SingleAsync();
            db.Add(ServiceSamples.NewRecipient(q.Id, code, "合肥逾期企业", Hefei, path));
            await db.SaveChangesAsync();
        });
        var r = await RecipientAsync(q.Id, code);
        var url = "/Services/Answer/" + r.Id;
        var hefei = await app.SignedInAs("hefei");
        var late = await hefei.PostFormAsync(url, Answer(qs, "1"));
        Forms.ErrorsIn(await late.Content.ReadAsStringAsync()).ShouldContain($"问卷已于 {today.AddDays(-1):yyyy-MM-dd} 截止填写");
        (await RecipientAsync(q.Id, code)).AnsweredAt.ShouldBeNull();

        var past = await hefei.PostFormAsync(url + "?handler=Reopen", new() { ["until"] = today.AddDays(-1).ToString("yyyy-MM-dd") }, url);
        Forms.ErrorsIn(await past.Content.ReadAsStringAsync()).ShouldContain("补填截止日期不能早于今天。");
        var wuhu = await app.SignedInAs("wuhu");
        (await wuhu.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var reopened = await hefei.PostFormAsync(url + "?handler=Reopen", new() { ["until"] = today.AddDays(3).ToString("yyyy-MM-dd") }, url);
        reopened.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await reopened.Content.ReadAsStringAsync()));
        (await RecipientAsync(q.Id, code)).ReopenedUntil.ShouldBe(today.AddDays(3));

        // Two options for a single choice; an option that does not exist; a required question left empty.
        var two = Answer(qs, "1");
        two["Answers[0].Choices"] = "1";
        var content = new FormUrlEncodedContent(two.Append(new("Answers[0].Choices", "2")).Append(new("__RequestVerificationToken", await hefei.TokenAsync(url))));
        Forms.ErrorsIn(await (await hefei.PostAsync(url, content)).Content.ReadAsStringAsync()).ShouldContain("第 1 题为单选题，只能选择一项。");
        Forms.ErrorsIn(await (await hefei.PostFormAsync(url, Answer(qs, "7"))).Content.ReadAsStringAsync()).ShouldContain("第 1 题：所选选项不存在。");
        Forms.ErrorsIn(await (await hefei.PostFormAsync(url, Answer(qs, ""))).Content.ReadAsStringAsync()).ShouldContain("第 1 题为必答题，请作答。");
        (await app.WithDb(db => db.Set<QuestionnaireAnswer>().CountAsync(a => a.RecipientId == r.Id))).ShouldBe(0);

        // On a visit, within the reopening.
        var visit = await hefei.PostFormAsync(url, Answer(qs, "2"));
        visit.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await visit.Content.ReadAsStringAsync()));
        (await RecipientAsync(q.Id, code)).AnsweredVia.ShouldBe(AnswerChannel.Visit);
    }

    [Fact]
    public async Task The_summary_counts_equal_a_plain_count_of_the_answers_and_stay_within_the_area()
    {
        var (q, qs) = await QuestionnaireAsync();
        var hefeiCounty = await CountyAsync(Hefei);
        var firms = new List<(string Code, string Region)>();
        for (var i = 0; i < 5; i++) firms.Add((await FirmAsync(hefeiCounty, Unique("合肥汇总企业")), hefeiCounty));
        for (var i = 0; i < 3; i++) firms.Add((await FirmAsync(Wuhu, Unique("芜湖汇总企业")), Wuhu));
        var province = await app.SignedInAs("province");
        var url = "/Services/Questionnaires/" + q.Id;
        foreach (var (code, _) in firms)
            (await province.PostFormAsync(Manage("AddFirm"), new() { ["questionnaireId"] = q.Id.ToString(), ["creditCode"] = code }, Manage(null))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Choices: 需要 for the first three Hefei firms and two Wuhu firms, 不需要 for the rest; one Hefei firm does not answer.
        for (var i = 0; i < firms.Count; i++)
        {
            if (i == 4) continue;
            var r = await RecipientAsync(q.Id, firms[i].Code);
            var posted = await province.PostFormAsync("/Services/Answer/" + r.Id, Answer(qs, i is < 3 or 5 or 6 ? "1" : "2", i == 0 ? "意见" : null));
            posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await posted.Content.ReadAsStringAsync()));
        }
        var plain = await app.WithDb(db => db.Set<QuestionnaireAnswer>().Where(a => a.QuestionnaireId == q.Id && a.Choice != null)
            .GroupBy(a => a.Choice).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count));
        plain.ShouldBe(new Dictionary<int, int> { [1] = 5, [2] = 2 });

        var summary = await province.GetStringAsync(url + "/Summary");
        summary.ShouldContain("下发 8 家企业，已填写 7 家");
        summary.ShouldContain("data-option=\"1-1\"><td>1. 是否需要检验检测服务</td><td>需要</td><td class=\"text-end\">5</td>");
        summary.ShouldContain("<td>不需要</td><td class=\"text-end\">2</td>");
        summary.ShouldContain("data-services-chart");
        var hefei = await (await app.SignedInAs("hefei")).GetStringAsync(url + "/Summary");
        hefei.ShouldContain("下发 5 家企业，已填写 4 家");
        hefei.ShouldContain("<td>需要</td><td class=\"text-end\">3</td>");
        hefei.ShouldContain("<td>不需要</td><td class=\"text-end\">1</td>");

        var export = await province.GetAsync(url + "/Summary?handler=Export&format=csv");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csv = await export.Content.ReadAsStringAsync();
        csv.ShouldContain("是否需要检验检测服务,需要,5,");
        var list = await province.GetAsync(url + "?handler=Export&format=csv&answered=no");
        var rows = (await list.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Length.ShouldBe(2);
        rows[1].ShouldContain(firms[4].Code);
    }

    /// <summary>
    /// The counts the triggers keep equal a plain grouping of the answers (per question, option, free text as option 0,
    /// and region path) and of the recipients (sent and answered per region path).
    /// </summary>
    internal static async Task CountsMatchAsync(QualisDb db, Guid questionnaire)
    {
        var answers = await db.Set<QuestionnaireAnswer>().Where(a => a.QuestionnaireId == questionnaire)
            .GroupBy(a => new { a.QuestionId, a.Choice, a.RegionPath }).Select(g => new { g.Key.QuestionId, g.Key.Choice, g.Key.RegionPath, Count = g.Count() }).ToListAsync();
        var keptAnswers = await db.Set<QuestionnaireAnswerCount>().Where(c => c.QuestionnaireId == questionnaire).ToListAsync();
        keptAnswers.ShouldAllBe(c => c.Count >= 0);
        keptAnswers.Where(c => c.Count != 0).Select(c => $"{c.QuestionId} {c.Choice} {c.RegionPath} {c.Count}").Order().ToList()
            .ShouldBe(answers.Select(a => $"{a.QuestionId} {a.Choice ?? QuestionnaireAnswerCount.FreeText} {a.RegionPath} {a.Count}").Order().ToList());
        var recipients = await db.Set<QuestionnaireRecipient>().Where(r => r.QuestionnaireId == questionnaire)
            .GroupBy(r => r.RegionPath).Select(g => new { RegionPath = g.Key, Sent = g.Count(), Answered = g.Count(r => r.AnsweredAt != null) }).ToListAsync();
        var keptRecipients = await db.Set<QuestionnaireRecipientCount>().Where(c => c.QuestionnaireId == questionnaire).ToListAsync();
        keptRecipients.ShouldAllBe(c => c.Sent >= 0 && c.Answered >= 0 && c.Answered <= c.Sent);
        keptRecipients.Where(c => c.Sent != 0).Select(c => $"{c.RegionPath} {c.Sent} {c.Answered}").Order().ToList()
            .ShouldBe(recipients.Select(r => $"{r.RegionPath} {r.Sent} {r.Answered}").Order().ToList());
    }

    [Fact]
    public async Task The_kept_counts_equal_a_plain_grouping_as_firms_answer_at_once_and_as_answers_and_recipients_change_or_go()
    {
        var (q, qs) = ServiceSamples.NewQuestionnaire(Unique("计数问卷"));
        var multiple = new QuestionnaireQuestion
            { QuestionnaireId = q.Id, Number = 3, Area = ServiceArea.Standards, Kind = QuestionKind.Multiple, Text = "需要哪些标准化服务", Options = "标准制定\n标准宣贯\n对标达标" };
        await app.WithDb(async db =>
        {
            db.Add(q);
            db.AddRange(qs);
            db.Add(multiple);
            await db.SaveChangesAsync();
        });
        var county = await CountyAsync(Hefei);
        var firms = new List<string>();
        for (var i = 0; i < 6; i++) firms.Add(await FirmAsync(county, Unique("合肥计数企业")));
        for (var i = 0; i < 2; i++) firms.Add(await FirmAsync(Wuhu, Unique("芜湖计数企业")));
        var province = await app.SignedInAs("province");
        foreach (var code in firms)
            (await province.PostFormAsync(Manage("AddFirm"), new() { ["questionnaireId"] = q.Id.ToString(), ["creditCode"] = code }, Manage(null))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.WithDb(db => CountsMatchAsync(db, q.Id));

        // Seven firms answer at once (the eighth does not): six of one county meet on the same count rows.
        var recipients = new List<QuestionnaireRecipient>();
        foreach (var code in firms) recipients.Add(await RecipientAsync(q.Id, code));
        async Task<HttpResponseMessage> AnswerAsync(QuestionnaireRecipient r, int i)
        {
            var url = "/Services/Answer/" + r.Id;
            var form = new List<KeyValuePair<string, string>>
            {
                new("Answers[0].QuestionId", qs[0].Id.ToString()), new("Answers[0].Choices", i % 2 == 0 ? "1" : "2"),
                new("Answers[1].QuestionId", qs[1].Id.ToString()), new("Answers[1].Text", i % 3 == 0 ? "希望提供检测补贴" : ""),
                new("Answers[2].QuestionId", multiple.Id.ToString()), new("Answers[2].Choices", "1"),
                new("__RequestVerificationToken", await province.TokenAsync(url)),
            };
            if (i % 2 == 0) form.Add(new("Answers[2].Choices", "3"));
            return await province.PostAsync(url, new FormUrlEncodedContent(form));
        }
        var posted = await Task.WhenAll(recipients.Take(7).Select(AnswerAsync));
        foreach (var p in posted) p.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await p.Content.ReadAsStringAsync()));
        // 7 single choices, 3 texts, 7 + 4 options of the multiple choice.
        (await app.WithDb(db => db.Set<QuestionnaireAnswer>().CountAsync(a => a.QuestionnaireId == q.Id))).ShouldBe(21);
        await app.WithDb(db => CountsMatchAsync(db, q.Id));
        // A second answer is refused and counts nothing.
        (await AnswerAsync(recipients[1], 0)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<QuestionnaireAnswerCount>().Where(c => c.QuestionnaireId == q.Id).SumAsync(c => c.Count))).ShouldBe(21);

        // The platform neither changes nor deletes an answer; SQL may, and the counts follow: an option changed, a firm
        // moved to another county with its answers, an answer taken back, a firm taken off with its answers.
        var other = await CountyAsync(Hefei);
        var otherPath = await app.WithDb(db => db.Set<Region>().Where(r => r.Code == other).Select(r => r.RegionPath).SingleAsync());
        await app.WithDb(async db =>
        {
            await db.Set<QuestionnaireAnswer>().Where(a => a.RecipientId == recipients[1].Id && a.QuestionId == qs[0].Id).ExecuteUpdateAsync(x => x.SetProperty(a => a.Choice, 1));
            await db.Set<QuestionnaireAnswer>().Where(a => a.RecipientId == recipients[2].Id).ExecuteUpdateAsync(x => x.SetProperty(a => a.RegionPath, otherPath));
            await db.Set<QuestionnaireRecipient>().Where(r => r.Id == recipients[2].Id).ExecuteUpdateAsync(x => x.SetProperty(r => r.RegionPath, otherPath));
            await db.Set<QuestionnaireRecipient>().Where(r => r.Id == recipients[3].Id).ExecuteUpdateAsync(x => x.SetProperty(r => r.AnsweredAt, (DateTime?)null));
            await db.Set<QuestionnaireAnswer>().Where(a => a.RecipientId == recipients[3].Id).ExecuteDeleteAsync();
            await db.Set<QuestionnaireAnswer>().Where(a => a.RecipientId == recipients[4].Id).ExecuteDeleteAsync();
            await db.Set<QuestionnaireRecipient>().Where(r => r.Id == recipients[4].Id).ExecuteDeleteAsync();
            // A reopening changes no count.
            await db.Set<QuestionnaireRecipient>().Where(r => r.Id == recipients[7].Id).ExecuteUpdateAsync(x => x.SetProperty(r => r.ReopenedBy, "hefei"));
        });
        await app.WithDb(db => CountsMatchAsync(db, q.Id));
        (await app.WithDb(db => db.Set<QuestionnaireRecipientCount>().Where(c => c.QuestionnaireId == q.Id).SumAsync(c => c.Answered))).ShouldBe(5);

        // The summary shows the plain count: 7 firms, 5 answered; of the single choice 需要 from the firms 0, 1 (changed), 2, 6.
        var summary = await province.GetStringAsync("/Services/Questionnaires/" + q.Id + "/Summary");
        summary.ShouldContain("下发 7 家企业，已填写 5 家");
        summary.ShouldContain("data-option=\"1-1\"><td>1. 是否需要检验检测服务</td><td>需要</td><td class=\"text-end\">4</td>");
        summary.ShouldContain("<td>不需要</td><td class=\"text-end\">1</td>");
    }
}

/// <summary>The migration that adds the summary's counts fills them from the answers and recipients already there.</summary>
public sealed class QuestionnaireCountMigrationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_counts_are_filled_from_the_existing_answers_and_recipients(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider, migrate: false);
        await using var db = scratch.Open();
        var scripts = SchemaMigrator.Scripts(provider);
        var before = scripts.TakeWhile(s => !s.Name.EndsWith("_services_answer_counts", StringComparison.Ordinal)).ToList();
        before.Count.ShouldBeLessThan(scripts.Count);
        await new SchemaMigrator(db, before).MigrateAsync();
        var (q, qs) = ServiceSamples.NewQuestionnaire("迁移前的问卷");
        var paths = new[] { "/340000/340100/340102/", "/340000/340100/340102/", "/340000/340200/340202/" };
        var rs = paths.Select((path, i) => ServiceSamples.NewRecipient(q.Id, "9134010" + i + "MA2MIGR00" + i, "迁移企业" + i, path[^7..^1], path)).ToList();
        rs[2].AnsweredAt = rs[1].AnsweredAt = DateTime.UtcNow;
        db.Add(q);
        db.AddRange(qs);
        db.AddRange(rs);
        foreach (var r in rs.Where(r => r.AnsweredAt is not null))
            db.AddRange(
                new QuestionnaireAnswer { QuestionnaireId = q.Id, RecipientId = r.Id, QuestionId = qs[0].Id, Choice = 2, RegionPath = r.RegionPath },
                new QuestionnaireAnswer { QuestionnaireId = q.Id, RecipientId = r.Id, QuestionId = qs[1].Id, Text = "迁移前的意见", RegionPath = r.RegionPath });
        await db.SaveChangesAsync();

        (await new SchemaMigrator(db).MigrateAsync()).Select(s => s.Name).ShouldContain(s => s.EndsWith("_services_answer_counts", StringComparison.Ordinal));
        db.ChangeTracker.Clear();
        (await db.Set<QuestionnaireAnswerCount>().SumAsync(c => c.Count)).ShouldBe(4);
        (await db.Set<QuestionnaireRecipientCount>().SumAsync(c => c.Sent)).ShouldBe(3);
        await QuestionnaireTests.CountsMatchAsync(db, q.Id);
    }
}

public sealed class QuestionnaireOnSqlite(SqliteApp app) : QuestionnaireTests(app), IClassFixture<SqliteApp>;
public sealed class QuestionnaireOnPostgres(PostgresApp app) : QuestionnaireTests(app), IClassFixture<PostgresApp>;
