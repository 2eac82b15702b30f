using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;
using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Access;
using Qualis.Platform.Accounts;
using Qualis.Platform.Regions;

namespace Qualis.BrowserTests;

/// <summary>
/// Services to small firms (服务零距离) in a real browser: the province defines a needs questionnaire, Hefei sends it to the
/// small and micro firms of 瑶海区, two firms answer it in their own accounts, the summary counts them with its charts, a mobile
/// quality clinic of directory experts diagnoses a problem for one of them and gives it a follow-up task, Hefei makes the firm
/// a help plan with a task, the firm closes the help plan's task with evidence in its own account, and the firm's page shows
/// its service archive with all of it.
/// </summary>
public sealed class ServiceJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string County = "340102";

    /// <summary>An enterprise account for the firm, as the registry's account issue would make it.</summary>
    private async Task<string> EnterpriseAccountAsync(string code)
    {
        var name = "qy" + code[^6..].ToLowerInvariant();
        using var scope = browser.App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Set("test", "test", "test", null, null);
        var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
        var region = await db.Set<Region>().SingleAsync(r => r.Code == County);
        var result = await scope.ServiceProvider.GetRequiredService<UserManager<QualisUser>>().CreateAsync(new QualisUser
        {
            UserName = name, DisplayName = name, Role = Roles.EnterpriseUser, RegionCode = County, RegionPath = region.RegionPath, EnterpriseCode = code, CreatedAt = DateTime.UtcNow,
        }, DemoAccounts.Password);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Description)));
        return name;
    }

    [Fact]
    public async Task A_city_sends_the_questionnaire_two_firms_answer_a_clinic_diagnoses_one_a_help_plan_task_is_closed_with_evidence_and_its_archive_shows_it()
    {
        // The province defines the questionnaire from the standard questions.
        var province = await browser.SignedInAsync("province");
        await province.GotoAsync("/Services");
        await province.ClickAsync("#new-questionnaire");
        await province.FillAsync("#Form_Title", "瑶海区小微企业质量技术服务需求调查（浏览器测试）");
        await province.ClickAsync("#save-questionnaire");
        await province.WaitForSelectorAsync("#questions");
        (await province.Locator("#questions tbody tr").CountAsync()).ShouldBe(QuestionnaireTemplate.Standard.Length);
        var questionnaireUrl = new Uri(province.Url).AbsolutePath;
        await province.Context.CloseAsync();

        // Hefei sends it to the small and micro firms of 瑶海区.
        var hefei = await browser.SignedInAsync("hefei");
        await hefei.GotoAsync(questionnaireUrl);
        await hefei.ClickAsync("#send-questionnaire-page");
        await hefei.SelectOptionAsync("#send-form select[name=sendRegion]", County);
        await hefei.ClickAsync("#send-questionnaire");
        await hefei.WaitForSelectorAsync("#recipients");
        var codes = await hefei.Locator("#recipients tbody tr[data-recipient]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.recipient)");
        codes.Length.ShouldBeGreaterThanOrEqualTo(2);
        await hefei.SaveAsync("services-recipients");

        // Two firms answer in their own accounts: the first option of each question.
        var accounts = new Dictionary<string, string>();
        foreach (var code in codes.Take(2))
        {
            var firm = await browser.SignedInAsync(accounts[code] = await EnterpriseAccountAsync(code));
            await firm.GotoAsync("/Services/Mine");
            // (A firm may have the demo questionnaire to answer too.)
            await firm.ClickAsync($"#my-questionnaires tr[data-questionnaire='{questionnaireUrl.Split('/')[^1]}'] a.btn-primary");
            await firm.WaitForSelectorAsync("#answer-form");
            // Submitted empty: the required questions are named on their fields.
            await firm.SubmitAsync("#submit-answer");
            (await firm.InnerTextAsync("#answer-form")).ShouldContain("第 1 题为必答题，请作答。");
            foreach (var question in await firm.Locator("#answer-form fieldset[data-question]").AllAsync())
                if (await question.Locator("input.form-check-input").CountAsync() > 0) await question.Locator("input.form-check-input").First.CheckAsync();
            await firm.FillAsync("#answer-form textarea", "希望检验机构就近设立服务点");
            if (code == codes[0]) await firm.SaveAsync("services-answer-form");
            await firm.ClickAsync("#submit-answer");
            await firm.WaitForSelectorAsync("#answer-status");
            (await firm.InnerTextAsync("#given-answers")).ShouldContain("希望检验机构就近设立服务点");
            firm.ConsoleErrors().ShouldBeEmpty();
            await firm.Context.CloseAsync();
        }

        // The summary counts the two answers, with its charts drawn.
        await hefei.GotoAsync(questionnaireUrl + "/Summary");
        (await hefei.InnerTextAsync("#summary-totals")).ShouldContain($"已填写 2 家");
        await hefei.WaitForSelectorAsync("#services-area-chart canvas");
        (await hefei.InnerTextAsync("[data-option='1-1'] td:nth-child(3)")).Trim().ShouldBe("2");
        await hefei.SaveAsync("services-summary");

        // A mobile quality clinic diagnoses a problem for the first firm.
        await hefei.GotoAsync("/Services/Events");
        await hefei.ClickAsync("#new-event");
        await hefei.FillAsync("#Form_Title", "质量流动诊所走进瑶海（浏览器测试）");
        await hefei.FillAsync("#Form_Place", "瑶海区市场监管局会议室");
        await hefei.SelectOptionAsync("#Form_Mode", "Panel");
        await hefei.SelectOptionAsync("#Form_ExpertIds", new SelectOptionValue { Index = 0 });
        await hefei.FillAsync("#Form_Experts", "赵工（企业退休总工）");
        await hefei.ClickAsync("#save-event");
        await hefei.WaitForSelectorAsync("#event-firms");
        (await hefei.InnerTextAsync("#event-facts")).ShouldContain("赵工（企业退休总工）");
        await hefei.FillAsync("#Firm_CreditCode", codes[0]);
        await hefei.SelectOptionAsync("#Firm_ProblemArea", "Metrology");
        await hefei.FillAsync("#Firm_Problems", "压力表超期未检定");
        await hefei.FillAsync("#Firm_FollowUp", "十日内送检压力表");
        // A follow-up without its due day is refused on the field.
        await hefei.ClickAsync("#add-event-firm");
        (await hefei.InnerTextAsync("#event-firm-form")).ShouldContain("请同时填写跟踪期限");
        var year = DateTime.UtcNow.AddHours(8).Year;
        await hefei.FillAsync("#Firm_FollowUpDue", $"{year + 1}-01-10");
        await hefei.ClickAsync("#add-event-firm");
        await hefei.WaitForSelectorAsync($"#event-firms tr[data-firm='{codes[0]}'] a:has-text('未完成')");
        await hefei.SaveAsync("services-clinic");

        // A help plan for the firm, with a task the firm acts on.
        await hefei.GotoAsync("/Improvement/New");
        await hefei.SelectOptionAsync("#Form_Kind", "HelpPlan");
        await hefei.FillAsync("#Form_CreditCode", codes[0]);
        await hefei.FillAsync("#Form_Title", "计量帮扶方案（浏览器测试）");
        await hefei.FillAsync("#Form_Goal", "建立计量器具台账，按期检定");
        await hefei.FillAsync("#Form_StartOn", $"{year}-01-01");
        await hefei.FillAsync("#Form_EndOn", $"{year + 1}-06-30");
        await hefei.CheckAsync("#need-Metrology");
        await hefei.FillAsync("#Form_HelpingUnits", "合肥市计量测试研究院");
        await hefei.ClickAsync("#create-project");
        await hefei.WaitForSelectorAsync("#project-basics");
        await hefei.FillAsync("#NewTask_Title", "建立计量器具台账");
        await hefei.SelectOptionAsync("#NewTask_OwnerKind", "Enterprise");
        await hefei.FillAsync("#NewTask_Deadline", $"{year + 1}-03-31");
        await hefei.ClickAsync("#add-task");
        await hefei.WaitForSelectorAsync("#tasks a:has-text('建立计量器具台账')");

        // The firm closes the help plan's task in its own account: refused without evidence, then with a PDF.
        var owner = await browser.SignedInAsync(accounts[codes[0]]);
        await owner.GotoAsync("/Improvement/Mine");
        (await owner.InnerTextAsync("#my-tasks")).ShouldContain("十日内送检压力表");
        await owner.ClickAsync("#my-tasks a:has-text('建立计量器具台账')");
        await owner.ClickAsync("#close-task");
        (await owner.InnerTextAsync("#close-errors")).ShouldContain("完成任务须至少上传一份佐证材料");
        await owner.SetInputFilesAsync("#close-files", new FilePayload { Name = "计量器具台账.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 台账"u8.ToArray() });
        await owner.ClickAsync("#close-task");
        await owner.WaitForSelectorAsync("#task-evidence a:has-text('计量器具台账.pdf')");
        (await owner.InnerTextAsync("#task-status")).ShouldContain("已完成");
        owner.ConsoleErrors().ShouldBeEmpty();
        await owner.Context.CloseAsync();

        // The firm's page: its service archive holds the answer and the clinic's diagnosis.
        await hefei.GotoAsync("/Registry/Enterprises/" + codes[0]);
        var archive = await hefei.InnerTextAsync("#enterprise-service-archive");
        archive.ShouldContain("填写《瑶海区小微企业质量技术服务需求调查（浏览器测试）》（企业自行填写）");
        archive.ShouldContain("参加质量流动诊所：质量流动诊所走进瑶海（浏览器测试）");
        archive.ShouldContain("压力表超期未检定");
        archive.ShouldContain("任务：十日内送检压力表（未完成");
        archive.ShouldContain("帮扶方案《计量帮扶方案（浏览器测试）》");
        archive.ShouldContain("任务：建立计量器具台账（已完成");
        await hefei.Locator("#enterprise-service-archive").ScrollIntoViewIfNeededAsync();
        await hefei.SaveAsync("services-archive");

        // In English too.
        await hefei.ChooseLanguageAsync("en");
        (await hefei.InnerTextAsync("#enterprise-service-archive")).ShouldContain("Came to a Mobile quality clinic");
        await hefei.ChooseLanguageAsync("zh-CN");
        hefei.ConsoleErrors().ShouldBeEmpty();
        await hefei.Context.CloseAsync();
    }
}
