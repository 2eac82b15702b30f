using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>The supervision journeys in a real browser: plan a batch, commit, draw, and check the draw on the public page.</summary>
public sealed class SupervisionJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_official_plans_a_batch_commits_and_draws_and_the_public_checks_the_draw()
    {
        var page = await browser.SignedInAsync("wuhu");
        await page.GotoAsync("/Supervision/Plans");
        await page.FillAsync("#Name", "芜湖市 2026 年家用电器双随机抽查计划");
        await page.ClickAsync("#create-plan");
        await page.ClickAsync("#add-batch");

        // A first try without an item or a rate is refused field by field.
        await page.FillAsync("#Form_Name", "第一批 家用电器");
        await page.FillAsync("#Form_Ratio", "");
        await page.ClickAsync("#save-batch");
        var errors = string.Join(" ", await page.Locator("#batch-form .text-danger").AllTextContentsAsync());
        errors.ShouldContain("请至少选择一个抽查事项");
        errors.ShouldContain("请填写抽取比例");

        await page.CheckAsync("#item-CJ-02");
        await page.SelectOptionAsync("#Form_ByRegion", "County");
        await page.CheckAsync("#Form_ByCreditClass");
        foreach (var (c, v) in new[] { ("A", "5"), ("B", "10"), ("C", "30"), ("D", "60") })
            await page.FillAsync($"input[name='Form.ClassRatios[{c}]']", v);
        await page.ClickAsync("#save-batch");
        await page.WaitForSelectorAsync("#commit-draw");
        await page.SaveAsync("supervision-batch");

        page.Dialog += (_, d) => d.AcceptAsync();
        await page.ClickAsync("#commit-draw");
        await page.WaitForSelectorAsync("#run-draw");
        (await page.TextContentAsync("#draw-published"))!.ShouldContain("抽取时公布");
        var commitment = (await page.TextContentAsync("#commitment"))!.Trim();
        commitment.Length.ShouldBe(64);
        await page.SaveAsync("supervision-draw-committed");

        await page.ClickAsync("#run-draw");
        await page.WaitForSelectorAsync("#draw-targets");
        (await page.Locator("#draw-targets tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        (await page.TextContentAsync("#seed"))!.Trim().Length.ShouldBe(64);
        await page.SaveAsync("supervision-draw-drawn");
        var drawUrl = page.Url;

        // Anyone, signed in or not, checks the draw from its published files.
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync(drawUrl.Replace("/Supervision/Draws/", "/Public/Draws/"));
        (await visitor.TextContentAsync("#commitment"))!.Trim().ShouldBe(commitment);
        await visitor.ClickAsync("#verify-draw");
        (await visitor.TextContentAsync("#verification"))!.ShouldContain("复核一致");
        await visitor.SaveAsync("public-draw-verified");
        page.ConsoleErrors().Concat(visitor.ConsoleErrors()).ShouldBeEmpty();
        await page.Context.CloseAsync();
        await visitor.Context.CloseAsync();
    }

    [Fact]
    public async Task The_item_list_and_the_recusals_page_are_there_for_officials()
    {
        var page = await browser.SignedInAsync("province");
        await page.GotoAsync("/Supervision/Items");
        (await page.Locator("#items tbody tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(6);
        await page.SaveAsync("supervision-items");
        await page.GotoAsync("/Supervision/Recusals");
        await page.FillAsync("#Code", Qualis.Features.Registry.RegistryDemoData.DemoEnterpriseCode);
        await page.FillAsync("#Unit", "瑶海区市场监督管理局");
        await page.FillAsync("#Reason", "该局曾为企业办理生产许可证");
        await page.ClickAsync("#add-recusal");
        (await page.TextContentAsync("#recusals"))!.ShouldContain("瑶海区市场监督管理局");
        await page.SaveAsync("supervision-recusals");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
