using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qualis.Features.Registry.Accounts;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Audit;
using Qualis.Platform.Import;
using Qualis.Platform.Jobs;
using Qualis.Tests.Platform.Access;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace Qualis.Tests.Platform.ScaleOut;

/// <summary>
/// Two instances of the platform on one PostgreSQL database behind a round-robin reverse proxy (YARP, in this process),
/// started together on an empty database, walked as one official would: sign-in and pages served by both, a draw
/// committed on one and drawn on the other, a licence uploaded on one and read on the other, an import committed on
/// one while the other restarts. Each instance has its own local data folder; only the database and the shared file
/// folder (Storage:SharedFolder) are common, as in the production layout of docs/deployment.md.
/// </summary>
public sealed class TwoInstancesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private void Step(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    /// <summary>The address the test's client connects from: not the proxy's (127.0.0.1), so the audit can tell them apart.</summary>
    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.5");
    private const string ForgedAddress = "203.0.113.9";
    private const string InstanceHeader = "X-Test-Instance";

    private TestDatabase _db = null!;
    private string _shared = null!;
    private readonly int[] _ports = [FreePort(), FreePort()];
    private readonly Instance?[] _instances = new Instance?[2];
    private WebApplication _proxy = null!;
    private Uri _proxyAddress = null!;

    public async Task InitializeAsync()
    {
        _db = TestDatabase.Create(DatabaseProvider.Postgres);
        _shared = Path.Combine(_db.Folder, "shared");
        // Both instances started at once on the empty database: one applies the scripts and loads the data, the other waits.
        var started = await Task.WhenAll(Task.Run(() => Start(0)), Task.Run(() => Start(1)));
        (_instances[0], _instances[1]) = (started[0], started[1]);
        Step("both instances started");
        _proxy = await StartProxyAsync();
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        foreach (var i in _instances) i?.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task Two_instances_behind_a_proxy_behave_as_one()
    {
        await Started_together_on_an_empty_database();
        var client = ThroughProxy();
        await Sign_in_and_pages_alternate_between_instances(client);
        Step("signed in, pages served by both");
        await A_draw_committed_on_one_instance_is_drawn_on_the_other(client);
        Step("draw committed on one, drawn on the other");
        await A_licence_uploaded_on_one_instance_is_read_on_the_other(client);
        Step("licence uploaded on one, read on the other");
        await The_audit_names_the_client_the_proxy_vouches_for_and_no_one_else();
        Step("audit addresses");
        await A_key_revoked_on_one_instance_is_refused_by_both();
        Step("API key revoked on one, refused by both");
        await An_import_committed_while_the_other_instance_restarts_runs_once(client);
        Step("import committed once while the other instance restarted");
    }

    private async Task Started_together_on_an_empty_database()
    {
        var scripts = SchemaMigrator.Scripts(DatabaseProvider.Postgres).Count;
        (await A.WithDb(async db => (await new SchemaMigrator(db).AppliedAsync()).Count)).ShouldBe(scripts);
        // One key ring for both: made once under the start-up lock, not once per instance.
        (await A.WithDb(db => db.Set<DataProtectionKey>().CountAsync())).ShouldBe(1);
        (await A.WithDb(db => db.Users.CountAsync(u => u.UserName == "hefei"))).ShouldBe(1);
    }

    private async Task Sign_in_and_pages_alternate_between_instances(Client client)
    {
        // The form from one instance, the post to the other: the antiforgery token and the cookie are read by both.
        var signIn = await client.Http.PostFormAsync("/Account/Login", new() { ["UserName"] = "hefei", ["Password"] = Qualis.Platform.Accounts.DemoAccounts.Password });
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await signIn.Content.ReadAsStringAsync()));
        var served = new List<string>();
        foreach (var page in new[] { "/", "/Registry/Enterprises", "/Registry/Import", "/Supervision/Plans", "/", "/Registry/Enterprises" })
        {
            var response = await client.Http.GetAsync(page);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{page} on instance {InstanceOf(response)}");
            served.Add(InstanceOf(response));
        }
        served.Distinct().Order().ShouldBe(["0", "1"]);
    }

    private async Task A_draw_committed_on_one_instance_is_drawn_on_the_other(Client client)
    {
        var batchId = Guid.Parse((await RecordSamples.Makers[typeof(PlanBatch)](A, "340100", $"两实例抽取{Guid.NewGuid():N}"[..12])).RouteValues["id"]);
        await A.WithDb(async db =>
        {
            var batch = await db.Set<PlanBatch>().SingleAsync(b => b.Id == batchId);
            batch.Settings = new BatchSettings { ItemCodes = ["CJ-05"], RatioPercent = 1, TeamSize = 2 };
            await db.SaveChangesAsync();
        });
        var batchPage = $"/Supervision/Plans/Batch/{batchId}";
        var commit = await client.Http.PostFormAsync(batchPage + "?handler=Commit", Witnessing.CommitFields(), batchPage);
        commit.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await commit.Content.ReadAsStringAsync()));
        var committedOn = InstanceOf(commit);
        var drawPage = commit.Headers.Location!.ToString();
        await Witnessing.GiveAllAsync(A.Services, Guid.Parse(drawPage.Split('/')[^1]));
        // The seed was sealed by the instance that committed; the draw (a page, then the post) is asked of the other.
        await client.LastServedByAsync(committedOn == "0" ? "1" : "0");
        var draw = await client.Http.PostFormAsync(drawPage + "?handler=Draw", [], drawPage);
        draw.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await draw.Content.ReadAsStringAsync()));
        InstanceOf(draw).ShouldNotBe(committedOn);
        var drawId = Guid.Parse(drawPage.Split('/')[^1]);
        var drawn = await A.WithDb(db => db.Set<Draw>().AsNoTracking().SingleAsync(d => d.Id == drawId));
        (drawn.Status, drawn.Seed is not null).ShouldBe((DrawStatus.Drawn, true));
    }

    private async Task A_licence_uploaded_on_one_instance_is_read_on_the_other(Client client)
    {
        var licence = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var anonymous = ThroughProxy();
        var code = await AnEnterpriseAsync("340122");
        var submitted = await ClaimAsync(anonymous.Http, code, licence, forwardedFor: ForgedAddress);
        var claim = await ClaimOfAsync(code);
        await client.LastServedByAsync(InstanceOf(submitted));
        var read = await client.Http.GetAsync($"/Registry/Accounts/Claims/Detail/{claim.Id}?handler=Licence");
        InstanceOf(read).ShouldNotBe(InstanceOf(submitted));
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.Content.ReadAsByteArrayAsync()).ShouldBe(licence);
        // The proxy is a known proxy: the entry names the client it saw, not the proxy, and not what the client claimed.
        (await AuditAddressOfAsync(claim.Id)).ShouldBe(ClientAddress.ToString());
    }

    private async Task The_audit_names_the_client_the_proxy_vouches_for_and_no_one_else()
    {
        // Straight to an instance, from an address that is no known proxy: the forged header is ignored.
        var direct = new Client(new Uri($"http://127.0.0.1:{_ports[0]}"), ClientAddress);
        var code = await AnEnterpriseAsync("340122");
        await ClaimAsync(direct.Http, code, forwardedFor: ForgedAddress);
        (await AuditAddressOfAsync((await ClaimOfAsync(code)).Id)).ShouldBe(ClientAddress.ToString());

        // An instance with no proxy configured (the default) trusts no one, loopback included.
        using var unconfigured = new Instance(_db, FreePort(), "2", Settings("2", proxies: null));
        var plain = new Client(unconfigured.BaseAddress, IPAddress.Loopback);
        code = await AnEnterpriseAsync("340122");
        await ClaimAsync(plain.Http, code, forwardedFor: ForgedAddress);
        (await AuditAddressOfAsync((await ClaimOfAsync(code)).Id)).ShouldBe("127.0.0.1");
    }

    /// <summary>Each instance reads a partner's client row at most every two seconds (ApiClientCache): the instance that
    /// revokes the key refuses it at once, the other within that time.</summary>
    private async Task A_key_revoked_on_one_instance_is_refused_by_both()
    {
        var (apiClient, key) = await RecordSamples.NewApiClientAsync(A, "340000", $"两实例吊销{Guid.NewGuid():N}"[..12], ["regions.read"]);
        HttpClient Direct(int index) => new() { BaseAddress = new Uri($"http://127.0.0.1:{_ports[index]}"), DefaultRequestHeaders = { { "X-Api-Key", key } } };
        using var a = Direct(0);
        using var b = Direct(1);
        (await a.GetAsync("/api/regions/340100")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.GetAsync("/api/regions/340100")).StatusCode.ShouldBe(HttpStatusCode.OK); // b now holds the client

        var admin = await A.SignedInAs("admin");
        (await admin.PostFormAsync($"/Admin/ApiClients?handler=Revoke&id={apiClient.Id}", new() { ["reason"] = "两实例吊销" }, "/Admin/ApiClients"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await a.GetAsync("/api/regions/340100")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await b.GetAsync("/api/regions/340100")).StatusCode != HttpStatusCode.Unauthorized)
        {
            clock.Elapsed.ShouldBeLessThan(Qualis.Platform.ApiKeys.ApiClientCache.Lifetime * 3, "the other instance still accepts the revoked key");
            await Task.Delay(100);
        }
    }

    private async Task An_import_committed_while_the_other_instance_restarts_runs_once(Client client)
    {
        const int rows = 10_000;
        var counties = CountyInfo.BuiltInCounties().Where(c => c.RegionPath.Contains("/340100/", StringComparison.Ordinal)).ToList();
        var csv = new StringWriter();
        new EnterpriseGenerator(20261206, counties).WriteCsv(csv, rows);
        var job = await client.Http.UploadOkAsync("enterprises", "两实例导入.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        var jobId = Guid.Parse(job.Split('/')[^1]);
        (await WaitForJobAsync(jobId, j => !j.IsRunning)).Status.ShouldBe(ImportStatus.Validated);
        Step("import checked");
        (await client.Http.PostFormAsync(job + "?handler=Commit", [], job)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The instance that claimed the commit keeps it; the other one is stopped and started again meanwhile.
        var lease = await WaitForLeaseAsync(jobId);
        var runner = _instances[0]!.Services.GetRequiredService<ImportRunner>().Holder == lease ? 0 : 1;
        _instances[runner]!.Services.GetRequiredService<ImportRunner>().Holder.ShouldBe(lease);
        var other = 1 - runner;
        (await A.WithDb(db => db.Set<ImportJob>().Where(j => j.Id == jobId).Select(j => j.Status).SingleAsync())).ShouldBe(ImportStatus.Committing);
        _instances[other]!.Dispose();
        _instances[other] = Start(other);
        Step($"instance {other} restarted while {runner} commits");
        // The restarted instance looks for waiting jobs at once and every few seconds; the commit is not its to run.
        var done = await WaitForJobAsync(jobId, j => j.Status is ImportStatus.Committed or ImportStatus.Failed, TimeSpan.FromSeconds(60));
        await Task.Delay(ImportWorker.PollInterval + TimeSpan.FromSeconds(1)); // a poll of the restarted instance after the end
        done = await WaitForJobAsync(jobId, _ => true);
        done.Status.ShouldBe(ImportStatus.Committed);
        done.Message.ShouldBeNull();
        // Run again after the commit, it would have found every row unchanged: the counts are the first and only run's.
        done.NewCount.ShouldBe(rows);
        done.UnchangedCount.ShouldBe(0);
        (await A.WithDb(db => db.Set<JobLease>().Where(l => l.Name == ImportRunner.LeaseName(jobId)).Select(l => l.Holder).SingleAsync())).ShouldBe(lease);
        // Progress is read from the database: the restarted instance shows the job as the other one left it.
        var restarted = new Client(_instances[other]!.BaseAddress, IPAddress.Loopback);
        (await restarted.Http.PostFormAsync("/Account/Login", new() { ["UserName"] = "hefei", ["Password"] = Qualis.Platform.Accounts.DemoAccounts.Password })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var progress = await restarted.Http.WaitAsync(job);
        (progress.Status, progress.Running, progress.Percent).ShouldBe(("Committed", false, 100));
    }

    private Instance A => _instances[0]!;

    private Instance Start(int index) => new(_db, _ports[index], index.ToString(CultureInfo.InvariantCulture), Settings(index.ToString(CultureInfo.InvariantCulture), proxies: "127.0.0.1"));

    private Dictionary<string, string?> Settings(string name, string? proxies) => new()
    {
        ["Test:Instance"] = name,
        ["Storage:SharedFolder"] = _shared,
        // Each instance's own folders are its own; nothing may depend on them.
        ["Import:Folder"] = null,
        ["Attachments:Folder"] = null,
        ["DataProtection:KeysFolder"] = Path.Combine(_db.Folder, "local-" + name, "keys"),
        ["Proxy:KnownProxies"] = proxies,
        // The notification job's lease holder is named per process, and both instances share this one.
        ["Notifications:Enabled"] = "false",
    };

    private async Task<WebApplication> StartProxyAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "qualis", Match = new RouteMatch { Path = "{**rest}" } }],
            [new ClusterConfig
            {
                ClusterId = "qualis", LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                Destinations = _ports.Select((p, i) => (p, i)).ToDictionary(x => x.i.ToString(CultureInfo.InvariantCulture), x => new DestinationConfig { Address = $"http://127.0.0.1:{x.p}/" }),
            }]);
        var proxy = builder.Build();
        proxy.MapReverseProxy();
        await proxy.StartAsync();
        _proxyAddress = new Uri(proxy.Urls.First());
        return proxy;
    }

    private Client ThroughProxy() => new(_proxyAddress, ClientAddress);

    private static string InstanceOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(InstanceHeader, out var v) ? v.Single() : throw new InvalidOperationException($"No {InstanceHeader} on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");

    private async Task<string> AnEnterpriseAsync(string county)
    {
        var body = "K" + Random.Shared.Next(0, 9_999_999).ToString("D7", CultureInfo.InvariantCulture);
        var code = Qualis.Features.Registry.CreditCode.Compute("91" + county + body);
        await RecordSamples.AddInCityAsync(A, county, path => new Enterprise
            { CreditCode = code, Name = "两实例认领" + body + "有限公司", LegalRepresentative = "王建国", RegionCode = county, RegionPath = path, UpdatedAt = DateTime.UtcNow });
        return code;
    }

    private static async Task<HttpResponseMessage> ClaimAsync(HttpClient client, string code, byte[]? licence = null, string? forwardedFor = null)
    {
        licence ??= Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var token = await client.TokenAsync("/Public/Claim");
        using var form = new MultipartFormDataContent();
        foreach (var (k, v) in new Dictionary<string, string>
                 {
                     ["CreditCode"] = code, ["LegalRepresentative"] = "王建国", ["ContactName"] = "李会计",
                     ["ContactPhone"] = "0551-67654321", ["ContactEmail"] = "caiwu@example.cn", ["__RequestVerificationToken"] = token,
                 })
            form.Add(new StringContent(v), k);
        form.Add(new ByteArrayContent(licence), "Licence", "执照.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Public/Claim") { Content = form };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        var response = await client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, Forms.ErrorsIn(page));
        page.ShouldContain("id=\"claim-submitted\"");
        return response;
    }

    private Task<AccountClaim> ClaimOfAsync(string code) =>
        A.WithDb(db => db.Set<AccountClaim>().SingleAsync(c => c.CreditCode == code));

    private Task<string?> AuditAddressOfAsync(Guid claimId) =>
        A.WithDb(db => db.AuditEntries.Where(e => e.EntityType == nameof(AccountClaim) && e.Action == AuditEntry.Create && e.EntityKey.Contains(claimId.ToString()))
            .Select(e => e.Ip).SingleAsync());

    private async Task<string> WaitForLeaseAsync(Guid jobId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var holder = await A.WithDb(db => db.Set<JobLease>().Where(l => l.Name == ImportRunner.LeaseName(jobId) && l.Until > DateTime.UtcNow).Select(l => l.Holder).SingleOrDefaultAsync());
            var status = await A.WithDb(db => db.Set<ImportJob>().Where(j => j.Id == jobId).Select(j => j.Status).SingleAsync());
            if (holder is not null && status == ImportStatus.Committing) return holder;
            if (DateTime.UtcNow > until) throw new TimeoutException($"No instance claimed the commit of {jobId} (status {status}).");
            await Task.Delay(20);
        }
    }

    private async Task<ImportJob> WaitForJobAsync(Guid jobId, Func<ImportJob, bool> done, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await A.WithDb(db => db.Set<ImportJob>().AsNoTracking().SingleAsync(j => j.Id == jobId));
            if (done(job)) return job;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Import {jobId} still {job.Status}.");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A browser of its own (cookies, no redirects followed) connecting from <paramref name="from"/>.</summary>
    private sealed class Client(Uri baseAddress, IPAddress from)
    {
        public HttpClient Http { get; } = new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        }) { BaseAddress = baseAddress };

        /// <summary>
        /// Sends cheap requests until one is served by <paramref name="instance"/>. The proxy takes the two instances in
        /// turn, so the next request goes to the other one, and a form post (its page, then the post) to this one.
        /// </summary>
        public async Task LastServedByAsync(string instance)
        {
            for (var i = 0; i < 4; i++)
            {
                using var response = await Http.GetAsync("/health");
                if (InstanceOf(response) == instance) return;
            }
            throw new InvalidOperationException("The proxy does not alternate.");
        }
    }

    /// <summary>One instance: the application on a fixed port, its responses marked with its name for the test.</summary>
    private sealed class Instance(TestDatabase database, int port, string name, IDictionary<string, string?> settings)
        : QualisApp(database, settings, ownsDatabase: false, port)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new MarkResponses()));
        }

        public string Name => name;

        private sealed class MarkResponses : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                var instance = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Test:Instance"] ?? "?";
                app.Use((http, nextMiddleware) =>
                {
                    http.Response.OnStarting(() =>
                    {
                        http.Response.Headers[InstanceHeader] = instance;
                        return Task.CompletedTask;
                    });
                    return nextMiddleware(http);
                });
                next(app);
            };
        }
    }
}
