using System.Net;
using System.Text.RegularExpressions;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// A draw's result on its page is a list like the others: paged in draw order with the total of the reader's area above it,
/// searched by an enterprise's name, the start of its credit code or an inspector's name, each shown row linking its check.
/// </summary>
public abstract partial class DrawResultListTests(QualisApp app)
{
    [Fact]
    public async Task The_result_pages_in_draw_order_and_a_search_narrows_it()
    {
        var (draw, targets) = await app.WithDb(async db =>
        {
            var d = await db.Set<Draw>().Where(d => d.Status == DrawStatus.Drawn).OrderByDescending(d => d.TargetCount).FirstAsync();
            return (d, await db.Set<DrawTarget>().Where(t => t.DrawId == d.Id).OrderBy(t => t.Order).ToListAsync());
        });
        targets.Count.ShouldBeGreaterThan(10, $"the demo's largest draw has {targets.Count} targets; ten to a page must give a second page");
        var official = await app.SignedInAs("province");
        var url = $"/Supervision/Draws/{draw.Id}";

        var first = await PageAsync(official, url + "?per=10");
        first.Codes.ShouldBe(targets.Take(10).Select(t => t.CreditCode));
        first.Html.ShouldContain($"抽取结果（{targets.Count} 家）");
        first.Checks.ShouldBe(10, "each row links its spot check");
        var second = await PageAsync(official, url + "?per=10&page=2");
        second.Codes.ShouldBe(targets.Skip(10).Take(10).Select(t => t.CreditCode));
        var last = await PageAsync(official, url + "?per=10&page=last");
        last.Codes.ShouldBe(targets.Skip((targets.Count - 1) / 10 * 10).Select(t => t.CreditCode));
        (await PageAsync(official, url + "?page=abc")).Codes.ShouldBe(targets.Take(50).Select(t => t.CreditCode), "a page that is no number is the first");

        var named = targets[^1];
        (await PageAsync(official, url + "?q=" + Uri.EscapeDataString(named.EnterpriseName))).Codes.ShouldContain(named.CreditCode);
        (await PageAsync(official, url + "?q=" + named.CreditCode[..12].ToLowerInvariant())).Codes.ShouldContain(named.CreditCode);
        var inspector = targets.First(t => t.InspectorNames.Length > 0).InspectorNames.Split('、')[0];
        var byInspector = await PageAsync(official, url + "?per=100&q=" + Uri.EscapeDataString(inspector));
        byInspector.Codes.ShouldBe(targets.Where(t => t.InspectorNames.Split('、').Contains(inspector)).Take(100).Select(t => t.CreditCode));
        var none = await PageAsync(official, url + "?q=" + Uri.EscapeDataString("没有这家企业𠮷"));
        none.Codes.ShouldBeEmpty();
        none.Html.ShouldContain("id=\"draw-targets-none\"");
        none.Html.ShouldContain($"抽取结果（{targets.Count} 家）", Case.Sensitive, "the heading keeps the whole result's count");
    }

    private static async Task<(List<string> Codes, int Checks, string Html)> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var table = TargetsTable().Match(html);
        if (!table.Success) return ([], 0, html);
        return (CodeCell().Matches(table.Value).Select(m => m.Groups[1].Value).ToList(), Regex.Count(table.Value, "class=\"target-check\""), html);
    }

    [GeneratedRegex("<table[^>]*id=\"draw-targets\".*?</table>", RegexOptions.Singleline)]
    private static partial Regex TargetsTable();

    [GeneratedRegex("<td><a href=\"/Registry/Enterprises/[^\"]+\"><code>([^<]+)</code>")]
    private static partial Regex CodeCell();
}

public sealed class DrawResultListOnSqlite(SqliteApp app) : DrawResultListTests(app), IClassFixture<SqliteApp>;

public sealed class DrawResultListOnPostgres(PostgresApp app) : DrawResultListTests(app), IClassFixture<PostgresApp>;
