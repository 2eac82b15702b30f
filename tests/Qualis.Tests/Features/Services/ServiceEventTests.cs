using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.Improvement.Tasks;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Services.Events;
using Qualis.Features.Services.Parks;
using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Access;
using Qualis.Platform.Indicators;
using Qualis.Platform.Regions;
using Qualis.Tests.Features.Improvement;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Services;

/// <summary>Clinics and service events, park programmes, the firm's service archive and the indicators counted from them.</summary>
public abstract class ServiceEventTests(QualisApp app)
{
    private const string Hefei = "340100", Wuhu = "340200";
    private static int _nextFirm;

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private Task<string> FirmAsync(string region, string name) =>
        app.WithDb(async db =>
        {
            var path = await db.Set<Region>().Where(r => r.Code == region).Select(r => r.RegionPath).SingleAsync();
            var code = CreditCode.Compute("91" + region + "MB" + Interlocked.Increment(ref _nextFirm).ToString("D6", CultureInfo.InvariantCulture));
            db.Add(new Enterprise { CreditCode = code, Name = name, RegionCode = region, RegionPath = path, Size = EnterpriseSize.Micro, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return code;
        });

    private async Task<string> CountyAsync(string city) =>
        (await RecordSamples.Makers[typeof(Region)](app, city, Unique("活动测试县"))).RouteValues["code"];

    private async Task<T> AsRegionAsync<T>(string regionCode, Func<IServiceProvider, QualisDb, Task<T>> work)
    {
        var path = await app.WithDb(db => db.Set<Region>().Where(r => r.Code == regionCode).Select(r => r.RegionPath).SingleAsync());
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Set("test", "test", "test", null, path);
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<QualisDb>());
    }

    private Task<decimal> IndicatorAsync(string key, string region, int year, DateOnly on) =>
        AsRegionAsync(Hefei, async (sp, db) =>
            (await sp.GetRequiredService<IndicatorCatalog>().Find(key)!.ValuesAsync(db, year, [region], on, CancellationToken.None))[region].Value);

    [Fact]
    public async Task A_clinic_of_directory_experts_diagnoses_a_firm_its_follow_up_becomes_the_firms_task_and_the_archive_shows_it()
    {
        var county = await CountyAsync(Hefei);
        var code = await FirmAsync(county, Unique("合肥诊所企业"));
        var conflictedFirm = await FirmAsync(county, Unique("回避企业"));
        var wuhuFirm = await FirmAsync(Wuhu, Unique("芜湖诊所企业"));
        var (expert, conflicted) = (Unique("诊所专家"), Unique("回避专家"));
        var ids = await app.WithDb(async db =>
        {
            var path = await db.Set<Region>().Where(r => r.Code == Hefei).Select(r => r.RegionPath).SingleAsync();
            var a = ImprovementSamples.Expert(Hefei, path, expert);
            a.UserName = "agency"; // the expert's own account: a testing agency's
            var b = ImprovementSamples.Expert(Hefei, path, conflicted);
            b.Conflicts = conflictedFirm;
            // A provincial expert serves the city too; a Wuhu one does not.
            var province = ImprovementSamples.Expert("340000", await db.Set<Region>().Where(r => r.Code == "340000").Select(r => r.RegionPath).SingleAsync(), Unique("省级专家"));
            var wuhu = ImprovementSamples.Expert(Wuhu, await db.Set<Region>().Where(r => r.Code == Wuhu).Select(r => r.RegionPath).SingleAsync(), Unique("芜湖专家"));
            db.Set<Expert>().AddRange(a, b, province, wuhu);
            await db.SaveChangesAsync();
            return (a.Id, b.Id, province.Id, wuhu.Id);
        });
        var hefei = await app.SignedInAs("hefei");
        var title = Unique("质量流动诊所走进经开区");
        var form = new List<KeyValuePair<string, string>>
        {
            new("Form.Kind", "Clinic"), new("Form.Mode", "Panel"), new("Form.Title", title), new("Form.HeldOn", "2026-05-20"), new("Form.Place", "经开区服务中心"),
            new("Form.Industry", "电线电缆"), new("Form.ExpertIds", ids.Item1.ToString()), new("Form.ExpertIds", ids.Item2.ToString()), new("Form.ExpertIds", ids.Item3.ToString()),
            new("Form.Experts", "赵工（企业退休总工）"),
        };
        // An expert of another city's directory (or none) is refused on the field.
        async Task<HttpResponseMessage> PostAsync(IEnumerable<KeyValuePair<string, string>> fields) =>
            await hefei.PostAsync("/Services/Events/New", new FormUrlEncodedContent([new("__RequestVerificationToken", await hefei.TokenAsync("/Services/Events/New")), .. fields]));
        var unknown = await PostAsync([.. form.Where(p => p.Key != "Form.ExpertIds"), new("Form.ExpertIds", ids.Item4.ToString())]);
        Forms.ErrorsIn(await unknown.Content.ReadAsStringAsync()).ShouldContain("请从专家库中选择专家。");
        var created = await PostAsync(form);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await created.Content.ReadAsStringAsync()));
        var url = created.Headers.Location!.ToString();
        // A double click lands on the first event.
        (await PostAsync(form)).Headers.Location!.ToString().ShouldBe(url);
        var ev = await app.WithDb(db => db.Set<ServiceEvent>().SingleAsync(e => e.Title == title));
        ev.Experts.ShouldBe($"{expert}（样本单位）、{conflicted}（样本单位）、{ev.Experts!.Split('、')[2]}、赵工（企业退休总工）");
        ev.Experts.ShouldContain("省级专家");

        var outside = await hefei.PostFormAsync(url + "?handler=AddFirm", new() { ["Firm.CreditCode"] = wuhuFirm, ["Firm.Problems"] = "越界" }, url);
        Forms.ErrorsIn(await outside.Content.ReadAsStringAsync()).ShouldContain(wuhuFirm);
        var conflict = await hefei.PostFormAsync(url + "?handler=AddFirm", new() { ["Firm.CreditCode"] = conflictedFirm, ["Firm.Problems"] = "问题" }, url);
        Forms.ErrorsIn(await conflict.Content.ReadAsStringAsync()).ShouldContain($"{conflicted} 已声明与“");
        var early = await hefei.PostFormAsync(url + "?handler=AddFirm", new() { ["Firm.CreditCode"] = code, ["Firm.Problems"] = "出厂检验记录不全", ["Firm.FollowUp"] = "补齐", ["Firm.FollowUpDue"] = "2026-05-01" }, url);
        Forms.ErrorsIn(await early.Content.ReadAsStringAsync()).ShouldContain("跟踪期限不能早于活动日期。");
        var noDue = await hefei.PostFormAsync(url + "?handler=AddFirm", new() { ["Firm.CreditCode"] = code, ["Firm.Problems"] = "出厂检验记录不全", ["Firm.FollowUp"] = "补齐" }, url);
        Forms.ErrorsIn(await noDue.Content.ReadAsStringAsync()).ShouldContain("填写了跟踪整改事项，请同时填写跟踪期限。");
        (await app.WithDb(db => db.Set<ServiceEventFirm>().CountAsync(f => f.EventId == ev.Id))).ShouldBe(0);

        var fields = new Dictionary<string, string>
        {
            ["Firm.CreditCode"] = code, ["Firm.ProblemArea"] = "Testing", ["Firm.Problems"] = "出厂检验缺少绝缘电阻检测", ["Firm.FollowUp"] = "补齐检测记录", ["Firm.FollowUpDue"] = "2026-06-20",
        };
        // Two clicks at once record one firm and one task.
        var added = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => hefei.PostFormAsync(url + "?handler=AddFirm", fields, url)));
        added.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        var row = await app.WithDb(db => db.Set<ServiceEventFirm>().SingleAsync(f => f.CreditCode == code));
        (row.RegionCode, row.EventTitle, row.ProblemArea).ShouldBe((county, title, (ServiceArea?)ServiceArea.Testing));
        var task = await app.WithDb(db => db.Set<ImprovementTask>().SingleAsync(t => t.CreditCode == code));
        (task.Id, task.Title, task.Deadline, task.OwnerKind, task.Source, task.RegionCode, task.Status)
            .ShouldBe((row.FollowUpTaskId!.Value, "补齐检测记录", new DateOnly(2026, 6, 20), TaskOwnerKind.Enterprise, title + "（2026-05-20）", county, TaskState.Open));
        var eventPage = await hefei.GetStringAsync(url);
        eventPage.ShouldContain($"href=\"/Improvement/Tasks/{task.Id}\"");

        // The firm's page in the registry: its archive holds the clinic, the diagnosis and the task.
        var page = await hefei.GetStringAsync("/Registry/Enterprises/" + code);
        var archive = page[page.IndexOf("id=\"enterprise-service-archive\"", StringComparison.Ordinal)..];
        archive.ShouldContain("参加质量流动诊所：" + title);
        archive.ShouldContain("出厂检验缺少绝缘电阻检测");
        archive.ShouldContain("任务：补齐检测记录（未完成，期限2026-06-20）");
        // The expert's page lists the clinic, and so does the expert's own work in their account.
        (await hefei.GetStringAsync("/Improvement/Experts/" + ids.Item1)).ShouldContain(title);
        (await (await app.SignedInAs("agency")).GetStringAsync("/Improvement/Mine")).ShouldContain(title + " · 经开区服务中心");
        // Wuhu sees neither the event nor the firm's row.
        var wuhu = await app.SignedInAs("wuhu");
        (await wuhu.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wuhu.GetStringAsync("/Services/Events?year=2026")).ShouldNotContain(title);
    }

    [Fact]
    public async Task A_park_programme_takes_member_firms_and_progress_and_shows_in_their_archive()
    {
        var hefei = await app.SignedInAs("hefei");
        var parks = await AsRegionAsync(Hefei, (_, db) => RegistryFace.ParksAsync(db));
        var park = parks.First();
        var year = 2030 + Random.Shared.Next(0, 60);
        var created = await hefei.PostFormAsync("/Services/Parks/New", new()
        {
            ["Form.ParkId"] = park.Id.ToString(), ["Form.Title"] = park.Name + "质量强区建设", ["Form.Year"] = year.ToString(CultureInfo.InvariantCulture),
            ["Form.StartsOn"] = $"{year}-01-01", ["Form.ServicePlan"] = "检验检测机构每季度进园区服务一次。",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await created.Content.ReadAsStringAsync()));
        var url = created.Headers.Location!.ToString();
        var wuhuParks = await AsRegionAsync(Wuhu, (_, db) => RegistryFace.ParksAsync(db));
        var outside = await hefei.PostFormAsync("/Services/Parks/New", new()
        {
            ["Form.ParkId"] = wuhuParks.First().Id.ToString(), ["Form.Title"] = "越界", ["Form.Year"] = "2026", ["Form.StartsOn"] = "2026-01-01", ["Form.ServicePlan"] = "方案",
        });
        Forms.ErrorsIn(await outside.Content.ReadAsStringAsync()).ShouldContain("请选择您辖区内的园区。");

        var code = await FirmAsync(Hefei, Unique("合肥园区成员企业"));
        (await hefei.PostFormAsync(url + "?handler=AddMember", new() { ["creditCode"] = code }, url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await hefei.PostFormAsync(url + "?handler=AddMember", new() { ["creditCode"] = code }, url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Set<ParkProgrammeMember>().CountAsync(m => m.CreditCode == code))).ShouldBe(1);
        (await hefei.PostFormAsync(url + "?handler=Report", new() { ["progress"] = "已开展服务两次" }, url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detail = await hefei.GetStringAsync(url);
        detail.ShouldContain("已开展服务两次");
        detail.ShouldContain("检验检测机构每季度进园区服务一次。");
        (await hefei.GetStringAsync("/Registry/Enterprises/" + code)).ShouldContain("加入" + park.Name + "质量强区建设");
        (await (await app.SignedInAs("wuhu")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Firms_served_and_clinics_held_count_into_the_indicators_as_the_records_say()
    {
        var county = await CountyAsync(Hefei);
        var year = 2031 + Random.Shared.Next(0, 60);
        var on = new DateOnly(year, 6, 30);
        var firms = new List<string>();
        for (var i = 0; i < 4; i++) firms.Add(await FirmAsync(county, Unique("合肥指标企业")));
        var path = await app.WithDb(db => db.Set<Region>().Where(r => r.Code == county).Select(r => r.RegionPath).SingleAsync());
        await app.WithDb(async db =>
        {
            // Two clinics in the county (one after the asked day), one training; firms 0 and 1 came to the first clinic, firm 1 also answered a
            // questionnaire, firm 2 answered one, firm 3 answered after the asked day.
            var clinic = ServiceSamples.NewEvent(county, path, Unique("指标诊所"));
            clinic.HeldOn = new DateOnly(year, 3, 1);
            var later = ServiceSamples.NewEvent(county, path, Unique("指标诊所"));
            later.HeldOn = new DateOnly(year, 8, 1);
            var training = ServiceSamples.NewEvent(county, path, Unique("指标培训"));
            (training.Kind, training.HeldOn) = (ServiceEventKind.Training, new DateOnly(year, 4, 1));
            db.AddRange(clinic, later, training);
            db.Add(ServiceSamples.NewAttendance(clinic, firms[0], "甲", county, path));
            db.Add(ServiceSamples.NewAttendance(clinic, firms[1], "乙", county, path));
            var (q, _) = ServiceSamples.NewQuestionnaire(Unique("指标问卷"));
            db.Add(q);
            foreach (var (code, month) in new[] { (firms[1], 4), (firms[2], 5), (firms[3], 9) })
            {
                var r = ServiceSamples.NewRecipient(q.Id, code, "企业", county, path);
                (r.AnsweredAt, r.AnsweredVia, r.AnsweredBy) = (new DateTime(year, month, 10, 2, 0, 0, DateTimeKind.Utc), AnswerChannel.Self, "x");
                db.Add(r);
            }
            await db.SaveChangesAsync();
        });
        (await IndicatorAsync("services.clinics", county, year, on)).ShouldBe(1m);
        (await IndicatorAsync("services.firms-served", county, year, on)).ShouldBe(3m);
        (await IndicatorAsync("services.clinics", county, year, new DateOnly(year, 12, 31))).ShouldBe(2m);
        (await IndicatorAsync("services.firms-served", county, year, new DateOnly(year, 12, 31))).ShouldBe(4m);
        // The same as a plain count of the records.
        var plain = await app.WithDb(db => db.Set<ServiceEvent>().CountAsync(e => e.RegionCode == county && e.Kind == ServiceEventKind.Clinic && e.HeldOn.Year == year));
        plain.ShouldBe(2);
    }
}

public sealed class ServiceEventsOnSqlite(SqliteApp app) : ServiceEventTests(app), IClassFixture<SqliteApp>;
public sealed class ServiceEventsOnPostgres(PostgresApp app) : ServiceEventTests(app), IClassFixture<PostgresApp>;
