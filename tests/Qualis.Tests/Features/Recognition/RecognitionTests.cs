using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Recognition;
using Qualis.Platform.Access;
using Qualis.Platform.Desk;
using Qualis.Platform.Indicators;
using Qualis.Platform.Regions;
using Qualis.Platform.Time;
using Qualis.Tests.Platform.Access;
using RecognitionRecord = Qualis.Features.Recognition.Recognition;

namespace Qualis.Tests.Features.Recognition;

/// <summary>The recognition register through its pages, the enterprise page, the desk and the indicators counted from it.</summary>
public abstract partial class RecognitionTests(QualisApp app)
{
    private const string Hefei = "340100", Wuhu = "340200", Feidong = "340122";

    private static Dictionary<string, string> Form(string programme, HolderKind kind, int year = 2025, RecognitionStatus status = RecognitionStatus.Applied,
        RecognitionLevel level = RecognitionLevel.Provincial) => new()
    {
        ["Form.ProgrammeCode"] = programme, ["Form.HolderKind"] = kind.ToString(), ["Form.Year"] = year.ToString(CultureInfo.InvariantCulture),
        ["Form.Status"] = status.ToString(), ["Form.Level"] = level.ToString(),
    };

    private static Dictionary<string, string> With(Dictionary<string, string> form, params (string Field, string Value)[] values)
    {
        var copy = new Dictionary<string, string>(form);
        foreach (var (f, v) in values) copy[f] = v;
        return copy;
    }

    private Task<List<RecognitionRecord>> RecordsOfAsync(string holderName) =>
        app.WithDb(db => db.Set<RecognitionRecord>().Where(r => r.HolderName == holderName).ToListAsync());

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task A_city_registers_an_enterprises_recognition_with_evidence_and_it_shows_on_the_enterprise_page()
    {
        var name = Unique("合肥卓越绩效电器有限公司");
        var code = await RecordSamples.NewEnterpriseAsync(app, Hefei, name);
        var hefei = await app.SignedInAs("hefei");
        var token = await hefei.TokenAsync("/Recognition/New");
        using var multipart = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in With(Form(ProgrammeCatalog.Excellence, HolderKind.Enterprise, 2025, RecognitionStatus.Granted, RecognitionLevel.City),
                     ("Form.CreditCode", code.ToLowerInvariant()), ("Form.GrantedOn", "2025-06-10"), ("Form.ValidTo", "2028-06-09"), ("Form.DocumentNumber", "合质强〔2025〕8号")))
            multipart.Add(new StringContent(v), k);
        var pdf = new ByteArrayContent("%PDF-1.4 award"u8.ToArray());
        pdf.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        multipart.Add(pdf, "Files", "认定文件.pdf");
        var posted = await hefei.PostAsync("/Recognition/New", multipart);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await posted.Content.ReadAsStringAsync()));

        var stored = (await RecordsOfAsync(name)).ShouldHaveSingleItem();
        (stored.CreditCode, stored.RegionCode, stored.Family, stored.Status).ShouldBe((code, Hefei, ProgrammeFamily.Adoption, RecognitionStatus.Granted));
        (stored.GrantedOn, stored.ValidFrom, stored.ValidTo).ShouldBe(((DateOnly?)new DateOnly(2025, 6, 10), (DateOnly?)new DateOnly(2025, 6, 10), (DateOnly?)new DateOnly(2028, 6, 9)));
        stored.OfficeCode.ShouldBe(Hefei);
        stored.CreatedBy.ShouldBe("hefei");

        var url = posted.Headers.Location!.ToString();
        var detail = await hefei.GetStringAsync(url);
        detail.ShouldContain("卓越绩效");
        detail.ShouldContain("合质强〔2025〕8号");
        detail.ShouldContain("认定文件.pdf");
        detail.ShouldContain("id=\"audit-history\"");
        var evidence = await app.WithDb(db => db.Set<RecognitionEvidence>().SingleAsync(e => e.RecognitionId == stored.Id));
        var file = await hefei.GetAsync($"{url}?handler=File&file={evidence.Id}");
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe("%PDF-1.4 award"u8.ToArray());

        var enterprise = await hefei.GetStringAsync("/Registry/Enterprises/" + code);
        var section = enterprise[enterprise.IndexOf("id=\"enterprise-recognitions\"", StringComparison.Ordinal)..];
        section.ShouldContain("卓越绩效");
        section.ShouldContain("/Recognition/" + stored.Id);
        (await hefei.GetStringAsync("/Recognition?programme=" + ProgrammeCatalog.Excellence + "&q=" + Uri.EscapeDataString(name))).ShouldContain(name);
        // Wuhu's officers see neither the record nor its file.
        var wuhu = await app.SignedInAs("wuhu");
        (await wuhu.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wuhu.GetAsync($"{url}?handler=File&file={evidence.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wuhu.GetStringAsync("/Recognition?q=" + Uri.EscapeDataString(name))).ShouldNotContain(name + "</a>");
    }

    [Fact]
    public async Task Bad_input_is_refused_on_its_field_naming_a_firm_outside_the_area_and_where_it_lies()
    {
        var wuhuFirm = Unique("芜湖越界示范机械有限公司");
        var code = await RecordSamples.NewEnterpriseAsync(app, Wuhu, wuhuFirm);
        var hefei = await app.SignedInAs("hefei");
        var refused = Forms.ErrorsIn(await (await hefei.PostFormAsync("/Recognition/New",
            With(Form(ProgrammeCatalog.Benchmark, HolderKind.Enterprise), ("Form.CreditCode", code)))).Content.ReadAsStringAsync());
        refused.ShouldContain($"“{wuhuFirm}”位于芜湖市，不在您的辖区内，不能登记其认定。");

        var name = Unique("合肥人物");
        var validity = await hefei.PostFormAsync("/Recognition/New", With(Form(ProgrammeCatalog.People, HolderKind.Person),
            ("Form.HolderName", name), ("Form.RegionCode", Hefei), ("Form.ValidFrom", "2025-05-01"), ("Form.ValidTo", "2025-04-30")));
        var html = await validity.Content.ReadAsStringAsync();
        Forms.ErrorsIn(html).ShouldContain("有效期至（2025-04-30）不能早于有效期起（2025-05-01）。");
        // On the field: the message sits under the validity's end.
        Regex.IsMatch(html, "id=\"Form_ValidTo\"[^>]*/>\\s*<span class=\"text-danger small\">有效期至").ShouldBeTrue();

        var wrongHolder = Forms.ErrorsIn(await (await hefei.PostFormAsync("/Recognition/New", With(Form(ProgrammeCatalog.Education, HolderKind.Person),
            ("Form.HolderName", name), ("Form.RegionCode", Hefei)))).Content.ReadAsStringAsync());
        wrongHolder.ShouldContain("“教育示范”不接受“个人”类认定对象。");
        var grantedBare = Forms.ErrorsIn(await (await hefei.PostFormAsync("/Recognition/New", With(Form(ProgrammeCatalog.People, HolderKind.Person, status: RecognitionStatus.Granted),
            ("Form.HolderName", name), ("Form.RegionCode", Hefei)))).Content.ReadAsStringAsync());
        grantedBare.ShouldContain("已认定的记录须填写认定日期。");
        grantedBare.ShouldContain("已认定的记录须填写认定文号。");
        // A region outside the area is unknown to Hefei.
        Forms.ErrorsIn(await (await hefei.PostFormAsync("/Recognition/New", With(Form(ProgrammeCatalog.People, HolderKind.Person),
            ("Form.HolderName", name), ("Form.RegionCode", Wuhu)))).Content.ReadAsStringAsync()).ShouldContain("请选择您辖区内的所在地区。");
        (await RecordsOfAsync(wuhuFirm)).ShouldBeEmpty();
        (await RecordsOfAsync(name)).ShouldBeEmpty();

        // An English reader reads English.
        var reader = Unique("recog.en.");
        await RecordSamples.NewUserAsync(app, reader, Qualis.Platform.Accounts.Roles.CityOfficer, Hefei, "Hefei English");
        var english = await app.SignedInAs(reader);
        await english.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/Recognition" }, "/");
        Forms.ErrorsIn(await (await english.PostFormAsync("/Recognition/New", With(Form(ProgrammeCatalog.Benchmark, HolderKind.Enterprise), ("Form.CreditCode", code)))).Content.ReadAsStringAsync())
            .ShouldContain($"“{wuhuFirm}” lies in Wuhu");
    }

    [Fact]
    public async Task A_recognition_moves_in_order_is_revoked_with_its_reason_and_a_double_click_moves_it_once()
    {
        var name = Unique("肥东质量文化基地");
        var feidong = await app.SignedInAs("feidong");
        var posted = await feidong.PostFormAsync("/Recognition/New", With(Form(ProgrammeCatalog.Culture, HolderKind.Base, level: RecognitionLevel.County),
            ("Form.HolderName", name), ("Form.RegionCode", Feidong)));
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await posted.Content.ReadAsStringAsync()));
        var url = posted.Headers.Location!.ToString();
        var token = await feidong.TokenAsync(url);
        Task<HttpResponseMessage> Move(RecognitionStatus to, params (string, string)[] more) =>
            feidong.PostAsync(url + "?handler=Move", new FormUrlEncodedContent(With(new() { ["Move.To"] = to.ToString(), ["__RequestVerificationToken"] = token }, more)));

        // Out of order: applied cannot become granted.
        Forms.ErrorsIn(await (await Move(RecognitionStatus.Granted, ("Move.DocumentNumber", "肥质〔2025〕1号"))).Content.ReadAsStringAsync())
            .ShouldContain("当前状态为“已申报”，不能变更为“已认定”");
        // Four clicks at once move it once.
        var clicks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Move(RecognitionStatus.UnderReview)));
        clicks.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString() == url);
        (await Move(RecognitionStatus.Announced)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Move(RecognitionStatus.Granted, ("Move.DocumentNumber", "肥质〔2025〕1号"), ("Move.On", "2025-09-01"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Forms.ErrorsIn(await (await Move(RecognitionStatus.Revoked)).Content.ReadAsStringAsync()).ShouldContain("撤销须填写理由。");
        (await Move(RecognitionStatus.Revoked, ("Move.Reason", "监督抽查发现严重质量问题"), ("Move.On", "2025-11-01"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var stored = (await RecordsOfAsync(name)).ShouldHaveSingleItem();
        (stored.Status, stored.GrantedOn, stored.EndedOn, stored.RevocationReason, stored.DocumentNumber)
            .ShouldBe((RecognitionStatus.Revoked, (DateOnly?)new DateOnly(2025, 9, 1), (DateOnly?)new DateOnly(2025, 11, 1), "监督抽查发现严重质量问题", "肥质〔2025〕1号"));
        stored.OfficeCode.ShouldBe(Feidong);
        // Created, then four moves: five entries in the trail, the history shows the reason.
        (await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == "Recognition" && e.EntityKey == stored.Id.ToString()))).ShouldBe(5);
        var detail = await feidong.GetStringAsync(url);
        detail.ShouldContain("监督抽查发现严重质量问题");
        detail.ShouldNotContain("id=\"move-form\"");
        // Ended: a late click lands on the record with a notice.
        (await Move(RecognitionStatus.Expired)).Headers.Location!.ToString().ShouldBe(url);

        // A city-level title held in Feidong: the county reads it, only the city moves it.
        var hefei = await app.SignedInAs("hefei");
        var cityTitle = await hefei.PostFormAsync("/Recognition/New", With(Form(ProgrammeCatalog.Culture, HolderKind.Base, level: RecognitionLevel.City),
            ("Form.HolderName", name), ("Form.RegionCode", Feidong)));
        cityTitle.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await cityTitle.Content.ReadAsStringAsync()));
        var cityUrl = cityTitle.Headers.Location!.ToString();
        (await feidong.GetStringAsync(cityUrl)).ShouldNotContain("id=\"move-form\"");
        (await feidong.PostAsync(cityUrl + "?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Move.To"] = "UnderReview", ["__RequestVerificationToken"] = token }))).Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        (await hefei.GetStringAsync(cityUrl)).ShouldContain("id=\"move-form\"");
        (await RecordsOfAsync(name)).Count(r => r.Status == RecognitionStatus.Applied).ShouldBe(1);

        // A double-clicked registration makes one record.
        var province = await app.SignedInAs("province");
        var ptoken = await province.TokenAsync("/Recognition/New");
        var twice = Unique("并发人物");
        var form = With(Form(ProgrammeCatalog.People, HolderKind.Person), ("Form.HolderName", twice), ("Form.RegionCode", Hefei), ("__RequestVerificationToken", ptoken));
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => province.PostAsync("/Recognition/New", new FormUrlEncodedContent(form))));
        var one = (await RecordsOfAsync(twice)).ShouldHaveSingleItem();
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString() == "/Recognition/" + one.Id);
    }

    /// <summary>Runs work as an account of the region would (its area filter).</summary>
    private async Task<T> AsRegionAsync<T>(string regionCode, Func<IServiceProvider, QualisDb, Task<T>> work)
    {
        var path = await app.WithDb(db => db.Set<Region>().Where(r => r.Code == regionCode).Select(r => r.RegionPath).SingleAsync());
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Set("test", "test", "test", null, path);
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<QualisDb>());
    }

    [GeneratedRegex("id=\"list-total\">\\s*共 ([\\d,]+) 条")]
    private static partial Regex Total();

    private static int TotalOf(string page)
    {
        var m = Total().Match(page);
        m.Success.ShouldBeTrue(page[..Math.Min(page.Length, 300)]);
        return int.Parse(m.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_indicators_count_what_their_drill_down_lists_and_a_later_revocation_only_from_its_day()
    {
        // Years of their own, before the demo data's first (2017).
        const int year = 2012;
        var ids = new List<Guid>();
        await app.WithDb(async db =>
        {
            if (await db.Set<RecognitionRecord>().AnyAsync(r => r.Year == year)) return;
            var paths = await db.Set<Region>().Where(r => r.Code == Hefei || r.Code == Feidong || r.Code == Wuhu).ToDictionaryAsync(r => r.Code, r => r.RegionPath);
            var n = 0;
            RecognitionRecord Granted(string programme, ProgrammeFamily family, string region, int y, DateOnly on, DateOnly? to = null)
            {
                var r = RecognitionSamples.New(region, paths[region], "计数示范" + n++, y, RecognitionStatus.Granted);
                (r.ProgrammeCode, r.Family, r.GrantedOn, r.ValidFrom, r.ValidTo, r.DocumentNumber) = (programme, family, on, on, to, "皖质〔" + y + "〕" + n + "号");
                db.Set<RecognitionRecord>().Add(r);
                return r;
            }
            Granted(ProgrammeCatalog.Benchmark, ProgrammeFamily.Demonstration, Hefei, year - 1, new DateOnly(year - 1, 5, 1), new DateOnly(year + 1, 4, 30));
            Granted(ProgrammeCatalog.Benchmark, ProgrammeFamily.Demonstration, Hefei, year, new DateOnly(year, 3, 1), new DateOnly(year, 6, 30));
            Granted(ProgrammeCatalog.People, ProgrammeFamily.Demonstration, Feidong, year, new DateOnly(year, 4, 1));
            var revoked = Granted(ProgrammeCatalog.Culture, ProgrammeFamily.Demonstration, Feidong, year, new DateOnly(year, 3, 15));
            (revoked.Status, revoked.EndedOn, revoked.RevocationReason) = (RecognitionStatus.Revoked, new DateOnly(year, 8, 1), "严重质量问题");
            Granted(ProgrammeCatalog.Benchmark, ProgrammeFamily.Demonstration, Wuhu, year, new DateOnly(year, 5, 1));
            Granted(ProgrammeCatalog.Tqm, ProgrammeFamily.Adoption, Hefei, year, new DateOnly(year, 5, 1));
            var applied = RecognitionSamples.New(Hefei, paths[Hefei], "计数申报中", year);
            db.Set<RecognitionRecord>().Add(applied);
            await db.SaveChangesAsync();
        });

        async Task<IReadOnlyDictionary<string, IndicatorValue>> Values(string key, string asRegion, DateOnly on, params string[] regions) =>
            await AsRegionAsync(asRegion, (sp, db) => sp.GetRequiredService<IndicatorCatalog>().Find(key)!.ValuesAsync(db, on.Year, regions, on, CancellationToken.None));

        var july = new DateOnly(year, 7, 1);
        var newJuly = await Values("recognition.demonstrations.new", "340000", july, "340000", Hefei, Feidong, Wuhu);
        (newJuly[Hefei].Value, newJuly[Feidong].Value, newJuly[Wuhu].Value, newJuly["340000"].Value).ShouldBe((3m, 2m, 1m, 4m));
        newJuly[Hefei].Link.ShouldBe($"/Recognition?family=Demonstration&region={Hefei}&year={year}&newby={year}-07-01");
        // Revoked on 1 August: no longer new from that day. The baseline year counts its own.
        (await Values("recognition.demonstrations.new", "340000", new DateOnly(year, 8, 1), Hefei))[Hefei].Value.ShouldBe(2);
        (await Values("recognition.demonstrations.new", "340000", new DateOnly(year - 1, 12, 31), Hefei))[Hefei].Value.ShouldBe(1);
        // In force on 1 July: the benchmark of June has ended; last year's one still holds.
        var inForce = await Values("recognition.demonstrations.total", "340000", july, Hefei, Feidong, Wuhu);
        (inForce[Hefei].Value, inForce[Feidong].Value, inForce[Wuhu].Value).ShouldBe((3m, 2m, 1m));
        (await Values("recognition.adoption.new", "340000", july, Hefei))[Hefei].Value.ShouldBe(1);
        // Hefei's officers count their own city; Wuhu is outside their area and left out.
        var asHefei = await Values("recognition.demonstrations.new", Hefei, july, Hefei, Wuhu);
        asHefei[Hefei].Value.ShouldBe(3);
        asHefei.ContainsKey(Wuhu).ShouldBeFalse();

        // Each figure equals the rows of the list it links to.
        var province = await app.SignedInAs("province");
        foreach (var value in newJuly.Values.Concat(inForce.Values))
            TotalOf(await province.GetStringAsync(value.Link!)).ShouldBe((int)value.Value, value.Link);
        (await province.GetStringAsync(newJuly[Feidong].Link!)).ShouldNotContain("计数申报中");
    }

    [Fact]
    public async Task A_granted_recognition_ending_within_90_days_is_on_its_offices_desk_in_two_stages()
    {
        var clock = app.Services.GetRequiredService<PeopleClock>();
        var today = clock.Today;
        var soon = Unique("即将到期名牌");
        var later = Unique("九十天内到期名牌");
        await RecordSamples.AddInCityAsync(app, Hefei, path =>
        {
            var r = RecognitionSamples.New(Hefei, path, soon, today.Year - 3, RecognitionStatus.Granted);
            (r.Level, r.OfficeCode, r.GrantedOn, r.ValidTo, r.DocumentNumber) = (RecognitionLevel.City, Hefei, today.AddYears(-3), today.AddDays(20), "合质〔2023〕1号");
            return r;
        });
        await RecordSamples.AddInCityAsync(app, Hefei, path =>
        {
            var r = RecognitionSamples.New(Hefei, path, later, today.Year - 3, RecognitionStatus.Granted);
            (r.Level, r.OfficeCode, r.GrantedOn, r.ValidTo, r.DocumentNumber) = (RecognitionLevel.City, Hefei, today.AddYears(-3), today.AddDays(80), "合质〔2023〕2号");
            return r;
        });
        async Task<IReadOnlyList<ToDo>> ToDos(string region, string role) => await AsRegionAsync(region, async (sp, db) =>
        {
            var path = await db.Set<Region>().Where(r => r.Code == region).Select(r => r.RegionPath).SingleAsync();
            var desk = sp.GetServices<IDeskSource>().OfType<RecognitionDesk>().Single();
            return await desk.ToDosAsync(new DeskContext("u", "u", role, region, path, null, null, today), CancellationToken.None);
        });
        var hefei = await ToDos(Hefei, Qualis.Platform.Accounts.Roles.CityOfficer);
        var first = hefei.Single(t => t.Title.StartsWith(soon, StringComparison.Ordinal));
        first.ItemKey.ShouldEndWith(":30");
        first.Due.ShouldBe(today.AddDays(20));
        first.Kind.ShouldBe(RecognitionDesk.Expiring);
        hefei.Single(t => t.Title.StartsWith(later, StringComparison.Ordinal)).ItemKey.ShouldEndWith(":90");
        // Not the province's (the city answers for it), nor a county's.
        (await ToDos("340000", Qualis.Platform.Accounts.Roles.ProvincialOfficer)).ShouldNotContain(t => t.Title.StartsWith(soon, StringComparison.Ordinal));
        // On the city officer's home page.
        (await (await app.SignedInAs("hefei")).GetStringAsync("/")).ShouldContain(soon);
    }
}

public sealed class RecognitionOnSqlite(SqliteApp app) : RecognitionTests(app), IClassFixture<SqliteApp>;
public sealed class RecognitionOnPostgres(PostgresApp app) : RecognitionTests(app), IClassFixture<PostgresApp>;
