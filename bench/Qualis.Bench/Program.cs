using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qualis.Features.Registry.Enterprises;

// Benchmark client for bench/run.sh. It drives a running Qualis the way officials and partner systems do, over HTTP,
// and prints one JSON object per measurement. Usage:
//   Qualis.Bench generate --rows N --out FILE
//   Qualis.Bench import --url URL --file FILE
//   Qualis.Bench search --url URL --queries N
return args.FirstOrDefault() switch
{
    "generate" => Generate(Option("--rows", "1000000"), Option("--out")),
    "import" => await ImportAsync(Option("--url"), Option("--file")),
    "search" => await SearchAsync(Option("--url"), int.Parse(Option("--queries", "400"))),
    _ => Usage(),
};

string Option(string name, string? fallback = null)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"{name} is required");
}

static int Usage()
{
    Console.Error.WriteLine("Qualis.Bench generate --rows N --out FILE | import --url URL --file FILE | search --url URL --queries N");
    return 2;
}

static int Generate(string rows, string file)
{
    var count = int.Parse(rows);
    var watch = Stopwatch.StartNew();
    using (var writer = new StreamWriter(file, false, new UTF8Encoding(true), 1 << 20))
        new EnterpriseGenerator(20181108, CountyInfo.BuiltInCounties()).WriteCsv(writer, count);
    Console.WriteLine(JsonSerializer.Serialize(new { rows = count, bytes = new FileInfo(file).Length, seconds = watch.Elapsed.TotalSeconds }));
    return 0;
}

/// <summary>Uploads the file as an official, waits for the check, commits, waits for the commit; times each step.</summary>
static async Task<int> ImportAsync(string url, string file)
{
    var client = await SignInAsync(url, "province");
    var token = await TokenAsync(client, "/Registry/Import");
    var watch = Stopwatch.StartNew();
    HttpResponseMessage upload;
    await using (var content = File.OpenRead(file))
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("enterprises"), "Kind" },
            { new StreamContent(content), "File", Path.GetFileName(file) },
        };
        upload = await client.PostAsync("/Registry/Import", form);
    }
    if (upload.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Upload refused: {(int)upload.StatusCode}");
    var job = upload.Headers.Location!.ToString();
    var uploaded = watch.Elapsed.TotalSeconds;
    var check = await WaitAsync(client, job);
    var checkedAt = watch.Elapsed.TotalSeconds;
    if (check.Status != "Validated" || !check.Counts.Contains("问题 0 个")) throw new InvalidOperationException($"Check: {check.Status} {check.Counts}");
    var commitToken = await TokenAsync(client, job);
    var commit = await client.PostAsync(job + "?handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = commitToken }));
    if (commit.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Commit refused: {(int)commit.StatusCode}");
    var done = await WaitAsync(client, job);
    if (done.Status != "Committed") throw new InvalidOperationException($"Commit: {done.Status} {done.Counts}");
    var total = watch.Elapsed.TotalSeconds;
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        upload = uploaded, check = checkedAt - uploaded, commit = total - checkedAt, total, counts = done.Counts,
    }));
    return 0;
}

/// <summary>
/// Searches the enterprise directory through /api/enterprises as a signed-in provincial official: name fragments
/// of two, three and four characters taken from real generated names (common and rare), credit-code prefixes and
/// region filters, one request at a time; reports latency percentiles.
/// </summary>
static async Task<int> SearchAsync(string url, int queries)
{
    var client = await SignInAsync(url, "province");
    var sample = new EnterpriseGenerator(20181108, CountyInfo.BuiltInCounties()).Generate(5000).ToList();
    var random = new Random(7);
    string Fragment(string name, int length)
    {
        var start = random.Next(0, Math.Max(1, name.Length - length - 4)); // not only the trailing 有限公司
        return name.Substring(start, Math.Min(length, name.Length - start));
    }
    var mix = new List<string>();
    for (var i = 0; i < queries; i++)
    {
        var e = sample[random.Next(sample.Count)];
        mix.Add((i % 10) switch
        {
            0 or 1 or 2 => "name=" + Uri.EscapeDataString(Fragment(e.Name, 2)),
            3 or 4 => "name=" + Uri.EscapeDataString(Fragment(e.Name, 3)),
            5 => "name=" + Uri.EscapeDataString(Fragment(e.Name, 4)),
            6 => "name=" + Uri.EscapeDataString(Fragment(e.Name, 2)) + "&region=" + e.RegionCode[..4] + "00",
            7 => "code=" + e.CreditCode[..10],
            8 => "name=" + Uri.EscapeDataString(Fragment(e.Name, 2)) + "&sort=-established",
            _ => "name=" + Uri.EscapeDataString(e.Name[..Math.Min(6, e.Name.Length)]),
        });
    }
    foreach (var q in mix.Take(20)) await client.GetAsync("/api/enterprises?" + q); // warm-up
    var latencies = new List<double>();
    var totals = new List<int>();
    var slowest = new List<(double Ms, string Query, int Hits)>();
    foreach (var q in mix)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.GetAsync("/api/enterprises?" + q);
        var body = await response.Content.ReadAsStringAsync();
        latencies.Add(watch.Elapsed.TotalMilliseconds);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{q}: {(int)response.StatusCode}");
        totals.Add(JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32());
        slowest.Add((latencies[^1], Uri.UnescapeDataString(q), totals[^1]));
    }
    foreach (var s in slowest.OrderByDescending(s => s.Ms).Take(int.Parse(Environment.GetEnvironmentVariable("BENCH_SHOW_SLOWEST") ?? "0")))
        Console.Error.WriteLine($"{s.Ms,8:F1} ms {s.Hits,8} hits  {s.Query}");
    latencies.Sort();
    double P(double p) => latencies[(int)Math.Ceiling(p * latencies.Count) - 1];
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        queries = latencies.Count, p50 = P(0.50), p95 = P(0.95), p99 = P(0.99), max = latencies[^1],
        medianHits = totals.Order().ElementAt(totals.Count / 2),
    }));
    return 0;
}

static async Task<HttpClient> SignInAsync(string url, string user)
{
    var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(30),
    };
    var token = await TokenAsync(client, "/Account/Login");
    var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["UserName"] = user, ["Password"] = "Qualis#2026", ["__RequestVerificationToken"] = token,
    }));
    if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {user} failed: {(int)response.StatusCode}");
    return client;
}

static async Task<string> TokenAsync(HttpClient client, string page)
{
    var html = await client.GetStringAsync(page);
    return WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
}

static async Task<Progress> WaitAsync(HttpClient client, string job)
{
    while (true)
    {
        var p = (await client.GetFromJsonAsync<Progress>(job + "?handler=Progress"))!;
        if (!p.Running) return p;
        await Task.Delay(250);
    }
}

internal sealed record Progress(string Status, bool Running, int Percent, string Counts);
