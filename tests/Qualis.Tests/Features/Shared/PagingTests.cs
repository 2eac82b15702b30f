using System.Globalization;
using System.Text.RegularExpressions;

namespace Qualis.Tests.Features.Shared;

/// <summary>
/// Page 2 of a list is page 2: every list page that the demo data fills beyond one page shows other rows on its second
/// page than on its first, and its last page, through the same ?page= links the pager writes.
/// </summary>
public abstract partial class PagingTests(QualisApp app)
{
    /// <summary>Lists the demo data fills beyond one page (96 inspectors, 3,000 enterprises, thousands of audit entries).</summary>
    public static TheoryData<string> Lists => new()
    {
        "/Registry/Enterprises",
        "/Registry/Directories?kind=inspectors",
        "/Audit",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Page_2_and_the_last_page_show_other_rows_than_page_1(string list)
    {
        var client = await app.SignedInAs("province");
        var first = await RowsAsync(client, list, 1);
        var second = await RowsAsync(client, list, 2);
        first.ShouldNotBeEmpty(list);
        second.ShouldNotBeEmpty(list);
        second.Intersect(first).ShouldBeEmpty($"{list}: page 2 repeats rows of page 1");

        // The pager links to its last page, which shows rows of its own.
        var html = await client.GetStringAsync(list);
        var last = PageLink().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Max();
        last.ShouldBeGreaterThanOrEqualTo(2, list);
        var lastRows = await RowsAsync(client, list, last);
        lastRows.ShouldNotBeEmpty(list);
        lastRows.Intersect(first).ShouldBeEmpty($"{list}: the last page repeats rows of page 1");
    }

    private static async Task<List<string>> RowsAsync(HttpClient client, string list, int page)
    {
        var url = list + (list.Contains('?') ? "&" : "?") + "page=" + page.ToString(CultureInfo.InvariantCulture);
        var html = await client.GetStringAsync(url);
        var body = html[html.IndexOf("<tbody", StringComparison.Ordinal)..];
        return Row().Matches(body[..body.IndexOf("</tbody>", StringComparison.Ordinal)]).Select(m => m.Value).ToList();
    }

    [GeneratedRegex(@"<tr[\s\S]*?</tr>")]
    private static partial Regex Row();

    [GeneratedRegex(@"[?&;]page=(\d+)")]
    private static partial Regex PageLink();
}

public sealed class PagingOnSqlite(SqliteApp app) : PagingTests(app), IClassFixture<SqliteApp>;
public sealed class PagingOnPostgres(PostgresApp app) : PagingTests(app), IClassFixture<PostgresApp>;
