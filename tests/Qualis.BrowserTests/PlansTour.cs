using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>
/// The plans pages as an outsider first meets them, in Chinese and in English: the second page of each list, each form
/// saved empty and with nonsense, the scoreboard and one city's page. Every screenshot is checked for text keys, and
/// no page may leave a raw id, an English word in the Chinese page's messages, or a browser error.
/// </summary>
public sealed class PlansTour(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_plans_pages_read_well_in_both_languages_on_page_two_and_with_bad_input()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        var province = await browser.SignedInAsync("province");
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            await province.GotoAsync("/");
            await province.ChooseLanguageAsync(lang);
            foreach (var (name, url) in new[]
            {
                ("plans-list-p2", "/Plans?page=2&per=10"), ("progress-list-p2", "/Plans/Progress?page=2&per=10"),
                ("keyobjects-list-p2", "/KeyObjects?page=2&per=10"), ("assessment-list-p2", "/Assessment?page=2&per=10"),
                ("scoreboard", $"/Plans/Scoreboard?year={year}"), ("city-trend", $"/Plans/Scoreboard/City?region=340100&year={year}"),
            })
            {
                await province.GotoAsync(url);
                await province.SaveAsync($"tour-{name}-{lang}");
            }

            // The plan form empty, then with nonsense.
            await province.GotoAsync("/Plans/Edit");
            await province.FillAsync("#Form_Year", "");
            await province.FillAsync("#Form_PeriodStart", "");
            await province.FillAsync("#Form_PeriodEnd", "");
            await province.ClickAsync("#save-plan");
            await province.SaveAsync($"tour-plan-empty-{lang}");
            await province.FillAsync("#Form_Year", "99999");
            await province.FillAsync("#Form_Title", new string('字', 50));
            await province.FillAsync("#Form_IssuingBody", "<script>x</script>");
            await province.FillAsync("#Form_PeriodStart", $"{year}-12-31");
            await province.FillAsync("#Form_PeriodEnd", $"{year}-01-01");
            await province.ClickAsync("#save-plan");
            await province.SaveAsync($"tour-plan-nonsense-{lang}");

            // A draft to try the measure, target and shares forms on.
            await province.FillAsync("#Form_Year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await province.FillAsync("#Form_Title", $"巡检方案{lang}");
            await province.FillAsync("#Form_IssuingBody", "安徽省质量发展委员会办公室");
            await province.FillAsync("#Form_PeriodStart", $"{year}-01-01");
            await province.FillAsync("#Form_PeriodEnd", $"{year}-12-31");
            await province.ClickAsync("#save-plan");
            await province.WaitForSelectorAsync("#plan-title");
            var planUrl = new Uri(province.Url).AbsolutePath;
            await province.ClickAsync("#add-measure");
            await province.ClickAsync("#save-measure");
            await province.SaveAsync($"tour-measure-empty-{lang}");
            await province.FillAsync("#Form_Number", "一、");
            await province.FillAsync("#Form_Text", "巡检措施");
            await province.ClickAsync("#save-measure");
            await province.WaitForSelectorAsync("#plan-title");
            await province.ClickAsync("#measures a[href*='/Target?measure=']");
            await province.ClickAsync("#save-target");
            await province.SaveAsync($"tour-target-empty-{lang}");
            await province.FillAsync("#Form_Name", "巡检指标");
            await province.SelectOptionAsync("#Form_Kind", "Growth");
            await province.FillAsync("#Form_Value", "-5");
            await province.FillAsync("#Form_BaselineYear", (year + 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await province.FillAsync("#Form_Tolerance", "300");
            await province.ClickAsync("#save-target");
            await province.SaveAsync($"tour-target-nonsense-{lang}");
            (await province.Locator("#target-form .text-danger:not(:empty)").CountAsync()).ShouldBeGreaterThan(2);
            await province.GotoAsync(planUrl);
            await province.SaveAsync($"tour-plan-draft-{lang}");
        }
        await province.ChooseLanguageAsync("zh-CN");
        province.ConsoleErrors().ShouldBeEmpty();
        await province.Context.CloseAsync();

        var department = await browser.SignedInAsync("jianshe");
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            await department.GotoAsync("/Plans/Progress");
            await department.ChooseLanguageAsync(lang);
            await department.SaveAsync($"tour-department-progress-{lang}");
            if (await department.Locator("#my-measures a.my-matrix").CountAsync() > 0)
            {
                await department.Locator("#my-measures a.my-matrix").First.ClickAsync();
                await department.SaveAsync($"tour-department-matrix-{lang}");
            }
        }
        await department.ChooseLanguageAsync("zh-CN");
        department.ConsoleErrors().ShouldBeEmpty();
        await department.Context.CloseAsync();
    }
}
