using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Access;
using Qualis.Platform.Accounts;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Privacy;

/// <summary>
/// Private stays private: the forbidden fields — IP addresses, the internal credit-risk class (and any field declared
/// internal), declared conflicts and linked units (回避), officials' personal names outside enforcement roles — are put
/// into the data with markers no page holds otherwise, and every public and enterprise-facing page, download and API
/// response reached by crawling from the start pages is searched for each. The officials' view is read too, to prove
/// the markers are there to be found. "Not found" and "not yours" answer alike; accounts bind to firms of the creator's area.
/// </summary>
public abstract partial class PrivacyTests(QualisApp app) : IAsyncLifetime
{
    private const string Ip = "203.0.113.77";
    private const string LinkedUnit = "回避关联单位隐私标记";
    private const string ConflictReason = "申报回避隐私标记";
    private const string OwnCode = "91340102743081729F"; // the demo enterprise user's firm (合肥, 庐阳区)
    private const string Wuhu = "/340000/340200/";
    private Guid _drawId;

    /// <summary>The data is put in once per application (the tests of a class share it).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<QualisApp, Lazy<Task<Guid>>> Prepared = new();

    /// <summary>Each forbidden field with the texts that would show it.</summary>
    private static readonly (string Field, string[] Markers)[] Forbidden =
    [
        ("IP address", [Ip]),
        ("internal credit-risk class", ["信用风险分类", "Credit risk class"]),
        ("declared conflicts", [ConflictReason, "conflict\t"]),
        ("linked units", [LinkedUnit, "linked\t"]),
        ("official's personal name (province officer 王敏)", ["王敏"]),
        ("official's personal name (city officer 李强)", ["李强"]),
        ("an official's sign-in name in a tooltip", ["title=\"province\"", "title=\"hefei\""]),
        ("a progress report's note (the demo plan's reports, approved and pending)", ["芜湖市已建社会公用计量标准96项", "合肥市2018年质量提升行动年工作总结"]),
    ];

    public async Task InitializeAsync() => _drawId = await Prepared.GetOrAdd(app, _ => new Lazy<Task<Guid>>(PrepareAsync)).Value;

    private async Task<Guid> PrepareAsync()
    {
        // The demo firm's record written by a provincial officer from a known address (its internal class changed), and
        // by an enforcement officer (刘洋, 执法证号 皖A0100123).
        await AsAsync("province", Ip, null, async (QualisDb db) =>
        {
            var e = await db.Set<Enterprise>().SingleAsync(x => x.CreditCode == OwnCode);
            e.CreditClass = e.CreditClass == CreditRiskClass.D ? CreditRiskClass.C : CreditRiskClass.D;
            e.Address = "合肥市庐阳区隐私测试路 " + Guid.NewGuid().ToString("N")[..4];
            await db.SaveChangesAsync();
        });
        await AsAsync("inspector", Ip, null, async (QualisDb db) =>
        {
            var e = await db.Set<Enterprise>().SingleAsync(x => x.CreditCode == OwnCode);
            e.Certifications = "ISO 9001 " + Guid.NewGuid().ToString("N")[..4];
            await db.SaveChangesAsync();
        });

        // 回避 facts for every firm of Wuhu (a linked unit) and a declared conflict for each with an inspector of Wuhu,
        // then a draw there whose inputs carry them.
        var batchId = await AsAsync("wuhu", Ip, Wuhu, async (QualisDb db) =>
        {
            var inspector = await db.Set<Inspector>().Where(i => i.RegionCode.StartsWith("3402")).Select(i => i.Id).FirstAsync();
            var firms = await db.Set<Enterprise>().Select(e => new { e.CreditCode, e.RegionPath }).ToListAsync();
            foreach (var f in firms)
            {
                db.Add(new Recusal { CreditCode = f.CreditCode, RegionPath = f.RegionPath, Unit = LinkedUnit, Reason = ConflictReason, DeclaredAt = DateTime.UtcNow });
                db.Add(new Recusal { CreditCode = f.CreditCode, RegionPath = f.RegionPath, InspectorId = inspector, Reason = ConflictReason, DeclaredAt = DateTime.UtcNow });
            }
            var plan = new SamplingPlan { Year = 2026, Name = "芜湖隐私测试计划 " + Guid.NewGuid().ToString("N")[..6], RegionCode = "340200", RegionPath = Wuhu, CreatedAt = DateTime.UtcNow };
            var batch = new PlanBatch
            {
                PlanId = plan.Id, Number = 1, Name = "隐私测试批次", RegionPath = Wuhu, CreatedAt = DateTime.UtcNow,
                Settings = new BatchSettings { ItemCodes = ["CJ-05"], ByRegion = RegionStrata.County, CountPerStratum = 1, ExcludeInspectedWithinMonths = null },
            };
            db.AddRange(plan, batch);
            await db.SaveChangesAsync();
            return batch.Id;
        });
        var drawId = await AsAsync("wuhu", Ip, Wuhu, async (DrawService draws) => (await draws.RunAsync((await draws.CommitAsync(batchId)).Id)).Id);
        var inputs = await app.WithDb(async db => System.Text.Encoding.UTF8.GetString(PublishedDraw.Decompress(
            (await db.Set<DrawArchive>().SingleAsync(a => a.DrawId == drawId)).Inputs)));
        inputs.ShouldContain("linked\t");
        inputs.ShouldContain(LinkedUnit);
        inputs.ShouldContain("conflict\t");
        return drawId;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task AsAsync(string userName, string ip, string? regionPath, Func<QualisDb, Task> work) =>
        await AsAsync<bool>(userName, ip, regionPath, async (QualisDb db) => { await work(db); return true; });

    private async Task<T> AsAsync<T, TService>(string userName, string ip, string? regionPath, Func<TService, Task<T>> work) where TService : notnull
    {
        using var scope = app.Services.CreateScope();
        var id = await app.WithDb(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        scope.ServiceProvider.GetRequiredService<Actor>().Set(id, userName, "web", ip, regionPath);
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private Task<T> AsAsync<T>(string userName, string ip, string? regionPath, Func<QualisDb, Task<T>> work) => AsAsync<T, QualisDb>(userName, ip, regionPath, work);
    private Task<T> AsAsync<T>(string userName, string ip, string? regionPath, Func<DrawService, Task<T>> work) => AsAsync<T, DrawService>(userName, ip, regionPath, work);

    [Fact]
    public async Task No_public_or_enterprise_facing_page_download_or_api_response_holds_a_forbidden_field()
    {
        // The public side: every anonymous GET the application maps, and every page and file linked from them.
        var anonymous = app.Anonymous();
        var starts = MappedRoute.All(app).Where(r => r.Anonymous && r.Methods.Contains("GET") && !r.HasParameters && !r.Pattern.Contains("openapi", StringComparison.Ordinal))
            .Select(r => "/" + r.Pattern.TrimStart('/')).Prepend("/Public/Draws/" + _drawId).ToList();
        var publicPages = await CrawlAsync(anonymous, starts, url => url.StartsWith("/Public", StringComparison.Ordinal) || starts.Contains(url), max: 300);
        publicPages.Keys.ShouldContain(u => u.Contains("name=snapshot.tsv", StringComparison.Ordinal) && u.Contains(_drawId.ToString(), StringComparison.Ordinal));
        publicPages.Keys.ShouldContain(u => u.Contains("name=result.tsv", StringComparison.Ordinal));
        publicPages.Keys.ShouldContain(u => u.StartsWith("/Public/Plans/", StringComparison.Ordinal), "the issued action plan's public page is searched too");

        // The draw's inputs: a published hash, never a public file.
        (await anonymous.GetAsync($"/Public/Draws/{_drawId}?handler=File&name=inputs.tsv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The enterprise user's side: everything reachable from its home page, its own record's history among it.
        var enterprise = await app.SignedInAs("enterprise");
        var enterprisePages = await CrawlAsync(enterprise, ["/", "/Registry/Enterprises/" + OwnCode, "/Supervision/Checks"], _ => true);
        var own = enterprisePages["/Registry/Enterprises/" + OwnCode];
        own.ShouldContain("安徽省市场监督管理局 质量发展处", customMessage: "another official is named by office");
        own.ShouldContain("刘洋");
        own.ShouldContain("执法证号 皖A0100123", customMessage: "an enforcement officer is named with the certificate number");

        var failures = new List<string>();
        foreach (var (side, pages) in new[] { ("public", publicPages), ("enterprise", enterprisePages) })
            foreach (var (url, body) in pages)
                foreach (var (field, markers) in Forbidden)
                    if (markers.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal)) is { } found)
                        failures.Add($"{side} {url}: {field} ({found.Replace("\t", "\\t")})");
        failures.ShouldBeEmpty();

        // The markers are real: the officials entitled to them read them.
        var province = await app.SignedInAs("province");
        var official = WebUtility.HtmlDecode(await province.GetStringAsync("/Registry/Enterprises/" + OwnCode));
        official.ShouldContain("王敏");
        official.ShouldContain("信用风险分类");
        official.ShouldContain(Ip);
        var wuhu = await app.SignedInAs("wuhu");
        var file = await wuhu.GetAsync($"/Supervision/Draws/{_drawId}?handler=File&name=inputs.tsv");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.UTF8.GetString(bytes).ShouldContain(LinkedUnit);
        var hash = await app.WithDb(db => db.Set<Draw>().Where(d => d.Id == _drawId).Select(d => d.InputsHash).SingleAsync());
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(hash);
        // The system administrator runs the platform, not the draw: no inputs for it.
        var admin = await app.SignedInAs("admin");
        (await admin.GetAsync($"/Supervision/Draws/{_drawId}?handler=File&name=inputs.tsv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The public check still reproduces the whole draw: the platform checks its stored inputs against the published hash.
        WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/Public/Draws/{_drawId}?handler=Verify")).ShouldContain("复核一致");
    }

    /// <summary>GETs every start page and every same-site link (and download) from them, breadth first, up to a bound; the bodies as text, HTML-decoded.</summary>
    private static async Task<Dictionary<string, string>> CrawlAsync(HttpClient client, IEnumerable<string> starts, Func<string, bool> follow, int max = 150)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>(starts);
        while (queue.Count > 0 && seen.Count < max)
        {
            var url = queue.Dequeue();
            if (seen.ContainsKey(url)) continue;
            var response = await client.GetAsync(url);
            var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            ((int)response.StatusCode).ShouldBeLessThan(500, url);
            seen[url] = body;
            if (response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            foreach (Match m in Link().Matches(body))
            {
                var href = m.Groups[1].Value;
                if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal) || href.Contains("Logout", StringComparison.OrdinalIgnoreCase) || href.Contains("Language", StringComparison.OrdinalIgnoreCase)
                    || href.StartsWith("/lib/", StringComparison.Ordinal) || href.StartsWith("/css/", StringComparison.Ordinal) || href.StartsWith("/js/", StringComparison.Ordinal)) continue;
                if (!seen.ContainsKey(href) && follow(href)) queue.Enqueue(href);
            }
        }
        return seen;
    }

    [GeneratedRegex("href=\"([^\"#]+)\"")]
    private static partial Regex Link();

    [Fact]
    public async Task Not_found_and_not_yours_answer_the_same_on_pages_and_api()
    {
        var wuhuCode = await app.WithDb(db => db.Set<Enterprise>().Where(e => e.RegionCode.StartsWith("3402")).Select(e => e.CreditCode).FirstAsync());
        var noSuchCode = Qualis.Features.Registry.CreditCode.Compute("91340100" + "99999997");
        var wuhuCheck = await app.WithDb(db => db.Set<Qualis.Features.Supervision.SpotChecks.SpotCheck>().Where(c => c.RegionCode.StartsWith("3402")).Select(c => c.Id).FirstAsync());
        var hefei = await app.SignedInAs("hefei");
        var enterprise = await app.SignedInAs("enterprise");
        var (_, key) = await RecordSamples.NewApiClientAsync(app, "340100", "privacy key " + Guid.NewGuid().ToString("N")[..6], app.AllApiScopes);
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Add("X-Api-Key", key);

        var pairs = new (HttpClient Client, string NotYours, string NotFound)[]
        {
            (hefei, "/Registry/Enterprises/" + wuhuCode, "/Registry/Enterprises/" + noSuchCode),
            (hefei, "/Registry/Enterprises/Edit/" + wuhuCode, "/Registry/Enterprises/Edit/" + noSuchCode),
            (enterprise, "/Registry/Enterprises/" + wuhuCode, "/Registry/Enterprises/" + noSuchCode),
            (hefei, "/Supervision/Checks/" + wuhuCheck, "/Supervision/Checks/" + Guid.NewGuid()),
            (enterprise, "/Supervision/Checks/" + wuhuCheck, "/Supervision/Checks/" + Guid.NewGuid()),
            (hefei, "/Supervision/Draws/" + _drawId, "/Supervision/Draws/" + Guid.NewGuid()),
            (api, "/api/enterprises/" + wuhuCode, "/api/enterprises/" + noSuchCode),
            (api, "/api/supervision/checks/" + wuhuCheck, "/api/supervision/checks/" + Guid.NewGuid()),
            (api, "/api/supervision/draws/" + _drawId, "/api/supervision/draws/" + Guid.NewGuid()),
        };
        foreach (var (client, notYours, notFound) in pairs)
        {
            var a = await client.GetAsync(notYours);
            var b = await client.GetAsync(notFound);
            a.StatusCode.ShouldBe(HttpStatusCode.NotFound, notYours);
            b.StatusCode.ShouldBe(HttpStatusCode.NotFound, notFound);
            Normalise(await a.Content.ReadAsStringAsync(), notYours).ShouldBe(Normalise(await b.Content.ReadAsStringAsync(), notFound), notYours);
        }
    }

    /// <summary>A body without what differs between any two requests: antiforgery tokens, the address asked for, trace ids.</summary>
    private static string Normalise(string body, string url) =>
        TraceId().Replace(Token().Replace(body.Replace(url, "{url}").Replace(Uri.EscapeDataString(url), "{url}"), "{token}"), "{trace}");

    [GeneratedRegex("CfDJ8[A-Za-z0-9_-]+")]
    private static partial Regex Token();

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [Fact]
    public async Task An_enterprise_account_binds_only_to_a_firm_in_the_creators_area()
    {
        var userName = "admin.hefei." + Guid.NewGuid().ToString("N")[..6];
        await RecordSamples.NewUserAsync(app, userName, Roles.Administrator, "340100", "合肥管理员");
        var admin = await app.SignedInAs(userName);
        var wuhuCode = await app.WithDb(db => db.Set<Enterprise>().Where(e => e.RegionCode.StartsWith("3402")).Select(e => e.CreditCode).FirstAsync());
        var noSuchCode = Qualis.Features.Registry.CreditCode.Compute("91340100" + "99999998");
        var hefeiCode = await app.WithDb(db => db.Set<Enterprise>().Where(e => e.RegionCode.StartsWith("3401")).Select(e => e.CreditCode).FirstAsync());
        Dictionary<string, string> Form(string name, string code) => new()
        {
            ["UserName"] = name, ["Password"] = "Strong#Pass2026", ["Form.DisplayName"] = "企业用户", ["Form.Role"] = Roles.EnterpriseUser,
            ["Form.RegionCode"] = "340102", ["Form.EnterpriseCode"] = code,
        };
        var outside = Forms.ErrorsIn(await (await admin.PostFormAsync("/Admin/Users/Create", Form("bind.outside", wuhuCode))).Content.ReadAsStringAsync());
        var missing = Forms.ErrorsIn(await (await admin.PostFormAsync("/Admin/Users/Create", Form("bind.missing", noSuchCode))).Content.ReadAsStringAsync());
        outside.ShouldContain("您的管辖区域内没有这个统一社会信用代码的企业");
        missing.ShouldBe(outside, "a firm elsewhere and no firm at all answer alike");
        (await app.WithDb(db => db.Users.AnyAsync(u => u.UserName == "bind.outside" || u.UserName == "bind.missing"))).ShouldBeFalse();
        (await admin.PostFormAsync("/Admin/Users/Create", Form("bind.inside." + userName[^6..], hefeiCode))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}

public sealed class PrivacyOnSqlite(SqliteApp app) : PrivacyTests(app), IClassFixture<SqliteApp>;
public sealed class PrivacyOnPostgres(PostgresApp app) : PrivacyTests(app), IClassFixture<PostgresApp>;
