using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Qualis.Features.Registry.Accounts;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Registry.Accounts;

/// <summary>
/// The account-claims list as an office opens it, with its default filter (待审核, waiting claims only): 20 waiting claims
/// at 10 a page are two pages, page 1 leads to page 2 through its "next" link, and page 2 holds the other ten.
/// </summary>
public abstract partial class ClaimListPagingTests(QualisApp app)
{
    [Fact]
    public async Task Twenty_waiting_claims_at_ten_a_page_are_two_pages_under_the_default_filter()
    {
        var marker = "翻页认领" + Guid.NewGuid().ToString("N")[..6];
        var start = DateTime.UtcNow.AddHours(-1);
        for (var i = 0; i < 23; i++)
        {
            var n = i;
            await RecordSamples.AddInCityAsync(app, "340100", path => new AccountClaim
            {
                CreditCode = "91340100" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), EnterpriseName = $"{marker}{n:00}", RegionCode = "340100", RegionPath = path,
                LegalRepresentative = "张三", ContactName = marker, ContactPhone = "0551-12345678", ContactEmail = "a@example.cn",
                LicenceFileName = "licence.png", LicenceContentType = "image/png", LicenceStoredPath = "none/licence.png", LicenceSha256 = new string('0', 64),
                LicenceBytes = 1, SubmittedAt = start.AddMinutes(n),
                Status = n < 20 ? AccountClaimStatus.Pending : AccountClaimStatus.Rejected, // three decided ones the default filter leaves out
            });
        }
        var client = await app.SignedInAs("hefei");

        var first = await client.GetAsync("/Registry/Accounts/Claims?per=10");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page1 = new HtmlParser().ParseDocument(await first.Content.ReadAsStringAsync());
        Names(page1).ShouldBe(Enumerable.Range(0, 10).Select(i => $"{marker}{i:00}").ToList(), "page 1: the oldest ten waiting claims");
        var next = page1.QuerySelector("#page-next")?.GetAttribute("href");
        next.ShouldNotBeNullOrEmpty("page 1 of 20 waiting claims at 10 a page has a next page");

        var page2 = new HtmlParser().ParseDocument(await client.GetStringAsync(next));
        Names(page2).ShouldBe(Enumerable.Range(10, 10).Select(i => $"{marker}{i:00}").ToList(), "page 2: the other ten waiting claims");
        page2.QuerySelector(".pagination .active")!.TextContent.Trim().ShouldBe("2");
        page2.QuerySelector("#page-next")?.GetAttribute("href").ShouldBeNull("page 2 is the last");

        // The filter form sent as the browser sends it (待审核 chosen, nothing typed) keeps the ten a page, so page 2 is still there.
        var fields = page1.QuerySelectorAll("#claim-filter input[name], #claim-filter select[name]")
            .Select(f => $"{f.GetAttribute("name")}={Uri.EscapeDataString(f is AngleSharp.Html.Dom.IHtmlSelectElement s ? s.Value ?? "" : f.GetAttribute("value") ?? "")}");
        var filtered = new HtmlParser().ParseDocument(await client.GetStringAsync("/Registry/Accounts/Claims?" + string.Join("&", fields)));
        Names(filtered).Count.ShouldBe(10, "the filter form keeps the page size");
        filtered.QuerySelector("#page-next")?.GetAttribute("href").ShouldNotBeNullOrEmpty("after a search with the default filter, page 2 is reachable");
    }

    private static List<string> Names(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("#claims tbody a").Select(a => a.TextContent.Trim()).ToList();
}

public sealed class ClaimListPagingOnSqlite(SqliteApp app) : ClaimListPagingTests(app), IClassFixture<SqliteApp>;
public sealed class ClaimListPagingOnPostgres(PostgresApp app) : ClaimListPagingTests(app), IClassFixture<PostgresApp>;
