using Microsoft.Playwright;
using Qualis.BrowserTests.Support;
using Qualis.Features.Departments;
using Qualis.Features.Plans;
using Qualis.Platform.Regions;

namespace Qualis.BrowserTests;

/// <summary>
/// A department's progress in a real browser: 省住房城乡建设厅's account finds its measure among its to-dos, reports with an
/// evidence file, and the province sees the cell reported in the matrix, in Chinese and in English.
/// </summary>
public sealed class DepartmentProgressJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_department_reports_its_progress_with_a_file_and_the_province_sees_it_in_the_matrix()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var (planId, measureId) = await browser.App.WithDb(async db =>
        {
            var lead = (await DepartmentsFace.FindAsync(db, "省住房城乡建设厅"))!;
            var province = await db.Set<Region>().SingleAsync(r => r.Code == "340000");
            var plan = new ActionPlan
            {
                Year = today.Year, RegionCode = "340000", RegionPath = province.RegionPath, Title = $"安徽省{today.Year}年质量提升行动实施方案（浏览器）",
                IssuingBody = "安徽省质量发展委员会办公室", PeriodStart = new DateOnly(today.Year, 1, 1), PeriodEnd = new DateOnly(today.Year, 12, 31), Status = PlanStatus.Issued,
            };
            var measure = new PlanMeasure { PlanId = plan.Id, Number = "（三）", Text = "突出重点行业。推进建筑业工程质量提升。", Order = 10 };
            db.AddRange(plan, measure, new MeasureDepartment { PlanId = plan.Id, MeasureId = measure.Id, DepartmentId = lead.Id, Role = MeasureRole.Lead });
            await db.SaveChangesAsync();
            return (plan.Id, measure.Id);
        });

        var department = await browser.SignedInAsync("jianshe");
        await department.GotoAsync("/");
        await department.ClickAsync($"#todos a[href^='/Plans/Progress/Report/{measureId}']");
        await department.WaitForSelectorAsync("#progress-form");
        await department.SaveAsync("progress-report-form-zh-CN");
        await department.FillAsync("#Form_Progress", "督促各市将建筑业列为重点行业，开展工程质量提升专项行动，抽查在建项目126个。");
        await department.SetInputFilesAsync("#Files", new FilePayload { Name = "工程质量专项行动.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 progress"u8.ToArray() });
        await department.ClickAsync("#send-progress");
        await department.WaitForSelectorAsync("#progress-status");
        (await department.InnerTextAsync("#progress-evidence")).ShouldContain("工程质量专项行动.pdf");
        (await department.InnerTextAsync("#progress-basics")).ShouldContain("省住房城乡建设厅 联络员");
        await department.SaveAsync("progress-report-sent-zh-CN");
        await department.ChooseLanguageAsync("en");
        (await department.InnerTextAsync("#progress-status")).ShouldBe("Submitted");
        await department.SaveAsync("progress-report-sent-en");
        await department.ChooseLanguageAsync("zh-CN");
        department.ConsoleErrors().ShouldBeEmpty();
        await department.Context.CloseAsync();

        var province = await browser.SignedInAsync("province");
        foreach (var (lang, reported, lead) in new[] { ("zh-CN", "已报送", "牵头"), ("en", "Reported", "lead") })
        {
            await province.GotoAsync("/");
            await province.ChooseLanguageAsync(lang);
            await province.GotoAsync($"/Plans/{planId}");
            await province.ClickAsync("#matrix-link");
            var cell = province.Locator($"#progress-matrix tr[data-measure='{measureId}'] td[data-cell]").First;
            (await cell.GetAttributeAsync("data-cell")).ShouldBe("Reported");
            var text = await cell.InnerTextAsync();
            text.ShouldContain(reported);
            text.ShouldContain(lead);
            text.ShouldContain(today.ToString("yyyy-MM-dd"));
            (await province.InnerTextAsync("#progress-matrix thead")).ShouldContain("省住房城乡建设厅");
            await province.SaveAsync($"progress-matrix-{lang}");
        }
        await province.ChooseLanguageAsync("zh-CN");
        province.ConsoleErrors().ShouldBeEmpty();
        await province.Context.CloseAsync();
    }
}
