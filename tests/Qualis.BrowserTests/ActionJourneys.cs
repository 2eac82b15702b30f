using System.Globalization;
using Microsoft.Playwright;
using Qualis.BrowserTests.Support;

namespace Qualis.BrowserTests;

/// <summary>
/// The quality-improvement action from end to end, through the pages only (issue 14's journey): the province drafts this
/// year's plan with measures led by departments and a target of every kind (Anhui's quotas: at least 1 key park and 50
/// key enterprises per city, 20% more demonstrations than last year, 3,000 metrology standards split among the cities, a
/// rate kept at 100%, the work summary by a day), splits the total and issues it; Hefei acknowledges it, enrols a key
/// park and two key enterprises of its own area and reports its figures with evidence; 省住房城乡建设厅 reports its
/// progress with a file; the province approves Hefei's figures; the scoreboard shows Hefei 达标 on every target; and
/// Hefei's assessment explanation adds up to its score.
/// </summary>
public sealed class ActionJourneys(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static readonly int Year = Today.Year;
    private static readonly string Title = $"安徽省{Year}年质量提升行动补充实施方案";
    private static readonly string YearEnd = $"{Year}-12-31";

    [Fact]
    public async Task The_province_issues_a_plan_with_every_kind_of_target_and_Hefei_turns_green()
    {
        // 1. The province drafts the plan.
        var province = await browser.SignedInAsync("province");
        var planUrl = await DraftPlanAsync(province, Year, Title, $"皖质提办〔{Year}〕2号");

        // 2. Measures in the notice's numbering, each with its lead department, and a target of every kind.
        var five = await AddMeasureAsync(province, planUrl, "一、", "持续推进“五大示范”行动，各地新增示范单位数不低于上年20%。", "省市场监管局");
        var four = await AddMeasureAsync(province, planUrl, "二、", "大力推进“四重”行动。每个市抓好至少1个重点产业园区、50个重点企业的质量提升。", "省经济和信息化厅");
        var works = await AddMeasureAsync(province, planUrl, "三、", "提升工程质量，大中型工程一次验收合格率保持100%。", "省住房城乡建设厅");
        var basis = await AddMeasureAsync(province, planUrl, "四、", "夯实质量基础，社会公用计量标准年底前全省累计达到3000项。", "省市场监管局");
        var duty = await AddMeasureAsync(province, planUrl, "五、", "各市于12月31日前将年度工作总结报送省质量发展委员会办公室。", "省市场监管局");

        await AddTargetAsync(province, planUrl, five, "新增“五大示范”单位数比上年增长", "Growth", "20", source: "Reported", baselineYear: Year - 1);
        await AddTargetAsync(province, planUrl, four, "重点产业园区", "Minimum", "1", indicator: "keyobjects.parks");
        await AddTargetAsync(province, planUrl, four, "重点企业", "Minimum", "50", indicator: "keyobjects.enterprises");
        await AddTargetAsync(province, planUrl, works, "大中型工程一次验收合格率", "Rate", "100", source: "Reported");
        var total = await AddTargetAsync(province, planUrl, basis, "社会公用计量标准（项）", "Total", "3000", source: "Reported", perCity: false, due: YearEnd);
        await AddTargetAsync(province, planUrl, duty, "年度工作总结", "Deadline", null, source: "Reported", due: YearEnd);
        (await province.Locator("#measures .target").CountAsync()).ShouldBe(6);

        // The total split among the cities (指标分解): Hefei 420, each other city 172, 3,000 together.
        await province.ClickAsync($"#target-{total} a[href='/Plans/Shares/{total}']");
        var quotas = province.Locator("#shares input[id^='quota-']");
        (await quotas.CountAsync()).ShouldBe(16);
        for (var i = 0; i < 16; i++)
        {
            var input = quotas.Nth(i);
            await input.FillAsync(await input.GetAttributeAsync("id") == "quota-340100" ? "420" : "172");
        }
        await province.ClickAsync("#save-shares");
        await province.WaitForSelectorAsync("text=已保存");
        (await province.InputValueAsync("#quota-340100")).ShouldBe("420");
        await province.GotoAsync(planUrl);
        await province.SaveAsync("action-plan-draft");

        // 3. Issued (下发).
        await province.ClickAsync("#issue-plan");
        await province.WaitForSelectorAsync("#plan-status:has-text('已下发')");
        (await province.InnerTextAsync("#acknowledgements")).ShouldContain("合肥市");

        // Before Hefei acts: its key objects of the demo already count, its reported figures do not yet.
        var before = await HefeiCellsAsync(province);
        before["重点产业园区"].Status.ShouldBe("Met");
        before["年度工作总结"].Status.ShouldNotBe("Met");
        before["大中型工程一次验收合格率"].Status.ShouldNotBe("Met");

        // 4. Hefei acknowledges (签收), enrols a key park and two key enterprises of its own area, reports its figures.
        var hefei = await browser.SignedInAsync("hefei");
        await hefei.GotoAsync("/Plans");
        await hefei.ClickAsync($"#plans a:has-text('{Title}')");
        await hefei.ClickAsync("#acknowledge-plan");
        await hefei.WaitForSelectorAsync("#acknowledgements");
        (await hefei.InnerTextAsync("#acknowledgements")).ShouldContain("hefei");

        await hefei.GotoAsync($"/KeyObjects/Enrol?kind=Park&year={Year}");
        await hefei.SelectOptionAsync("#Form_ParkId", new SelectOptionValue { Label = "合肥经济技术开发区（合肥市，国家级）" });
        await hefei.FillAsync("#Form_Reason", "国家级经开区，汽车及零部件产业集聚。");
        await hefei.FillAsync("#Form_Goal", "园区内规上企业全部建立首席质量官制度。");
        await hefei.ClickAsync("#save-enrolment");
        await hefei.WaitForSelectorAsync("#audit-history");
        foreach (var fragment in new[] { "示范电缆", "公司" })
        {
            await hefei.GotoAsync($"/KeyObjects/Enrol?kind=Enterprise&year={Year}");
            await hefei.FillAsync("input[name='find']", fragment);
            await hefei.ClickAsync("#enterprise-search button");
            await hefei.Locator("#enterprise-matches a.choose-enterprise").Last.ClickAsync();
            await hefei.FillAsync("#Form_Reason", "行业龙头，带动配套企业多。");
            await hefei.FillAsync("#Form_Goal", "产品监督抽查合格率保持100%。");
            await hefei.ClickAsync("#save-enrolment");
            await hefei.WaitForSelectorAsync("#audit-history");
        }

        await ReportAsync(hefei, planUrl, "新增“五大示范”单位数比上年增长", "12", baseline: "10");
        await ReportAsync(hefei, planUrl, "大中型工程一次验收合格率", "100");
        await ReportAsync(hefei, planUrl, "社会公用计量标准（项）", "436");
        await ReportAsync(hefei, planUrl, "年度工作总结", null, delivered: Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await hefei.SaveAsync("action-city-report");
        hefei.ConsoleErrors().ShouldBeEmpty();

        // 5. The lead department of the works measure reports its progress with an evidence file.
        var department = await browser.SignedInAsync("jianshe");
        await department.GotoAsync("/Plans/Progress");
        await department.ClickAsync("#my-measures tr:has-text('大中型工程一次验收合格率保持100%') a.btn");
        await department.FillAsync("#Form_Progress", "开展大中型工程质量专项检查，一次验收合格率100%，检查在建项目88个。");
        await department.SetInputFilesAsync("#Files", new FilePayload { Name = "工程质量专项检查.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 works"u8.ToArray() });
        await department.ClickAsync("#send-progress");
        await department.WaitForSelectorAsync("#progress-status");
        (await department.InnerTextAsync("#progress-evidence")).ShouldContain("工程质量专项检查.pdf");
        await department.SaveAsync("action-department-progress");
        department.ConsoleErrors().ShouldBeEmpty();
        await department.Context.CloseAsync();

        // 6. The province approves Hefei's four figures and sees the department's report in the matrix.
        for (var i = 0; i < 4; i++)
        {
            await province.GotoAsync(planUrl);
            await province.ClickAsync("#pending-reports a:has-text('合肥市')");
            await province.ClickAsync("#approve-report");
            await province.WaitForLoadStateAsync(LoadState.Load);
        }
        await province.GotoAsync(planUrl);
        (await province.Locator("#pending-reports a:has-text('合肥市')").CountAsync()).ShouldBe(0);
        await province.ClickAsync("#matrix-link");
        (await province.Locator("#progress-matrix td[data-cell='Reported']").CountAsync()).ShouldBe(1);

        // 7. The scoreboard: Hefei 达标 on every target, the key objects counted with the new enrolments.
        var after = await HefeiCellsAsync(province);
        after.Count.ShouldBe(6);
        foreach (var (name, cell) in after) cell.Status.ShouldBe("Met", name);
        after["重点产业园区"].Value.ShouldBe(before["重点产业园区"].Value + 1);
        after["重点企业"].Value.ShouldBeGreaterThan(before["重点企业"].Value);
        await province.SaveAsync("action-scoreboard");
        province.ConsoleErrors().ShouldBeEmpty();
        await province.Context.CloseAsync();

        // Hefei reads the same on its own row and on its one-city page.
        await hefei.GotoAsync($"/Plans/Scoreboard?year={Year}");
        (await hefei.Locator("#scoreboard tbody tr[data-city='340100'] td[data-status='Met']").CountAsync()).ShouldBe(6);
        await hefei.ClickAsync("#scoreboard tbody tr[data-city='340100'] a.city-trend");
        await hefei.WaitForSelectorAsync("#city-trend-chart canvas");
        (await hefei.Locator("#city-trend tbody tr td:last-child[data-status='Met']").CountAsync()).ShouldBe(6);
        await hefei.SaveAsync("action-city-trend");

        // 8. The assessment explains Hefei's score line by line, and the lines add up to it.
        await hefei.GotoAsync("/Assessment");
        await hefei.ClickAsync("#schemes tbody tr:has-text('2017') a[href^='/Assessment/Cities/']");
        await hefei.ClickAsync("#city-stage a[href*='/Explain/340100']");
        var score = (await hefei.InnerTextAsync("#explained-score strong")).Trim();
        var points = await hefei.Locator("#explanation tbody tr:not(.fw-semibold) td:last-child").AllInnerTextsAsync();
        points.Count.ShouldBeGreaterThan(3);
        points.Sum(p => decimal.Parse(p.Trim(), CultureInfo.InvariantCulture)).ShouldBe(decimal.Parse(score, CultureInfo.InvariantCulture));
        (await hefei.InnerTextAsync("#explained-sum")).Trim().ShouldBe(score);
        await hefei.SaveAsync("action-assessment-explanation");
        hefei.ConsoleErrors().ShouldBeEmpty();
        await hefei.Context.CloseAsync();
    }

    internal sealed record Cell(string Status, decimal Value);

    /// <summary>Hefei's cells on the scoreboard of the year (the plan shown is the latest issued), by target name.</summary>
    internal static async Task<Dictionary<string, Cell>> HefeiCellsAsync(IPage page, int? year = null)
    {
        await page.GotoAsync($"/Plans/Scoreboard?year={year ?? Year}");
        var headers = await page.Locator("#scoreboard thead th[data-target]").AllInnerTextsAsync();
        var cells = page.Locator("#scoreboard tbody tr[data-city='340100'] td[data-target]");
        var result = new Dictionary<string, Cell>();
        for (var i = 0; i < headers.Count; i++)
        {
            var cell = cells.Nth(i);
            var figure = (await cell.InnerTextAsync()).Split('/', '\n')[0].Trim();
            // "二、 重点企业", with the rule (a growth's percent, a deadline's day) on the line under it.
            var title = headers[i].Split('\n')[0];
            var name = title[(title.IndexOf(' ') + 1)..].Trim();
            result[name] = new Cell((await cell.GetAttributeAsync("data-status"))!, decimal.TryParse(figure, CultureInfo.InvariantCulture, out var v) ? v : -1);
        }
        return result;
    }

    /// <summary>Drafts the province's plan of a year over the whole year and returns its page's path.</summary>
    internal static async Task<string> DraftPlanAsync(IPage page, int year, string title, string documentNumber)
    {
        await page.GotoAsync("/Plans");
        await page.ClickAsync("#new-plan");
        await page.FillAsync("#Form_Year", year.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#Form_Title", title);
        await page.FillAsync("#Form_DocumentNumber", documentNumber);
        await page.FillAsync("#Form_IssuingBody", "安徽省质量发展委员会办公室");
        await page.FillAsync("#Form_PeriodStart", $"{year}-01-01");
        await page.FillAsync("#Form_PeriodEnd", $"{year}-12-31");
        await page.ClickAsync("#save-plan");
        await page.WaitForSelectorAsync("#plan-title");
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>Adds a measure on the plan's page and returns its id (read from its edit link).</summary>
    internal static async Task<string> AddMeasureAsync(IPage page, string planUrl, string number, string text, string lead)
    {
        await page.GotoAsync(planUrl);
        await page.ClickAsync("#add-measure");
        await page.FillAsync("#Form_Number", number);
        await page.FillAsync("#Form_Text", text);
        await page.SelectOptionAsync("#Form_Leads", new SelectOptionValue { Label = lead });
        await page.ClickAsync("#save-measure");
        await page.WaitForSelectorAsync("#plan-title");
        var href = await page.Locator("#measures > div", new() { HasText = text }).Locator("a[href*='/Measure/']").First.GetAttributeAsync("href") ?? "";
        return href[(href.LastIndexOf('/') + 1)..];
    }

    /// <summary>Adds a target to a measure through its link on the plan's page and returns the target's id.</summary>
    internal static async Task<string> AddTargetAsync(IPage page, string planUrl, string measureId, string name, string kind, string? value,
        string source = "Indicator", string? indicator = null, bool perCity = true, int? baselineYear = null, string? due = null)
    {
        await page.GotoAsync(planUrl);
        await page.ClickAsync($"#measures a[href$='/Target?measure={measureId}']");
        await page.FillAsync("#Form_Name", name);
        await page.SelectOptionAsync("#Form_Kind", kind);
        if (value is not null) await page.FillAsync("#Form_Value", value);
        if (baselineYear is { } y) await page.FillAsync("#Form_BaselineYear", y.ToString(CultureInfo.InvariantCulture));
        if (due is not null) await page.FillAsync("#Form_DueOn", due);
        await page.FillAsync("#Form_Tolerance", "10");
        await page.SetCheckedAsync("#Form_PerCity", perCity);
        await page.SelectOptionAsync("#Form_Source", source);
        if (indicator is not null) await page.SelectOptionAsync("#Form_IndicatorKey", indicator);
        await page.ClickAsync("#save-target");
        await page.WaitForSelectorAsync("#plan-title");
        var id = await page.Locator("#measures .target", new() { HasText = name }).First.GetAttributeAsync("id") ?? "";
        return id["target-".Length..];
    }

    /// <summary>Hefei reports a figure of a reported target from the plan's page, with an evidence file, for the quarter running.</summary>
    private static async Task ReportAsync(IPage page, string planUrl, string target, string? value, string? baseline = null, string? delivered = null)
    {
        await page.GotoAsync(planUrl);
        await page.ClickAsync($"#measures .target:has-text('{target}') a[href^='/Plans/Report/']");
        if (value is not null) await page.FillAsync("#Form_Value", value);
        if (baseline is not null) await page.FillAsync("#Form_Baseline", baseline);
        if (delivered is not null) await page.FillAsync("#Form_DeliveredOn", delivered);
        await page.FillAsync("#Form_Note", $"合肥市{target}情况，佐证材料已上传。");
        await page.SetInputFilesAsync("#Files", new FilePayload { Name = "佐证材料.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 evidence"u8.ToArray() });
        await page.ClickAsync("#send-report");
        await page.WaitForSelectorAsync("#report-status");
    }
}
