using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>
/// The supervision journeys in a real browser: plan a batch, commit, draw, check the draw on the public page, then take a
/// drawn firm's spot check through sampling, the agency's result, the firm's objection and re-test to publication.
/// </summary>
public sealed partial class SupervisionJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task From_plan_to_draw_to_published_result_with_an_objection_and_the_public_sees_it()
    {
        var page = await browser.SignedInAsync("wuhu");
        await page.GotoAsync("/Supervision/Plans");
        await page.FillAsync("#Name", "芜湖市 2026 年家用电器双随机抽查计划");
        await page.ClickAsync("#create-plan");
        await page.ClickAsync("#add-batch");

        // A first try without an item or a rate is refused field by field.
        await page.FillAsync("#Form_Name", "第一批 家用电器");
        await page.FillAsync("#Form_Ratio", "");
        await page.SubmitAsync("#save-batch");
        var errors = string.Join(" ", await page.Locator("#batch-form .text-danger").AllTextContentsAsync());
        errors.ShouldContain("请至少选择一个抽查事项");
        errors.ShouldContain("请填写抽取比例");

        await page.CheckAsync("#item-CJ-02");
        // Picking the item fills the scope with its own: 家用电器 JD03, made by producers (C 制造业), not every Wuhu firm.
        (await SelectedAsync(page, "#Form_ProductCategories")).ShouldBe(["JD03"]);
        (await SelectedAsync(page, "#Form_Industries")).ShouldBe(["C"]);
        await page.SelectOptionAsync("#Form_ByRegion", "County");
        await page.CheckAsync("#Form_ByCreditClass");
        foreach (var (c, v) in new[] { ("A", "5"), ("B", "10"), ("C", "30"), ("D", "60") })
            await page.FillAsync($"input[name='Form.ClassRatios[{c}]']", v);
        await page.ClickAsync("#save-batch");
        // CJ-02 is an ordinary item: its ratios are capped at 20%, which the form says instead of the draw capping them silently.
        string.Join(" ", await page.Locator("#batch-form .text-danger").AllTextContentsAsync()).ShouldContain("抽取比例不得超过 20%");
        foreach (var (c, v) in new[] { ("C", "20"), ("D", "20") })
            await page.FillAsync($"input[name='Form.ClassRatios[{c}]']", v);
        await page.ClickAsync("#save-batch");
        await page.WaitForSelectorAsync("#commit-draw");
        await page.SaveAsync("supervision-batch");

        // Before the irreversible commit the page previews what it will freeze: the eligible firms per stratum by name, targets, the cap.
        var preview = (await page.TextContentAsync("#draw-preview"))!;
        preview.ShouldContain("抽取预览");
        preview.ShouldContain("JD03");
        var strata = await page.Locator("#preview-strata tbody tr td:first-child").AllTextContentsAsync();
        strata.ShouldNotBeEmpty();
        strata.ShouldAllBe(n => !n.Contains('|') && n.Contains("类"));
        (await page.Locator("#draw-preview").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "supervision-batch-preview.png") })).ShouldNotBeEmpty();

        page.Dialog += (_, d) => d.AcceptAsync();
        await page.ClickAsync("#commit-draw");
        await page.WaitForSelectorAsync("#run-draw");
        (await page.TextContentAsync("#draw-published"))!.ShouldContain("抽取时公布");
        var commitment = (await page.TextContentAsync("#commitment"))!.Trim();
        commitment.Length.ShouldBe(64);
        await page.SaveAsync("supervision-draw-committed");

        // The witness (见证人) the commit named — the demo notary the form proposed — gives a value in their own account;
        // until then the draw refuses, naming who is awaited.
        var drawId = page.Url.Split('/')[^1];
        await page.ClickAsync("#run-draw");
        (await page.TextContentAsync("#draw-problems"))!.ShouldContain("以下见证人尚未提交随机值：赵宁 (公证员)");
        (await page.TextContentAsync("#draw-witnesses"))!.ShouldContain("等待提交");
        (await page.TextContentAsync("#draw-witnesses .witness-countdown"))!.ShouldContain("距截止还有");
        // The witness's desk (我的待办) lists the draw awaiting their value, with its deadline, and leads to their page.
        var witness = await browser.SignedInAsync("witness");
        await witness.GotoAsync("/");
        var todo = witness.Locator("#todo-list li[data-kind='todo.draw.witness_value']").Filter(new() { HasText = "第一批 家用电器" }).First;
        (await todo.TextContentAsync())!.ShouldContain("前办结");
        await witness.SaveAsync("supervision-witness-desk");
        await todo.Locator("a").ClickAsync();
        await witness.WaitForURLAsync("**/Supervision/Witness");
        var row = witness.Locator($"tr.witness-draw[data-draw='{drawId}']");
        await row.Locator("input.witness-value").FillAsync("4 2 6 6 1 3");
        witness.Dialog += (_, d) => d.AcceptAsync();
        await row.Locator("button.witness-give").ClickAsync();
        await witness.WaitForSelectorAsync($"tr.witness-draw[data-draw='{drawId}'] code.witness-given");
        (await row.Locator("code.witness-given").TextContentAsync())!.ShouldBe("4 2 6 6 1 3");
        await witness.SaveAsync("supervision-witness-given");

        await page.GotoAsync("/Supervision/Draws/" + drawId);
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
        var witnesses = (await visitor.TextContentAsync("#draw-witnesses"))!;
        witnesses.ShouldContain("赵宁 (公证员)");
        witnesses.ShouldContain("4 2 6 6 1 3");
        await visitor.ClickAsync("#verify-draw");
        (await visitor.TextContentAsync("#verification"))!.ShouldContain("复核一致");
        await visitor.SaveAsync("public-draw-verified");

        // The first drawn firm's spot check. The organising office replaces a member of the drawn team first (with a reason,
        // among the inspectors the 回避 rules leave), then records the sampling for the team, naming the team.
        var code = (await page.Locator("#draw-targets tbody tr").First.Locator("td:nth-child(3) code").TextContentAsync())!.Trim();
        await page.ClickAsync("#draw-targets tbody tr a.target-check");
        var checkUrl = page.Url;
        var firm = (await page.TextContentAsync("#check-title"))!.Trim();
        var replaced = (await page.Locator("#team-members li").Nth(1).InnerTextAsync()).Split(' ')[0].Trim();
        await page.SubmitAsync("#substitute-submit");
        (await page.TextContentAsync("#substitute-form"))!.ShouldContain("请填写此项");
        await page.SelectOptionAsync("#Substitution_Out", new SelectOptionValue { Index = 2 });
        var substitute = await page.Locator("#Substitution_In option:not([disabled]):not([value=''])").First.GetAttributeAsync("value");
        await page.SelectOptionAsync("#Substitution_In", substitute!);
        await page.FillAsync("#Substitution_Reason", "原检查组成员借调外地，无法按期参加抽样");
        await page.ClickAsync("#substitute-submit");
        await page.WaitForSelectorAsync("#substitutions");
        (await page.TextContentAsync("#substitutions"))!.ShouldContain("原检查组成员借调外地");
        (await page.TextContentAsync("#team-members"))!.ShouldNotContain(replaced);
        await page.SaveAsync("check-team-substituted");
        var team = await page.InputValueAsync("#Sampling_Samplers");
        team.Split('、').Length.ShouldBe(2);
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.FillAsync("#Sampling_ProductName", "电冰箱");
        await page.FillAsync("#Sampling_Model", "BCD-215WTPZM");
        await page.FillAsync("#Sampling_BatchNumber", "20261101");
        await page.FillAsync("#Sampling_SampledOn", today);
        await page.FillAsync("#Sampling_Place", "企业成品仓库");
        await page.FillAsync("#Sampling_Samplers", team.Split('、')[0]);
        var agency = await page.Locator("#Sampling_AgencyId option", new() { HasTextString = Agency }).First.GetAttributeAsync("value");
        await page.SelectOptionAsync("#Sampling_AgencyId", agency!);
        await page.SubmitAsync("#save-sampling");
        (await page.TextContentAsync("#sampling-form"))!.ShouldContain("抽样人员至少 2 名");
        await page.FillAsync("#Sampling_Samplers", team);
        await page.SetInputFilesAsync("#Files", new FilePayload { Name = "样品照片.png", MimeType = "image/png", Buffer = Png });
        await page.ClickAsync("#save-sampling");
        await page.WaitForSelectorAsync("#sampling-record");
        (await page.TextContentAsync("#attachments"))!.ShouldContain("样品照片.png");
        (await page.TextContentAsync("#samplers"))!.ShouldContain("执法证号");
        await page.SaveAsync("check-sampled");

        // The testing agency the sample went to enters a failing result.
        var lab = await browser.SignedInAsync("agency");
        await lab.GotoAsync(checkUrl);
        await EnterFailureAsync(lab, "ResultEntry", "result-form", today, "8.2");
        await lab.WaitForSelectorAsync("#result-record");
        (await lab.TextContentAsync("#test-report"))!.ShouldContain("检验报告.pdf");
        (await lab.TextContentAsync("#result-by"))!.ShouldContain(Agency);
        await lab.SaveAsync("check-result-entered");

        // The official records the notice; the firm objects within 15 days; the official grants a re-test.
        await page.GotoAsync(checkUrl);
        await page.FillAsync("#Notification_ReceivedOn", today);
        await page.ClickAsync("#notify-submit");
        await page.WaitForSelectorAsync("#objection-deadline");
        var firmUser = await CreateEnterpriseUserAsync(code);
        await firmUser.GotoAsync(checkUrl);
        await firmUser.FillAsync("#Objection_Reason", "对能效等级的检验结果有异议，申请使用备用样品复检。");
        await firmUser.ClickAsync("#object-submit");
        await firmUser.WaitForSelectorAsync("#objection-text");
        await page.GotoAsync(checkUrl);
        await page.CheckAsync("#Decision_RetestGranted");
        await page.FillAsync("#Decision_Reason", "异议理由成立，同意使用备用样品复检。");
        await page.ClickAsync("#decide-submit");
        await lab.GotoAsync(checkUrl);
        await EnterFailureAsync(lab, "Retest", "retest-form", today, "8.1");
        await lab.WaitForSelectorAsync("#retest-result");

        // The failure is final: stop-sale and rectification; the official publishes it and the public finds it.
        await page.GotoAsync(checkUrl);
        (await page.TextContentAsync("#disposal"))!.ShouldContain("停止销售");
        await page.ClickAsync("#publish-submit");
        await page.WaitForSelectorAsync("#published-at");
        await page.SaveAsync("check-published");
        await visitor.GotoAsync("/Public/Results");
        await visitor.FillAsync("#enterprise", code);
        await visitor.ClickAsync("#results-search button");
        (await visitor.TextContentAsync("#published-results"))!.ShouldContain(firm.Length > 6 ? firm[..6] : firm);
        (await visitor.TextContentAsync("#published-results"))!.ShouldContain("不合格");
        await visitor.SaveAsync("public-result-found");

        page.ConsoleErrors().Concat(visitor.ConsoleErrors()).Concat(lab.ConsoleErrors()).Concat(firmUser.ConsoleErrors()).ShouldBeEmpty();
        foreach (var tab in new[] { page, visitor, lab, firmUser }) await tab.Context.CloseAsync();
    }

    [Fact]
    public async Task Picking_items_fills_the_batch_scope_and_a_scope_of_ones_own_stays_and_is_shown_as_a_change()
    {
        var page = await browser.SignedInAsync("hefei");
        await page.GotoAsync("/Supervision/Plans");
        await page.ClickAsync("table a[href^='/Supervision/Plans/']");
        await page.ClickAsync("#add-batch");
        // The form's script (batch.js, at the end of the page) listens to the items once loaded: a tick before that, on a
        // loaded machine, filled nothing.
        await page.WaitForURLAsync(url => url.Contains("/Supervision/Plans/Batch", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Load });
        await page.CheckAsync("#item-CJ-01");
        (await SelectedAsync(page, "#Form_ProductCategories")).ShouldBe(["DX01"]);
        (await SelectedAsync(page, "#Form_Industries")).ShouldBe(["C"]);
        await page.CheckAsync("#item-CJ-03");
        (await SelectedAsync(page, "#Form_ProductCategories")).ShouldBe(["DX01", "ET01"]);

        // The official narrows the industries to 38: a further item no longer overwrites the choice.
        await page.SelectOptionAsync("#Form_Industries", "38");
        await page.UncheckAsync("#item-CJ-03");
        (await SelectedAsync(page, "#Form_Industries")).ShouldBe(["38"]);
        (await SelectedAsync(page, "#Form_ProductCategories")).ShouldBe(["DX01", "ET01"]);
        await page.SelectOptionAsync("#Form_ProductCategories", "DX01");
        await page.FillAsync("#Form_Name", "范围自选批次");
        await page.SubmitAsync("#save-batch");
        var change = (await page.TextContentAsync("#scope-change"))!;
        change.ShouldContain("增加 38 电气机械和器材制造业");
        change.ShouldContain("去掉 C 制造业");
        // Hefei's two cable makers were drawn for CJ-01 by the demo batch this year: the preview says so before any commit.
        (await page.TextContentAsync("#draw-preview"))!.ShouldContain("没有符合条件的企业");
        (await page.TextContentAsync("#preview-exclusions"))!.ShouldContain("近期已被同一事项抽中排除");
        await page.SaveAsync("supervision-batch-scope-change");
        page.ConsoleErrors().ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    private static async Task<string[]> SelectedAsync(IPage page, string select) =>
        await page.EvalOnSelectorAsync<string[]>(select, "s => Array.from(s.selectedOptions).map(o => o.value)");

    [Fact]
    public async Task Every_supervision_page_reads_in_Chinese_and_in_English()
    {
        var page = await browser.SignedInAsync("hefei");
        var visitor = await browser.NewPageAsync();
        var check = await browser.App.WithDb(db => db.Set<Qualis.Features.Supervision.SpotChecks.SpotCheck>()
            .Where(c => c.Status == Qualis.Features.Supervision.SpotChecks.SpotCheckStatus.Published).OrderBy(c => c.CreditCode).Select(c => c.Id).FirstAsync());
        string[] pages = ["/Supervision", "/Supervision/Items", "/Supervision/Plans", "/Supervision/Checks", $"/Supervision/Checks/{check}",
            "/Supervision/PassRates", "/Supervision/Recusals"];
        string[] publicPages = ["/Public/Draws", "/Public/Results"];
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            await page.GotoAsync("/");
            await page.ChooseLanguageAsync(lang);
            foreach (var (tab, url) in pages.Select(u => (page, u)).Concat(publicPages.Select(u => (visitor, u))))
            {
                if (tab == visitor) await visitor.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={lang}|uic={lang}", Url = browser.App.BaseAddress.ToString() }]);
                (await tab.GotoAsync(url))!.Status.ShouldBe(200, url);
                var text = await tab.InnerTextAsync("main");
                RawKey().Match(text).Value.ShouldBeEmpty($"{url} in {lang} shows a text key instead of its text");
                if (lang == "en") RegexCjkHeading(await tab.InnerTextAsync("h1")).ShouldBeFalse($"{url}: the heading is still Chinese");
                await tab.SaveAsync($"lang-{lang}{url.Replace('/', '-')}".Replace(check.ToString(), "check"));
            }
        }
        await page.ChooseLanguageAsync("zh-CN");
        page.ConsoleErrors().Concat(visitor.ConsoleErrors()).ShouldBeEmpty();
        await page.Context.CloseAsync();
        await visitor.Context.CloseAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(check|stats|dashboard|draw|batch|plan|items|item|publicresults|public|supervision|recusal|recusals|nav|list)\.[a-z_]+(\.[a-z_]+)*\b")]
    private static partial System.Text.RegularExpressions.Regex RawKey();

    private static bool RegexCjkHeading(string heading) => heading.Any(ch => ch is >= '\u4e00' and <= '\u9fff') && !heading.Any(char.IsAsciiLetter);

    private const string Agency = "安徽省产品质量监督检验研究院";

    /// <summary>A 1×1 PNG: the store keeps only files whose first bytes say JPEG, PNG or PDF.</summary>
    /// <summary>A minimal PDF (its first bytes say PDF), as a laboratory's report.</summary>
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static async Task EnterFailureAsync(IPage lab, string prefix, string form, string today, string measured)
    {
        await lab.CheckAsync($"#{prefix}_Outcome_Fail");
        await lab.FillAsync($"#{prefix}_On", today);
        await lab.FillAsync($"input[name='{prefix}.Failures[0].Item']", "能效等级");
        await lab.FillAsync($"input[name='{prefix}.Failures[0].Clause']", "GB 12021.2-2015 第 4.2 条");
        await lab.FillAsync($"input[name='{prefix}.Failures[0].Required']", "耗电量 ≤ 0.60 kWh/24h");
        await lab.FillAsync($"input[name='{prefix}.Failures[0].Measured']", measured == "8.2" ? "0.82 kWh/24h" : "0.81 kWh/24h");
        // The test report goes with the result: a PDF, checked by its content.
        await lab.SetInputFilesAsync($"#{form}-report", new FilePayload { Name = "检验报告.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await lab.ClickAsync($"#{form}-submit");
    }

    /// <summary>The administrator opens an account for the drawn firm, as a firm asks for one; the firm signs in with it.</summary>
    private async Task<IPage> CreateEnterpriseUserAsync(string creditCode)
    {
        var admin = await browser.SignedInAsync("admin");
        await admin.GotoAsync("/Admin/Users/Create");
        await admin.FillAsync("#UserName", "qiye.journey");
        await admin.FillAsync("#Password", "Qiye#Journey2026");
        await admin.FillAsync("#Form_DisplayName", "企业质量负责人");
        await admin.SelectOptionAsync("#Form_Role", Qualis.Platform.Accounts.Roles.EnterpriseUser);
        await admin.SelectOptionAsync("#Form_RegionCode", "340200");
        await admin.FillAsync("#Form_EnterpriseCode", creditCode);
        await admin.ClickAsync("#save-user");
        await admin.WaitForSelectorAsync("#audit-history");
        await admin.Context.CloseAsync();
        return await browser.SignedInAsync("qiye.journey", "Qiye#Journey2026");
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
