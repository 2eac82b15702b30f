using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Qualis.Features.Services.Questionnaires;
using static Qualis.Bench.BenchHttp;

namespace Qualis.Bench;

/// <summary>
/// Issue 15's performance target: the summary of one province-wide service-needs questionnaire answered by 100,000 firms
/// (by area, need and city, with its charts) over HTTP as the province, at most 500 ms. The questionnaire (the standard
/// questions), its recipients and their answers go straight into the tables through SQL (bench data, not audited, like the
/// scoreboard bench's): the first firms of the registry in credit-code order when it holds enough, else firms made up in
/// every county; each answers every choice question, one option for a single choice and one or two for a multiple choice
/// (one row per chosen option, as the platform stores them), and one firm in twenty writes a comment. Then the summary page
/// is timed after a warm-up, and beside it the plain SQL aggregate of the same counts (option counts per city, firms sent
/// and answered per city), for the ratio. The answers' and recipients' triggers keep the counts the summary reads
/// (QuestionnaireAnswerCounts, QuestionnaireRecipientCounts) as the rows go in, so the seeding time includes them and the
/// kept counts are checked against the rows; the same counts read from those tables in plain SQL, and the recipients'
/// grouping alone (what the summary would still pay without QuestionnaireRecipientCounts), are timed too.
/// </summary>
public static class QuestionnaireBench
{
    public static async Task<int> RunAsync(string url, string provider, string connection, int requests, int firms)
    {
        var postgres = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
        await using var db = postgres ? new NpgsqlConnection(connection) : (DbConnection)new SqliteConnection(connection);
        await db.OpenAsync();
        var id = new Guid($"b5000000-0000-4000-8000-{firms:X12}");
        var seed = Stopwatch.StartNew();
        var (recipients, answers) = await SeedAsync(db, postgres, id, firms);
        var seedSeconds = seed.Elapsed.TotalSeconds;

        var client = await SignInAsync(url, "province");
        var expected = $"下发 {recipients} 家企业，已填写 {recipients} 家";
        var page = await ScoreboardBench.TimeAsync(requests, async () =>
        {
            var html = await client.GetStringAsync($"/Services/Questionnaires/{id}/Summary");
            if (!html.Contains(expected, StringComparison.Ordinal)) throw new InvalidOperationException($"The summary does not say “{expected}”.");
        });
        var aggregate = await ScoreboardBench.TimeAsync(requests, () => ReadAllAsync(db, AggregateSql(postgres, id)));
        var kept = await ScoreboardBench.TimeAsync(requests, () => ReadAllAsync(db, KeptSql(postgres, id)));
        var recipientGrouping = await ScoreboardBench.TimeAsync(requests, () => ReadAllAsync(db, AggregateSql(postgres, id).Split(';')[1]));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            firms = recipients, answerRows = answers, questions = QuestionnaireTemplate.Standard.Length, seedSeconds,
            summary = page, sql = aggregate, summaryOverSql = page.p50 / Math.Max(aggregate.p50, 0.01), sqlKept = kept, sqlRecipientGrouping = recipientGrouping,
        }));
        return 0;
    }

    private static async Task<long> ScalarAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 3600;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// The questionnaire, its questions, recipients and answers, in one transaction; ids made from row numbers with a bench
    /// prefix (b5…), so a second run with the same count finds its questionnaire and seeds nothing.
    /// </summary>
    private static async Task<(long Recipients, long Answers)> SeedAsync(DbConnection db, bool pg, Guid id, int firms)
    {
        string Guid(string g) => pg ? $"'{g}'::uuid" : $"'{g.ToUpperInvariant()}'";
        string Id(string kind, string n) => pg ? $"('b{kind}{firms:x6}-0000-4000-8000-' || lpad(to_hex({n}), 12, '0'))::uuid" : $"printf('B{kind}{firms:X6}-0000-4000-8000-%012X', {n})";
        var qid = Guid(id.ToString());
        if (await ScalarAsync(db, $"SELECT count(*) FROM \"Questionnaires\" WHERE \"Id\" = {qid}") == 0)
        {
            var year = DateTime.UtcNow.AddHours(8).Year;
            string Date(string d) => pg ? $"date '{d}'" : $"'{d}'";
            var now = pg ? "now()" : "strftime('%Y-%m-%d %H:%M:%S', 'now')";
            var sql = $"""
                INSERT INTO "Questionnaires" ("Id", "Title", "Year", "OpensOn", "ClosesOn", "Intro", "CreatedAt", "CreatedBy", "Version")
                VALUES ({qid}, '基准测试：{year}年度企业质量技术服务需求调查问卷（{firms}家）', {year}, {Date($"{year}-01-01")}, {Date($"{year}-12-31")}, NULL, {now}, 'province', 0);
                """;
            var questions = QuestionnaireTemplate.Standard;
            for (var i = 0; i < questions.Length; i++)
            {
                var q = questions[i];
                sql += $"""

                    INSERT INTO "QuestionnaireQuestions" ("Id", "QuestionnaireId", "Number", "Area", "Kind", "Text", "Options", "Required")
                    VALUES ({Guid($"b6{firms:X6}-0000-4000-8000-{i + 1:X12}")}, {qid}, {i + 1}, '{q.Area}', '{q.Kind}', '{q.Text}', '{string.Join('\n', q.Options)}', {(pg ? q.Required.ToString().ToLowerInvariant() : q.Required ? "1" : "0")});
                    """;
            }
            // The firms: the registry's first ones in credit-code order, or made up across every county.
            var enterprises = await ScalarAsync(db, "SELECT count(*) FROM \"Enterprises\"");
            var source = enterprises >= firms
                ? $"""SELECT * FROM (SELECT row_number() OVER (ORDER BY "CreditCode") AS r, "CreditCode" AS code, "Name" AS name, "RegionCode" AS region, "RegionPath" AS path FROM "Enterprises") x WHERE r <= {firms}"""
                : $"""
                  SELECT n.r, {(pg ? "'91' || c.\"Code\" || 'MA' || lpad(n.r::text, 8, '0')" : "'91' || c.\"Code\" || 'MA' || printf('%08d', n.r)")} AS code, '基准测试小微企业' || n.r AS name, c."Code" AS region, c."RegionPath" AS path
                  FROM {(pg ? $"generate_series(1, {firms}) AS n(r)" : $"(WITH RECURSIVE s(r) AS (SELECT 1 UNION ALL SELECT r + 1 FROM s WHERE r < {firms}) SELECT r FROM s) n")}
                  JOIN (SELECT "Code", "RegionPath", row_number() OVER (ORDER BY "Code") - 1 AS k, count(*) OVER () AS m FROM "Regions" WHERE "ParentCode" IN (SELECT "Code" FROM "Regions" WHERE "ParentCode" = '340000')) c ON c.k = n.r % c.m
                  """;
            var sentAt = pg ? $"timestamptz '{year}-01-05 02:00:00+00'" : $"'{year}-01-05 02:00:00'";
            var answeredAt = pg ? $"timestamptz '{year}-01-20 02:00:00+00'" : $"'{year}-01-20 02:00:00'";
            sql += $"""

                INSERT INTO "QuestionnaireRecipients" ("Id", "QuestionnaireId", "CreditCode", "EnterpriseName", "EnterpriseNameSort", "RegionCode", "RegionPath",
                    "SentAt", "SentBy", "AnsweredAt", "AnsweredBy", "AnsweredVia", "ReopenedUntil", "ReopenedBy", "Version")
                SELECT {Id("7", "f.r")}, {qid}, f.code, f.name, f.name, f.region, f.path, {sentAt}, 'province', {answeredAt}, 'bench', 'Self', NULL, NULL, 0
                FROM ({source}) f;
                """;
            // The answers: every choice question, one option of a single choice, one or two of a multiple choice; a comment from one firm in twenty.
            var choiceQuestions = string.Join(" UNION ALL ", questions.Select((q, i) => (q, i)).Where(x => x.q.Kind != QuestionKind.Text)
                .Select(x => $"SELECT {x.i + 1} AS n, {Guid($"b6{firms:X6}-0000-4000-8000-{x.i + 1:X12}")} AS qid, {x.q.Options.Length} AS m, {(x.q.Kind == QuestionKind.Multiple ? 1 : 0)} AS multi"));
            var text = questions.Select((q, i) => (q, i)).Single(x => x.q.Kind == QuestionKind.Text).i + 1;
            var recipients = $"""SELECT row_number() OVER (ORDER BY "Id") AS r, "Id", "RegionPath" FROM "QuestionnaireRecipients" WHERE "QuestionnaireId" = {qid}""";
            sql += $"""

                INSERT INTO "QuestionnaireAnswers" ("Id", "QuestionnaireId", "RecipientId", "QuestionId", "Choice", "Text", "RegionPath")
                SELECT {Id("8", "(p.r * 64 + q.n * 2)")}, {qid}, p."Id", q.qid, (p.r * 7 + q.n) % q.m + 1, NULL, p."RegionPath"
                FROM ({recipients}) p CROSS JOIN ({choiceQuestions}) q;
                INSERT INTO "QuestionnaireAnswers" ("Id", "QuestionnaireId", "RecipientId", "QuestionId", "Choice", "Text", "RegionPath")
                SELECT {Id("8", "(p.r * 64 + q.n * 2 + 1)")}, {qid}, p."Id", q.qid, (p.r * 7 + q.n + 1) % q.m + 1, NULL, p."RegionPath"
                FROM ({recipients}) p CROSS JOIN ({choiceQuestions}) q WHERE q.multi = 1 AND p.r % 2 = 0;
                INSERT INTO "QuestionnaireAnswers" ("Id", "QuestionnaireId", "RecipientId", "QuestionId", "Choice", "Text", "RegionPath")
                SELECT {Id("8", "(p.r * 64 + 63)")}, {qid}, p."Id", {Guid($"b6{firms:X6}-0000-4000-8000-{text:X12}")}, NULL, '希望就近提供检验检测和标准咨询服务', p."RegionPath"
                FROM ({recipients}) p WHERE p.r % 20 = 0;
                """;
            await using var tx = await db.BeginTransactionAsync();
            await using (var command = db.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = sql;
                command.CommandTimeout = 3600;
                await command.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
            // Fresh statistics, as the databases' own maintenance would have them by the time officials read the summary.
            await ScalarAsync(db, pg ? "ANALYZE \"QuestionnaireAnswers\"; ANALYZE \"QuestionnaireRecipients\"; SELECT 1" : "ANALYZE; SELECT 1");
        }
        var counts = (await ScalarAsync(db, $"SELECT count(*) FROM \"QuestionnaireRecipients\" WHERE \"QuestionnaireId\" = {qid}"),
            await ScalarAsync(db, $"SELECT count(*) FROM \"QuestionnaireAnswers\" WHERE \"QuestionnaireId\" = {qid}"));
        // The triggers kept the summary's counts as the rows went in.
        var keptSent = await ScalarAsync(db, $"SELECT coalesce(sum(\"Sent\"), 0) FROM \"QuestionnaireRecipientCounts\" WHERE \"QuestionnaireId\" = {qid}");
        var keptAnswers = await ScalarAsync(db, $"SELECT coalesce(sum(\"Count\"), 0) FROM \"QuestionnaireAnswerCounts\" WHERE \"QuestionnaireId\" = {qid}");
        if ((keptSent, keptAnswers) != counts)
            throw new InvalidOperationException($"The kept counts ({keptSent} sent, {keptAnswers} answers) differ from the rows ({counts.Item1}, {counts.Item2}).");
        return counts;
    }

    /// <summary>The same counts in plain SQL, no page, no area filter: the options chosen per question and city, the firms sent and answered per city.</summary>
    private static string AggregateSql(bool pg, Guid id)
    {
        var qid = pg ? $"'{id}'::uuid" : $"'{id.ToString().ToUpperInvariant()}'";
        return $"""
            SELECT "QuestionId", "Choice", substr("RegionPath", 1, 15), count(*) FROM "QuestionnaireAnswers" WHERE "QuestionnaireId" = {qid}
              GROUP BY "QuestionId", "Choice", substr("RegionPath", 1, 15);
            SELECT substr("RegionPath", 1, 15), count(*), count("AnsweredAt") FROM "QuestionnaireRecipients" WHERE "QuestionnaireId" = {qid}
              GROUP BY substr("RegionPath", 1, 15);
            """;
    }

    /// <summary>The same counts summed per city from the tables the triggers keep, in plain SQL.</summary>
    private static string KeptSql(bool pg, Guid id)
    {
        var qid = pg ? $"'{id}'::uuid" : $"'{id.ToString().ToUpperInvariant()}'";
        return $"""
            SELECT "QuestionId", "Choice", substr("RegionPath", 1, 15), sum("Count") FROM "QuestionnaireAnswerCounts" WHERE "QuestionnaireId" = {qid}
              GROUP BY "QuestionId", "Choice", substr("RegionPath", 1, 15);
            SELECT substr("RegionPath", 1, 15), sum("Sent"), sum("Answered") FROM "QuestionnaireRecipientCounts" WHERE "QuestionnaireId" = {qid}
              GROUP BY substr("RegionPath", 1, 15);
            """;
    }

    private static async Task ReadAllAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        do { while (await reader.ReadAsync()) { } } while (await reader.NextResultAsync());
    }
}
