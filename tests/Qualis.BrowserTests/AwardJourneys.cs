using System.Globalization;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>
/// The government quality award from end to end, through the pages only (issue 16's journey): the province issues this
/// year's plan with a per-city target counting new quality awards and opens a round of the provincial award; the demo
/// enterprise applies in its own account; the province checks it against the platform's records, publishes the draw's
/// commitment and draws the experts, links each drawn expert to the account they review in; the experts sign the
/// fairness statement and score; the committee decides and the result goes on 公示; a member of the public objects on the
/// public site and the province resolves it; the grant is refused during the 公示 and made after it; the public site lists
/// the winner and Hefei's award target moves by one. The server's clock is moved on a day past the deadline and past the
/// 公示, as the days would pass.
/// </summary>
public sealed class AwardJourneys(AwardBrowserApp browser) : IClassFixture<AwardBrowserApp>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static readonly int Year = Today.Year;
    private static readonly string Title = $"{Year}年度安徽省政府质量奖（增补评选）";
    private const string Target = "新增政府质量奖获奖数";
    private const string Firm = "合肥示范电缆有限公司";

    [Fact]
    public async Task An_enterprise_applies_is_reviewed_announced_objected_to_and_granted_and_Hefeis_target_moves()
    {
        browser.Clock.Offset = TimeSpan.Zero;
        try { await JourneyAsync(); }
        finally { browser.Clock.Offset = TimeSpan.Zero; }
    }

    private async Task JourneyAsync()
    {
        // 1. The province's plan of the year counts new quality awards per city (recognition.awards.new), issued.
        var province = await browser.SignedInAsync("province");
        var planUrl = await ActionJourneys.DraftPlanAsync(province, Year, $"安徽省{Year}年质量奖励工作方案", $"皖质提办〔{Year}〕9号");
        var measure = await ActionJourneys.AddMeasureAsync(province, planUrl, "一、", "开展政府质量奖评选，每个市新增获奖企业不少于1家。", "省市场监管局");
        await ActionJourneys.AddTargetAsync(province, planUrl, measure, Target, "Minimum", "1", indicator: "recognition.awards.new");
        await province.ClickAsync("#issue-plan");
        await province.WaitForSelectorAsync("#plan-status:has-text('已下发')");
        var before = (await ActionJourneys.HefeiCellsAsync(province, Year))[Target].Value;

        // 2. The province opens the round: the enterprise's county and city have no office accounts in the demo, so the
        // round takes applications directly (no recommendation level by level); two experts an applicant, one winner.
        await province.GotoAsync("/Awards");
        await province.ClickAsync("#new-round");
        await province.FillAsync("#Form_Title", Title);
        await province.FillAsync("#Form_WinnerQuota", "1");
        await province.FillAsync("#Form_NomineeQuota", "0");
        await province.FillAsync("#Form_Deadline", Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await province.FillAsync("#Form_PublicityDays", "5");
        await province.FillAsync("#Form_ExpertsPerApplicant", "2");
        await province.SelectOptionAsync("#Form_Combination", "Mean");
        await province.SetCheckedAsync("#Form_RequiresRecommendation", false);
        await province.FillAsync("#Form_Stages", "申报推荐|0\n资格审查|0\n资料评审|30\n现场评审|50\n综合评价|20\n审定公示|0");
        await province.SaveAsync("award-round-form");
        await province.ClickAsync("#open-round");
        await province.WaitForSelectorAsync("#round-status");
        var roundUrl = new Uri(province.Url).AbsolutePath;
        (await province.InnerTextAsync("#round-status")).ShouldContain("申报与审查中");
        await province.Context.CloseAsync();

        // 3. The enterprise applies in its own account.
        var enterprise = await browser.SignedInAsync("enterprise");
        await enterprise.GotoAsync("/Awards/Mine");
        await enterprise.ClickAsync($"#open-calls a:has-text('{Title}')");
        await enterprise.SubmitAsync("#submit-application");
        (await enterprise.InnerTextAsync("#apply-form")).ShouldContain("请填写自评报告");
        await enterprise.SelectOptionAsync("#Form_Category", "制造业");
        await enterprise.FillAsync("#Form_SelfAssessment", "导入卓越绩效管理模式十年，建立以顾客为中心的质量管理体系，主导产品质量达到国内领先水平。");
        await enterprise.FillAsync("#Form_SelfScore", "760");
        await enterprise.FillAsync("#Form_Evidence", "卓越绩效自评报告；质量管理体系认证证书；近三年经营与质量数据");
        await enterprise.SetInputFilesAsync("#Files", new FilePayload { Name = "卓越绩效自评报告.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 self-assessment"u8.ToArray() });
        await enterprise.SaveAsync("award-apply");
        await enterprise.ClickAsync("#submit-application");
        await enterprise.WaitForSelectorAsync("#my-applications");
        (await enterprise.InnerTextAsync("#my-applications")).ShouldContain(Title);
        await enterprise.SaveAsync("award-my-applications");
        enterprise.ConsoleErrors().ShouldBeEmpty();
        await enterprise.Context.CloseAsync();

        // 4. The day after the deadline: the check against the platform's records, the commitment, the draw.
        browser.Clock.Offset = TimeSpan.FromDays(1);
        province = await OnRoundAsync("province", roundUrl);
        await province.ClickAsync("form[data-qualify] button");
        await province.WaitForSelectorAsync("#applications");
        (await province.InnerTextAsync("#applications")).ShouldContain("资格审查通过");
        (await province.InnerTextAsync("#applications [data-evidence]")).ShouldContain("卓越绩效自评报告.pdf");
        await province.ClickAsync("#commit");
        await province.WaitForSelectorAsync("#draw");
        (await province.InnerTextAsync("#commitment")).Trim().Length.ShouldBe(64);
        await province.ClickAsync("#draw");
        await province.WaitForSelectorAsync("#round-status:has-text('专家评审中')");
        var drawn = new List<string>();
        foreach (var row in await province.Locator("#applications tr[data-reviewer]").AllAsync()) drawn.Add((await row.GetAttributeAsync("data-reviewer"))!);
        drawn.Count.ShouldBe(2);
        await province.SaveAsync("award-drawn");

        // The office links each drawn expert to the account they review in (the agency's expert is linked already). An
        // account finds the experts of its area's directories and those above it, and reviews the applicants of its area:
        // a Wuhu expert reviewing a Hefei firm takes a provincial account (partner, or agency when its own expert is not
        // drawn), a provincial or Hefei expert may take Hefei's inspector too.
        var experts = new List<(string Id, string Account, string Region)>();
        foreach (var expert in drawn)
        {
            await province.GotoAsync($"/Improvement/Experts/Edit/{expert}");
            experts.Add((expert, await province.InputValueAsync("#Form_UserName"), await province.InputValueAsync("#Form_RegionCode")));
        }
        var used = experts.Select(e => e.Account).Where(a => a.Length > 0).ToHashSet();
        var accounts = new List<string>();
        foreach (var (expert, linked, region) in experts.OrderByDescending(e => e.Region == "340200"))
        {
            var account = linked;
            if (account.Length == 0)
            {
                account = (region == "340200" ? new[] { "partner", "agency" } : ["inspector", "partner", "agency"]).First(a => !used.Contains(a));
                used.Add(account);
                await province.GotoAsync($"/Improvement/Experts/Edit/{expert}");
                await province.FillAsync("#Form_UserName", account);
                await province.ClickAsync("#save-expert");
                await province.WaitForSelectorAsync("#audit-history");
            }
            accounts.Add(account);
        }
        await province.Context.CloseAsync();

        // 5. Each expert signs the fairness statement and scores every category of the model.
        foreach (var (account, n) in accounts.Select((a, n) => (a, n)))
        {
            var expert = await browser.SignedInAsync(account);
            await expert.GotoAsync("/Awards/Mine");
            await expert.ClickAsync($"#my-reviews a:has-text('{Title}')");
            var card = expert.Locator($"[data-review]:has-text('{Firm}')");
            await card.Locator("input[name='agree']").CheckAsync();
            await card.Locator("form[data-sign] button").ClickAsync();
            await expert.WaitForSelectorAsync("form[data-score]");
            // A score above a category's points is refused on its field.
            await expert.Locator($"[data-review]:has-text('{Firm}') form[data-score] input[type='number']").First.FillAsync("999");
            await expert.SubmitAsync($"[data-review]:has-text('{Firm}') form[data-score] button");
            (await expert.InnerTextAsync("[data-review]")).ShouldContain("的得分应在 0 至");
            // Each scored stage against the model, its own form: 资料评审, 现场评审, 综合评价.
            var stages = await expert.Locator($"[data-review]:has-text('{Firm}') form[data-score]").CountAsync();
            stages.ShouldBe(3);
            for (var k = 0; k < stages; k++)
            {
                var form = expert.Locator($"[data-review]:has-text('{Firm}') form[data-score]").Nth(k);
                var inputs = form.Locator("input[type='number']");
                for (var i = 0; i < await inputs.CountAsync(); i++)
                {
                    var max = int.Parse((await inputs.Nth(i).GetAttributeAsync("max"))!, CultureInfo.InvariantCulture);
                    await inputs.Nth(i).FillAsync((max * (80 - n * 4 - k * 2) / 100).ToString(CultureInfo.InvariantCulture));
                }
                if (k == stages - 1)
                {
                    await form.Locator("textarea[name='notes']").FillAsync("现场查看生产线和质量追溯系统，过程控制有效。");
                    if (n == 0) await expert.SaveAsync("award-expert-review");
                }
                await expert.SubmitAsync($"[data-review]:has-text('{Firm}') form[data-stage='{await form.GetAttributeAsync("data-stage")}'] button");
                (await expert.InnerTextAsync("body")).ShouldContain("评分已保存");
            }
            (await expert.InnerTextAsync("[data-expert-total]")).ShouldContain("加权总分");
            expert.ConsoleErrors().ShouldBeEmpty();
            await expert.Context.CloseAsync();
        }

        // 6. The committee decides; the result goes on 公示.
        province = await OnRoundAsync("province", roundUrl);
        await province.ClickAsync("#decide");
        await province.WaitForSelectorAsync("#announce");
        (await province.InnerTextAsync("#applications")).ShouldContain("拟获奖");
        // How the score is made: each stage's experts combined, times the stage's weight.
        var made = await province.InnerTextAsync("#applications tr[data-score-made]");
        made.ShouldContain("资料评审");
        made.ShouldContain("× 50%");
        await province.SaveAsync("award-decided");
        await province.ClickAsync("#announce");
        await province.WaitForSelectorAsync("#round-status:has-text('公示中')");
        await province.Context.CloseAsync();

        // 7. A member of the public objects on the public site, without signing in.
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/Public");
        await visitor.ClickAsync("a[href='/Public/Awards']");
        (await visitor.InnerTextAsync($"[data-announced]:has-text('{Title}')")).ShouldContain(Firm);
        await visitor.SelectOptionAsync("#Form_ApplicationId", new SelectOptionValue { Label = $"{Firm}（{Title}）" });
        await visitor.FillAsync("#Form_Text", "该企业去年曾因产品标识不规范被投诉，请核实其质量诚信情况。");
        await visitor.FillAsync("#Form_ContactName", "张先生");
        await visitor.FillAsync("#Form_ContactPhone", "0551-62345678");
        await visitor.SaveAsync("award-public-objection");
        await visitor.ClickAsync("#file-objection");
        await visitor.WaitForSelectorAsync("text=异议已受理");
        visitor.ConsoleErrors().ShouldBeEmpty();

        // 8. The province resolves it; the grant is refused while the 公示 runs.
        province = await OnRoundAsync("province", roundUrl);
        (await province.InnerTextAsync("#objections")).ShouldContain("产品标识不规范");
        await province.SelectOptionAsync("form[data-resolve] select[name='outcome']", "Dismissed");
        await province.FillAsync("form[data-resolve] textarea[name='resolution']", "经核查，该投诉已于去年依法处理完毕，企业已整改，不影响评选结果。");
        await province.ClickAsync("form[data-resolve] button");
        await province.WaitForSelectorAsync("text=异议处理已记录");
        (await province.InnerTextAsync("#objections")).ShouldContain("异议不成立");
        await province.FillAsync("#DocumentNumber", $"皖政〔{Year}〕66号");
        await province.SubmitAsync("#grant");
        (await province.InnerTextAsync("#round-errors")).ShouldContain("公示期内不能授予称号");
        await province.Context.CloseAsync();

        // 9. After the 公示 (announced the day after the deadline, five days): the grant.
        browser.Clock.Offset = TimeSpan.FromDays(7);
        province = await OnRoundAsync("province", roundUrl);
        await province.FillAsync("#DocumentNumber", $"皖政〔{Year}〕66号");
        await province.ClickAsync("#grant");
        await province.WaitForSelectorAsync("#round-status:has-text('已授予')");
        (await province.InnerTextAsync("#applications")).ShouldContain("已授予");
        await province.SaveAsync("award-granted");

        // 10. Hefei's award target moves by the title granted, and the public site lists the winner.
        var after = (await ActionJourneys.HefeiCellsAsync(province, Year))[Target];
        after.Value.ShouldBe(before + 1);
        after.Status.ShouldBe("Met");
        await province.SaveAsync("award-scoreboard");
        province.ConsoleErrors().ShouldBeEmpty();
        await province.Context.CloseAsync();

        await visitor.GotoAsync("/Public/Awards");
        (await visitor.InnerTextAsync("#winners")).ShouldContain(Firm);
        (await visitor.InnerTextAsync("#winners")).ShouldContain(Title);
        await visitor.SaveAsync("award-public-winners");
        visitor.ConsoleErrors().ShouldBeEmpty();
        await visitor.Context.CloseAsync();
    }

    /// <summary>A fresh sign-in (the server's clock may have moved past the last one's expiry) on the round's page.</summary>
    private async Task<IPage> OnRoundAsync(string userName, string roundUrl)
    {
        var page = await browser.SignedInAsync(userName);
        await page.GotoAsync(roundUrl);
        return page;
    }
}

/// <summary>An application with a server clock the test moves on by days (past the deadline, past the 公示).</summary>
public sealed class AwardBrowserApp() : BrowserApp(new AwardApp())
{
    public IdleBrowserApp.ShiftableClock Clock => ((AwardApp)App).Clock;

    public sealed class AwardApp() : QualisApp(DatabaseProvider.Sqlite)
    {
        public IdleBrowserApp.ShiftableClock Clock { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(s, Clock));
        }
    }
}
