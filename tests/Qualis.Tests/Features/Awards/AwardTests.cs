using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Qualis.Features.Awards;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.Recognition;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Accounts;
using Qualis.Platform.Time;
using Qualis.Tests.Platform.Access;
using Microsoft.Extensions.DependencyInjection;
using RecognitionRecord = Qualis.Features.Recognition.Recognition;

namespace Qualis.Tests.Features.Awards;

/// <summary>
/// A government quality award through its pages, on both databases: the province's call, the enterprise's application
/// from its own account, recommendation county → city, the check against the platform's spot checks, a return for
/// correction, the committed draw under 回避, the experts' statements and scores, the decision, the 公示 with a public
/// objection, the refusals of an early grant, and the grant into the recognition register.
/// </summary>
public abstract class AwardTests(QualisApp app)
{
    private const string Firm = "91340102743081729F"; // the demo enterprise account's firm, in 340102

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private DateOnly Today => app.Services.GetRequiredService<PeopleClock>().Today;

    private Task<AwardRound> RoundAsync(Guid id) => app.WithDb(db => db.Set<AwardRound>().AsNoTracking().SingleAsync(r => r.Id == id));

    private Task SetRoundAsync(Guid id, Action<AwardRound> change) => app.WithDb(async db =>
    {
        change(await db.Set<AwardRound>().SingleAsync(r => r.Id == id));
        await db.SaveChangesAsync();
    });

    private static Guid IdOf(HttpResponseMessage redirect) => Guid.Parse(redirect.Headers.Location!.ToString().Split('/', '?')[2]);

    [Fact]
    public async Task An_enterprise_applies_is_recommended_checked_reviewed_announced_objected_to_and_granted_into_the_register()
    {
        var province = await app.SignedInAs("province");
        var enterprise = await app.SignedInAs("enterprise");
        var firmName = await app.WithDb(db => db.Set<Enterprise>().Where(e => e.CreditCode == Firm).Select(e => e.Name).SingleAsync());
        var title = Unique("安徽省政府质量奖（测试）");

        // The call, opened twice by a double click: one round.
        Dictionary<string, string> call = new()
        {
            ["Form.Title"] = title, ["Form.Year"] = Today.Year.ToString(CultureInfo.InvariantCulture), ["Form.Categories"] = "制造业\n服务业",
            ["Form.WinnerQuota"] = "1", ["Form.NomineeQuota"] = "1", ["Form.Deadline"] = Today.ToString("yyyy-MM-dd"),
            // Three scored stages: 资料评审 30%, 现场评审 50%, 综合评价 20%.
            ["Form.Stages"] = "申报推荐|0\n资格审查|0\n资料评审|30\n现场评审|50\n综合评价|20\n审定公示|0", ["Form.Model"] = AwardRules.Format(AwardRules.DefaultModel),
            ["Form.PublicityDays"] = "7", ["Form.ValidityYears"] = "5", ["Form.RequiresRecommendation"] = "true", ["Form.LookbackYears"] = "3",
            ["Form.ExpertsPerApplicant"] = "2", ["Form.Combination"] = "TrimmedMean", ["Form.ScoreBy"] = Today.AddDays(10).ToString("yyyy-MM-dd"),
        };
        var opened = await province.PostFormAsync("/Awards/New", call);
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await opened.Content.ReadAsStringAsync()));
        var id = IdOf(opened);
        var twice = await province.PostFormAsync("/Awards/New", call);
        twice.Headers.Location!.ToString().ShouldBe("/Awards/" + id);
        (await app.WithDb(db => db.Set<AwardRound>().CountAsync(r => r.Title == title))).ShouldBe(1);
        var round = await RoundAsync(id);
        (round.Level, round.RegionCode, round.Model.Split('\n').Length).ShouldBe((RecognitionLevel.Provincial, "340000", 7));
        var detail = $"/Awards/{id}";

        // The enterprise applies from its own account, declaring a linked unit; a second click lands on its applications.
        var linkedUnit = Unique("合肥电缆集团");
        Dictionary<string, string> application = new()
        {
            ["Form.Category"] = "制造业", ["Form.SelfAssessment"] = "导入卓越绩效模式五年，关键过程受控。", ["Form.SelfScore"] = "720",
            ["Form.Evidence"] = "自评报告", ["Form.LinkedUnits"] = linkedUnit,
        };
        var tooHigh = await enterprise.PostFormAsync($"{detail}/Apply", new(application) { ["Form.SelfScore"] = "1200" });
        Forms.ErrorsIn(await tooHigh.Content.ReadAsStringAsync()).ShouldContain("自评总分应在 0 至 1000 之间。");
        var applied = await enterprise.PostFormAsync($"{detail}/Apply", application);
        applied.Headers.Location!.ToString().ShouldBe("/Awards/Mine", Forms.ErrorsIn(await applied.Content.ReadAsStringAsync()));
        (await enterprise.PostFormAsync($"{detail}/Apply", application)).Headers.Location!.ToString().ShouldBe("/Awards/Mine");
        var mine = await app.WithDb(db => db.Set<AwardApplication>().SingleAsync(a => a.RoundId == id));
        (mine.CreditCode, mine.EnterpriseName, mine.Status, mine.RegionCode).ShouldBe((Firm, firmName, ApplicationStatus.Submitted, "340102"));

        // Two more applicants: a Wuhu firm recommended by its city, and a Hefei firm with a failed spot check a year ago.
        var wuhuName = Unique("芜湖卓越装备有限公司");
        var wuhuCode = await RecordSamples.NewEnterpriseAsync(app, "340200", wuhuName);
        var failedName = Unique("合肥抽查不合格电器有限公司");
        var failedCode = await RecordSamples.NewEnterpriseAsync(app, "340100", failedName);
        foreach (var (code, name, city) in new[] { (wuhuCode, wuhuName, "340200"), (failedCode, failedName, "340100") })
            await RecordSamples.AddInCityAsync(app, city, path => new AwardApplication
            {
                RoundId = id, CreditCode = code, EnterpriseName = name, Category = "制造业", SelfAssessment = "自评", SelfScore = 600, RecommendedBy = city,
                SubmittedAt = DateTime.UtcNow, SubmittedBy = "test", RegionCode = city, RegionPath = path,
            });
        await RecordSamples.AddInCityAsync(app, "340100", path => new SpotCheck
        {
            DrawTargetId = Guid.CreateVersion7(), CreditCode = failedCode, EnterpriseName = failedName, RegionCode = "340100", RegionPath = path,
            Status = SpotCheckStatus.Published, ProductName = "电热水壶", Result = CheckResult.Fail, ResultOn = Today.AddYears(-1),
        });
        var applications = await app.WithDb(db => db.Set<AwardApplication>().Where(a => a.RoundId == id).ToDictionaryAsync(a => a.CreditCode, a => a.Id));

        // Recommendation county → city before the province checks: out of order refused, twice taken once.
        var county = Unique("award.county.");
        await RecordSamples.NewUserAsync(app, county, Roles.CountyOfficer, "340102", "区局推荐人");
        var countyClient = await app.SignedInAs(county);
        var hefei = await app.SignedInAs("hefei");
        Dictionary<string, string> Of(string code) => new() { ["application"] = applications[code].ToString() };
        Forms.ErrorsIn(await (await province.PostFormAsync($"{detail}?handler=Qualify", new(Of(Firm)) { ["pass"] = "true" }, detail)).Content.ReadAsStringAsync())
            .ShouldContain("该申报尚待");
        Forms.ErrorsIn(await (await hefei.PostFormAsync($"{detail}?handler=Recommend", Of(Firm), detail)).Content.ReadAsStringAsync()).ShouldContain("该申报尚待其他区域推荐。");
        (await countyClient.PostFormAsync($"{detail}?handler=Recommend", Of(Firm), detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await hefei.PostFormAsync($"{detail}?handler=Recommend", Of(Firm), detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await hefei.PostFormAsync($"{detail}?handler=Recommend", Of(Firm), detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<AwardApplication>().SingleAsync(a => a.Id == applications[Firm]))).RecommendedBy.ShouldBe("340102,340100");
        // Hefei reads its own firms' applications to the province's round, not Wuhu's.
        var hefeiView = await hefei.GetStringAsync(detail);
        hefeiView.ShouldContain(firmName);
        hefeiView.ShouldNotContain(wuhuName);

        // The check: sent back for correction with its reason, corrected, passed; the failed spot check makes the other ineligible.
        (await province.PostFormAsync($"{detail}?handler=Qualify", new(Of(Firm)) { ["pass"] = "false", ["reason"] = "" }, detail)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await province.PostFormAsync($"{detail}?handler=Qualify", new(Of(Firm)) { ["pass"] = "false", ["reason"] = "请补充近三年质量数据" }, detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await enterprise.GetStringAsync("/Awards/Mine")).ShouldContain("请补充近三年质量数据");
        (await enterprise.PostFormAsync($"{detail}/Apply", new(application) { ["Form.Evidence"] = "自评报告；近三年质量数据" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        foreach (var code in new[] { Firm, wuhuCode, failedCode })
            (await province.PostFormAsync($"{detail}?handler=Qualify", new(Of(code)) { ["pass"] = "true" }, detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var checkedApps = await app.WithDb(db => db.Set<AwardApplication>().Where(a => a.RoundId == id).ToDictionaryAsync(a => a.CreditCode));
        (checkedApps[Firm].Status, checkedApps[Firm].Evidence).ShouldBe((ApplicationStatus.Qualified, "自评报告；近三年质量数据"));
        checkedApps[wuhuCode].Status.ShouldBe(ApplicationStatus.Qualified);
        checkedApps[failedCode].Status.ShouldBe(ApplicationStatus.Ineligible);
        checkedApps[failedCode].Reason.ShouldNotBeNull().ShouldContain("监督抽查不合格 电热水壶");
        (await province.GetStringAsync(detail)).ShouldContain("监督抽查不合格 电热水壶");

        // The pool: only this test's four experts are available; one works for the firm's linked unit, one declared a conflict with it.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var expertAccounts = new[] { $"award.ex1.{suffix}", $"award.ex2.{suffix}" };
        foreach (var user in expertAccounts) await RecordSamples.NewUserAsync(app, user, Roles.TestingAgency, "340000", "评审专家 " + user);
        await app.WithDb(async db =>
        {
            await db.Set<Expert>().Where(e => e.Availability == ExpertAvailability.Available).ExecuteUpdateAsync(s => s.SetProperty(e => e.Availability, ExpertAvailability.Busy));
            Expert E(string name, string unit, string? user = null, string? conflicts = null) => new()
            {
                Name = name + suffix, Field = ExpertField.Management, Title = "正高级工程师", Unit = unit, UserName = user, Conflicts = conflicts,
                RegionCode = "340000", RegionPath = "/340000/", CreatedAt = DateTime.UtcNow, CreatedBy = "test",
            };
            db.Set<Expert>().AddRange(E("评审甲", "专家单位甲" + suffix, expertAccounts[0]), E("评审乙", "专家单位乙" + suffix, expertAccounts[1]),
                E("关联丙", linkedUnit), E("冲突丁", "专家单位丁" + suffix, conflicts: Firm));
            await db.SaveChangesAsync();
        });

        // The commitment comes after the deadline, before the draw; the seed stays sealed until then.
        Forms.ErrorsIn(await (await province.PostFormAsync($"{detail}?handler=Commit", [], detail)).Content.ReadAsStringAsync()).ShouldContain("后才能公布抽取承诺值");
        (await enterprise.PostFormAsync($"{detail}/Apply", application)).StatusCode.ShouldBe(HttpStatusCode.Redirect); // its own, already in: no second row
        await SetRoundAsync(id, r => r.Deadline = Today.AddDays(-1));
        (await province.PostFormAsync($"{detail}?handler=Commit", [], detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        round = await RoundAsync(id);
        round.Commitment.ShouldNotBeNull().Length.ShouldBe(64);
        round.Seed.ShouldBeNull();
        round.SealedSeed.ShouldNotBeNull();
        (await province.GetStringAsync(detail)).ShouldContain(round.Commitment);

        // The draw, clicked twice: one team each, never an expert of a linked unit or with a declared conflict.
        (await province.PostFormAsync($"{detail}?handler=Draw", [], detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await province.PostFormAsync($"{detail}?handler=Draw", [], detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reviewers = await app.WithDb(db => db.Set<AwardReviewer>().Where(r => r.RoundId == id).ToListAsync());
        reviewers.Count.ShouldBe(4);
        reviewers.Where(r => r.ApplicationId == applications[Firm]).Select(r => r.ExpertName).Order().ShouldBe(["评审乙" + suffix, "评审甲" + suffix]);
        reviewers.ShouldNotContain(r => r.ApplicationId == applications[failedCode]);
        round = await RoundAsync(id);
        (round.Status, round.SealedSeed).ShouldBe((RoundStatus.Drawn, null));
        DrawCommitmentMatches(round).ShouldBeTrue();
        // The names are not public before the result.
        (await app.Anonymous().GetAsync($"/Public/Awards/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await enterprise.GetStringAsync($"{detail}/Apply")).ShouldNotContain("评审甲" + suffix);

        // The experts: reminded on their desks, sign first, a score above a category's points is refused on its field.
        var experts = new Dictionary<string, HttpClient>();
        foreach (var user in expertAccounts) experts[user] = await app.SignedInAs(user);
        (await experts[expertAccounts[0]].GetStringAsync("/")).ShouldContain(title);
        var review = $"{detail}/Review";
        var expertIds = await app.WithDb(db => db.Set<Expert>().Where(e => e.UserName != null && expertAccounts.Contains(e.UserName)).ToDictionaryAsync(e => e.Id, e => e.UserName!));
        foreach (var r in reviewers)
        {
            var high = r.ApplicationId == applications[Firm];
            int[] scores = high ? [100, 80, 80, 120, 90, 70, 350] : [60, 50, 50, 70, 60, 40, 200];
            if (!expertIds.TryGetValue(r.ExpertId, out var user))
            {
                await app.WithDb(async db =>
                {
                    var row = await db.Set<AwardReviewer>().SingleAsync(x => x.Id == r.Id);
                    (row.SignedAt, row.Scores, row.Total, row.ScoredAt) = (DateTime.UtcNow, string.Join(',', scores), scores.Sum(), DateTime.UtcNow);
                    await db.SaveChangesAsync();
                });
                continue;
            }
            var client = experts[user];
            Dictionary<string, string> Scores(params int[] values) => new(values.Select((v, i) => KeyValuePair.Create($"scores[{i}]", v.ToString(CultureInfo.InvariantCulture))))
                { ["reviewer"] = r.Id.ToString(), ["stage"] = "资料评审", ["notes"] = "现场评审：过程管理规范。" };
            Forms.ErrorsIn(await (await client.PostFormAsync($"{review}?handler=Score", Scores(scores), review)).Content.ReadAsStringAsync()).ShouldContain("请先签署公正性承诺。");
            Forms.ErrorsIn(await (await client.PostFormAsync($"{review}?handler=Sign", new() { ["reviewer"] = r.Id.ToString() }, review)).Content.ReadAsStringAsync()).ShouldContain("请勾选确认后签署公正性承诺。");
            (await client.PostFormAsync($"{review}?handler=Sign", new() { ["reviewer"] = r.Id.ToString(), ["agree"] = "true" }, review)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var bad = await client.PostFormAsync($"{review}?handler=Score", Scores([111, .. scores[1..]]), review);
            var html = await bad.Content.ReadAsStringAsync();
            Forms.ErrorsIn(html).ShouldContain("“领导”的得分应在 0 至 110 之间，不能是 111。");
            // On the field: the message sits under the category's box, which keeps the value posted.
            Regex.IsMatch(html, "name=\"scores\\[0\\]\"[^>]*value=\"111\"[^>]*/>\\s*<span class=\"text-danger small\">“领导”").ShouldBeTrue();
            Forms.ErrorsIn(await (await client.PostFormAsync($"{review}?handler=Score", new(Scores(scores)) { ["stage"] = "问询答辩" }, review)).Content.ReadAsStringAsync())
                .ShouldContain("本次评选没有这个评分环节。");
            (await client.PostFormAsync($"{review}?handler=Score", Scores(scores), review)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await client.PostFormAsync($"{review}?handler=Score", Scores(scores), review)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            // One stage of three scored: the expert's weighted total waits for the others.
            (await app.WithDb(db => db.Set<AwardReviewer>().Where(x => x.Id == r.Id).Select(x => x.Total).SingleAsync())).ShouldBeNull();
            // The firm's on-site review and overall evaluation are scored lower than its documents (890 → 790, 840).
            foreach (var (stage, less) in new[] { ("现场评审", high ? 100 : 0), ("综合评价", high ? 50 : 0) })
                (await client.PostFormAsync($"{review}?handler=Score", new(Scores([.. scores[..^1], scores[^1] - less])) { ["stage"] = stage }, review)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await app.WithDb(db => db.Set<AwardReviewer>().Where(x => x.Id == r.Id).Select(x => x.Total).SingleAsync())).ShouldBe(high ? 830 : 530);
        }
        (await experts[expertAccounts[0]].GetStringAsync("/")).ShouldNotContain(title);

        // The decision ranks; the announcement publishes the ranking, the experts and the seed, and the draw is reproduced from them.
        (await province.PostFormAsync($"{detail}?handler=Announce", [], detail)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await province.PostFormAsync($"{detail}?handler=Decide", [], detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ranked = await app.WithDb(db => db.Set<AwardApplication>().Where(a => a.RoundId == id && a.Rank != null).OrderBy(a => a.Rank).ToListAsync());
        // The stage weights make the score: 890 × 30% + 790 × 50% + 840 × 20% = 830 (not the plain mean, 840); the page says so.
        ranked.Select(a => (a.CreditCode, a.Status, a.FinalScore)).ShouldBe([(Firm, ApplicationStatus.Winner, (decimal?)830m), (wuhuCode, ApplicationStatus.Nominee, (decimal?)530m)]);
        var made = await province.GetStringAsync(detail);
        made.ShouldContain("资料评审 890.00 × 30% = 267.00 ＋ 现场评审 790.00 × 50% = 395.00 ＋ 综合评价 840.00 × 20% = 168.00 = <strong>830.00</strong>");
        Forms.ErrorsIn(await (await province.PostFormAsync($"{detail}?handler=Grant", new() { ["documentNumber"] = "皖政〔2026〕9号" }, detail)).Content.ReadAsStringAsync())
            .ShouldContain("评选结果公示后才能授予称号。");
        (await province.PostFormAsync($"{detail}?handler=Announce", [], detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var anonymous = app.Anonymous();
        var publicList = await anonymous.GetStringAsync("/Public/Awards");
        publicList.ShouldContain(title);
        publicList.ShouldContain(firmName);
        var published = await anonymous.GetStringAsync($"/Public/Awards/{id}");
        published.ShouldContain("评审甲" + suffix);
        round = await RoundAsync(id);
        published.ShouldContain(round.Seed!);
        var inputs = await anonymous.GetStringAsync($"/Public/Awards/{id}?handler=Inputs");
        var (again, problem) = AwardExpertDraw.Reproduce(round.Seed, round.Commitment, inputs);
        problem.ShouldBeNull();
        again!.Teams.SelectMany(t => t.Members.Select(e => (t.Party, Guid.ParseExact(e, "N")))).Order()
            .ShouldBe(reviewers.Select(r => (checkedApps.Values.Single(a => a.Id == r.ApplicationId).CreditCode, r.ExpertId)).Order());

        // Anyone objects on the public site (a double click files one); granting during the 公示 or with it open is refused.
        Dictionary<string, string> objection = new()
        {
            ["Form.ApplicationId"] = applications[Firm].ToString(), ["Form.Text"] = "该企业去年曾发生产品质量投诉，请核实。", ["Form.ContactName"] = "王先生", ["Form.ContactPhone"] = "0551-12345678",
        };
        var tooShort = await anonymous.PostFormAsync("/Public/Awards?handler=Object", new(objection) { ["Form.Text"] = "不同意" }, "/Public/Awards");
        Forms.ErrorsIn(await tooShort.Content.ReadAsStringAsync()).ShouldContain("异议内容至少 10 个字");
        (await anonymous.PostFormAsync("/Public/Awards?handler=Object", objection, "/Public/Awards")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await anonymous.PostFormAsync("/Public/Awards?handler=Object", objection, "/Public/Awards")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A signed-in user of another area files on the public form as the public does (the same objection: still one).
        var wuhu = await app.SignedInAs("wuhu");
        (await wuhu.PostFormAsync("/Public/Awards?handler=Object", objection, "/Public/Awards")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var filed = (await app.WithDb(db => db.Set<AwardObjection>().Where(o => o.RoundId == id).ToListAsync())).ShouldHaveSingleItem();
        var grant = new Dictionary<string, string> { ["documentNumber"] = $"皖政〔{Today.Year}〕9号" };
        Forms.ErrorsIn(await (await province.PostFormAsync($"{detail}?handler=Grant", grant, detail)).Content.ReadAsStringAsync()).ShouldContain("公示期内不能授予称号");
        await SetRoundAsync(id, r => r.PublicityEnds = Today.AddDays(-1));
        Forms.ErrorsIn(await (await province.PostFormAsync($"{detail}?handler=Grant", grant, detail)).Content.ReadAsStringAsync()).ShouldContain("还有 1 项异议未处理，不能授予称号。");
        Forms.ErrorsIn(await (await province.PostFormAsync($"{detail}?handler=Resolve", new() { ["objection"] = filed.Id.ToString(), ["outcome"] = "Dismissed", ["resolution"] = "" }, detail))
            .Content.ReadAsStringAsync()).ShouldContain("请填写处理意见。");
        (await province.PostFormAsync($"{detail}?handler=Resolve", new() { ["objection"] = filed.Id.ToString(), ["outcome"] = "Dismissed", ["resolution"] = "经核实投诉已妥善处理，异议不成立。" }, detail))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Forms.ErrorsIn(await (await province.PostFormAsync($"{detail}?handler=Grant", new() { ["documentNumber"] = "" }, detail)).Content.ReadAsStringAsync()).ShouldContain("请填写授予文号。");

        // The grant, twice: the winner's title in the register once, counted as a provincial government quality award.
        (await province.PostFormAsync($"{detail}?handler=Grant", grant, detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await province.PostFormAsync($"{detail}?handler=Grant", grant, detail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var granted = await app.WithDb(db => db.Set<AwardApplication>().SingleAsync(a => a.Id == applications[Firm]));
        granted.Status.ShouldBe(ApplicationStatus.Granted);
        var recognition = await app.WithDb(db => db.Set<RecognitionRecord>().Where(r => r.CreditCode == Firm && r.DocumentNumber == grant["documentNumber"]).ToListAsync());
        var record = recognition.ShouldHaveSingleItem();
        (record.Id, record.ProgrammeCode, record.Family, record.Level, record.Status, record.ValidTo, record.RegionCode)
            .ShouldBe((granted.RecognitionId!.Value, ProgrammeCatalog.Award, ProgrammeFamily.Award, RecognitionLevel.Provincial, RecognitionStatus.Granted,
                (DateOnly?)Today.AddYears(5).AddDays(-1), "340102"));
        (await app.WithDb(db => db.Set<RecognitionRecord>().CountAsync(r => r.CreditCode == wuhuCode))).ShouldBe(0);
        (await anonymous.GetStringAsync("/Public/Awards")).ShouldContain(grant["documentNumber"]);
        (await hefei.GetStringAsync("/Recognition?programme=" + ProgrammeCatalog.Award + "&q=" + Uri.EscapeDataString(firmName))).ShouldContain(grant["documentNumber"]);
    }

    private static bool DrawCommitmentMatches(AwardRound round) => Qualis.Features.Supervision.Draws.DrawCommitment.Verify(round.Seed, round.Commitment).Matches;

    [Fact]
    public async Task Evidence_files_are_checked_by_their_bytes_and_only_the_round_s_officials_its_experts_and_the_firm_download_them()
    {
        var title = Unique("合肥市质量奖（证明材料）");
        AwardRound? round = null;
        await RecordSamples.AddInCityAsync(app, "340100", path => round = AwardSamples.NewRound("340100", path, title, Today.AddDays(5)));
        var id = round!.Id;
        var enterprise = await app.SignedInAs("enterprise");
        var apply = $"/Awards/{id}/Apply";
        async Task<HttpResponseMessage> ApplyWith(string fileName, byte[] bytes)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(await enterprise.TokenAsync(apply)), "__RequestVerificationToken" }, { new StringContent("制造业"), "Form.Category" },
                { new StringContent("导入卓越绩效管理模式，质量管理体系运行有效。"), "Form.SelfAssessment" }, { new StringContent("700"), "Form.SelfScore" },
            };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(file, "Files", fileName);
            return await enterprise.PostAsync(apply, form);
        }

        // A program renamed .pdf (the browser calls it a PDF too) is refused on the Files field, and nothing is kept.
        var refused = await ApplyWith("自评报告.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await refused.Content.ReadAsStringAsync()).ShouldContain("文件“自评报告.pdf”的内容与文件类型不符，只接受 PDF、JPG、PNG。");
        (await app.WithDb(db => db.Set<AwardApplication>().CountAsync(a => a.RoundId == id))).ShouldBe(0);

        var pdf = "%PDF-1.4 卓越绩效自评报告"u8.ToArray();
        var sent = await ApplyWith("自评报告.pdf", pdf);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await sent.Content.ReadAsStringAsync()));
        var application = await app.WithDb(db => db.Set<AwardApplication>().SingleAsync(a => a.RoundId == id));
        var evidence = await app.WithDb(db => db.Set<AwardEvidence>().SingleAsync(e => e.ApplicationId == application.Id));
        (evidence.FileName, evidence.ContentType, evidence.Bytes, evidence.UploadedBy).ShouldBe(("自评报告.pdf", "application/pdf", (long)pdf.Length, "enterprise"));
        evidence.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));

        // The firm reads its own file back; the office that runs the round lists and downloads it.
        (await enterprise.GetStringAsync(apply)).ShouldContain("自评报告.pdf");
        (await enterprise.GetByteArrayAsync($"{apply}?handler=File&file={evidence.Id}")).ShouldBe(pdf);
        var hefei = await app.SignedInAs("hefei");
        (await hefei.GetStringAsync($"/Awards/{id}")).ShouldContain($"handler=File&file={evidence.Id}");
        var download = await hefei.GetAsync($"/Awards/{id}?handler=File&file={evidence.Id}");
        (download.StatusCode, download.Content.Headers.ContentType?.MediaType).ShouldBe((HttpStatusCode.OK, "application/pdf"));
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);

        // An expert drawn for the applicant downloads it from the review page; an expert drawn for nobody here does not.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string[] accounts = [$"award.file1.{suffix}", $"award.file2.{suffix}"];
        foreach (var user in accounts) await RecordSamples.NewUserAsync(app, user, Roles.TestingAgency, "340000", "评审专家 " + user);
        await app.WithDb(async db =>
        {
            var path = await db.Set<Qualis.Platform.Regions.Region>().Where(r => r.Code == "340000").Select(r => r.RegionPath).SingleAsync();
            var experts = accounts.Select(user => new Expert
            {
                Name = "证明" + user, Field = ExpertField.Management, Title = "高级工程师", Unit = "专家单位" + user, UserName = user, RegionCode = "340000", RegionPath = path,
                CreatedAt = DateTime.UtcNow, CreatedBy = "test",
            }).ToList();
            db.Set<Expert>().AddRange(experts);
            db.Set<AwardReviewer>().Add(new AwardReviewer { RoundId = id, ApplicationId = application.Id, ExpertId = experts[0].Id, ExpertName = experts[0].Name, Place = 1 });
            await db.SaveChangesAsync();
        });
        var drawn = await app.SignedInAs(accounts[0]);
        (await drawn.GetStringAsync($"/Awards/{id}/Review")).ShouldContain("自评报告.pdf");
        (await drawn.GetByteArrayAsync($"/Awards/{id}/Review?handler=File&file={evidence.Id}")).ShouldBe(pdf);
        var other = await app.SignedInAs(accounts[1]);
        (await other.GetAsync($"/Awards/{id}/Review?handler=File&file={evidence.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // An expert of the provincial directory whose account sits in Wuhu, drawn for this Hefei firm: the application lies
        // outside the account's area, yet the expert reads it, signs, scores and adds on-site files to their own assignment.
        var wuhuExpert = $"award.file3.{suffix}";
        await RecordSamples.NewUserAsync(app, wuhuExpert, Roles.Inspector, "340200", "芜湖评审专家 " + wuhuExpert);
        var assignment = await app.WithDb(async db =>
        {
            var path = await db.Set<Qualis.Platform.Regions.Region>().Where(r => r.Code == "340000").Select(r => r.RegionPath).SingleAsync();
            var expert = new Expert
            {
                Name = "芜湖" + wuhuExpert, Field = ExpertField.Management, Title = "教授", Unit = "安徽工程大学", UserName = wuhuExpert, RegionCode = "340000", RegionPath = path,
                CreatedAt = DateTime.UtcNow, CreatedBy = "test",
            };
            db.Set<Expert>().Add(expert);
            var row = new AwardReviewer { RoundId = id, ApplicationId = application.Id, ExpertId = expert.Id, ExpertName = expert.Name, Place = 2 };
            db.Set<AwardReviewer>().Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        await SetRoundAsync(id, r => r.Status = RoundStatus.Drawn);
        var far = await app.SignedInAs(wuhuExpert);
        var review = $"/Awards/{id}/Review";
        var page = await far.GetStringAsync(review);
        page.ShouldContain(application.EnterpriseName);
        page.ShouldContain("自评报告.pdf");
        (await far.PostFormAsync($"{review}?handler=Sign", new() { ["reviewer"] = assignment.ToString(), ["agree"] = "true" }, review)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        int[] scores = [90, 70, 70, 100, 80, 60, 300];
        Dictionary<string, string> Stage(string stage) => new(scores.Select((v, i) => KeyValuePair.Create($"scores[{i}]", v.ToString(CultureInfo.InvariantCulture))))
            { ["reviewer"] = assignment.ToString(), ["stage"] = stage };
        foreach (var stage in new[] { "资料评审", "问询答辩", "现场评审" })
            (await far.PostFormAsync($"{review}?handler=Score", Stage(stage), review)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        async Task<HttpResponseMessage> LastStageWith(string fileName, byte[] bytes)
        {
            using var form = new MultipartFormDataContent { { new StringContent(await far.TokenAsync(review)), "__RequestVerificationToken" }, { new StringContent("现场查看生产线，过程受控。"), "notes" } };
            foreach (var (key, value) in Stage("综合评价")) form.Add(new StringContent(value), key);
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(file, "files", fileName);
            return await far.PostAsync($"{review}?handler=Score", form);
        }
        // A file that is not what its name says is refused on the files field, and the stage stays unscored.
        Forms.ErrorsIn(await (await LastStageWith("现场照片.png", "not an image"u8.ToArray())).Content.ReadAsStringAsync())
            .ShouldContain("文件“现场照片.png”的内容与文件类型不符，只接受 PDF、JPG、PNG。");
        (await app.WithDb(db => db.Set<AwardReviewer>().Where(x => x.Id == assignment).Select(x => x.Total).SingleAsync())).ShouldBeNull();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        (await LastStageWith("现场照片.png", png)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var scored = await app.WithDb(db => db.Set<AwardReviewer>().SingleAsync(x => x.Id == assignment));
        (scored.SignedAt is null, scored.Total, scored.Notes).ShouldBe((false, (int?)770, "现场查看生产线，过程受控。"));
        var onsite = await app.WithDb(db => db.Set<AwardEvidence>().SingleAsync(e => e.ReviewerId == assignment));
        (onsite.ApplicationId, onsite.FileName, onsite.UploadedBy).ShouldBe((application.Id, "现场照片.png", wuhuExpert));
        // The write is filed under the applicant's area, where Hefei's officials read the round's history.
        (await app.WithDb(db => db.AuditEntries.Where(e => e.EntityType == nameof(AwardReviewer) && e.EntityKey == assignment.ToString() && e.UserName == wuhuExpert)
            .Select(e => e.RegionPath).Distinct().ToListAsync())).ShouldBe([application.RegionPath]);
        // The on-site file: the experts drawn for the applicant and the office running the round download it; the firm does not see it.
        (await far.GetByteArrayAsync($"{review}?handler=File&file={onsite.Id}")).ShouldBe(png);
        (await drawn.GetStringAsync(review)).ShouldContain("现场照片.png");
        (await hefei.GetStringAsync($"/Awards/{id}")).ShouldContain($"handler=File&file={onsite.Id}");
        (await enterprise.GetStringAsync(apply)).ShouldNotContain("现场照片.png");
        (await enterprise.GetAsync($"{apply}?handler=File&file={onsite.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Nobody else's assignment: the Wuhu expert cannot sign or score the other expert's.
        var others = await app.WithDb(db => db.Set<AwardReviewer>().Where(x => x.RoundId == id && x.Id != assignment).Select(x => x.Id).SingleAsync());
        Forms.ErrorsIn(await (await far.PostFormAsync($"{review}?handler=Sign", new() { ["reviewer"] = others.ToString(), ["agree"] = "true" }, review)).Content.ReadAsStringAsync())
            .ShouldNotBeEmpty();
        (await app.WithDb(db => db.Set<AwardReviewer>().Where(x => x.Id == others).Select(x => x.SignedAt).SingleAsync())).ShouldBeNull();

        // Another enterprise: not found on its own apply page, forbidden on the officials' page; another city's office and the public: neither.
        var firmCode = await RecordSamples.NewEnterpriseAsync(app, "340100", Unique("合肥另一企业"));
        var otherFirm = $"award.firm.{suffix}";
        await RecordSamples.NewUserAsync(app, otherFirm, Roles.EnterpriseUser, "340100", "另一企业");
        await app.WithDb(async db =>
        {
            (await db.Users.SingleAsync(u => u.UserName == otherFirm)).EnterpriseCode = firmCode;
            await db.SaveChangesAsync();
        });
        var rival = await app.SignedInAs(otherFirm);
        (await rival.GetAsync($"{apply}?handler=File&file={evidence.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await rival.GetAsync($"/Awards/{id}/Review?handler=File&file={evidence.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var officialsOnly = await rival.GetAsync($"/Awards/{id}?handler=File&file={evidence.Id}");
        officialsOnly.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        if (officialsOnly.StatusCode == HttpStatusCode.Redirect) officialsOnly.Headers.Location!.ToString().ShouldContain("AccessDenied");
        var wuhu = await app.SignedInAs("wuhu");
        (await wuhu.GetAsync($"/Awards/{id}?handler=File&file={evidence.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var anonymous = await app.Anonymous().GetAsync($"/Awards/{id}?handler=File&file={evidence.Id}");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await app.Anonymous().GetStringAsync("/Public/Awards")).ShouldNotContain(evidence.Id.ToString());
    }

    [Fact]
    public async Task A_city_account_linked_to_an_expert_of_the_provincial_directory_opens_its_review_and_its_reminder()
    {
        // The demo's provincial round under review: one of its reviewers, an expert of the provincial directory (340000),
        // is linked to a Hefei account; Hefei's area holds the applicant, not the expert's directory.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var user = $"award.city.{suffix}";
        await RecordSamples.NewUserAsync(app, user, Roles.Inspector, "340100", "合肥评审专家 " + user);
        var (roundId, firmName) = await app.WithDb(async db =>
        {
            var round = await db.Set<AwardRound>().Where(r => r.Status == RoundStatus.Drawn && r.RegionCode == "340000").FirstAsync();
            var hefeiFirms = await db.Set<AwardApplication>().Where(a => a.RoundId == round.Id && a.RegionPath.Contains("/340100/")).Select(a => a.Id).ToListAsync();
            var provincial = await db.Set<Expert>().Where(e => e.RegionCode == "340000" && e.UserName == null).Select(e => e.Id).ToListAsync();
            var reviewer = await db.Set<AwardReviewer>().FirstAsync(r => r.RoundId == round.Id && hefeiFirms.Contains(r.ApplicationId) && provincial.Contains(r.ExpertId));
            var expert = await db.Set<Expert>().SingleAsync(e => e.Id == reviewer.ExpertId);
            expert.UserName = user;
            await db.SaveChangesAsync();
            return (round.Id, await db.Set<AwardApplication>().Where(a => a.Id == reviewer.ApplicationId).Select(a => a.EnterpriseName).SingleAsync());
        });
        var client = await app.SignedInAs(user);
        (await client.GetStringAsync("/Awards/Mine")).ShouldContain($"/Awards/{roundId}/Review");
        var review = await client.GetStringAsync($"/Awards/{roundId}/Review");
        review.ShouldContain(firmName);
        review.ShouldNotContain("id=\"no-reviews\"");
    }

    [Fact]
    public async Task An_application_after_the_deadline_is_refused_and_nothing_is_stored()
    {
        var title = Unique("合肥市质量奖（已截止）");
        await RecordSamples.AddInCityAsync(app, "340100", path => AwardSamples.NewRound("340100", path, title, Today.AddDays(-1)));
        var id = await app.WithDb(db => db.Set<AwardRound>().Where(r => r.Title == title).Select(r => r.Id).SingleAsync());
        var enterprise = await app.SignedInAs("enterprise");
        (await enterprise.GetStringAsync($"/Awards/{id}/Apply")).ShouldContain($"申报已于 {Today.AddDays(-1):yyyy-MM-dd} 截止，不再受理申报。");
        var late = await enterprise.PostFormAsync($"/Awards/{id}/Apply", new()
            { ["Form.Category"] = "制造业", ["Form.SelfAssessment"] = "自评", ["Form.SelfScore"] = "600" });
        late.StatusCode.ShouldBe(HttpStatusCode.OK);
        Forms.ErrorsIn(await late.Content.ReadAsStringAsync()).ShouldContain("申报已于");
        (await app.WithDb(db => db.Set<AwardApplication>().CountAsync(a => a.RoundId == id))).ShouldBe(0);
        // Wuhu's officers do not see Hefei's round, and a city officer opens no round.
        (await (await app.SignedInAs("wuhu")).GetAsync($"/Awards/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.SignedInAs("hefei")).GetStringAsync("/Awards")).ShouldContain(title);
    }

    [Fact]
    public async Task The_demo_has_a_provincial_round_under_review_with_drawn_experts_and_some_scores_and_a_granted_round_in_the_register()
    {
        var rounds = await app.WithDb(db => db.Set<AwardRound>().Where(r => r.CreatedBy == "province").OrderByDescending(r => r.Year).ToListAsync());
        var review = rounds.First(r => r.Status == RoundStatus.Drawn);
        var reviewers = await app.WithDb(db => db.Set<AwardReviewer>().Where(r => r.RoundId == review.Id).ToListAsync());
        reviewers.ShouldNotBeEmpty();
        reviewers.ShouldContain(r => r.Total != null);
        reviewers.ShouldContain(r => r.Total == null);
        AwardExpertDraw.Reproduce(review.Seed, review.Commitment, review.DrawInputs!).Result!.Teams.Sum(t => t.Members.Count).ShouldBe(reviewers.Count);
        var granted = rounds.First(r => r.Status == RoundStatus.Granted);
        var winners = await app.WithDb(db => db.Set<AwardApplication>().Where(a => a.RoundId == granted.Id && a.Status == ApplicationStatus.Granted).ToListAsync());
        winners.Count.ShouldBe(granted.WinnerQuota);
        foreach (var w in winners)
            (await app.WithDb(db => db.Set<RecognitionRecord>().SingleAsync(r => r.Id == w.RecognitionId))).DocumentNumber.ShouldBe(granted.DocumentNumber);
        (await (await app.SignedInAs("province")).GetStringAsync("/Awards")).ShouldContain(review.Title);
        (await app.Anonymous().GetStringAsync("/Public/Awards")).ShouldContain(granted.DocumentNumber!);
    }
}

public sealed class AwardOnSqlite(SqliteApp app) : AwardTests(app), IClassFixture<SqliteApp>;
public sealed class AwardOnPostgres(PostgresApp app) : AwardTests(app), IClassFixture<PostgresApp>;
