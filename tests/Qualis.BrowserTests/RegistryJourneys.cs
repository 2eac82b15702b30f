using System.Text;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;

namespace Qualis.BrowserTests;

/// <summary>The registry's main journeys in a real browser: import with problems, fix, import, find; lists and directories.</summary>
public sealed class RegistryJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static string Code(int n) => CreditCode.Compute("91340104" + n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task An_official_imports_a_file_with_errors_fixes_it_imports_it_and_finds_the_enterprise()
    {
        var page = await browser.SignedInAsync("hefei");
        var good = Code(88_000_001);
        var wrong = good[..17] + (good[17] == 'A' ? 'B' : 'A');
        const string header = "统一社会信用代码,企业名称,行政区划代码,行业代码,从业人员,营业收入(万元),成立日期\n";

        await page.ClickAsync("#nav a[href='/Registry/Import']");
        await page.SelectOptionAsync("#Kind", "enterprises");
        await page.SetInputFilesAsync("#File", new FilePayload
        {
            Name = "蜀山企业名录.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(header + $"{wrong},合肥蜀山光缆科技有限公司,340104,38,85,4200,2016年3月8日\n{Code(88_000_002)},合肥蜀山精密机械有限公司,349999,34,40,1500,2018-07-01\n"),
        });
        await page.ClickAsync("#upload");
        await page.WaitForSelectorAsync("#problems", new() { Timeout = 60_000 });
        var problems = await page.Locator("#problems tbody tr").AllTextContentsAsync();
        problems.Count.ShouldBe(2);
        problems[0].ShouldContain("统一社会信用代码");
        problems[0].ShouldContain("第 18 位应为");
        problems[1].ShouldContain("349999");
        (await page.Locator("#commit").CountAsync()).ShouldBe(0);
        await page.SaveAsync("import-problems");

        // The official corrects the two cells and imports again.
        await page.GotoAsync("/Registry/Import");
        await page.SelectOptionAsync("#Kind", "enterprises");
        await page.SetInputFilesAsync("#File", new FilePayload
        {
            Name = "蜀山企业名录-修改.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(header + $"{good},合肥蜀山光缆科技有限公司,340104,38,85,4200,2016年3月8日\n{Code(88_000_002)},合肥蜀山精密机械有限公司,340104,34,40,1500,2018-07-01\n"),
        });
        await page.ClickAsync("#upload");
        await page.WaitForSelectorAsync("#ready", new() { Timeout = 60_000 });
        (await page.TextContentAsync("#ready"))!.ShouldContain("新增 2 条");
        await page.SaveAsync("import-ready");
        await page.ClickAsync("#commit");
        await page.WaitForSelectorAsync("#committed", new() { Timeout = 60_000 });
        await page.SaveAsync("import-committed");

        // And finds it by a fragment of its name.
        await page.ClickAsync("#nav a[href='/Registry/Enterprises']");
        await page.FillAsync("#enterprise-filter input[name=name]", "光缆");
        await page.ClickAsync("#enterprise-filter button");
        await page.WaitForSelectorAsync($"#enterprises a[href='/Registry/Enterprises/{good}']");
        await page.SaveAsync("enterprises-search");
        await page.ClickAsync($"#enterprises a[href='/Registry/Enterprises/{good}']");
        await page.WaitForSelectorAsync("#audit-history");
        var detail = await page.TextContentAsync("main");
        detail!.ShouldContain("合肥蜀山光缆科技有限公司");
        detail!.ShouldContain("2016");
        (await page.Locator("#audit-history tbody tr").CountAsync()).ShouldBe(1);
        await page.SaveAsync("enterprise-detail");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_directories_and_the_enterprise_list_show_the_demo_province()
    {
        var page = await browser.SignedInAsync("province");
        await page.GotoAsync("/Registry/Enterprises");
        (await page.Locator("#enterprises tbody tr").CountAsync()).ShouldBeGreaterThan(10);
        await page.SaveAsync("enterprises");
        foreach (var kind in new[] { "parks", "inspectors", "testing-agencies", "product-categories", "industries" })
        {
            await page.GotoAsync($"/Registry/Directories/{kind}");
            (await page.Locator("table tbody tr").CountAsync()).ShouldBeGreaterThan(3, kind);
            await page.SaveAsync("directory-" + kind);
        }
        await page.GotoAsync($"/Registry/Enterprises/{Qualis.Features.Registry.RegistryDemoData.DemoEnterpriseCode}");
        await page.SaveAsync("enterprise-demo");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_enterprise_user_sees_its_own_enterprise_only()
    {
        var page = await browser.SignedInAsync("enterprise");
        var own = await page.GotoAsync($"/Registry/Enterprises/{Qualis.Features.Registry.RegistryDemoData.DemoEnterpriseCode}");
        own!.Status.ShouldBe(200);
        (await page.TextContentAsync("h1"))!.ShouldContain("合肥示范电缆有限公司");
        await page.SaveAsync("enterprise-user-own");
        var other = await page.GotoAsync("/Registry/Enterprises");
        other!.Url.ShouldContain("AccessDenied");
        await page.Context.CloseAsync();
    }
}
