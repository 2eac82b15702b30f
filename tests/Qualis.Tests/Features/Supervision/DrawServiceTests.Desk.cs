using System.Net;
using System.Text.RegularExpressions;
using Qualis.Features.Supervision.Desk;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// The witnesses' step on the work desks (我的待办) and on the officials' draw page, on both databases: a witness finds each
/// draw awaiting their value with its deadline in China time; the organising office finds the draws whose deadline passed
/// with a value missing (apply the fallback) and those whose values are in (run the draw); the draw page counts down.
/// </summary>
public abstract partial class DrawServiceTests
{
    private sealed record DeskToDo(string Kind, string State, string Link, string Title, string Due);

    private static List<DeskToDo> DeskToDos(string html) =>
        Regex.Matches(html, """<li class="list-group-item[^"]*" data-kind="([^"]+)" data-state="([^"]+)">\s*<span[^>]*>[^<]*</span>\s*<a class="text-break me-auto" href="([^"]+)">([^<]*)</a>(?:\s*<span[^>]*>\s*([^<]*)</span>)?""")
            .Select(m => new DeskToDo(m.Groups[1].Value, m.Groups[2].Value, WebUtility.HtmlDecode(m.Groups[3].Value), WebUtility.HtmlDecode(m.Groups[4].Value),
                WebUtility.HtmlDecode(m.Groups[5].Value).Trim())).ToList();

    private async Task<List<DeskToDo>> DeskOfAsync(string user, string batchTitle) =>
        DeskToDos(await (await app.SignedInAs(user)).GetStringAsync("/")).Where(t => t.Title.StartsWith(batchTitle, StringComparison.Ordinal)).ToList();

    private Task<string> BatchTitleAsync(Guid drawId) =>
        app.WithDb(async db => DrawParameters.FromJson(await db.Set<Draw>().Where(d => d.Id == drawId).Select(d => d.Parameters).SingleAsync()).Batch);

    /// <summary>A draw witnessed by the demo notary and a new supervisor (who stays silent), with the deadline given.</summary>
    private async Task<(Draw Draw, (string UserName, string Name) Silent)> CommitNotaryAndSilentAsync(DateTime deadline)
    {
        var silent = await NewWitnessAsync();
        var draw = await CommitWitnessedAsync(new WitnessPanel([new(Witnessing.Notary, WitnessRole.Notary), new(silent.UserName, WitnessRole.Supervisor)], deadline));
        return (draw, silent);
    }

    /// <summary>
    /// The clock moved on: the commitment three hours earlier, the notary's value (the first witness's) two hours earlier,
    /// and the deadline now as long ago as given.
    /// </summary>
    private Task MoveDeadlineIntoThePastAsync(Guid drawId, Guid givenWitnessId, TimeSpan ago) => app.WithDb(async db =>
    {
        var stored = await db.Set<Draw>().SingleAsync(d => d.Id == drawId);
        stored.CommittedAt = stored.CommittedAt.AddHours(-3);
        stored.WitnessDeadline = WitnessFile.Seconds(DateTime.UtcNow - ago);
        var given = await db.Set<DrawWitness>().SingleAsync(w => w.Id == givenWitnessId);
        given.GivenAt = given.GivenAt!.Value.AddHours(-2);
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_desks_show_a_witness_their_pending_value_and_the_office_the_fallback_due_and_the_draw_ready()
    {
        var deadline = WitnessFile.Seconds(DateTime.UtcNow.AddHours(3));
        var (draw, silent) = await CommitNotaryAndSilentAsync(deadline);
        var title = await BatchTitleAsync(draw.Id);
        var china = Witnessing.ChinaTime(deadline);

        // Each witness finds the draw on their desk, due at the deadline to the minute in China time, leading to their page.
        foreach (var user in new[] { Witnessing.Notary, silent.UserName })
        {
            var todo = (await DeskOfAsync(user, title)).ShouldHaveSingleItem(user);
            (todo.Kind, todo.State, todo.Link).ShouldBe((DrawDesk.GiveValue, "Soon", DrawDesk.WitnessPage), user);
            todo.Due.ShouldStartWith(china + " 前办结", Case.Sensitive, user);
        }
        var english = await app.SignedInAs(silent.UserName);
        await english.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");
        var inEnglish = await english.GetStringAsync("/");
        inEnglish.ShouldContain("Give your witness value");
        inEnglish.ShouldContain($"Due {china} (");
        // While the witnesses may still answer, the office waits: nothing on its desk; its draw page counts down, no fallback yet.
        (await DeskOfAsync("wuhu", title)).ShouldBeEmpty();
        var wuhu = await app.SignedInAs("wuhu");
        var drawPage = $"/Supervision/Draws/{draw.Id}";
        var waiting = await wuhu.GetStringAsync(drawPage);
        Regex.Matches(waiting, """class="witness-countdown[^"]*" data-overdue="false">距截止还有 (2 小时 5\d 分|3 小时 0 分)<""").Count.ShouldBe(2, waiting);
        waiting.ShouldNotContain("id=\"fallback-form\"");
        (await app.Anonymous().GetStringAsync($"/Public/Draws/{draw.Id}")).ShouldNotContain("witness-countdown", customMessage: "the countdown is for the office");

        // The notary answers: off the notary's desk, still on the silent witness's.
        var rows = await AsWuhuAsync((draws, _) => draws.WitnessesAsync(draw.Id));
        await Witnessing.AsAsync(app.Services, Witnessing.Notary, draws => draws.GiveAsync(rows[0].Id, "271828"));
        (await DeskOfAsync(Witnessing.Notary, title)).ShouldBeEmpty();
        (await DeskOfAsync(silent.UserName, title)).ShouldHaveSingleItem();

        // The deadline passes with the supervisor silent: gone from their desk (no value can be given now); the office's desk
        // shows the fallback, overdue since the deadline; the draw page says how long past it and opens the fallback.
        await MoveDeadlineIntoThePastAsync(draw.Id, rows[0].Id, TimeSpan.FromMinutes(90));
        var passed = await app.WithDb(db => db.Set<Draw>().Where(d => d.Id == draw.Id).Select(d => d.WitnessDeadline!.Value).SingleAsync());
        (await DeskOfAsync(silent.UserName, title)).ShouldBeEmpty();
        var fallback = (await DeskOfAsync("wuhu", title)).ShouldHaveSingleItem();
        (fallback.Kind, fallback.State, fallback.Link).ShouldBe((DrawDesk.ApplyFallback, "Overdue", drawPage));
        fallback.Due.ShouldBe(Witnessing.ChinaTime(passed) + " 到期，已逾期");
        var overdue = await wuhu.GetStringAsync(drawPage);
        overdue.ShouldMatch("""data-overdue="true">已超过截止时间 1 小时 3\d 分<""");
        overdue.ShouldContain("id=\"fallback-form\"");
        // Not the desk of another city's office, nor of a county below.
        (await DeskOfAsync("hefei", title)).ShouldBeEmpty();

        // The fallback applied: ready to draw. Drawn: off the desk.
        await AsWuhuAsync((draws, _) => draws.ApplyFallbackAsync(draw.Id, "3412.55", "上证综合指数截止后首个交易日收盘点位", "芜湖市市场监督管理局"));
        var ready = (await DeskOfAsync("wuhu", title)).ShouldHaveSingleItem();
        (ready.Kind, ready.State, ready.Link).ShouldBe((DrawDesk.RunDraw, "Open", drawPage));
        (await wuhu.GetStringAsync(drawPage)).ShouldNotContain("witness-countdown");
        await AsWuhuAsync((draws, _) => draws.RunAsync(draw.Id));
        (await DeskOfAsync("wuhu", title)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_draw_whose_witnesses_all_answered_waits_on_the_office_desk_to_be_run()
    {
        var draw = await CommitWitnessedAsync(Witnessing.Panel());
        var title = await BatchTitleAsync(draw.Id);
        (await DeskOfAsync("wuhu", title)).ShouldBeEmpty();
        await Witnessing.GiveAllAsync(app.Services, draw.Id);
        var ready = (await DeskOfAsync("wuhu", title)).ShouldHaveSingleItem();
        (ready.Kind, ready.Link).ShouldBe((DrawDesk.RunDraw, $"/Supervision/Draws/{draw.Id}"));
        (await DeskOfAsync(Witnessing.Notary, title)).ShouldBeEmpty();
    }
}
