using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qualis.Features.Registry.Enterprises;
using static Qualis.Bench.BenchHttp;

namespace Qualis.Bench;

/// <summary>
/// A bounded load test over loopback (issue 11): <paramref name="concurrency"/> callers, each sending its next request
/// when the last one is answered, for a fixed time per phase. Phases: <c>/health</c> alone (the yardstick), the partner
/// lookup of one enterprise by credit code alone, the partner name search alone, then a mix of officials' pages, partner
/// calls and public searches while the platform processes' resident memory is sampled. The ratios of the lookup's and
/// the search's requests per second to /health's are what the issue bounds (≥ 25% with p99 ≤ 20 ms; ≥ 5% with p99 ≤
/// 100 ms); the mix must answer every request without error and keep memory flat after its warm-up third.
/// Prints one JSON object.
/// </summary>
public static class LoadTest
{
    private sealed record Sample(string Kind, double Ms, bool Ok);

    public static async Task<int> RunAsync(string url, string pids, int phaseSeconds, int mixSeconds, int concurrency)
    {
        if (phaseSeconds * 3 + mixSeconds > 540) throw new ArgumentException("The load test is bounded to 10 minutes; shorten --seconds or --mix-seconds.");
        var processIds = pids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        var sample = new EnterpriseGenerator(20181108, CountyInfo.BuiltInCounties()).Generate(5000).ToList();
        var partner = await PartnerClientAsync(url);
        var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = new Uri(url) };
        var officials = new[] { await SignInAsync(url, "province"), await SignInAsync(url, "hefei"), await SignInAsync(url, "feidong") };

        // Each caller has its own random source: Random is not safe to share across threads.
        Func<Random, string> lookup = r => "/api/enterprises/" + sample[r.Next(sample.Count)].CreditCode;
        Func<Random, string> search = r =>
        {
            var name = sample[r.Next(sample.Count)].Name;
            var length = r.Next(2, 5);
            var start = r.Next(0, Math.Max(1, name.Length - length - 4)); // not only the trailing 有限公司
            return "/api/enterprises?name=" + Uri.EscapeDataString(name.Substring(start, Math.Min(length, name.Length - start)));
        };
        string[] cities = ["340100", "340200", "340300", "340400", "340500", "340600", "340700", "340800", "341000", "341100", "341200", "341300", "341500", "341600", "341700", "341800"];
        string[] sorts = ["name", "code", "-established", "employees"];

        var results = new Dictionary<string, object>();
        var health = await PhaseAsync("health", phaseSeconds, concurrency, _ => (anonymous, "/health"));
        var lookups = await PhaseAsync("lookup", phaseSeconds, concurrency, r => (partner, lookup(r)));
        var searches = await PhaseAsync("search", phaseSeconds, concurrency, r => (partner, search(r)));
        foreach (var p in new[] { health, lookups, searches }) results[p.Kind] = p.Summary;
        results["lookupOverHealth"] = Math.Round(lookups.Rps / health.Rps, 4);
        results["searchOverHealth"] = Math.Round(searches.Rps / health.Rps, 4);

        // The mix: what a working day looks like, weighted. Officials' pages are whole HTML pages with their layout.
        var mixKinds = new (string Kind, int Weight, Func<Random, (HttpClient, string)> Next)[]
        {
            ("partner lookup", 30, r => (partner, lookup(r))),
            ("partner name search", 15, r => (partner, search(r))),
            ("official: enterprise list", 10, r => (officials[0], $"/Registry/Enterprises?sort={sorts[r.Next(sorts.Length)]}&page={r.Next(1, 41)}")),
            ("official: enterprise list filtered", 5, r => (officials[0], $"/Registry/Enterprises?region={cities[r.Next(cities.Length)]}&status=Existing&page={r.Next(1, 11)}")),
            ("official: home page", 10, r => (officials[r.Next(officials.Length)], "/")),
            ("official: spot checks", 5, r => (officials[r.Next(officials.Length)], "/Supervision/Checks")),
            ("public: results search", 10, r => (anonymous, "/Public/Results?enterprise=" + Uri.EscapeDataString(sample[r.Next(sample.Count)].Name[..2]))),
            ("public: draws", 5, r => (anonymous, "/Public/Draws")),
            ("health", 10, _ => (anonymous, "/health")),
        };
        var total = mixKinds.Sum(k => k.Weight);
        var rss = new List<(double Seconds, long Kb)>();
        using var sampling = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                rss.Add((watch.Elapsed.TotalSeconds, processIds.Sum(ResidentKb)));
                try { await Task.Delay(2000, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var mix = await PhaseAsync("mix", mixSeconds, concurrency, r =>
        {
            var pick = r.Next(total);
            foreach (var k in mixKinds)
            {
                if (pick < k.Weight) { var (c, u) = k.Next(r); return (c, u, k.Kind); }
                pick -= k.Weight;
            }
            throw new InvalidOperationException();
        });
        sampling.Cancel();
        await sampler;
        results["mix"] = mix.Summary;
        results["mixByKind"] = mix.Samples.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Summarize(g.ToList(), mixSeconds));
        if (processIds.Count > 0 && rss.Count >= 6)
        {
            // Warm-up is the first third; "flat" compares the highest reading of the rest with the reading at its start.
            var afterWarmUp = rss.Where(x => x.Seconds >= mixSeconds / 3.0).ToList();
            var start = afterWarmUp[0].Kb;
            var peak = afterWarmUp.Max(x => x.Kb);
            results["memory"] = new
            {
                processes = processIds.Count, samples = rss.Count, startMb = rss[0].Kb / 1024, afterWarmUpMb = start / 1024,
                peakAfterWarmUpMb = peak / 1024, endMb = rss[^1].Kb / 1024, growthAfterWarmUp = Math.Round((double)(peak - start) / start, 4),
            };
        }
        Console.WriteLine(JsonSerializer.Serialize(results));
        return mix.Errors + health.Errors + lookups.Errors + searches.Errors == 0 ? 0 : 1;
    }

    private sealed record Phase(string Kind, List<Sample> Samples, double Seconds, int Errors, double Rps, object Summary);

    private static Task<Phase> PhaseAsync(string kind, int seconds, int concurrency, Func<Random, (HttpClient, string)> next) =>
        PhaseAsync(kind, seconds, concurrency, r => { var (c, u) = next(r); return (c, u, kind); });

    /// <summary>Runs the callers for the given time after a warm-up of a fifth of it (at least 3 s), then summarises.</summary>
    private static async Task<Phase> PhaseAsync(string kind, int seconds, int concurrency, Func<Random, (HttpClient Client, string Url, string Kind)> next)
    {
        var warmUp = TimeSpan.FromSeconds(Math.Max(3, seconds / 5));
        await CallersAsync(concurrency, warmUp, next, null);
        var samples = new List<Sample>();
        var errors = new List<string>();
        await CallersAsync(concurrency, TimeSpan.FromSeconds(seconds), next, (s, error) =>
        {
            lock (samples)
            {
                samples.Add(s);
                if (error is not null && errors.Count < 5) errors.Add(error);
            }
        });
        foreach (var e in errors) Console.Error.WriteLine($"{kind}: {e}");
        var summary = Summarize(samples, seconds);
        return new Phase(kind, samples, seconds, samples.Count(s => !s.Ok), samples.Count / (double)seconds, summary);
    }

    private static async Task CallersAsync(int concurrency, TimeSpan duration, Func<Random, (HttpClient Client, string Url, string Kind)> next, Action<Sample, string?>? record)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var random = new Random(1000 + i);
            while (Stopwatch.GetTimestamp() < until)
            {
                var (client, url, kind) = next(random);
                var started = Stopwatch.GetTimestamp();
                string? error = null;
                try
                {
                    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode) error = $"{url}: {(int)response.StatusCode}";
                }
                catch (HttpRequestException e) { error = $"{url}: {e.Message}"; }
                record?.Invoke(new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error is null), error);
            }
        })));
    }

    private static object Summarize(List<Sample> samples, int seconds)
    {
        var ms = samples.Select(s => s.Ms).Order().ToList();
        double P(double p) => ms.Count == 0 ? 0 : Math.Round(ms[Math.Max(0, (int)Math.Ceiling(p * ms.Count) - 1)], 2);
        return new
        {
            requests = ms.Count, errors = samples.Count(s => !s.Ok), rps = Math.Round(ms.Count / (double)seconds, 1),
            p50 = P(0.50), p95 = P(0.95), p99 = P(0.99), max = ms.Count == 0 ? 0 : Math.Round(ms[^1], 2),
        };
    }

    /// <summary>A partner system's key for the registry, issued by the administrator through the admin page as officials do.</summary>
    private static async Task<HttpClient> PartnerClientAsync(string url)
    {
        var admin = await SignInAsync(url, "admin");
        var token = await TokenAsync(admin, "/Admin/ApiClients");
        var response = await admin.PostAsync("/Admin/ApiClients?handler=Create", new FormUrlEncodedContent(
        [
            new("Name", $"负载测试 {DateTime.UtcNow:yyyyMMddHHmmss}"), new("Department", "省数据资源局"), new("RegionCode", "340000"),
            new("Scopes", "enterprises.read"), new("__RequestVerificationToken", token),
        ]));
        var html = await response.Content.ReadAsStringAsync();
        var key = Regex.Match(html, "id=\"new-key-value\">([^<]+)<").Groups[1].Value;
        if (key.Length == 0) throw new InvalidOperationException($"No API key was issued ({(int)response.StatusCode}).");
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Add("X-Api-Key", WebUtility.HtmlDecode(key.Trim()));
        return client;
    }

    internal static long ResidentKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }
}
