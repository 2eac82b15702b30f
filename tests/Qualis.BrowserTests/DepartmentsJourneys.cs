using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>The departments directory in a real browser, in Chinese and in English: find by a former name, a refused empty form, a new department and its history.</summary>
public sealed class DepartmentsJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_official_finds_a_department_by_its_former_name_and_adds_one_in_both_languages()
    {
        var page = await browser.SignedInAsync("province");
        foreach (var (lang, required, name) in new[] { ("zh-CN", "请填写部门名称", "省知识产权局"), ("en", "Enter the department name", "省地方金融监管局") })
        {
            await page.GotoAsync("/");
            await page.ChooseLanguageAsync(lang);

            await page.ClickAsync("#nav a[href='/Departments']");
            (await page.Locator("#departments tbody tr").CountAsync()).ShouldBeGreaterThan(8);
            await page.SaveAsync($"departments-{lang}");
            await page.FillAsync("input[name='q']", "省质监局");
            await page.ClickAsync("form[method='get'] button");
            (await page.Locator("#departments tbody tr").AllTextContentsAsync()).ShouldHaveSingleItem().ShouldContain("省市场监管局");

            await page.ClickAsync("#new-department");
            await page.SubmitAsync("#save-department");
            (await page.InnerTextAsync("#department-form"))!.ShouldContain(required);
            await page.SaveAsync($"department-form-errors-{lang}");

            await page.FillAsync("#Form_Name", name);
            await page.FillAsync("#Form_Aliases", name + "筹备组");
            await page.ClickAsync("#save-department");
            await page.WaitForSelectorAsync("#audit-history");
            (await page.TextContentAsync("h1"))!.ShouldBe(name);
            await page.SaveAsync($"department-detail-{lang}");
        }
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
