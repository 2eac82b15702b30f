using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Qualis.Bench.BenchHttp;

namespace Qualis.Bench;

/// <summary>
/// Issue 14's performance target: the province's scoreboard (目标进展看板) of 16 cities × 20 targets over the imported
/// registry, and the assessment of all cities with their explanations. The figures behind them go straight into the
/// tables through SQL (bench data, not audited, like run.sh's recusals): a plan of the current year with 20 targets
/// (counted by the platform's indicators — key objects, the pass rate, new demonstrations and adoptions — and reported
/// with an approved report per city), 100,000 key-object enrolments, 200,000 spot-check results and 200,000 recognition
/// records of the year. Then, over HTTP as the province, the scoreboard page and the demo assessment's ranking with
/// every city's explanation page, each timed after a warm-up; and the plain SQL aggregate counting the same numbers
/// (enrolments per city and kind, passed and checked per city, recognitions per city and family, the latest approved
/// report per target and city), for the ratio.
/// </summary>
public static partial class ScoreboardBench
{
    private const int Targets = 20;

    public static async Task<int> RunAsync(string url, string provider, string connection, int requests, int enrolments, int checks, int recognitions)
    {
        var postgres = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
        var year = DateTime.UtcNow.AddHours(8).Year;
        await using var db = postgres ? new NpgsqlConnection(connection) : (DbConnection)new SqliteConnection(connection);
        await db.OpenAsync();
        var seed = Stopwatch.StartNew();
        var seeded = await SeedAsync(db, postgres, year, enrolments, checks, recognitions);
        var seedSeconds = seed.Elapsed.TotalSeconds;

        var client = await SignInAsync(url, "province");
        var scoreboard = await TimeAsync(requests, async () =>
        {
            var html = await client.GetStringAsync($"/Plans/Scoreboard?year={year}");
            var cells = CellPattern().Count(html);
            if (cells != 16 * Targets) throw new InvalidOperationException($"The scoreboard shows {cells} cells, not {16 * Targets}.");
        });

        // The assessment of all cities with explanations: the demo scheme's ranking, then each city's explanation.
        var index = await client.GetStringAsync("/Assessment");
        var scheme = SchemePattern().Match(index).Groups[1].Value;
        if (scheme.Length == 0) throw new InvalidOperationException("No assessment scheme on /Assessment.");
        var ranking = await client.GetStringAsync($"/Assessment/Schemes/{scheme}/Ranking");
        var cities = ExplainPattern().Matches(ranking).Select(m => m.Groups[1].Value).Distinct().ToList();
        var assessment = await TimeAsync(Math.Max(5, requests / 5), async () =>
        {
            await client.GetStringAsync($"/Assessment/Schemes/{scheme}/Ranking");
            foreach (var city in cities) await client.GetStringAsync($"/Assessment/Schemes/{scheme}/Explain/{city}");
        });

        var aggregate = await TimeAsync(requests, () => AggregateAsync(db, postgres, year));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            year, enrolments = seeded.Enrolments, checks = seeded.Checks, recognitions = seeded.Recognitions, targets = Targets, cities = 16, seedSeconds,
            scoreboard, assessment = new { assessment.requests, assessment.p50, assessment.p95, assessment.max, explained = cities.Count },
            sql = aggregate,
            scoreboardOverSql = scoreboard.p95 / Math.Max(aggregate.p95, 0.01),
        }));
        return 0;
    }

    public sealed record Timing(int requests, double p50, double p95, double max);

    /// <summary>Times a call after three warm-up calls, one at a time: the percentiles in milliseconds (the questionnaire bench's too).</summary>
    internal static async Task<Timing> TimeAsync(int requests, Func<Task> call)
    {
        for (var i = 0; i < 3; i++) await call();
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Timing(requests, At(times, 0.50), At(times, 0.95), times[^1]);
    }

    private static double At(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static async Task<int> ExecAsync(DbConnection db, DbTransaction tx, string sql)
    {
        await using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 3600;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The plan, its targets, a report per reported target and city, the enrolments and the results, in one transaction
    /// each; the plan issued now so the scoreboard of the year opens on it. Ids are made from row numbers with a bench
    /// prefix (b…), so a second run finds its plan and seeds nothing.
    /// </summary>
    private static async Task<(long Enrolments, long Checks, long Recognitions)> SeedAsync(DbConnection db, bool pg, int year, int enrolments, int checks, int recognitions)
    {
        string Id(string kind, string n) => pg ? $"('b{kind}000000-0000-4000-8000-' || lpad(to_hex({n}), 12, '0'))::uuid" : $"printf('B{kind}000000-0000-4000-8000-%012X', {n})";
        var planId = pg ? $"'b1000000-0000-4000-8000-{year:X12}'::uuid" : $"'B1000000-0000-4000-8000-{year:X12}'";
        await using (var exists = db.CreateCommand())
        {
            exists.CommandText = $"SELECT count(*) FROM \"ActionPlans\" WHERE \"Id\" = {planId}";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync()) == 0)
            {
                var now = pg ? "now()" : "strftime('%Y-%m-%d %H:%M:%S', 'now')";
                var date = (string d) => pg ? $"date '{d}'" : $"'{d}'";
                var sql = $"""
                    INSERT INTO "ActionPlans" ("Id", "Year", "RegionCode", "RegionPath", "Title", "IssuingBody", "IssuedOn", "PeriodStart", "PeriodEnd", "Status", "IssuedBy", "IssuedAt", "Version")
                    SELECT {planId}, {year}, "Code", "RegionPath", '基准测试：{year}年质量提升行动方案（20项指标）', '基准测试', {date($"{year}-01-02")}, {date($"{year}-01-01")}, {date($"{year}-12-31")}, 'Issued', 'province', {now}, 0
                    FROM "Regions" WHERE "Code" = '340000';
                    INSERT INTO "PlanMeasures" ("Id", "PlanId", "Number", "Text", "Order")
                    VALUES ({Id("2", "1")}, {planId}, '一、', '基准测试措施', 10);
                    """;
                // 20 targets: the five indicators (minimum counts and the pass rate), the enterprises' count also as growth
                // over last year, and fourteen reported ones; ids b3…-1 to -20.
                string[] indicators = ["keyobjects.parks", "keyobjects.products", "keyobjects.industries", "keyobjects.enterprises", "supervision.pass-rate", "keyobjects.enterprises"];
                for (var t = 1; t <= Targets; t++)
                {
                    var counted = t <= indicators.Length;
                    var key = counted ? $"'{indicators[t - 1]}'" : "NULL";
                    var (kind, value, baseline) = !counted ? ("Minimum", "5", "NULL") : t == 5 ? ("Rate", "90", "NULL") : t == 6 ? ("Growth", "10", (year - 1).ToString()) : ("Minimum", "50", "NULL");
                    sql += $"""

                        INSERT INTO "PlanTargets" ("Id", "PlanId", "MeasureId", "Name", "Kind", "PerCity", "Value", "BaselineYear", "Tolerance", "Source", "IndicatorKey", "Order")
                        VALUES ({Id("3", t.ToString())}, {planId}, {Id("2", "1")}, '基准指标{t}', '{kind}', {(pg ? "true" : "1")}, {value}, {baseline}, 10, '{(counted ? "Indicator" : "Reported")}', {key}, {t * 10});
                        """;
                }
                // A report per reported target and city, approved, dated in the first quarter.
                sql += $"""

                    INSERT INTO "TargetReports" ("Id", "TargetId", "PlanId", "RegionCode", "RegionPath", "Period", "Value", "Note", "Status", "ReportedBy", "ReportedAt", "DecidedBy", "DecidedAt", "Version")
                    SELECT {Id("4", $"(t.n * 100 + c.n)")}, {Id("3", "t.n")}, {planId}, c."Code", c."RegionPath", '{year}Q1', 3 + (c.n + t.n) % 5, '基准测试填报', 'Approved', 'province', {now}, 'province', {now}, 0
                    FROM (SELECT "Code", "RegionPath", row_number() OVER (ORDER BY "Code") AS n FROM "Regions" WHERE "ParentCode" = '340000') c
                    CROSS JOIN (SELECT {indicators.Length} + x AS n FROM (SELECT row_number() OVER (ORDER BY "Code") AS x FROM "Regions" WHERE "ParentCode" = '340000') k WHERE x <= {Targets - indicators.Length}) t;
                    """;

                // Enrolments: every tenth enterprise up to the count, mostly as key enterprises, a few as parks, products and industries.
                var enrolled = $"""
                    INSERT INTO "KeyObjectEnrolments" ("Id", "Year", "Kind", "CityCode", "ObjectKey", "ObjectName", "ObjectNameSort", "Reason", "Goal", "Status", "EnrolledAt", "EnrolledBy", "RegionCode", "RegionPath", "Version")
                    SELECT {Id("5", "e.r")}, {year}, CASE e.r % 50 WHEN 1 THEN 'Park' WHEN 2 THEN 'Product' WHEN 3 THEN 'Industry' ELSE 'Enterprise' END,
                           substr(e."RegionCode", 1, 4) || '00', e."CreditCode", e."Name", e."NameSort", '基准测试', '基准测试', 'Active', {(pg ? $"timestamptz '{year}-01-05 02:00:00+00'" : $"'{year}-01-05 02:00:00'")}, 'province', e."RegionCode", e."RegionPath", 0
                    FROM (SELECT * FROM (SELECT row_number() OVER (ORDER BY "CreditCode") AS r, "CreditCode", "Name", "NameSort", "RegionCode", "RegionPath" FROM "Enterprises") x WHERE r % 10 = 3) e
                    WHERE e.r <= {enrolments * 10L}
                      AND NOT EXISTS (SELECT 1 FROM "KeyObjectEnrolments" k WHERE k."Year" = {year} AND k."ObjectKey" = e."CreditCode");
                    """;
                // Results: one spot check per enterprise up to the count (every fifth, cycling), 93% passed, dated in January.
                var results = $"""
                    INSERT INTO "SpotChecks" ("Id", "DrawId", "DrawTargetId", "EnterpriseId", "CreditCode", "EnterpriseName", "EnterpriseNameSort", "RegionPath", "RegionCode", "ItemCodes", "Status", "StopSale", "Escalated", "Result", "ResultOn", "ResultBy", "Version")
                    SELECT {Id("6", "e.r")}, {Id("7", "1")}, {Id("8", "e.r")}, e."Id", e."CreditCode", e."Name", e."NameSort", e."RegionPath", e."RegionCode", 'BENCH', 'Final', {(pg ? "false" : "0")}, {(pg ? "false" : "0")},
                           CASE WHEN e.r % 100 < 7 THEN 'Fail' ELSE 'Pass' END, {date($"{year}-01-10")}, 'agency', 0
                    FROM (SELECT * FROM (SELECT row_number() OVER (ORDER BY "CreditCode") AS r, "Id", "CreditCode", "Name", "NameSort", "RegionCode", "RegionPath" FROM "Enterprises") x WHERE r % 5 = 1) e
                    WHERE e.r <= {checks * 5L};
                    """;
                // One transaction: a failed run leaves nothing behind, and the next seeds afresh.
                await using var tx = await db.BeginTransactionAsync();
                await ExecAsync(db, tx, sql);
                await ExecAsync(db, tx, enrolled);
                await ExecAsync(db, tx, results);
                await tx.CommitAsync();
            }
        }
        await SeedRecognitionsAsync(db, pg, year, recognitions, Id);
        await using var count = db.CreateCommand();
        count.CommandText = $"""
            SELECT (SELECT count(*) FROM "KeyObjectEnrolments" WHERE "Year" = {year} AND "Status" = 'Active'),
                   (SELECT count(*) FROM "SpotChecks" WHERE "Result" IS NOT NULL),
                   (SELECT count(*) FROM "Recognitions" WHERE "Year" = {year})
            """;
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>
    /// The recognition records (issue 16's register): granted demonstrations and management adoptions of the year, one per
    /// enterprise up to the count (every fifth, from the second), half of each family, across their programmes that take
    /// enterprises and the four levels (the register holds a title once per programme, level, county and holder's name, and
    /// a generated directory repeats names); targets 7 and 8 then count them
    /// (new demonstrations and new adoptions of the year, at least 50 per city) instead of being reported. Seeded once,
    /// also into a database whose plan an earlier run made.
    /// </summary>
    private static async Task SeedRecognitionsAsync(DbConnection db, bool pg, int year, int recognitions, Func<string, string, string> id)
    {
        await using (var exists = db.CreateCommand())
        {
            exists.CommandText = "SELECT count(*) FROM \"Recognitions\" WHERE \"CreatedBy\" = 'bench'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync()) > 0) return;
        }
        var now = pg ? "now()" : "strftime('%Y-%m-%d %H:%M:%S', 'now')";
        var date = (string d) => pg ? $"date '{d}'" : $"'{d}'";
        var sql = $"""
            INSERT INTO "Recognitions" ("Id", "ProgrammeCode", "Family", "Level", "Year", "HolderKind", "HolderName", "HolderNameSort", "CreditCode", "Status",
                                        "GrantedOn", "ValidFrom", "ValidTo", "DocumentNumber", "OfficeCode", "RegionCode", "RegionPath", "CreatedAt", "CreatedBy", "Version")
            SELECT {id("9", "e.r")},
                   CASE e.family WHEN 0 THEN CASE (e.twin - 1) % 3 WHEN 0 THEN 'demo-benchmark' WHEN 1 THEN 'demo-organisation' ELSE 'demo-culture' END
                                 ELSE CASE (e.twin - 1) % 2 WHEN 0 THEN 'adoption-tqm' ELSE 'adoption-excellence' END END,
                   CASE e.family WHEN 0 THEN 'Demonstration' ELSE 'Adoption' END, e.level,
                   {year}, 'Enterprise', e."Name", e."NameSort", e."CreditCode", 'Granted', {date($"{year}-01-15")}, {date($"{year}-01-15")}, {date($"{year + 3}-01-14")},
                   '基准测试〔{year}〕1号', CASE WHEN e.level IN ('National', 'Provincial') THEN '340000' ELSE substr(e."RegionCode", 1, 4) || '00' END,
                   e."RegionCode", e."RegionPath", {now}, 'bench', 0
            FROM (SELECT t.*, CASE ((t.twin - 1) / (3 - t.family)) % 4 WHEN 0 THEN 'City' WHEN 1 THEN 'County' WHEN 2 THEN 'Provincial' ELSE 'National' END AS level
                  FROM (SELECT x.*, x.r % 2 AS family, row_number() OVER (PARTITION BY x."Name", x."RegionCode", x.r % 2 ORDER BY x."CreditCode") AS twin
                        FROM (SELECT row_number() OVER (ORDER BY "CreditCode") AS r, "CreditCode", "Name", "NameSort", "RegionCode", "RegionPath" FROM "Enterprises") x
                        WHERE x.r % 5 = 2 AND x.r <= {recognitions * 5L}) t) e
            WHERE true -- SQLite reads ON CONFLICT after a bare FROM as a join's constraint
            ON CONFLICT DO NOTHING;
            UPDATE "PlanTargets" SET "Source" = 'Indicator', "Kind" = 'Minimum', "Value" = 50, "BaselineYear" = NULL,
                   "IndicatorKey" = CASE "Id" WHEN {id("3", "7")} THEN 'recognition.demonstrations.new' ELSE 'recognition.adoption.new' END
            WHERE "Id" IN ({id("3", "7")}, {id("3", "8")});
            """;
        await using var tx = await db.BeginTransactionAsync();
        await ExecAsync(db, tx, sql);
        await tx.CommitAsync();
    }

    /// <summary>
    /// The same numbers in plain SQL, no page, no area filter: active enrolments per city and kind of the year, passed and
    /// checked results per city of the year, granted recognitions per city and family of the year, and the latest approved
    /// report per reported target and city.
    /// </summary>
    private static async Task AggregateAsync(DbConnection db, bool pg, int year)
    {
        var from = pg ? $"date '{year}-01-01'" : $"'{year}-01-01'";
        var to = pg ? $"date '{year}-12-31'" : $"'{year}-12-31'";
        await using var command = db.CreateCommand();
        command.CommandText = $"""
            SELECT "CityCode", "Kind", count(*) FROM "KeyObjectEnrolments" WHERE "Year" = {year} AND "Status" = 'Active' GROUP BY "CityCode", "Kind";
            SELECT substr("RegionCode", 1, 4), sum(CASE WHEN "Result" = 'Pass' THEN 1 ELSE 0 END), count(*) FROM "SpotChecks"
              WHERE "Result" IS NOT NULL AND "ResultOn" >= {from} AND "ResultOn" <= {to} GROUP BY substr("RegionCode", 1, 4);
            SELECT "OfficeCode", "Family", count(*) FROM "Recognitions" WHERE "Year" = {year} AND "GrantedOn" IS NOT NULL AND "Status" <> 'Revoked' GROUP BY "OfficeCode", "Family";
            SELECT r."TargetId", r."RegionCode", max(r."Period") FROM "TargetReports" r JOIN "PlanTargets" t ON t."Id" = r."TargetId"
              JOIN "ActionPlans" p ON p."Id" = t."PlanId" WHERE p."Year" = {year} AND r."Status" = 'Approved' GROUP BY r."TargetId", r."RegionCode";
            """;
        await using var reader = await command.ExecuteReaderAsync();
        do { while (await reader.ReadAsync()) { } } while (await reader.NextResultAsync());
    }

    [GeneratedRegex("<td data-target=\"[0-9a-f-]+\" data-status=\"\\w+\">")]
    private static partial Regex CellPattern();

    [GeneratedRegex("href=\"/Assessment/Schemes/([0-9a-f-]{36})/Ranking\"")]
    private static partial Regex SchemePattern();

    [GeneratedRegex("/Explain/(\\d{6})")]
    private static partial Regex ExplainPattern();
}
