using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Qualis.Features.Departments;
using Qualis.Features.KeyObjects;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Accounts;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Shared;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Accounts;
using Qualis.Platform.Localization;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Features.Shared;

/// <summary>
/// The paging walk: every list page, ten rows a page, opened at page 1, page 2 and its last page through the links its
/// pager writes; each page must hold exactly the rows the test expects there, in an order the test computes itself
/// from the stored records (names in pinyin order through <see cref="PinyinSort"/>, in memory, not through the
/// database's sort). Lists the demo data does not fill beyond two pages get rows of their own first.
/// </summary>
public abstract partial class PagingTests(QualisApp app) : IAsyncLifetime
{
    private const int Per = 10;

    /// <summary>One list: who opens it, its address, what marks a row in its body, and the rows' expected order.</summary>
    public sealed record Walk(string Account, string Url, Regex Marker, Func<QualisApp, Task<List<string>>> Expected);

    private static readonly StringComparer Ordinal = StringComparer.Ordinal;
    private static string Sort(string? name) => PinyinSort.Key(name);

    private static readonly Dictionary<string, Walk> Walks = new()
    {
        ["enterprises by name"] = new("province", "/Registry/Enterprises?sort=name", EnterpriseLink(),
            a => a.WithDb(async db => (await db.Set<Enterprise>().Select(e => new { e.CreditCode, e.Name }).ToListAsync())
                .OrderBy(e => Sort(e.Name), Ordinal).ThenBy(e => e.CreditCode, Ordinal).Select(e => e.CreditCode).ToList())),
        ["enterprises by code"] = new("province", "/Registry/Enterprises?sort=code", EnterpriseLink(),
            a => a.WithDb(async db => (await db.Set<Enterprise>().Select(e => e.CreditCode).ToListAsync()).Order(Ordinal).ToList())),
        ["enterprises, newest first"] = new("province", "/Registry/Enterprises?sort=-established&status=Existing", EnterpriseLink(),
            a => a.WithDb(async db => (await db.Set<Enterprise>().Where(e => e.Status == EnterpriseStatus.Existing && e.EstablishedOn != null)
                    .Select(e => new { e.CreditCode, e.EstablishedOn }).ToListAsync())
                .OrderByDescending(e => e.EstablishedOn).ThenByDescending(e => e.CreditCode, Ordinal).Select(e => e.CreditCode).ToList())),
        ["inspectors"] = new("province", "/Registry/Directories/inspectors", FirstCell(),
            a => a.WithDb(async db => (await db.Set<Inspector>().Select(i => new { i.RegionPath, i.Name, i.CertificateNumber }).ToListAsync())
                .OrderBy(i => i.RegionPath, Ordinal).ThenBy(i => Sort(i.Name), Ordinal).ThenBy(i => i.CertificateNumber, Ordinal)
                .Select(i => i.CertificateNumber).ToList())),
        ["audit trail"] = new("auditor", "/Audit", AuditSequence(),
            async a =>
            {
                // What the province's officials see of the trail, as the area filter decides; the order is the test's.
                var province = await a.WithDb(db => db.Set<Region>().Where(r => r.Code == "340000").Select(r => r.RegionPath).SingleAsync());
                return await a.WithDb(async db => (await db.AuditEntries.Select(e => e.Sequence).ToListAsync()).OrderDescending()
                    .Select(s => s.ToString(CultureInfo.InvariantCulture)).ToList(), province);
            }),
        ["users"] = new("admin", "/Admin/Users", Link("/Admin/Users/Edit/"),
            a => a.WithDb(async db => (await db.Users.Select(u => new { u.Id, u.RegionPath, u.UserName }).ToListAsync())
                .OrderBy(u => u.RegionPath, Ordinal).ThenBy(u => u.UserName, Ordinal).Select(u => u.Id).ToList())),
        ["departments"] = new("province", "/Departments", Link("/Departments/"),
            a => a.WithDb(async db => (await db.Set<Department>().Select(d => new { d.Id, d.RegionPath, d.Active, d.Name }).ToListAsync())
                .OrderBy(d => d.RegionPath, Ordinal).ThenByDescending(d => d.Active).ThenBy(d => Sort(d.Name), Ordinal).ThenBy(d => d.Id.ToString(), Ordinal)
                .Select(d => d.Id.ToString()).ToList())),
        ["key objects"] = new("province", "/KeyObjects?year=2018", Link("/KeyObjects/"), a => KeyObjectsOf2018Async(a, e => e.Id.ToString())),
        ["published results"] = new("", "/Public/Results", Link("/Public/Results/"),
            a => a.WithDb(async db => (await db.Set<SpotCheck>().Where(c => c.PublishedAt != null && c.Result != null).Select(c => new { c.Id, c.PublishedAt }).ToListAsync())
                .OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id.ToString(), Ordinal).Select(c => c.Id.ToString()).ToList())),
        ["published draws"] = new("", "/Public/Draws", Link("/Public/Draws/"),
            a => a.WithDb(async db => (await db.Set<Draw>().Select(d => new { d.Id, d.CommittedAt }).ToListAsync())
                .OrderByDescending(d => d.CommittedAt).ThenByDescending(d => d.Id.ToString(), Ordinal).Select(d => d.Id.ToString()).ToList())),
        ["recusals"] = new("province", "/Supervision/Recusals", RouteId(),
            a => a.WithDb(async db => (await db.Set<Recusal>().Select(r => new { r.Id, r.DeclaredAt }).ToListAsync())
                .OrderByDescending(r => r.DeclaredAt).ThenByDescending(r => r.Id.ToString(), Ordinal).Select(r => r.Id.ToString()).ToList())),
        ["spot checks"] = new("province", "/Supervision/Checks", DataCheck(),
            a => a.WithDb(async db => (await db.Set<SpotCheck>().Select(c => new { c.Id, c.EnterpriseName }).ToListAsync())
                .OrderBy(c => Sort(c.EnterpriseName), Ordinal).ThenBy(c => c.Id.ToString(), Ordinal).Select(c => c.Id.ToString()).ToList())),
        ["account claims"] = new("province", "/Registry/Accounts/Claims?status=", Link("/Registry/Accounts/Claims/Detail/"),
            a => a.WithDb(async db => (await db.Set<AccountClaim>().Select(c => new { c.Id, c.Status, c.SubmittedAt }).ToListAsync())
                .OrderBy(c => c.Status == AccountClaimStatus.Pending ? 0 : 1).ThenBy(c => c.SubmittedAt).ThenBy(c => c.Id)
                .Select(c => c.Id.ToString()).ToList())),
    };

    public static TheoryData<string> Lists => new(Walks.Keys);

    /// <summary>The demo data's key objects of 2018 in the list's order: city, kind (stored by name), name in pinyin order, id.</summary>
    private static Task<List<string>> KeyObjectsOf2018Async(QualisApp a, Func<KeyObjectEnrolment, string> cell) =>
        a.WithDb(async db => (await db.Set<KeyObjectEnrolment>().Where(e => e.Year == 2018).ToListAsync())
            .OrderBy(e => e.CityCode, Ordinal).ThenBy(e => e.Kind.ToString(), Ordinal).ThenBy(e => e.ObjectNameSort, Ordinal).ThenBy(e => e.Id.ToString(), Ordinal)
            .Select(cell).ToList());

    public async Task InitializeAsync() => await SeedOnceAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Page_1_page_2_and_the_last_page_hold_the_expected_rows(string list)
    {
        var walk = Walks[list];
        var client = walk.Account.Length == 0 ? app.Anonymous() : await app.SignedInAs(walk.Account);
        var expected = await walk.Expected(app);
        expected.Count.ShouldBeGreaterThan(2 * Per, $"{list}: the walk needs more than two pages");
        var url = walk.Url + (walk.Url.Contains('?') ? "&" : "?") + $"{ListRequest.SizeName}={Per}";

        var first = await client.GetStringAsync(url);
        Markers(walk, first).ShouldBe(expected.Take(Per).ToList(), $"{list}: page 1");
        first.ShouldNotContain("page-prev\" rel=\"prev\" href", Case.Sensitive, $"{list}: page 1 has no previous page");

        // Page 2 through page 1's "next" link, then its own links back and on.
        var second = await client.GetStringAsync(Href(first, "page-next"));
        Markers(walk, second).ShouldBe(expected.Skip(Per).Take(Per).ToList(), $"{list}: page 2");
        Markers(walk, await client.GetStringAsync(Href(second, "page-prev"))).ShouldBe(expected.Take(Per).ToList(), $"{list}: back to page 1");
        Markers(walk, await client.GetStringAsync(Href(second, "page-next"))).ShouldBe(expected.Skip(2 * Per).Take(Per).ToList(), $"{list}: page 3");

        // The last page: the last of the exact count, however the total was shown.
        var lastHref = LastPageHref(first);
        var last = await client.GetStringAsync(lastHref);
        var lastStart = (expected.Count - 1) / Per * Per;
        Markers(walk, last).ShouldBe(expected.Skip(lastStart).ToList(), $"{list}: the last page ({lastHref})");
        last.ShouldNotContain("page-next\" rel=\"next\" href", Case.Sensitive, $"{list}: the last page has no next page");

        // The total: exact, or capped with a link to the exact count, which then shows.
        var total = Total().Match(first).Groups[1].Value;
        if (Href(first, "exact-count", optional: true) is { } exact)
        {
            expected.Count.ShouldBeGreaterThan(EnterpriseFilter.CountCap, list);
            Total().Match(await client.GetStringAsync(exact)).Groups[1].Value.ShouldBe(expected.Count.ToString("N0", CultureInfo.GetCultureInfo("zh-CN")), list);
        }
        else total.ShouldBe(expected.Count.ToString("N0", CultureInfo.GetCultureInfo("zh-CN")), list);

        // Jumping to a page by number and changing the page size keep the list's filters and sort.
        var jumped = await client.GetStringAsync(url + "&page=3");
        Markers(walk, jumped).ShouldBe(expected.Skip(2 * Per).Take(Per).ToList(), $"{list}: page 3 by number");
        // A page past the end shows the last page.
        var bigger = await client.GetStringAsync(url.Replace($"{ListRequest.SizeName}={Per}", $"{ListRequest.SizeName}=25") + "&page=2");
        Markers(walk, bigger).ShouldBe(expected.Skip(expected.Count > 25 ? 25 : 0).Take(25).ToList(), $"{list}: page 2 of 25 a page");
    }

    [Fact]
    public async Task The_enterprise_list_applies_its_sort_above_the_count_cap_and_keeps_filters_on_every_link()
    {
        var client = await app.SignedInAs("province");
        var html = await client.GetStringAsync($"/Registry/Enterprises?sort=code&status=Existing&{ListRequest.SizeName}={Per}");
        html.ShouldContain("id=\"exact-count\"", Case.Sensitive, "3,000 demo enterprises are above the cap of 1,000");
        foreach (var id in new[] { "page-next", "page-last", "exact-count" })
        {
            var href = Href(html, id)!;
            href.ShouldContain("sort=code", Case.Sensitive, id);
            href.ShouldContain("status=Existing", Case.Sensitive, id);
            href.ShouldContain($"{ListRequest.SizeName}={Per}", Case.Sensitive, id);
        }
        html.ShouldContain($"name=\"{ListRequest.SizeName}\" value=\"{Per}\"", Case.Sensitive, "the filter form keeps the page size");
    }

    /// <summary>
    /// The enterprise list reads a page in several ways (EnterpriseFilter.PageAsync): along a sort's index, the size
    /// filter's own index, a region's index sorted in code order, the full-text index, or a common name fragment checked
    /// along the sort's index, or a common code prefix likewise. Whatever the way, the rows and their order are the ones
    /// computed here in memory. A name fragment or code prefix counts as common from 3 matches in some cases, so each of
    /// their ways is walked.
    /// </summary>
    [Theory]
    [InlineData("name=有限&sort=-employees", 3)]
    [InlineData("name=有限&sort=name", 3)]
    [InlineData("name=有限&region=340100&sort=code", 3)]
    [InlineData("name=有限&sort=established", 1_000_000)]
    [InlineData("name=有限&region=340100&sort=name", 1_000_000)]
    [InlineData("name=有限&region=340100&sort=-employees", 3)]
    [InlineData("code=9&sort=name", 3)]
    [InlineData("code=91&status=Existing&sort=-established", 3)]
    [InlineData("code=9&sort=code", 3)]
    [InlineData("size=Micro&sort=-employees", 0)]
    [InlineData("size=Small&status=Existing&sort=employees", 0)]
    [InlineData("region=340100&sort=code", 0)]
    [InlineData("region=340100&status=Existing&sort=-established", 0)]
    [InlineData("industry=C&size=Micro&sort=name", 0)]
    public async Task Every_way_of_reading_an_enterprise_page_gives_the_same_rows(string query, int commonName)
    {
        var saved = EnterpriseFilter.CommonName;
        if (commonName > 0) EnterpriseFilter.CommonName = commonName;
        try
        {
            var args = query.Split('&').Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);
            var expected = await app.WithDb(async db =>
            {
                var region = args.TryGetValue("region", out var r) ? await db.Set<Region>().Where(x => x.Code == r).Select(x => x.RegionPath).SingleAsync() : "/";
                var sections = args.ContainsKey("industry") ? await db.Set<Qualis.Features.Registry.Industries.Industry>().Where(i => i.ParentCode == "C").Select(i => i.Code).ToListAsync() : null;
                var rows = (await db.Set<Enterprise>().Select(e => new { e.CreditCode, e.Name, e.RegionPath, e.Size, e.Status, e.IndustryCode, e.Employees, e.EstablishedOn }).ToListAsync())
                    .Where(e => e.RegionPath.StartsWith(region, StringComparison.Ordinal)
                                && (!args.TryGetValue("name", out var n) || e.Name.Contains(n, StringComparison.Ordinal))
                                && (!args.TryGetValue("code", out var cp) || e.CreditCode.StartsWith(cp, StringComparison.Ordinal))
                                && (!args.TryGetValue("size", out var z) || e.Size.ToString() == z)
                                && (!args.TryGetValue("status", out var st) || e.Status.ToString() == st)
                                && (sections is null || (e.IndustryCode is { Length: >= 2 } ic && sections.Contains(ic[..2]))))
                    .ToList();
                return (args["sort"] switch
                {
                    "-employees" => rows.OrderByDescending(e => e.Employees).ThenByDescending(e => e.CreditCode, Ordinal),
                    "employees" => rows.OrderBy(e => e.Employees).ThenBy(e => e.CreditCode, Ordinal),
                    "established" => rows.OrderBy(e => e.EstablishedOn).ThenBy(e => e.CreditCode, Ordinal),
                    "-established" => rows.OrderByDescending(e => e.EstablishedOn).ThenByDescending(e => e.CreditCode, Ordinal),
                    "code" => rows.OrderBy(e => e.CreditCode, Ordinal),
                    _ => rows.OrderBy(e => Sort(e.Name), Ordinal).ThenBy(e => e.CreditCode, Ordinal),
                }).Select(e => e.CreditCode).ToList();
            });
            expected.Count.ShouldBeGreaterThan(2 * Per, query);
            var client = await app.SignedInAs("province");
            var url = $"/Registry/Enterprises?{query}&{ListRequest.SizeName}={Per}";
            var walk = new Walk("province", url, EnterpriseLink(), _ => Task.FromResult(expected));
            Markers(walk, await client.GetStringAsync(url)).ShouldBe(expected.Take(Per).ToList(), $"{query}: page 1");
            Markers(walk, await client.GetStringAsync(url + "&page=2")).ShouldBe(expected.Skip(Per).Take(Per).ToList(), $"{query}: page 2");
            Markers(walk, await client.GetStringAsync(url + "&page=last")).ShouldBe(expected.Skip((expected.Count - 1) / Per * Per).ToList(), $"{query}: the last page");
        }
        finally { EnterpriseFilter.CommonName = saved; }
    }

    /// <summary>Lists and the column of their export that the test orders itself.</summary>
    public static TheoryData<string> Exports => new() { "enterprises", "users", "departments", "key objects", "recusals", "published draws", "published results" };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task The_export_holds_every_matching_row_in_the_lists_order(string list)
    {
        var province = await app.SignedInAs("province");
        var (client, page, column, expected) = list switch
        {
            "enterprises" => (province, "/Registry/Enterprises?sort=name&page=2", 0, await Walks["enterprises by name"].Expected(app)),
            "users" => (await app.SignedInAs("admin"), "/Admin/Users", 0, await app.WithDb(async db =>
                (await db.Users.Select(u => new { u.RegionPath, u.UserName }).ToListAsync())
                .OrderBy(u => u.RegionPath, Ordinal).ThenBy(u => u.UserName, Ordinal).Select(u => u.UserName!).ToList())),
            "departments" => (province, "/Departments", 0, await app.WithDb(async db =>
                (await db.Set<Department>().Select(d => new { d.Id, d.RegionPath, d.Active, d.Name }).ToListAsync())
                .OrderBy(d => d.RegionPath, Ordinal).ThenByDescending(d => d.Active).ThenBy(d => Sort(d.Name), Ordinal).ThenBy(d => d.Id.ToString(), Ordinal)
                .Select(d => d.Name).ToList())),
            "key objects" => (province, "/KeyObjects?year=2018", 2, await KeyObjectsOf2018Async(app, e => e.ObjectName)),
            "recusals" => (province, "/Supervision/Recusals", 3, await app.WithDb(async db =>
                (await db.Set<Recusal>().Select(r => new { r.Id, r.DeclaredAt, r.Reason }).ToListAsync())
                .OrderByDescending(r => r.DeclaredAt).ThenByDescending(r => r.Id.ToString(), Ordinal).Select(r => r.Reason).ToList())),
            "published draws" => (app.Anonymous(), "/Public/Draws", 6, await app.WithDb(async db =>
                (await db.Set<Draw>().Select(d => new { d.Id, d.CommittedAt, d.Commitment }).ToListAsync())
                .OrderByDescending(d => d.CommittedAt).ThenByDescending(d => d.Id.ToString(), Ordinal).Select(d => d.Commitment).ToList())),
            _ => (app.Anonymous(), "/Public/Results", 1, await app.WithDb(async db =>
                (await db.Set<SpotCheck>().Where(c => c.PublishedAt != null && c.Result != null).Select(c => new { c.Id, c.PublishedAt, c.CreditCode }).ToListAsync())
                .OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id.ToString(), Ordinal).Select(c => c.CreditCode).ToList())),
        };
        // The export button of the list page itself (its filters and sort, not its page).
        var html = await client.GetStringAsync(page);
        var href = Href(html, "export-csv")!;
        href.ShouldNotContain("page=", Case.Sensitive, list);
        var response = await client.GetAsync(href);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, list);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Skip(1).Select(l => Cells(l)[column]).ToList().ShouldBe(expected, $"{list}: the export's rows and order");

        var xlsx = await client.GetAsync(Href(html, "export-xlsx")!);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK, list);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", list);
    }

    /// <summary>One CSV line's cells (RFC 4180 quoting).</summary>
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    [Fact]
    public void The_pager_never_shows_two_gaps_side_by_side_and_always_shows_the_first_last_and_neighbours()
    {
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        for (var pages = 1; pages <= 30; pages++)
            for (var page = 1; page <= pages; page++)
            {
                var numbers = new Paging(page, 10, pages * 10, request).Numbers;
                for (var i = 1; i < numbers.Count; i++) (numbers[i] == 0 && numbers[i - 1] == 0).ShouldBeFalse($"page {page} of {pages}");
                numbers.ShouldContain(1);
                numbers.ShouldContain(pages);
                numbers.ShouldContain(page);
                numbers.Where(n => n > 0).ShouldBeInOrder(SortDirection.Ascending);
                // A gap stands for at least two pages: a single missing page is shown instead.
                for (var i = 1; i + 1 < numbers.Count; i++)
                    if (numbers[i] == 0) (numbers[i + 1] - numbers[i - 1]).ShouldBeGreaterThan(2);
            }
    }

    private static List<string> Markers(Walk walk, string html)
    {
        var body = html[html.IndexOf("<tbody", StringComparison.Ordinal)..];
        body = body[..body.LastIndexOf("</tbody>", StringComparison.Ordinal)]; // a row may hold a table of its own
        return walk.Marker.Matches(body).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
    }

    private static string? Href(string html, string id, bool optional = false)
    {
        var m = Regex.Match(html, $"<a [^>]*\\bid=\"{id}\"[^>]*>");
        if (m.Success) m = Regex.Match(m.Value, "href=\"([^\"]+)\"");
        if (!m.Success && !optional) throw new ShouldAssertException($"No link #{id} in the page.");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    /// <summary>The pager's link to the last page: the "last" link when the total was capped, else the highest page number.</summary>
    private static string LastPageHref(string html)
    {
        if (Href(html, "page-last", optional: true) is { } last) return last;
        var links = PageLink().Matches(html).Select(m => (Page: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), Href: m.Groups[1].Value)).ToList();
        return WebUtility.HtmlDecode(links.MaxBy(l => l.Page).Href);
    }

    [GeneratedRegex("""href="([^"]*[?&;]page=(\d+)[^"]*)""")]
    private static partial Regex PageLink();

    [GeneratedRegex(@"id=""list-total"">\s*(?:共|超过)\s*([\d,]+)")]
    private static partial Regex Total();


    private static Regex EnterpriseLink() => new("href=\"/Registry/Enterprises/([0-9A-Z]{18})\"");
    private static Regex Link(string prefix) => new($"href=\"{Regex.Escape(prefix)}([0-9a-f-]{{36}})\"");
    private static Regex FirstCell() => new(@"<tr>\s*<td>([^<]+)</td>");
    private static Regex AuditSequence() => new("data-sequence=\"(\\d+)\"");
    private static Regex RouteId() => new("id=([0-9a-f-]{36})");
    private static Regex DataCheck() => new("data-check=\"([0-9a-f-]{36})\"");

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static readonly HashSet<QualisApp> Seeded = [];

    /// <summary>Rows for the lists the demo data leaves short of three pages: users, departments, recusals, published results and draws.</summary>
    private static async Task SeedOnceAsync(QualisApp app)
    {
        await Seeding.WaitAsync();
        try
        {
            if (!Seeded.Add(app)) return;
            await app.WithDb(async db =>
            {
                var hefei = await db.Set<Region>().SingleAsync(r => r.Code == "340100");
                var names = "安白长重东方高黄江李马宁欧潘齐任孙唐王夏杨张赵周朱阿".Select(c => c.ToString()).ToList();
                var now = DateTime.UtcNow;
                for (var i = 0; i < 25; i++)
                {
                    db.Users.Add(new QualisUser
                    {
                        UserName = $"walk{i:00}", NormalizedUserName = $"WALK{i:00}", DisplayName = names[i] + "走查", Role = Roles.CountyOfficer,
                        RegionCode = hefei.Code, RegionPath = hefei.RegionPath, SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = now,
                    });
                    db.Set<Department>().Add(new Department
                    {
                        Name = names[i] + "市走查局" + i.ToString(CultureInfo.InvariantCulture), Kind = DepartmentKind.City,
                        RegionCode = hefei.Code, RegionPath = hefei.RegionPath, Active = i % 7 != 0,
                    });
                }
                var enterprise = await db.Set<Enterprise>().OrderBy(e => e.CreditCode).FirstAsync();
                for (var i = 0; i < 25; i++)
                    db.Set<Recusal>().Add(new Recusal
                    {
                        CreditCode = enterprise.CreditCode, RegionPath = enterprise.RegionPath, Unit = "走查单位" + i,
                        Reason = "走查回避 " + i, DeclaredAt = now.AddMinutes(-i * 7 % 60).AddSeconds(i),
                    });
                var published = await db.Set<SpotCheck>().AsNoTracking().FirstAsync(c => c.PublishedAt != null && c.Result != null);
                for (var i = 0; i < 20; i++)
                {
                    published.Id = Guid.CreateVersion7();
                    published.DrawTargetId = Guid.CreateVersion7(); // one check per drawn target (a unique index)
                    published.PublishedAt = now.AddHours(-i * 5 % 48);
                    db.Set<SpotCheck>().Add(published);
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
                // Claims of 25 firms, a few decided: waiting ones come first, oldest first.
                var firms = await db.Set<Enterprise>().OrderBy(e => e.CreditCode).Skip(1).Take(25).ToListAsync();
                for (var i = 0; i < firms.Count; i++)
                    db.Set<AccountClaim>().Add(new AccountClaim
                    {
                        CreditCode = firms[i].CreditCode, EnterpriseName = firms[i].Name, RegionCode = firms[i].RegionCode, RegionPath = firms[i].RegionPath,
                        LegalRepresentative = "走查", ContactName = "走查联系人", ContactPhone = "0551-00000000", ContactEmail = "walk@example.cn",
                        LicenceFileName = "licence.png", LicenceContentType = "image/png", LicenceStoredPath = "walk/licence.png", LicenceSha256 = new string('0', 64),
                        Status = i % 6 == 0 ? AccountClaimStatus.Rejected : AccountClaimStatus.Pending, SubmittedAt = now.AddMinutes(-(i * 13 % 97)),
                    });
                await db.SaveChangesAsync();
                var draw = await db.Set<Draw>().AsNoTracking().FirstAsync();
                for (var i = 0; i < 25; i++)
                {
                    draw.Id = Guid.CreateVersion7();
                    draw.Number = 100 + i;
                    draw.CommittedAt = now.AddMinutes(-i * 11 % 90);
                    // One batch has one draw that stands (a unique index); the walk's extra draws were annulled.
                    draw.Status = DrawStatus.Annulled;
                    draw.AnnulledAt = now;
                    draw.AnnulledBy = "走查";
                    db.Set<Draw>().Add(draw);
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
                await db.SaveChangesAsync();
            });
        }
        finally { Seeding.Release(); }
    }
}

public sealed class PagingOnSqlite(SqliteApp app) : PagingTests(app), IClassFixture<SqliteApp>;
public sealed class PagingOnPostgres(PostgresApp app) : PagingTests(app), IClassFixture<PostgresApp>;
