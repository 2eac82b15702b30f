using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;
using Qualis.Features.Registry.Enterprises;

namespace Qualis.BrowserTests;

/// <summary>
/// The recognition register in a real browser, in Chinese and in English: the list, the empty form refused field by field,
/// a validity ending before it starts refused on its field, a famous brand registered for a Hefei enterprise, its detail
/// with history and the way to its renewal, the list and the enterprise's own page showing it.
/// </summary>
public sealed class RecognitionJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_city_registers_a_famous_brand_and_sees_it_in_the_list_and_on_the_enterprise_page()
    {
        var firms = await browser.App.WithDb(db => db.Set<Enterprise>().Where(e => e.RegionCode == "340102").OrderBy(e => e.CreditCode).Take(2).ToListAsync());
        var page = await browser.SignedInAsync("hefei");
        var i = 0;
        foreach (var (lang, required, validity) in new[] { ("zh-CN", "请选择认定项目", "不能早于有效期起"), ("en", "Choose the programme", "cannot end") })
        {
            var firm = firms[i++];
            await page.GotoAsync("/");
            await page.ChooseLanguageAsync(lang);
            // In the top bar's 质量提升 drop-down.
            (await page.Locator("#nav a[href='/Recognition']").CountAsync()).ShouldBe(1);
            await page.GotoAsync("/Recognition");
            (await page.Locator("#recognitions tbody tr").CountAsync()).ShouldBeGreaterThan(5);
            await page.SaveAsync($"recognition-list-{lang}");

            await page.ClickAsync("#new-recognition");
            await page.SaveAsync($"recognition-form-{lang}");
            await page.SubmitAsync("#save-recognition");
            (await page.InnerTextAsync("#recognition-form")).ShouldContain(required);
            await page.SaveAsync($"recognition-form-errors-{lang}");

            await page.SelectOptionAsync("#Form_ProgrammeCode", "brand-famous");
            await page.SelectOptionAsync("#Form_Level", "City");
            await page.FillAsync("#Form_Year", "2025");
            await page.SelectOptionAsync("#Form_HolderKind", "Enterprise");
            await page.FillAsync("#Form_CreditCode", firm.CreditCode);
            await page.SelectOptionAsync("#Form_Status", "Granted");
            await page.FillAsync("#Form_GrantedOn", "2025-09-01");
            await page.FillAsync("#Form_DocumentNumber", "合质强〔2025〕21号");
            await page.FillAsync("#Form_Product", "电线电缆");
            await page.FillAsync("#Form_ValidFrom", "2025-09-01");
            await page.FillAsync("#Form_ValidTo", "2025-08-31");
            await page.SubmitAsync("#save-recognition");
            (await page.InnerTextAsync("#recognition-form")).ShouldContain(validity);

            await page.FillAsync("#Form_ValidTo", "2028-08-31");
            await page.ClickAsync("#save-recognition");
            await page.WaitForSelectorAsync("#audit-history");
            (await page.TextContentAsync("h1"))!.Trim().ShouldBe(firm.Name);
            (await page.InnerTextAsync("#recognition-basics")).ShouldContain("合质强〔2025〕21号");
            await page.SaveAsync($"recognition-detail-{lang}");
            // Its renewal (延续申请) starts from its page, the earlier title named on the form.
            await page.ClickAsync("#apply-renewal");
            (await page.Locator("#renewal-of").CountAsync()).ShouldBe(1);
            (await page.InputValueAsync("#Form_Product")).ShouldBe("电线电缆");

            await page.GotoAsync("/Recognition?programme=brand-famous&year=2025");
            (await page.InnerTextAsync("#recognitions")).ShouldContain(firm.Name);
            await page.GotoAsync("/Registry/Enterprises/" + firm.CreditCode);
            (await page.InnerTextAsync("#enterprise-recognitions")).ShouldContain("2028-08-31");
            await page.SaveAsync($"recognition-enterprise-{lang}");
        }
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
