using System.Net;
using Qualis.Platform.Import;

namespace Qualis.Tests.Features.Registry;

/// <summary>
/// "Commit the import" clicked several times at once: the job is queued and run once (a conditional UPDATE from
/// Validated to Queued), its counts are the first run's, and every click is answered with the job's page.
/// </summary>
public abstract class ImportCommitTests(QualisApp app)
{
    [Fact]
    public async Task Simultaneous_commits_of_one_import_queue_and_run_it_once()
    {
        var official = await app.SignedInAs("province");
        var marker = Guid.NewGuid().ToString("N")[..6];
        var csv = Imports.Utf8($"园区名称,级别,类型,行政区划代码\n并发园区甲{marker},省级,经济开发区,340100\n并发园区乙{marker},省级,经济开发区,340200\n");
        var job = await official.UploadOkAsync("parks", "园区.csv", csv);
        (await official.WaitAsync(job)).Status.ShouldBe("Validated");

        var token = await official.TokenAsync(job);
        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, 3).Select(async _ =>
        {
            await start.WaitAsync();
            return await official.PostAsync(job + "?handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        }).ToList();
        start.Release(3);
        var responses = await Task.WhenAll(posts);
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString() == job);

        var done = await official.WaitAsync(job);
        done.Status.ShouldBe("Committed");
        done.Counts.ShouldContain("新增 2"); // a second run would have found both parks already there
        var id = Guid.Parse(job.Split('/').Last());
        var stored = await app.WithDb(db => db.Set<ImportJob>().SingleAsync(j => j.Id == id));
        stored.NewCount.ShouldBe(2);

        // A later click is told the import was committed already.
        (await official.PostFormAsync(job + "?handler=Commit", [], job)).Headers.Location!.ToString().ShouldBe(job);
        (await official.GetStringAsync(job)).ShouldContain("该导入已经提交入库，不能重复提交");
    }
}

public sealed class ImportCommitOnSqlite(SqliteApp app) : ImportCommitTests(app), IClassFixture<SqliteApp>;
public sealed class ImportCommitOnPostgres(PostgresApp app) : ImportCommitTests(app), IClassFixture<PostgresApp>;
