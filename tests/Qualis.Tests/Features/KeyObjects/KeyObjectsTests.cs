using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.KeyObjects;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Supervision.PassRates;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Access;
using Qualis.Platform.Indicators;
using Qualis.Platform.Regions;
using Qualis.Platform.Time;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.KeyObjects;

/// <summary>Key objects (四重) through their pages, and the indicators counted from them and from the spot checks.</summary>
public abstract partial class KeyObjectsTests(QualisApp app)
{
    private const string Hefei = "340100", Wuhu = "340200";

    private static Dictionary<string, string> Form(KeyObjectKind kind, int year, string city, string reason = "本市支柱产业", string goal = "合格率达到 95% 以上") => new()
    {
        ["Form.Kind"] = kind.ToString(), ["Form.Year"] = year.ToString(CultureInfo.InvariantCulture), ["Form.CityCode"] = city,
        ["Form.Reason"] = reason, ["Form.Goal"] = goal,
    };

    private static Dictionary<string, string> With(Dictionary<string, string> form, string field, string value) => new(form) { [field] = value };

    private Task<List<KeyObjectEnrolment>> EnrolmentsOfAsync(string objectKey) =>
        app.WithDb(db => db.Set<KeyObjectEnrolment>().Where(e => e.ObjectKey == objectKey).ToListAsync());

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task A_city_enrols_an_enterprise_of_its_area_with_reason_goal_and_history()
    {
        var name = Unique("合肥重点电器有限公司");
        var code = await RecordSamples.NewEnterpriseAsync(app, Hefei, name);
        var hefei = await app.SignedInAs("hefei");
        // The chooser finds it by a fragment of its name and shows the name, not a code or id only.
        var chooser = await hefei.GetStringAsync("/KeyObjects/Enrol?kind=Enterprise&find=" + Uri.EscapeDataString(name[..8]));
        chooser.ShouldContain(name);
        chooser.ShouldContain(code);

        var posted = await hefei.PostFormAsync("/KeyObjects/Enrol", With(Form(KeyObjectKind.Enterprise, 2025, Wuhu), "Form.CreditCode", code));
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await posted.Content.ReadAsStringAsync()));
        var stored = (await EnrolmentsOfAsync(code)).ShouldHaveSingleItem();
        // A city officer enrols for their own city, whatever city the form names.
        stored.CityCode.ShouldBe(Hefei);
        stored.ObjectName.ShouldBe(name);
        stored.EnrolledBy.ShouldBe("hefei");
        stored.Reason.ShouldBe("本市支柱产业");
        stored.Goal.ShouldBe("合格率达到 95% 以上");
        stored.Status.ShouldBe(KeyObjectStatus.Active);
        stored.EnrolledAt.Kind.ShouldBe(DateTimeKind.Utc);

        var detail = await hefei.GetStringAsync(posted.Headers.Location!.ToString());
        detail.ShouldContain(name);
        detail.ShouldContain("合肥市");
        detail.ShouldContain("id=\"audit-history\"");
        detail.ShouldContain("id=\"withdraw-form\"");
        var list = await hefei.GetStringAsync("/KeyObjects?year=2025&kind=Enterprise&q=" + Uri.EscapeDataString(name));
        list.ShouldContain(name);
    }

    [Fact]
    public async Task An_enterprise_or_park_outside_the_city_is_refused_with_its_name()
    {
        var wuhuFirm = Unique("芜湖越界机械有限公司");
        var code = await RecordSamples.NewEnterpriseAsync(app, Wuhu, wuhuFirm);
        var hefei = await app.SignedInAs("hefei");
        var refused = Forms.ErrorsIn(await (await hefei.PostFormAsync("/KeyObjects/Enrol", With(Form(KeyObjectKind.Enterprise, 2025, Hefei), "Form.CreditCode", code), "/KeyObjects/Enrol?kind=Enterprise")).Content.ReadAsStringAsync());
        refused.ShouldContain($"“{wuhuFirm}”位于芜湖市，不在合肥市辖区内，不能列为合肥市的重点对象。");

        // The province enrolling on Hefei's behalf meets the same check on the server.
        var province = await app.SignedInAs("province");
        Forms.ErrorsIn(await (await province.PostFormAsync("/KeyObjects/Enrol", With(Form(KeyObjectKind.Enterprise, 2025, Hefei), "Form.CreditCode", code))).Content.ReadAsStringAsync())
            .ShouldContain($"“{wuhuFirm}”位于芜湖市");

        var wuhuPark = await app.WithDb(db => db.Set<Park>().Where(p => p.Name == "芜湖经济技术开发区").Select(p => p.Id).SingleAsync());
        var parkRefused = Forms.ErrorsIn(await (await hefei.PostFormAsync("/KeyObjects/Enrol", With(Form(KeyObjectKind.Park, 2025, Hefei), "Form.ParkId", wuhuPark.ToString()))).Content.ReadAsStringAsync());
        parkRefused.ShouldContain("“芜湖经济技术开发区”位于芜湖市，不在合肥市辖区内");
        // The chooser offers only the city's parks.
        var parks = await hefei.GetStringAsync("/KeyObjects/Enrol?kind=Park");
        parks.ShouldContain("合肥高新技术产业开发区");
        parks.ShouldNotContain("芜湖经济技术开发区");

        (await EnrolmentsOfAsync(code)).ShouldBeEmpty();
        (await EnrolmentsOfAsync(wuhuPark.ToString("D"))).Where(e => e.CityCode == Hefei).ShouldBeEmpty();

        // An empty form names each field; an English reader reads English.
        var empty = Forms.ErrorsIn(await (await province.PostFormAsync("/KeyObjects/Enrol", Form(KeyObjectKind.Product, 2025, "", "", ""))).Content.ReadAsStringAsync());
        empty.ShouldContain("请选择您辖区内的设区市。");
        empty.ShouldContain("请填写产品或服务名称。");
        empty.ShouldContain("请填写列入理由。");
        empty.ShouldContain("请填写提升目标。");
    }

    [Fact]
    public async Task Another_citys_officer_neither_sees_nor_enrols_nor_withdraws_its_objects()
    {
        var product = Unique("芜湖特色产品");
        var wuhu = await app.SignedInAs("wuhu");
        var made = await wuhu.PostFormAsync("/KeyObjects/Enrol", With(Form(KeyObjectKind.Product, 2025, Wuhu), "Form.ProductName", product));
        made.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await made.Content.ReadAsStringAsync()));
        var page = made.Headers.Location!.ToString();

        var hefei = await app.SignedInAs("hefei");
        (await hefei.GetStringAsync("/KeyObjects?year=2025")).ShouldNotContain(product);
        var theirs = await hefei.GetAsync(page);
        var none = await hefei.GetAsync("/KeyObjects/" + Guid.NewGuid());
        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        none.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await theirs.Content.ReadAsStringAsync()).ShouldNotContain(product);
        var token = await hefei.TokenAsync("/KeyObjects/Enrol");
        var withdraw = await hefei.PostAsync(page + "?handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["WithdrawalReason"] = "越权撤销", ["__RequestVerificationToken"] = token }));
        withdraw.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await EnrolmentsOfAsync(product)).ShouldHaveSingleItem().Status.ShouldBe(KeyObjectStatus.Active);

        // A county officer reads the enrolments of the county and changes nothing.
        var feidong = await app.SignedInAs("feidong");
        var enrol = await feidong.GetAsync("/KeyObjects/Enrol");
        enrol.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        enrol.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        var countyList = await feidong.GetStringAsync("/KeyObjects");
        countyList.ShouldContain("id=\"read-only-note\"");
        countyList.ShouldNotContain(product);
    }

    [Fact]
    public async Task Simultaneous_enrolments_make_one_and_simultaneous_withdrawals_one()
    {
        var province = await app.SignedInAs("province");
        var token = await province.TokenAsync("/KeyObjects/Enrol");
        var product = Unique("并发重点产品");
        var form = new Dictionary<string, string>(With(Form(KeyObjectKind.Product, 2025, Hefei), "Form.ProductName", product)) { ["__RequestVerificationToken"] = token };
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => province.PostAsync("/KeyObjects/Enrol", new FormUrlEncodedContent(form))));
        var enrolment = (await EnrolmentsOfAsync(product)).ShouldHaveSingleItem();
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString() == "/KeyObjects/" + enrolment.Id);
        // A later repeat says it is enrolled already.
        var again = await province.PostAsync("/KeyObjects/Enrol", new FormUrlEncodedContent(form));
        again.Headers.Location!.ToString().ShouldBe("/KeyObjects/" + enrolment.Id);
        (await province.GetStringAsync("/KeyObjects/" + enrolment.Id)).ShouldContain("不能重复列入");

        var withdraw = new Dictionary<string, string> { ["WithdrawalReason"] = "企业已停产", ["__RequestVerificationToken"] = token };
        var url = $"/KeyObjects/{enrolment.Id}?handler=Withdraw";
        var withdrawn = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => province.PostAsync(url, new FormUrlEncodedContent(withdraw))));
        withdrawn.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        var stored = (await EnrolmentsOfAsync(product)).ShouldHaveSingleItem();
        stored.Status.ShouldBe(KeyObjectStatus.Withdrawn);
        stored.WithdrawalReason.ShouldBe("企业已停产");
        stored.WithdrawnBy.ShouldBe("province");
        (await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(KeyObjectEnrolment) && e.EntityKey == enrolment.Id.ToString()))).ShouldBe(2);
        var detail = await province.GetStringAsync("/KeyObjects/" + enrolment.Id);
        detail.ShouldContain("企业已停产");
        detail.ShouldNotContain("id=\"withdraw-form\"");

        // Withdrawn, the product may be enrolled again: a new enrolment beside the withdrawn one.
        var token2 = await province.TokenAsync("/KeyObjects/Enrol");
        var re = await province.PostAsync("/KeyObjects/Enrol", new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = token2 }));
        re.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await EnrolmentsOfAsync(product)).Count.ShouldBe(2);
    }

    /// <summary>Runs work with the indicator catalogue as an account of the region would (its area filter).</summary>
    private async Task<T> AsRegionAsync<T>(string regionCode, Func<QualisDb, IndicatorCatalog, Task<T>> work)
    {
        var path = await app.WithDb(db => db.Set<Region>().Where(r => r.Code == regionCode).Select(r => r.RegionPath).SingleAsync());
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Set("test", "test", "test", null, path);
        return await work(scope.ServiceProvider.GetRequiredService<QualisDb>(), scope.ServiceProvider.GetRequiredService<IndicatorCatalog>());
    }

    [Fact]
    public async Task The_catalogue_finds_the_five_indicators()
    {
        var keys = await AsRegionAsync("340000", (_, catalog) => Task.FromResult(catalog.All.Select(i => i.Key).ToList()));
        foreach (var key in new[] { "keyobjects.parks", "keyobjects.products", "keyobjects.industries", "keyobjects.enterprises", "supervision.pass-rate" })
        {
            keys.ShouldContain(key);
            (await AsRegionAsync("340000", (_, catalog) => Task.FromResult(catalog.Find(key)))).ShouldNotBeNull();
        }
        (await AsRegionAsync("340000", (_, catalog) => Task.FromResult(catalog.Find("supervision.pass-rate")!.Unit))).ShouldBe(IndicatorUnit.Percent);
    }

    [Fact]
    public async Task Enrolment_counts_per_region_and_date_count_a_later_withdrawal_at_the_earlier_date()
    {
        // A year of its own so the demo data does not count: 2019 (the demo data has 2018 and the current year).
        const int year = 2019;
        var clock = app.Services.GetRequiredService<PeopleClock>();
        DateTime At(int month, int day, int hour = 10) => clock.StartOfDayUtc(new DateOnly(year, month, day)).AddHours(hour);
        var hefeiFirms = await app.WithDb(db => db.Set<Enterprise>().Where(e => e.RegionCode == "340102").OrderBy(e => e.CreditCode).Take(3).ToListAsync());
        var feidongFirm = await app.WithDb(db => db.Set<Enterprise>().Where(e => e.RegionCode == "340122").OrderBy(e => e.CreditCode).FirstAsync());
        var wuhuFirm = await app.WithDb(db => db.Set<Enterprise>().Where(e => e.RegionPath.Contains("/340200/")).OrderBy(e => e.CreditCode).FirstAsync());
        await app.WithDb(async db =>
        {
            if (await db.Set<KeyObjectEnrolment>().AnyAsync(e => e.Year == year)) return;
            KeyObjectEnrolment Firm(Enterprise f, string city, DateTime at) => new()
            {
                Year = year, Kind = KeyObjectKind.Enterprise, CityCode = city, ObjectKey = f.CreditCode, ObjectName = f.Name, Reason = "r", Goal = "g",
                EnrolledAt = at, EnrolledBy = "hefei", RegionCode = f.RegionCode, RegionPath = f.RegionPath,
            };
            db.Set<KeyObjectEnrolment>().AddRange(
                Firm(hefeiFirms[0], Hefei, At(3, 1)),
                // Enrolled at 23:30 China time on 31 March: it counts on that day.
                Firm(hefeiFirms[1], Hefei, At(3, 31, 23).AddMinutes(30)),
                // Withdrawn on 1 July: it counts on 30 June, not on 1 July.
                Firm(hefeiFirms[2], Hefei, At(3, 1)) is var w ? Withdrawn(w, At(7, 1, 9)) : null!,
                Firm(feidongFirm, Hefei, At(4, 1)),
                Firm(wuhuFirm, Wuhu, At(3, 1)));
            await db.SaveChangesAsync();
        });

        async Task<IReadOnlyDictionary<string, IndicatorValue>> Values(string asRegion, DateOnly on, params string[] regions) =>
            await AsRegionAsync(asRegion, (db, catalog) => catalog.Find("keyobjects.enterprises")!.ValuesAsync(db, year, regions, on, CancellationToken.None));

        var march30 = await Values("340000", new DateOnly(year, 3, 30), "340000", Hefei, Wuhu, "340122");
        march30[Hefei].Value.ShouldBe(2);
        march30[Wuhu].Value.ShouldBe(1);
        march30["340122"].Value.ShouldBe(0);
        march30["340000"].Value.ShouldBe(3);
        (await Values("340000", new DateOnly(year, 3, 31), Hefei))[Hefei].Value.ShouldBe(3);
        var june30 = await Values("340000", new DateOnly(year, 6, 30), Hefei, "340122");
        june30[Hefei].Value.ShouldBe(4);
        june30["340122"].Value.ShouldBe(1);
        june30[Hefei].Link.ShouldBe($"/KeyObjects?year={year}&kind=Enterprise&region={Hefei}&on={year}-06-30");
        (await Values("340000", new DateOnly(year, 7, 1), Hefei))[Hefei].Value.ShouldBe(3);
        (await Values("340000", new DateOnly(year, 2, 1), Hefei))[Hefei].Value.ShouldBe(0);
        // Hefei's officers count their own city; Wuhu is outside their area and left out.
        var asHefei = await Values(Hefei, new DateOnly(year, 12, 31), Hefei, Wuhu);
        asHefei[Hefei].Value.ShouldBe(3);
        asHefei.ContainsKey(Wuhu).ShouldBeFalse();
        // Other kinds count nothing of these.
        (await AsRegionAsync("340000", (db, c) => c.Find("keyobjects.parks")!.ValuesAsync(db, year, [Hefei], new DateOnly(year, 12, 31), CancellationToken.None)))[Hefei].Value.ShouldBe(0);

        // The drill-down list shows the same enrolments as counted on 30 June, the withdrawn one among them.
        var province = await app.SignedInAs("province");
        var list = await province.GetStringAsync(june30[Hefei].Link!);
        foreach (var f in hefeiFirms.Append(feidongFirm)) list.ShouldContain(f.Name);
        list.ShouldNotContain(wuhuFirm.Name);
        (await province.GetStringAsync($"/KeyObjects?year={year}&kind=Enterprise&region={Hefei}&on={year}-07-01")).ShouldNotContain(hefeiFirms[2].Name);
    }

    private static KeyObjectEnrolment Withdrawn(KeyObjectEnrolment e, DateTime at)
    {
        e.Status = KeyObjectStatus.Withdrawn;
        e.WithdrawnAt = at;
        e.WithdrawnBy = "hefei";
        e.WithdrawalReason = "停产";
        return e;
    }

    [Fact]
    public async Task The_pass_rate_indicator_equals_the_pass_rate_pages_figure()
    {
        const int year = 2026;
        // A county none of whose firms was checked that year (the demo's checks are Hefei's batch and the province's in every city).
        var checkedPaths = await app.WithDb(db => db.Set<SpotCheck>().Where(c => c.Result != null && c.ResultOn >= new DateOnly(year, 1, 1) && c.ResultOn <= new DateOnly(year, 12, 31))
            .Select(c => c.RegionPath).Distinct().ToListAsync());
        var quiet = (await app.WithDb(db => db.Set<Region>().Where(r => r.Level == RegionLevel.County && r.Code.StartsWith("34")).OrderBy(r => r.Code).ToListAsync()))
            .First(r => !checkedPaths.Any(p => p.StartsWith(r.RegionPath, StringComparison.Ordinal))).Code;
        var values = await AsRegionAsync("340000", (db, catalog) =>
            catalog.Find("supervision.pass-rate")!.ValuesAsync(db, year, ["340000", Hefei, Wuhu, "340122", quiet], new DateOnly(year, 12, 31), CancellationToken.None));
        // A region with results has its rate; a region with nothing checked is left out.
        values.ContainsKey(Hefei).ShouldBeTrue();
        values.ContainsKey(Wuhu).ShouldBeTrue();
        values.ContainsKey(quiet).ShouldBeFalse();
        var province = await app.SignedInAs("province");
        foreach (var (region, value) in values)
        {
            value.Link.ShouldBe($"/Supervision/PassRates?region={region}&from={year}-01-01&to={year}-12-31");
            var page = await province.GetStringAsync(value.Link!);
            var total = TotalRow().Match(page);
            total.Success.ShouldBeTrue(region);
            value.Numerator.ShouldBe(decimal.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture), region);
            value.Denominator.ShouldBe(decimal.Parse(total.Groups[2].Value, CultureInfo.InvariantCulture), region);
            value.Value.ShouldBe(value.Numerator!.Value * 100 / value.Denominator!.Value, region);
        }
        // As at the day before Hefei's first result of the year (the demo's first-quarter batch has results in January), nothing is checked.
        var first = await app.WithDb(db => db.Set<SpotCheck>().Where(c => c.Result != null && c.ResultOn >= new DateOnly(year, 1, 1) && c.RegionPath.StartsWith("/340000/340100/"))
            .MinAsync(c => c.ResultOn));
        (await AsRegionAsync("340000", (db, catalog) =>
            catalog.Find("supervision.pass-rate")!.ValuesAsync(db, year, [Hefei], first!.Value.AddDays(-1), CancellationToken.None))).ShouldBeEmpty();
    }

    [GeneratedRegex("id=\"passrate-total\".*?class=\"text-end pass-rate\" title=\"(\\d+) ÷ (\\d+)\"", RegexOptions.Singleline)]
    private static partial Regex TotalRow();

    [Fact]
    public async Task The_summary_shows_each_city_of_the_area_with_its_counts_and_a_chart()
    {
        var province = await app.SignedInAs("province");
        var summary = await province.GetStringAsync($"/KeyObjects/Summary?year={KeyObjectsDemoData.DemoYear}");
        Regex.Matches(summary, "<tr data-city=").Count.ShouldBe(16);
        summary.ShouldContain("data-keyobjects-chart");
        summary.ShouldContain("黄山市");
        // Hefei meets the 2018 quota in the demo data: 50 enterprises active at the year's end.
        var hefeiCount = await AsRegionAsync("340000", (db, c) => c.Find("keyobjects.enterprises")!.ValuesAsync(db, KeyObjectsDemoData.DemoYear, [Hefei], new DateOnly(2018, 12, 31), CancellationToken.None));
        hefeiCount[Hefei].Value.ShouldBe(50);

        var hefei = await app.SignedInAs("hefei");
        var own = await hefei.GetStringAsync($"/KeyObjects/Summary?year={KeyObjectsDemoData.DemoYear}");
        Regex.Matches(own, "<tr data-city=").Count.ShouldBe(1);
        own.ShouldContain("data-city=\"340100\"");
    }
}

public sealed class KeyObjectsOnSqlite(SqliteApp app) : KeyObjectsTests(app), IClassFixture<SqliteApp>;
public sealed class KeyObjectsOnPostgres(PostgresApp app) : KeyObjectsTests(app), IClassFixture<PostgresApp>;
