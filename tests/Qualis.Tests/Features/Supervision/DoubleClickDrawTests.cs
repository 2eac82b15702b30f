using System.Net;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.Publication;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Accounts;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// The finding "a double-click draws twice" (issue 11), exactly: simultaneous commit requests, then simultaneous draw
/// requests for one batch, from one signed-in session with valid tokens. One draw stands, numbered 1; each target and
/// spot check exists once; every request is answered with that draw's page; and the public check still reproduces it.
/// </summary>
public abstract class DoubleClickDrawTests(QualisApp app)
{
    private const string Hefei = "340100";
    private const int Clicks = 3;

    [Fact]
    public async Task Simultaneous_commits_then_simultaneous_draws_of_one_batch_make_one_draw_that_still_reproduces()
    {
        var batchId = await Qualis.Tests.Platform.Web.PageForms.DrawableBatchAsync(app, Hefei, ratioPercent: 2);
        var userName = $"dbl.{Guid.NewGuid():N}"[..20];
        await RecordSamples.NewUserAsync(app, userName, Roles.CityOfficer, Hefei, "双击测试");
        var client = await app.SignedInAs(userName);

        // Commit, clicked three times at once.
        var batchPage = $"/Supervision/Plans/Batch/{batchId}";
        var commits = await SimultaneouslyAsync(client, batchPage, batchPage + "?handler=Commit", fields: Witnessing.CommitFields());
        var drawPages = commits.Select(r => r.Headers.Location?.ToString()).Distinct().ToList();
        drawPages.Count.ShouldBe(1, "every commit request is sent to the same draw");
        drawPages[0].ShouldNotBeNull().ShouldStartWith("/Supervision/Draws/");
        var drawId = Guid.Parse(drawPages[0]!["/Supervision/Draws/".Length..]);

        // The witness gives a value; then draw, clicked three times at once.
        await Witnessing.GiveAllAsync(app.Services, drawId);
        var draws = await SimultaneouslyAsync(client, drawPages[0]!, drawPages[0] + "?handler=Draw");
        draws.Select(r => r.Headers.Location?.ToString()).Distinct().ShouldBe([drawPages[0]]);

        var (all, targets, distinctTargets, checks, checkedTargets) = await app.WithDb(async db => (
            await db.Set<Draw>().Where(d => d.BatchId == batchId).ToListAsync(),
            await db.Set<DrawTarget>().CountAsync(t => t.DrawId == drawId),
            await db.Set<DrawTarget>().Where(t => t.DrawId == drawId).Select(t => t.EnterpriseId).Distinct().CountAsync(),
            await db.Set<SpotCheck>().CountAsync(c => c.DrawId == drawId),
            await db.Set<SpotCheck>().Where(c => c.DrawId == drawId).Select(c => c.DrawTargetId).Distinct().CountAsync()));
        var draw = all.ShouldHaveSingleItem("one draw for the batch");
        draw.Number.ShouldBe(1);
        draw.Status.ShouldBe(DrawStatus.Drawn);
        targets.ShouldBe(draw.TargetCount);
        distinctTargets.ShouldBe(targets, "each drawn enterprise once");
        checks.ShouldBe(targets, "one spot check per target");
        checkedTargets.ShouldBe(checks);

        // A later click is told, in the reader's language, that the batch was drawn (committed) already, on the draw's page.
        (await SimultaneouslyAsync(client, drawPages[0]!, drawPages[0] + "?handler=Draw", clicks: 1))[0].Headers.Location!.ToString().ShouldBe(drawPages[0]);
        (await client.GetStringAsync(drawPages[0])).ShouldContain("该批次已经抽取，不能重复抽取");
        (await SimultaneouslyAsync(client, batchPage, batchPage + "?handler=Commit", clicks: 1, fields: Witnessing.CommitFields()))[0].Headers.Location!.ToString().ShouldBe(drawPages[0]);
        (await client.GetStringAsync(drawPages[0])).ShouldContain("该批次已提交第 1 次抽取，不能重复提交");

        // The public check re-runs the draw from its published files and finds the stored result.
        var verification = await app.WithDb(db => PublishedDraws.VerifyAsync(db, drawId));
        verification.ShouldNotBeNull().Reproduced.ShouldBeTrue(verification?.Detail);
    }

    /// <summary>Posts the page's form to the handler from several requests at once, each with the session's token.</summary>
    private static async Task<HttpResponseMessage[]> SimultaneouslyAsync(HttpClient client, string pageUrl, string postUrl, int clicks = Clicks, Dictionary<string, string>? fields = null)
    {
        var token = await client.TokenAsync(pageUrl);
        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, clicks).Select(async _ =>
        {
            await start.WaitAsync();
            return await client.PostAsync(postUrl, new FormUrlEncodedContent(new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = token }));
        }).ToList();
        start.Release(clicks);
        var responses = await Task.WhenAll(posts);
        foreach (var r in responses)
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{postUrl}: {(int)r.StatusCode} {Forms.ErrorsIn(await r.Content.ReadAsStringAsync())}");
        return responses;
    }
}

public sealed class DoubleClickDrawOnSqlite(SqliteApp app) : DoubleClickDrawTests(app), IClassFixture<SqliteApp>;
public sealed class DoubleClickDrawOnPostgres(PostgresApp app) : DoubleClickDrawTests(app), IClassFixture<PostgresApp>;
