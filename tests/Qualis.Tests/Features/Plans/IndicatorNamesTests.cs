using System.Net;
using System.Text.RegularExpressions;
using Qualis.Features.Assessment;
using Qualis.Features.Assessment.Scoring;
using Qualis.Features.KeyObjects;
using Qualis.Features.Plans;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Features.Plans;

/// <summary>
/// Names, not keys: the pages of the action plans, the key objects and the assessment show a platform indicator by its
/// name (重点企业数, 产品质量监督抽查合格率), a quarter as people write it and an enrolled park by its name, never the
/// stored key (keyobjects.enterprises, supervision.pass-rate, 2026Q4, the park's id) in what a reader sees. Pages rendered
/// with the demo data, read as text (tags, attributes and scripts left out: an option's value may hold the key).
/// </summary>
public sealed partial class IndicatorNamesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly string[] Keys = ["keyobjects.parks", "keyobjects.products", "keyobjects.industries", "keyobjects.enterprises", "supervision.pass-rate"];

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\b20\\d\\dQ[1-4]\\b")]
    private static partial Regex QuarterCode();

    private static string TextOf(string html) => WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(html, " "), " "));

    private async Task<string> ReadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var html = await response.Content.ReadAsStringAsync();
        var text = TextOf(html);
        foreach (var key in Keys) text.ShouldNotContain(key, Case.Sensitive, path);
        // Quarters as people write them on the page; the history shows the stored values of the fields that changed.
        var history = html.IndexOf("id=\"audit-history\"", StringComparison.Ordinal);
        QuarterCode().IsMatch(TextOf(history < 0 ? html : html[..history])).ShouldBeFalse(path);
        return text;
    }

    [Fact]
    public async Task Plans_and_their_forms_name_indicators_and_quarters()
    {
        var province = await app.SignedInAs("province");
        foreach (var plan in await app.WithDb(db => db.Set<ActionPlan>().Select(p => p.Id).ToListAsync()))
        {
            var detail = await ReadAsync(province, $"/Plans/{plan}");
            detail.ShouldContain("重点企业数");
            detail.ShouldContain("产品质量监督抽查合格率");
            detail.ShouldContain("季度");
            var targets = await app.WithDb(db => db.Set<PlanTarget>().Where(t => t.PlanId == plan).ToListAsync());
            var counted = targets.First(t => t.IndicatorKey == "keyobjects.enterprises");
            var form = await province.GetStringAsync($"/Plans/{plan}/Target/{counted.Id}");
            Regex.IsMatch(form, "<option value=\"keyobjects.enterprises\" selected=\"selected\">重点企业数</option>").ShouldBeTrue();
            await ReadAsync(province, $"/Plans/{plan}/Target/{counted.Id}");
            await ReadAsync(province, $"/Plans/{plan}/Target");
            var reported = targets.First(t => t.Source == TargetSource.Reported);
            (await ReadAsync(province, $"/Plans/Report/{reported.Id}")).ShouldContain("季度");
        }
        foreach (var report in await app.WithDb(db => db.Set<TargetReport>().OrderBy(r => r.Status).Select(r => r.Id).Take(3).ToListAsync()))
            await ReadAsync(province, $"/Plans/Reports/{report}");
        await ReadAsync(province, "/Plans");
        await ReadAsync(province, "/Plans/Scoreboard");
    }

    [Fact]
    public async Task The_assessment_sheet_and_its_item_form_name_indicators()
    {
        var province = await app.SignedInAs("province");
        var scheme = await app.WithDb(db => db.Set<AssessmentScheme>().Where(s => s.Year == 2018).Select(s => s.Id).SingleAsync());
        (await ReadAsync(province, $"/Assessment/Schemes/{scheme}")).ShouldContain("重点企业数");
        // A published scheme's items are frozen: the item form is a draft's, with a formula item on the pass rate.
        var (draft, item) = await app.WithDb(async db =>
        {
            var province = await db.Set<Region>().SingleAsync(r => r.Code == "340000");
            var s = new AssessmentScheme { Year = 2032, RegionCode = province.Code, RegionPath = province.RegionPath, Title = "名称测试考核方案" };
            var i = new SchemeItem { SchemeId = s.Id, Code = "1", Name = "产品质量监督抽查合格率不低于90%", MaxPoints = 100, Type = ScoringType.Formula, Target = 90,
                IndicatorKey = "supervision.pass-rate", Rule = ScoringType.YesNo, Order = 10 };
            db.AddRange(s, i);
            await db.SaveChangesAsync();
            return (s.Id, i.Id);
        });
        var form = await province.GetStringAsync($"/Assessment/Schemes/{draft}/Items/{item}");
        form.ShouldContain("<option value=\"supervision.pass-rate\" selected=\"selected\">产品质量监督抽查合格率</option>");
        await ReadAsync(province, $"/Assessment/Schemes/{draft}/Items/{item}");
        await ReadAsync(province, $"/Assessment/Schemes/{draft}/Items");
        (await ReadAsync(province, $"/Assessment/Schemes/{draft}")).ShouldContain("产品质量监督抽查合格率");
        var city = await app.WithDb(db => db.Set<CityAssessment>().Where(c => c.SchemeId == scheme && c.RegionCode == "340200").Select(c => c.Id).SingleAsync());
        await ReadAsync(province, $"/Assessment/Cities/{city}");
        await ReadAsync(province, $"/Assessment/Schemes/{scheme}/Explain/340200");
        await ReadAsync(province, $"/Assessment/Schemes/{scheme}/Ranking");
        await ReadAsync(province, "/Assessment");
    }

    [Fact]
    public async Task An_enrolled_park_is_named_in_its_history_not_by_its_id()
    {
        var province = await app.SignedInAs("province");
        var park = await app.WithDb(db => db.Set<KeyObjectEnrolment>().Where(e => e.Kind == KeyObjectKind.Park).OrderBy(e => e.Id).FirstAsync());
        var page = await ReadAsync(province, $"/KeyObjects/{park.Id}");
        page.ShouldNotContain(park.ObjectKey, Case.Insensitive);
        Regex.Matches(page, Regex.Escape(park.ObjectName)).Count.ShouldBeGreaterThan(2, "the heading and the history's object");
        await ReadAsync(province, "/KeyObjects");
        await ReadAsync(province, "/KeyObjects/Summary");
    }
}
