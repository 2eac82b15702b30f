using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qualis.Features.Registry.Enterprises;
using static Qualis.Bench.BenchHttp;

// Benchmark client for bench/run.sh. It drives a running Qualis the way officials and partner systems do, over HTTP,
// and prints one JSON object per measurement. Usage:
//   Qualis.Bench generate --rows N --out FILE
//   Qualis.Bench import --url URL --file FILE [--kind enterprises|inspectors]
//   Qualis.Bench search --url URL --queries N
//   Qualis.Bench pages --url URL [--requests N]        (list pages 1–40 and the last page, each role's home page, as HTML)
//   Qualis.Bench inspectors --count N --out FILE       (an inspector directory to import)
//   Qualis.Bench draw --url URL --exclusions FILE      (plan, batch, commit, draw and public verification, timed)
//   Qualis.Bench hash [--drawn N] [--team N] [--draw-seconds S]   (the draw's hashing: library SHA-256 against hand-written)
//   Qualis.Bench signin --url URL [--rounds N] [--user NAME]   (failed sign-in: unknown name against wrong password, timed;
//                                                   and a signed-in request's cost; the server must allow N×3 sign-ins a minute)
//   Qualis.Bench load --url URL [--pids P,P] [--seconds S] [--mix-seconds S] [--concurrency N]
//                                                   (a bounded load test: /health, the partner lookup, the name search, then a mix)
//   Qualis.Bench scoreboard --url URL --provider Sqlite|Postgres --connection CS [--requests N] [--enrolments N] [--checks N]
//                                                   (issue 14: a 20-target plan, enrolments and results seeded by SQL, then the
//                                                    scoreboard, the assessment with explanations and the plain SQL aggregate, timed)
//   Qualis.Bench questionnaire --url URL --provider Sqlite|Postgres --connection CS [--requests N] [--firms N]
//                                                   (issue 15: a province-wide needs questionnaire answered by N firms, seeded by
//                                                    SQL, then its summary page and the plain SQL aggregate of the same counts, timed)
//   Qualis.Bench export --url URL [--format csv|xlsx] [--pid P]   (issue 12: the enterprise directory exported through the
//                                                   background job and downloaded, timed; P's resident memory sampled)
//   Qualis.Bench award-draw [--applicants N] [--experts N] [--per N] [--runs R]   (issue 16: an award round's expert draw under
//                                                   回避 — canonical inputs, assignment, published JSON and hash — timed:
//                                                   the median and max of R runs, then checked and reproduced)
//   Qualis.Bench xlsx-writers [--rows N] [--runs R]      (issue 12: the platform's XLSX writer against MiniExcel on N enterprise
//                                                   rows made in memory, each writer in a child process of its own, best of R)
return args.FirstOrDefault() switch
{
    "award-draw" => Qualis.Bench.AwardDrawBench.Run(int.Parse(Option("--applicants", "500")), int.Parse(Option("--experts", "300")), int.Parse(Option("--per", "5")),
        int.Parse(Option("--runs", "20"))),
    "xlsx-writers" => await Qualis.Bench.XlsxWritersBench.RunAsync(int.Parse(Option("--rows", "1000000")), int.Parse(Option("--runs", "2")),
        typeof(Qualis.Bench.XlsxWritersBench).Assembly.Location),
    "export" => await Qualis.Bench.ExportBench.RunAsync(Option("--url"), Option("--format", "csv"), int.Parse(Option("--pid", "0"))),
    "xlsx-writer-one" => await Qualis.Bench.XlsxWritersBench.OneAsync(Option("--writer"), int.Parse(Option("--rows", "1000000"))),
    "generate" => Generate(Option("--rows", "1000000"), Option("--out")),
    "import" => await ImportAsync(Option("--url"), Option("--file"), Option("--kind", "enterprises")),
    "search" => await SearchAsync(Option("--url"), int.Parse(Option("--queries", "400"))),
    "pages" => await PagesAsync(Option("--url"), int.Parse(Option("--requests", "20"))),
    "inspectors" => Inspectors(int.Parse(Option("--count", "500")), Option("--out")),
    "draw" => await DrawAsync(Option("--url"), Option("--exclusions")),
    "hash" => Hash(int.Parse(Option("--drawn", "9211")), int.Parse(Option("--team", "2")), double.Parse(Option("--draw-seconds", "1.40"), System.Globalization.CultureInfo.InvariantCulture)),
    "signin" => await SignInTimingAsync(Option("--url"), int.Parse(Option("--rounds", "200")), Option("--user", "hefei")),
    "load" => await Qualis.Bench.LoadTest.RunAsync(Option("--url"), Option("--pids", ""), int.Parse(Option("--seconds", "30")),
        int.Parse(Option("--mix-seconds", "120")), int.Parse(Option("--concurrency", "8"))),
    "scoreboard" => await Qualis.Bench.ScoreboardBench.RunAsync(Option("--url"), Option("--provider"), Option("--connection"), int.Parse(Option("--requests", "50")),
        int.Parse(Option("--enrolments", "100000")), int.Parse(Option("--checks", "200000")), int.Parse(Option("--recognitions", "200000"))),
    "questionnaire" => await Qualis.Bench.QuestionnaireBench.RunAsync(Option("--url"), Option("--provider"), Option("--connection"), int.Parse(Option("--requests", "20")),
        int.Parse(Option("--firms", "100000"))),
    _ => Usage(),
};

string Option(string name, string? fallback = null)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"{name} is required");
}

static int Usage()
{
    Console.Error.WriteLine("Qualis.Bench generate --rows N --out FILE | import --url URL --file FILE [--kind K] | search --url URL --queries N"
                            + " | pages --url URL [--requests N] | inspectors --count N --out FILE | draw --url URL --exclusions FILE | hash [--drawn N] [--team N] [--draw-seconds S]"
                            + " | signin --url URL [--rounds N] [--user NAME] | load --url URL [--pids P,P] [--seconds S] [--mix-seconds S] [--concurrency N]"
                            + " | scoreboard --url URL --provider P --connection CS [--requests N] [--enrolments N] [--checks N]"
                            + " | questionnaire --url URL --provider P --connection CS [--requests N] [--firms N]"
                            + " | export --url URL [--format csv|xlsx] [--pid P] | xlsx-writers [--rows N] [--runs R]"
                            + " | award-draw [--applicants N] [--experts N] [--per N] [--runs R]");
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
static async Task<int> ImportAsync(string url, string file, string kind)
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
            { new StringContent(kind), "Kind" },
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

    // The searches that cost most (issue 11: none may take more than 1 s of database time at a million enterprises): what
    // nearly every name holds, one character, the longest term allowed, a city's name in every order and deep or counted
    // exactly. Each once, with the keeping of common pages defeated by a page size of its own.
    string[] costly =
    [
        "name=%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8", "name=%E5%85%AC%E5%8F%B8&sort=code", "name=%E6%9C%89&region=340104", "name=a&region=341822",
        "name=" + Uri.EscapeDataString(new string('科', 50)), "name=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("合肥芜湖", 12)) + "蚌埠"),
        "name=%E8%8A%9C%E6%B9%96", "name=%E8%8A%9C%E6%B9%96&sort=code", "name=%E8%8A%9C%E6%B9%96&sort=-employees", "name=%E5%90%88%E8%82%A5",
        "name=%E5%90%88%E8%82%A5&exactCount=true", "name=%E5%90%88%E8%82%A5&page=400", "name=%E5%90%88%E8%82%A5&region=341800",
        "name=%E7%A7%91%E6%8A%80&page=200&sort=-established", "code=9", "code=91340",
    ];
    var worst = new List<(double Ms, string Query)>();
    var size = 37;
    foreach (var q in costly)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.GetAsync($"/api/enterprises?{q}&pageSize={size++}");
        await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{q}: {(int)response.StatusCode}");
        worst.Add((watch.Elapsed.TotalMilliseconds, Uri.UnescapeDataString(q)));
    }
    var costliest = worst.MaxBy(w => w.Ms);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        queries = latencies.Count, p50 = P(0.50), p95 = P(0.95), p99 = P(0.99), max = latencies[^1],
        medianHits = totals.Order().ElementAt(totals.Count / 2),
        costly = worst.Count, costliestMs = costliest.Ms, costliestQuery = costliest.Query,
    }));
    return 0;
}

/// <summary>
/// Whole pages as people open them (HTML through the browser's path: cookie, antiforgery, layout, pager), one request at a
/// time after a warm-up of each kind. The enterprise list at a random page of the first 40, unfiltered (each sort) and
/// filtered (city, industry section, status, size, a name fragment; each with a random sort); its last page (the
/// exact count, read through the reversed order), unfiltered and filtered; and each demo role's home page. Ceilings
/// (issue 10): list pages p95 ≤ 100 ms, the last page ≤ 500 ms, home pages p95 ≤ 200 ms. Prints one JSON object:
/// per kind, the requests, p50, p95 and max in milliseconds.
/// </summary>
static async Task<int> PagesAsync(string url, int requests)
{
    var random = new Random(11);
    string[] sorts = ["name", "code", "region", "established", "-established", "employees", "-employees"];
    string[] cities = ["340100", "340200", "340300", "340400", "340500", "340600", "340700", "340800", "341000", "341100", "341200", "341300", "341500", "341600", "341700", "341800"];
    string[] filters = ["region={0}", "industry=C", "status=Existing", "size=Small", "name=%E7%A7%91%E6%8A%80", "region={0}&status=Existing", "industry=C&size=Micro"];
    string Sort() => sorts[random.Next(sorts.Length)];
    string Filter() => string.Format(System.Globalization.CultureInfo.InvariantCulture, filters[random.Next(filters.Length)], cities[random.Next(cities.Length)]);
    var province = await SignInAsync(url, "province");
    var kinds = new Dictionary<string, (HttpClient Client, Func<string> Next)>
    {
        ["list, pages 1-40"] = (province, () => $"/Registry/Enterprises?sort={Sort()}&page={random.Next(1, 41)}"),
        ["list filtered, pages 1-40"] = (province, () => $"/Registry/Enterprises?{Filter()}&sort={Sort()}&page={random.Next(1, 41)}"),
        ["list, last page"] = (province, () => $"/Registry/Enterprises?sort={Sort()}&page=last"),
        ["list filtered, last page"] = (province, () => $"/Registry/Enterprises?{Filter()}&sort={Sort()}&page=last"),
    };
    foreach (var user in new[] { "admin", "province", "hefei", "feidong", "inspector", "agency", "partner", "enterprise" })
    {
        var client = user == "province" ? province : await SignInAsync(url, user);
        kinds["home, " + user] = (client, () => "/");
    }
    var results = new Dictionary<string, object>();
    var slowest = new List<(double Ms, string Url)>();
    foreach (var (kind, (client, next)) in kinds)
    {
        for (var i = 0; i < 3; i++) (await client.GetAsync(next())).EnsureSuccessStatusCode(); // warm-up
        var latencies = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var page = next();
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync(page);
            await response.Content.ReadAsStringAsync();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{page}: {(int)response.StatusCode}");
            slowest.Add((latencies[^1], page));
        }
        latencies.Sort();
        double P(double p) => latencies[(int)Math.Ceiling(p * latencies.Count) - 1];
        results[kind] = new { requests = latencies.Count, p50 = P(0.50), p95 = P(0.95), max = latencies[^1] };
    }
    foreach (var s in slowest.OrderByDescending(s => s.Ms).Take(int.Parse(Environment.GetEnvironmentVariable("BENCH_SHOW_SLOWEST") ?? "0")))
        Console.Error.WriteLine($"{s.Ms,8:F1} ms  {Uri.UnescapeDataString(s.Url)}");
    Console.WriteLine(JsonSerializer.Serialize(results));
    return 0;
}

/// <summary>
/// The hashing of one benchmark draw, timed with the generator's library SHA-256 (DrawRandom) and with the
/// hand-written one it replaced (<see cref="Qualis.Bench.HandWrittenBlocks"/>), alternately, 20 times each in this
/// process, after a warm-up. The workload is the draw's: sampling takes one value per drawn enterprise from the
/// seed's stream, and the assignment one value per team place from the stream derived with "inspectors"
/// (docs/draw-algorithm.md); four values a block. Both must give the same values. Reports the medians and what the
/// difference is of a draw of <paramref name="drawSeconds"/> (docs/benchmarks.md).
/// </summary>
static int Hash(int drawn, int team, double drawSeconds)
{
    var seed = System.Security.Cryptography.SHA256.HashData("Qualis.Bench hash"u8);
    var picks = drawn * team;
    ulong Library()
    {
        var sampling = new Qualis.Features.Supervision.Draws.DrawRandom(seed);
        var sum = 0UL;
        for (var i = 0; i < drawn; i++) sum += sampling.NextUInt64();
        var assignment = Qualis.Features.Supervision.Draws.DrawRandom.Derive(seed, "inspectors");
        for (var i = 0; i < picks; i++) sum += assignment.NextUInt64() * 3;
        return sum;
    }
    ulong HandWritten()
    {
        var values = new ulong[Qualis.Bench.HandWrittenBlocks.ValuesPerBatch];
        ulong Stream(byte[] streamSeed, int count, ulong weight)
        {
            var blocks = new Qualis.Bench.HandWrittenBlocks(streamSeed);
            var sum = 0UL;
            for (var i = 0; i < count; i++)
            {
                var k = i % values.Length;
                if (k == 0) blocks.Compute((ulong)(i / 4), values);
                sum += values[k] * weight;
            }
            return sum;
        }
        var derived = System.Security.Cryptography.SHA256.HashData([.. seed, .. "inspectors"u8]);
        return Stream(seed, drawn, 1) + Stream(derived, picks, 3);
    }
    if (Library() != HandWritten()) throw new InvalidOperationException("The two SHA-256 give different streams.");
    for (var i = 0; i < 5; i++) { Library(); HandWritten(); }
    var library = new List<double>();
    var handWritten = new List<double>();
    for (var round = 0; round < 20; round++)
    {
        var watch = Stopwatch.StartNew();
        Library();
        library.Add(watch.Elapsed.TotalMilliseconds);
        watch.Restart();
        HandWritten();
        handWritten.Add(watch.Elapsed.TotalMilliseconds);
    }
    static double Median(List<double> times) { times.Sort(); return (times[9] + times[10]) / 2; }
    var saved = Median(library) - Median(handWritten);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        drawn, team, blocks = (drawn + 3) / 4 + (picks + 3) / 4, libraryMs = Median(library), handWrittenMs = Median(handWritten),
        savedMs = saved, drawSeconds, savedShareOfDraw = saved / (drawSeconds * 1000),
    }));
    return 0;
}

/// <summary>An inspector directory (执法检查人员名录) spread over Anhui's cities and counties, in the import's columns.</summary>
static int Inspectors(int count, string file)
{
    var counties = CountyInfo.BuiltInCounties();
    using var w = new StreamWriter(file, false, new UTF8Encoding(true));
    w.WriteLine("执法证号,姓名,所在单位,行政区划代码,专业特长,在岗");
    string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"];
    string[] given = ["伟", "芳", "敏", "静", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "霞"];
    for (var i = 0; i < count; i++)
    {
        var c = counties[i * 7 % counties.Count];
        // A third of the units are shared by several inspectors, so the linked-unit rule bites on whole units.
        w.WriteLine($"皖B{i + 1:D6},{surnames[i % surnames.Length]}{given[i * 5 % given.Length]}{given[i * 3 % given.Length]},{c.CityName}{c.Name}市场监督管理局{(i % 3 == 0 ? "稽查大队" : "")},{c.Code},电线电缆,是");
    }
    Console.WriteLine(JsonSerializer.Serialize(new { inspectors = count, file }));
    return 0;
}

/// <summary>
/// The double-random draw over the whole directory as a provincial official takes it, over HTTP: a plan and a batch
/// (all of Anhui, strata by county × credit-risk class ≈ 400, ratios A 0.5%, B 1%, C 1.5%, D 2% — about 1% overall —,
/// closed firms, firms inspected in the last 12 months and a manual list excluded, teams of two with the own-county rule), then the commit (freeze and publish), the draw, and the public verification, each timed.
/// </summary>
static async Task<int> DrawAsync(string url, string exclusionsFile)
{
    var client = await SignInAsync(url, "province");
    async Task<HttpResponseMessage> PostAsync(string page, string action, Dictionary<string, string> fields)
    {
        var token = await TokenAsync(client, page);
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }
    var plan = await PostAsync("/Supervision/Plans", "/Supervision/Plans", new() { ["Year"] = "2026", ["Name"] = "基准测试 全省计划", ["RegionCode"] = "340000" });
    var planUrl = plan.Headers.Location?.ToString() ?? throw new InvalidOperationException($"Plan refused: {(int)plan.StatusCode}");
    var batchPage = "/Supervision/Plans/Batch?plan=" + planUrl.Split('/').Last();
    var manual = string.Join('\n', File.ReadLines(exclusionsFile).Take(100).Select(code => code + " 基准测试人工排除"));
    async Task<string> BatchAsync(string name, string item, string? scope)
    {
        var batch = await PostAsync(batchPage, batchPage, new()
        {
            ["Form.Name"] = name, ["Form.Items"] = item, ["Form.ScopeRegion"] = scope ?? "", ["Form.ExcludeMonths"] = "12", ["Form.ExcludeClosed"] = "true",
            ["Form.ManualExclusions"] = manual, ["Form.ByRegion"] = "County", ["Form.ByIndustry"] = "None", ["Form.ByCreditClass"] = "true",
            ["Form.ClassRatios[A]"] = "0.5", ["Form.ClassRatios[B]"] = "1", ["Form.ClassRatios[C]"] = "1.5", ["Form.ClassRatios[D]"] = "2",
            ["Form.TeamSize"] = "2", ["Form.ExcludeOwnCounty"] = "true",
            // The whole directory, every industry, as before items carried a scope: confirmed, as the form asks.
            ["Form.WholeScopeConfirmed"] = "true",
        });
        return batch.Headers.Location?.ToString() ?? throw new InvalidOperationException($"Batch refused: {(int)batch.StatusCode} {await batch.Content.ReadAsStringAsync()}");
    }
    async Task<(string DrawUrl, double Preview, double Commit, double Draw)> CommitAndDrawAsync(string batchUrl)
    {
        // The batch page with its preview of the draw (抽取预览), as the official opens it before the commit.
        var watch = Stopwatch.StartNew();
        await client.GetStringAsync(batchUrl);
        var previewSeconds = watch.Elapsed.TotalSeconds;
        // Each step is timed from the official's click: the page holding the button (and its form token) is already open.
        var token = await TokenAsync(client, batchUrl);
        watch.Restart();
        // The demo notary witnesses the draw (见证人), with a deadline a day ahead (China time).
        var commit = await client.PostAsync(batchUrl + "?handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Commit.Accounts[0]"] = "witness", ["Commit.Roles[0]"] = "Notary",
            ["Commit.Deadline"] = DateTime.UtcNow.AddHours(8 + 24).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        }));
        var commitSeconds = watch.Elapsed.TotalSeconds;
        var drawUrl = commit.Headers.Location?.ToString() ?? throw new InvalidOperationException($"Commit refused: {(int)commit.StatusCode} {Regex.Match(await commit.Content.ReadAsStringAsync(), "draw-problems[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value}");
        // The witness gives a value in their own account (not timed: the time spent waiting for witnesses is excluded).
        await WitnessAsync(drawUrl.Split('/').Last());
        token = await TokenAsync(client, drawUrl);
        watch.Restart();
        var draw = await client.PostAsync(drawUrl + "?handler=Draw", Form(token));
        if (draw.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Draw refused: {(int)draw.StatusCode}");
        return (drawUrl, previewSeconds, commitSeconds, watch.Elapsed.TotalSeconds);
    }
    static FormUrlEncodedContent Form(string token) => new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
    async Task WitnessAsync(string drawId)
    {
        using var witness = await SignInAsync(url, "witness");
        var page = await witness.GetStringAsync("/Supervision/Witness");
        var action = Regex.Match(page, $"data-draw=\"{drawId}\".*?action=\"([^\"]+)\"", RegexOptions.Singleline).Groups[1].Value;
        if (action.Length == 0) throw new InvalidOperationException($"The witness page has no form for draw {drawId}.");
        var given = await witness.PostAsync(System.Net.WebUtility.HtmlDecode(action), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(witness, "/Supervision/Witness"), ["value"] = Random.Shared.Next(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
        }));
        if (given.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"The witness's value was refused: {(int)given.StatusCode}");
    }

    // A running platform has its code compiled: one small draw (one district, another item) first, as the search
    // benchmark warms up with twenty requests. Then the draw that is timed.
    await CommitAndDrawAsync(await BatchAsync("预热：瑶海区", "CJ-06", "340102"));
    var (drawUrl, previewSeconds, commitSeconds, drawSeconds) = await CommitAndDrawAsync(await BatchAsync("全省 1% 抽取", "CJ-05", null));

    var publicUrl = drawUrl.Replace("/Supervision/Draws/", "/Public/Draws/");
    var watch = Stopwatch.StartNew();
    var verify = await client.GetStringAsync(publicUrl + "?handler=Verify");
    var verifySeconds = watch.Elapsed.TotalSeconds;
    var reproduced = verify.Contains("alert-success", StringComparison.Ordinal);
    var page = await client.GetStringAsync(drawUrl);
    int Number(string pattern) => int.Parse(Regex.Match(page, pattern).Groups[1].Value.Replace(",", ""));
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        drawId = drawUrl.Split('/').Last(), preview = previewSeconds, commit = commitSeconds, draw = drawSeconds, total = commitSeconds + drawSeconds, verify = verifySeconds, reproduced,
        eligible = Number(@"([0-9,]+) · [0-9,]+ 个分层"), strata = Number(@"([0-9,]+) 个分层"), targets = Number(@"抽取 ([0-9,]+) 家"),
    }));
    return reproduced ? 0 : 1;
}

/// <summary>
/// A failed sign-in with an unknown name against one with a real name and a wrong password, alternating, so the page
/// cannot tell them apart by time either. Each wrong attempt is followed by a right one (untimed, from the same address), which clears the
/// name's failure count, so no attempt meets the growing delay. Then a signed-in request (the keep-alive: cookie,
/// session check against the database, antiforgery, renewed cookie) against /health, for the session check's cost.
/// </summary>
static async Task<int> SignInTimingAsync(string url, int rounds, string user)
{
    var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(url) };
    var token = await TokenAsync(client, "/Account/Login");
    async Task<(double Ms, HttpStatusCode Status)> AttemptAsync(string name, string password)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = name, ["Password"] = password, ["__RequestVerificationToken"] = token });
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync("/Account/Login", form);
        await response.Content.ReadAsByteArrayAsync();
        return (watch.Elapsed.TotalMilliseconds, response.StatusCode);
    }
    var unknown = new List<double>();
    var wrong = new List<double>();
    for (var i = -10; i < rounds; i++) // ten rounds of warm-up
    {
        var u = await AttemptAsync($"nobody-{Guid.NewGuid():N}"[..20], "Wrong#Pass2026");
        var w = await AttemptAsync(user, "Wrong#Pass2026");
        if (u.Status != HttpStatusCode.OK || w.Status != HttpStatusCode.OK) throw new InvalidOperationException($"Failed sign-in answered {(int)u.Status}/{(int)w.Status}");
        (await SignInAsync(url, user)).Dispose(); // from its own client, so the failing one never carries a session
        if (i < 0) continue;
        unknown.Add(u.Ms);
        wrong.Add(w.Ms);
    }

    var signedIn = await SignInAsync(url, user);
    var csrf = await TokenAsync(signedIn, "/");
    signedIn.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf);
    var anonymous = new HttpClient { BaseAddress = new Uri(url) };
    var keepAlive = new List<double>();
    var health = new List<double>();
    for (var i = -10; i < rounds; i++)
    {
        var watch = Stopwatch.StartNew();
        using (var r = await signedIn.PostAsync("/Account/KeepAlive", null))
            if (r.StatusCode != HttpStatusCode.NoContent) throw new InvalidOperationException($"Keep-alive answered {(int)r.StatusCode}");
        var k = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        (await anonymous.GetAsync("/health")).EnsureSuccessStatusCode();
        if (i < 0) continue;
        keepAlive.Add(k);
        health.Add(watch.Elapsed.TotalMilliseconds);
    }
    static double P50(List<double> times) { var t = times.Order().ToList(); return t[t.Count / 2]; }
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        rounds,
        unknownMs = Math.Round(P50(unknown), 2), wrongMs = Math.Round(P50(wrong), 2), wrongOverUnknown = Math.Round(P50(wrong) / P50(unknown), 3),
        signedInKeepAliveMs = Math.Round(P50(keepAlive), 2), healthMs = Math.Round(P50(health), 2),
    }));
    return 0;
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
