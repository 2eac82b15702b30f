using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;
using Qualis.Features.KeyObjects;

namespace Qualis.BrowserTests;

/// <summary>
/// An improvement project in a real browser: a city starts one for an enrolled key enterprise, records a consultation with
/// an expert and the problem it found, prescribes a measure, adds a tackling task, is refused closing it without evidence,
/// closes it with a PDF, finishes the project; the province publishes it as a typical case, which the public reads without
/// signing in.
/// </summary>
public sealed class ImprovementJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_city_takes_a_key_enterprise_from_consultation_to_a_published_typical_case()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        var key = await browser.App.WithDb(db => db.Set<KeyObjectEnrolment>()
            .Where(e => e.CityCode == "340100" && e.Kind == KeyObjectKind.Enterprise && e.Status == KeyObjectStatus.Active && e.Year == year)
            .OrderByDescending(e => e.ObjectKey).FirstAsync());
        var title = "质量攻关示范项目" + Guid.NewGuid().ToString("N")[..4];
        var page = await browser.SignedInAsync("hefei");
        await page.GotoAsync("/Improvement");
        (await page.Locator("#projects tbody tr").CountAsync()).ShouldBeGreaterThan(2);
        await page.SaveAsync("improvement-list");

        await page.ClickAsync("#new-project");
        await page.SelectOptionAsync("#Form_KeyObjectId", key.Id.ToString());
        await page.FillAsync("#Form_Title", title);
        await page.FillAsync("#Form_Goal", "一次交检合格率达到国内先进水平");
        await page.FillAsync("#Form_StartOn", $"{year}-01-05");
        await page.FillAsync("#Form_EndOn", $"{year - 1}-12-31");
        await page.ClickAsync("#create-project");
        (await page.InnerTextAsync("#project-form")).ShouldContain("不能早于开始日期");
        await page.FillAsync("#Form_EndOn", $"{year}-12-31");
        await page.ClickAsync("#create-project");
        await page.WaitForSelectorAsync("#project-basics");
        (await page.InnerTextAsync("h1")).Trim().ShouldBe(title);
        (await page.InnerTextAsync("#project-status")).ShouldContain(key.ObjectName);

        // A consultation with an expert of the directory, and the problem it found.
        await page.FillAsync("#Consult_HeldOn", $"{year}-01-06");
        await page.SelectOptionAsync("#Consult_ExpertIds", new SelectOptionValue { Index = 0 });
        await page.FillAsync("#Consult_Departments", "市工业和信息化局");
        await page.FillAsync("#Consult_Summary", "关键工序控制不稳定");
        await page.ClickAsync("#add-consultation");
        await page.WaitForSelectorAsync("#consultations li:has-text('市工业和信息化局')");
        await page.SelectOptionAsync("#Problem_Category", "Technology");
        await page.FillAsync("#Problem_Description", "焊接工序参数波动大");
        await page.ClickAsync("#add-problem");
        await page.WaitForSelectorAsync("#problems td:has-text('焊接工序参数波动大')");
        await page.FillAsync("#Measure_Text", "导入统计过程控制");
        await page.FillAsync("#Measure_Actor", key.ObjectName);
        await page.FillAsync("#Measure_DueOn", $"{year}-06-30");
        await page.ClickAsync("#add-measure");
        await page.WaitForSelectorAsync("#problems .measure:has-text('导入统计过程控制')");
        await page.FillAsync("#NewTask_Title", "建立焊接工序控制图");
        await page.FillAsync("#NewTask_Deadline", $"{year}-06-30");
        await page.ClickAsync("#add-task");
        await page.WaitForSelectorAsync("#tasks a:has-text('建立焊接工序控制图')");
        await page.SaveAsync("improvement-project-under-way");

        // The task: refused without evidence, closed with a PDF.
        await page.ClickAsync("#tasks a:has-text('建立焊接工序控制图')");
        await page.ClickAsync("#close-task");
        (await page.InnerTextAsync("#close-errors")).ShouldContain("完成任务须至少上传一份佐证材料");
        await page.SaveAsync("improvement-task-refused");
        await page.SetInputFilesAsync("#close-files", new FilePayload { Name = "控制图验收.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 验收"u8.ToArray() });
        await page.ClickAsync("#close-task");
        await page.WaitForSelectorAsync("#task-evidence a:has-text('控制图验收.pdf')");
        (await page.InnerTextAsync("#task-status")).ShouldContain("已完成");

        // Finish the project with its result.
        await page.ClickAsync($"#breadcrumbs a:has-text('{title}')");
        await page.FillAsync("#Finish_Result", "焊接一次合格率由 92% 提升到 97%");
        await page.ClickAsync("#finish-project");
        await page.WaitForSelectorAsync("#project-result");
        var url = page.Url;
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();

        // The province publishes it; the public reads it.
        var province = await browser.SignedInAsync("province");
        await province.GotoAsync(url);
        await province.ClickAsync("#publish-case");
        await province.WaitForSelectorAsync("#case-badge");
        await province.Context.CloseAsync();
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/Public/Cases");
        (await visitor.InnerTextAsync("#cases")).ShouldContain(title);
        await visitor.ClickAsync($"#cases a:has-text('{title}')");
        (await visitor.InnerTextAsync("#case-result")).ShouldContain("97%");
        await visitor.SaveAsync("improvement-public-case");
        visitor.ConsoleErrors().ShouldBeEmpty();
        await visitor.Context.CloseAsync();
    }
}
