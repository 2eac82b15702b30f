using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Registry;
using Qualis.Features.Services;
using Qualis.Features.Supervision.Desk;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Accounts;
using Qualis.Platform.Notifications;

namespace Qualis.Tests.Features.Desk;

/// <summary>
/// The home page as each demo role's work desk, and the notifications made from the same to-dos. The demo data has
/// Hefei's 2026 batch drawn and taken some way along: checks to sample, samples at the provincial institute, results
/// to serve, results to publish and failures to follow up, all organised by the Hefei bureau.
/// </summary>
public abstract partial class DeskTests(QualisApp app)
{
    private static IReadOnlyList<(string Kind, string Link)> ToDosIn(string html) =>
        ToDoPattern().Matches(html).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    private async Task<string> HomeOf(string user) => await (await app.SignedInAs(user)).GetStringAsync("/");

    private Task<List<SpotCheck>> ChecksAsync(Func<IQueryable<SpotCheck>, IQueryable<SpotCheck>> query) =>
        app.WithDb(db => query(db.Set<SpotCheck>().AsNoTracking()).ToListAsync());

    [Fact]
    public async Task Each_party_of_a_spot_check_finds_its_own_steps_on_its_desk()
    {
        var inspector = ToDosIn(await HomeOf("inspector"));
        var toSample = await ChecksAsync(q => q.Where(c => c.Status == SpotCheckStatus.ToSample));
        toSample.ShouldNotBeEmpty();
        inspector.Where(t => t.Kind == SupervisionDesk.Sample).Select(t => t.Link).ShouldContain($"/Supervision/Checks/{toSample[0].Id}");

        var agency = ToDosIn(await HomeOf("agency"));
        var atLab = await ChecksAsync(q => q.Where(c => c.Status == SpotCheckStatus.Sampled));
        atLab.ShouldNotBeEmpty();
        agency.Where(t => t.Kind == SupervisionDesk.EnterResult).Select(t => t.Link).ShouldBe(atLab.Select(c => $"/Supervision/Checks/{c.Id}"), ignoreOrder: true);

        // The organising office (Hefei) serves results, publishes and follows failures up; the overdue ones come first.
        var hefeiHtml = await HomeOf("hefei");
        var hefei = ToDosIn(hefeiHtml);
        var toServe = await ChecksAsync(q => q.Where(c => c.Status == SpotCheckStatus.Tested && c.NotifiedOn == null));
        hefei.Where(t => t.Kind == SupervisionDesk.Notify).Select(t => t.Link).ShouldBe(toServe.Select(c => $"/Supervision/Checks/{c.Id}"), ignoreOrder: true);
        hefei.ShouldContain(t => t.Kind == SupervisionDesk.Publish);
        hefei.ShouldContain(t => t.Kind == SupervisionDesk.FollowUp);
        hefeiHtml.ShouldContain("data-state=\"Overdue\"");
        hefei.ShouldNotContain(t => t.Kind == SupervisionDesk.Sample);
    }

    [Fact]
    public async Task An_official_of_another_city_or_a_county_below_sees_none_of_hefeis_items_but_the_figures_of_its_own_area()
    {
        var hefeiChecks = (await ChecksAsync(q => q)).Select(c => c.Id.ToString()).ToList();
        foreach (var user in new[] { "wuhu", "feidong" })
        {
            var html = await HomeOf(user);
            ToDosIn(html).ShouldBeEmpty(user);
            foreach (var id in hefeiChecks.Where(_ => user == "wuhu")) html.ShouldNotContain(id);
            html.ShouldContain("data-card=\"enterprises\"");
            html.ShouldContain("data-card=\"passrate\"");
        }
        var hefei = await HomeOf("hefei");
        hefei.ShouldContain("id=\"desk-trend\"");
        // The counts of regions, users and audit entries are gone from the home page.
        hefei.ShouldNotContain("data-count=");
    }

    [Fact]
    public async Task The_enterprise_sees_its_record_its_checks_and_its_objection_deadline()
    {
        // The demo enterprise's own check of Hefei's batch waits for it: failed, its result served three days ago.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var (checkId, deadline) = await app.WithDb(async db =>
        {
            var c = await db.Set<SpotCheck>().AsNoTracking().SingleAsync(c => c.CreditCode == RegistryDemoData.DemoEnterpriseCode && c.DrawId != Guid.Empty);
            return (c.Id, c.ObjectionDeadline);
        });
        deadline.ShouldNotBeNull();
        deadline.Value.ShouldBeGreaterThanOrEqualTo(today);

        var html = await HomeOf("enterprise");
        html.ShouldContain($"href=\"/Registry/Enterprises/{RegistryDemoData.DemoEnterpriseCode}\"");
        html.ShouldContain("data-card=\"own-checks\"");
        html.ShouldContain($"/Supervision/Checks/{checkId}");
        // The demo questionnaire it has yet to answer (ServicesDemoData) is on its desk, to the answering page.
        ToDosIn(html).ShouldContain(t => t.Kind == ServicesDesk.ToAnswer && t.Link.StartsWith("/Services/Answer/", StringComparison.Ordinal));
        // The supervision to-dos (the demo firm also has its help plan's task on its desk: ImprovementTests).
        var objection = ToDosIn(html).Where(t => !t.Kind.StartsWith("todo.improvement.", StringComparison.Ordinal) && t.Kind != ServicesDesk.ToAnswer).ShouldHaveSingleItem();
        objection.ShouldBe((SupervisionDesk.Object, $"/Supervision/Checks/{checkId}"));
        html.ShouldContain(deadline.Value.ToString("yyyy-MM-dd"));
        // Nobody else's checks, and none of the officials' cards.
        html.ShouldNotContain("data-card=\"enterprises\"");
        html.ShouldNotContain("data-card=\"passrate\"");
    }

    [Fact]
    public async Task A_checked_import_waits_on_its_uploaders_desk_only()
    {
        var jobId = await app.WithDb(async db =>
        {
            var hefei = await db.Users.SingleAsync(u => u.UserName == "hefei");
            var job = new Qualis.Platform.Import.ImportJob
            {
                Kind = "enterprises", FileName = "合肥市企业名录 2026.xlsx", FileSha256 = new string('a', 64), StoredPath = "none",
                Status = Qualis.Platform.Import.ImportStatus.Validated, UserId = hefei.Id, UserName = hefei.UserName!, RegionPath = hefei.RegionPath,
                CreatedAt = DateTime.UtcNow,
            };
            db.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
        ToDosIn(await HomeOf("hefei")).ShouldContain((Qualis.Features.Registry.Desk.RegistryDesk.CommitImport, $"/Registry/Import/{jobId}"));
        ToDosIn(await HomeOf("province")).ShouldNotContain(t => t.Kind == Qualis.Features.Registry.Desk.RegistryDesk.CommitImport);
        (await HomeOf("hefei")).ShouldContain("合肥市企业名录 2026.xlsx");
    }

    [Fact]
    public async Task Every_demo_role_gets_a_desk()
    {
        foreach (var account in DemoAccounts.All)
        {
            var response = await (await app.SignedInAs(account.UserName)).GetAsync("/");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, account.UserName);
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain("id=\"todos\"", customMessage: account.UserName);
            html.ShouldContain("id=\"bell\"", customMessage: account.UserName);
            html.ShouldContain("href=\"/Account/ChangePassword\"", customMessage: account.UserName);
        }
    }

    [Fact]
    public async Task The_job_notifies_each_to_do_once_even_when_two_passes_run_at_the_same_time()
    {
        var pass = app.Services.GetRequiredService<NotificationPass>();
        await Task.WhenAll(Task.Run(() => pass.RunAsync()), Task.Run(() => pass.RunAsync()));
        (await pass.RunAsync()).ShouldBe(0);

        var rows = await app.WithDb(db => db.Set<Notification>().AsNoTracking().ToListAsync());
        rows.GroupBy(n => (n.UserId, n.DedupeKey)).ShouldAllBe(g => g.Count() == 1);
        var users = await app.WithDb(db => db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.Id));
        var hefei = rows.Where(n => n.UserId == users["hefei"]).ToList();
        hefei.ShouldContain(n => n.Kind == SupervisionDesk.Notify && n.Event == NotificationEvent.Assigned);
        // Overdue publications are within any lead time: a deadline reminder besides the new to-do.
        hefei.ShouldContain(n => n.Kind == SupervisionDesk.Publish && n.Event == NotificationEvent.DueSoon);
        rows.Where(n => n.UserId == users["inspector"]).ShouldContain(n => n.Kind == SupervisionDesk.Sample);
        rows.ShouldNotContain(n => n.UserId == users["wuhu"]);
    }

    [Fact]
    public async Task A_to_do_is_announced_once_and_reminded_once_when_its_due_day_comes_within_the_lead_time()
    {
        var pass = app.Services.GetRequiredService<NotificationPass>();
        var calendar = app.Services.GetRequiredService<Qualis.Platform.Calendar.WorkingCalendar>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var hefei = await app.WithDb(db => db.Users.Where(u => u.UserName == "hefei").Select(u => u.Id).SingleAsync());
        var check = (await ChecksAsync(q => q.Where(c => c.Status == SpotCheckStatus.Final).OrderBy(c => c.Id))).First();
        Task SetDueAsync(DateOnly due) => app.WithDb(db => db.Set<SpotCheck>().Where(c => c.Id == check.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PublicationDue, due)));
        Task<List<Notification>> OfCheckAsync() => app.WithDb(db => db.Set<Notification>().AsNoTracking()
            .Where(n => n.UserId == hefei && n.Kind == SupervisionDesk.Publish && n.DedupeKey.Contains(check.Id.ToString("N"))).ToListAsync());

        // Far off: the new to-do only.
        var far = calendar.AddWorkingDays(today, NotificationSettings.DefaultLead + 5);
        await SetDueAsync(far);
        await pass.RunAsync();
        (await OfCheckAsync()).ShouldContain(n => n.Event == NotificationEvent.Assigned);
        (await OfCheckAsync()).ShouldNotContain(n => n.Event == NotificationEvent.DueSoon && n.Due == far);

        // Within the default lead time of three working days: one reminder, however often the job runs.
        var near = calendar.AddWorkingDays(today, NotificationSettings.DefaultLead - 1);
        await SetDueAsync(near);
        await pass.RunAsync();
        await pass.RunAsync();
        var all = await OfCheckAsync();
        all.Count(n => n.Event == NotificationEvent.DueSoon && n.Due == near).ShouldBe(1);
        all.Count(n => n.Event == NotificationEvent.Assigned).ShouldBe(1);
        (await pass.RunAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_marking_all_read_twice_is_harmless()
    {
        await app.Services.GetRequiredService<NotificationPass>().RunAsync();
        var client = await app.SignedInAs("inspector");
        var unread = await UnreadAsync(client);
        unread.ShouldBeGreaterThan(1);

        var list = await client.GetStringAsync("/Account/Notifications?unread=true");
        var open = OpenPattern().Match(list);
        open.Success.ShouldBeTrue();
        var opened = await client.GetAsync(WebUtility.HtmlDecode(open.Groups[1].Value));
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        opened.Headers.Location!.ToString().ShouldStartWith("/Supervision/Checks/");
        (await UnreadAsync(client)).ShouldBe(unread - 1);

        // Someone else's notification is not found, and stays unread.
        var hefeiId = await app.WithDb(async db =>
        {
            var id = await db.Users.Where(u => u.UserName == "hefei").Select(u => u.Id).SingleAsync();
            return await db.Set<Notification>().Where(n => n.UserId == id && n.ReadAt == null).Select(n => n.Id).FirstAsync();
        });
        (await client.GetAsync($"/Account/Notifications?handler=Open&id={hefeiId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDb(db => db.Set<Notification>().SingleAsync(n => n.Id == hefeiId))).ReadAt.ShouldBeNull();

        for (var i = 0; i < 2; i++)
        {
            var marked = await client.PostFormAsync("/Account/Notifications?handler=MarkAll", [], "/Account/Notifications");
            marked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await UnreadAsync(client)).ShouldBe(0);
        }
        // Without the form's token the post is refused.
        (await client.PostAsync("/Account/Notifications?handler=MarkAll", new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task<int> UnreadAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/Account/Notifications");
        var bell = BellPattern().Match(html);
        return bell.Success ? int.Parse(bell.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("data-kind=\"([^\"]+)\" data-state=\"[^\"]+\">.*?<a class=\"[^\"]*\" href=\"([^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex ToDoPattern();

    [GeneratedRegex("href=\"(/Account/Notifications\\?handler=Open&amp;id=[0-9a-f-]+)\"")]
    private static partial Regex OpenPattern();

    [GeneratedRegex("id=\"bell-count\">(\\d+)<")]
    private static partial Regex BellPattern();
}

/// <summary>Cards counted on every visit (a test changes a check and looks at once) and no scheduled pass beside the tests' own.</summary>
public static class DeskSettingsForTests
{
    public static readonly Dictionary<string, string?> Values = new() { ["Desk:CardSeconds"] = "0", ["Notifications:Enabled"] = "false" };
}

public sealed class DeskSqliteApp() : QualisApp(DatabaseProvider.Sqlite, DeskSettingsForTests.Values);
public sealed class DeskPostgresApp() : QualisApp(DatabaseProvider.Postgres, DeskSettingsForTests.Values);
public sealed class DeskOnSqlite(DeskSqliteApp app) : DeskTests(app), IClassFixture<DeskSqliteApp>;
public sealed class DeskOnPostgres(DeskPostgresApp app) : DeskTests(app), IClassFixture<DeskPostgresApp>;
