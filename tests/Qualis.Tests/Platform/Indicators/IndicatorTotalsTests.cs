using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.KeyObjects;
using Qualis.Features.Recognition;
using Qualis.Features.Supervision.PassRates;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Access;
using Qualis.Platform.Indicators;
using Qualis.Platform.Regions;
using Qualis.Platform.Time;

namespace Qualis.Tests.Platform.Indicators;

/// <summary>
/// The indicators' totals, kept by the database's triggers, answer exactly as counting the records does — after
/// enrolments, withdrawals, kind and year changes, results, re-test results, result-date changes, region changes and
/// deletes, written through EF and as set-based SQL — and an earlier day still counts the records.
/// </summary>
public abstract class IndicatorTotalsTests(QualisApp app)
{
    // Years of their own, so no other data of the fixture counts in them.
    private const int Year = 2017, Before = 2016;
    private static readonly string[] Regions = ["340000", "340100", "340200", "340102", "340122", "340202"];

    private async Task<T> AsProvinceAsync<T>(Func<QualisDb, IndicatorCatalog, PeopleClock, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Set("test", "test", "test", null, "/340000/");
        return await work(scope.ServiceProvider.GetRequiredService<QualisDb>(), scope.ServiceProvider.GetRequiredService<IndicatorCatalog>(),
            scope.ServiceProvider.GetRequiredService<PeopleClock>());
    }

    private Task<Dictionary<string, string>> PathsAsync() =>
        app.WithDb(db => db.Set<Region>().Where(r => Regions.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.RegionPath));

    /// <summary>Each kind's indicator against the enrolments counted at the end of the day, for both years; whether the totals answered.</summary>
    private async Task<bool> KeyObjectsAgreeAsync(DateOnly on, string step)
    {
        var fromTotals = false;
        foreach (var kind in Enum.GetValues<KeyObjectKind>())
            foreach (var year in new[] { Year, Before })
                await AsProvinceAsync(async (db, catalog, clock) =>
                {
                    var values = await catalog.Find(KeyObjectsIndicator.KeyOf(kind))!.ValuesAsync(db, year, Regions, on, CancellationToken.None);
                    var end = clock.StartOfDayUtc(on.AddDays(1));
                    var counts = await KeyObjectCounts.ByRegionAsync(db, year, end, kind, CancellationToken.None);
                    var regions = await IndicatorTotals.RegionsAsync(db, Regions, CancellationToken.None);
                    foreach (var (code, path) in regions)
                        values[code].Value.ShouldBe(counts.Where(c => c.RegionPath.StartsWith(path, StringComparison.Ordinal)).Sum(c => c.Count), $"{step}: {kind} {year} {code} on {on}");
                    fromTotals |= await IndicatorTotals.SumsAsync(db, KeyObjectsIndicator.KeyOf(kind), year, regions, end, CancellationToken.None) is not null;
                    return true;
                });
        return fromTotals;
    }

    [Fact]
    public async Task Key_object_totals_equal_the_counted_enrolments_after_every_change()
    {
        var paths = await PathsAsync();
        var clock = app.Services.GetRequiredService<PeopleClock>();
        DateTime At(int month, int day) => clock.StartOfDayUtc(new DateOnly(Year, month, day)).AddHours(10);
        var today = clock.Today;
        var yearEnd = new DateOnly(Year, 12, 31);
        KeyObjectEnrolment New(KeyObjectKind kind, string city, string county, DateTime at) => new()
        {
            Year = Year, Kind = kind, CityCode = city, ObjectKey = "合计测试" + Guid.NewGuid().ToString("N")[..8], ObjectName = "合计测试对象", Reason = "r", Goal = "g",
            EnrolledAt = at, EnrolledBy = "test", RegionCode = county, RegionPath = paths[county],
        };
        var enrolments = new List<KeyObjectEnrolment>
        {
            New(KeyObjectKind.Enterprise, "340100", "340102", At(3, 1)),
            New(KeyObjectKind.Enterprise, "340100", "340122", At(3, 2)),
            New(KeyObjectKind.Park, "340100", "340102", At(4, 1)),
            New(KeyObjectKind.Product, "340200", "340202", At(5, 1)),
            New(KeyObjectKind.Industry, "340200", "340202", At(5, 2)),
            New(KeyObjectKind.Enterprise, "340200", "340202", At(6, 1)),
        };
        await app.WithDb(async db => { db.AddRange(enrolments); await db.SaveChangesAsync(); });
        (await KeyObjectsAgreeAsync(today, "enrolled")).ShouldBeTrue("today's figures come from the totals");
        (await KeyObjectsAgreeAsync(yearEnd, "enrolled")).ShouldBeTrue();
        await KeyObjectsAgreeAsync(new DateOnly(Year, 4, 15), "enrolled, an earlier day");

        // A withdrawal in July: counted on 30 June (from the records), not at the year's end (from the totals).
        await app.WithDb(async db =>
        {
            var e = await db.Set<KeyObjectEnrolment>().SingleAsync(x => x.Id == enrolments[0].Id);
            (e.Status, e.WithdrawnAt, e.WithdrawnBy, e.WithdrawalReason) = (KeyObjectStatus.Withdrawn, At(7, 1), "test", "停产");
            await db.SaveChangesAsync();
        });
        (await KeyObjectsAgreeAsync(yearEnd, "withdrawn")).ShouldBeTrue();
        await KeyObjectsAgreeAsync(new DateOnly(Year, 6, 30), "withdrawn, the day before");
        var june30 = await AsProvinceAsync((db, catalog, _) =>
            catalog.Find("keyobjects.enterprises")!.ValuesAsync(db, Year, ["340102"], new DateOnly(Year, 6, 30), CancellationToken.None));
        june30["340102"].Value.ShouldBe(1);

        // Another kind and another year, through EF.
        await app.WithDb(async db =>
        {
            var park = await db.Set<KeyObjectEnrolment>().SingleAsync(x => x.Id == enrolments[2].Id);
            park.Kind = KeyObjectKind.Industry;
            var product = await db.Set<KeyObjectEnrolment>().SingleAsync(x => x.Id == enrolments[3].Id);
            product.Year = Before;
            await db.SaveChangesAsync();
        });
        (await KeyObjectsAgreeAsync(today, "kind and year changed")).ShouldBeTrue();

        // Another region and an earlier enrolment time, as set-based SQL.
        var moved = enrolments[1].Id;
        await app.WithDb(db => db.Set<KeyObjectEnrolment>().Where(x => x.Id == moved)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RegionPath, paths["340202"]).SetProperty(x => x.RegionCode, "340202").SetProperty(x => x.EnrolledAt, At(2, 1))));
        (await KeyObjectsAgreeAsync(today, "moved")).ShouldBeTrue();
        await KeyObjectsAgreeAsync(new DateOnly(Year, 2, 15), "moved, an earlier day");

        // A withdrawal taken back, and deletes (a counted enrolment and the withdrawn one's neighbour).
        await app.WithDb(db => db.Set<KeyObjectEnrolment>().Where(x => x.Id == enrolments[0].Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.WithdrawnAt, (DateTime?)null).SetProperty(x => x.Status, KeyObjectStatus.Active)));
        (await KeyObjectsAgreeAsync(today, "withdrawal taken back")).ShouldBeTrue();
        var deleted = new[] { enrolments[4].Id, enrolments[5].Id };
        await app.WithDb(db => db.Set<KeyObjectEnrolment>().Where(x => deleted.Contains(x.Id)).ExecuteDeleteAsync());
        (await KeyObjectsAgreeAsync(today, "deleted")).ShouldBeTrue();
        await KeyObjectsAgreeAsync(new DateOnly(Year, 5, 1), "deleted, an earlier day");
    }

    /// <summary>The pass-rate indicator against the checks counted in SQL for the same range, for both years; whether the totals answered.</summary>
    private async Task<bool> PassRatesAgreeAsync(DateOnly on, string step)
    {
        var fromTotals = false;
        foreach (var year in new[] { Year, Before })
            await AsProvinceAsync(async (db, catalog, _) =>
            {
                var values = await catalog.Find(PassRateIndicator.IndicatorKey)!.ValuesAsync(db, year, Regions, on, CancellationToken.None);
                var (from, to) = PassRateIndicator.Range(year, on);
                var expected = to < from ? [] : (await PassRateQuery.TotalsByRegionAsync(db, from, to, Regions, CancellationToken.None))
                    .Where(t => t.Value.Checked > 0).ToDictionary(t => t.Key, t => t.Value);
                values.Keys.Order().ShouldBe(expected.Keys.Order(), $"{step}: {year} on {on}");
                foreach (var (code, row) in expected)
                {
                    values[code].Numerator.ShouldBe(row.Passed, $"{step}: {year} {code} on {on}");
                    values[code].Denominator.ShouldBe(row.Checked, $"{step}: {year} {code} on {on}");
                    values[code].Value.ShouldBe(row.PassRate!.Value * 100, $"{step}: {year} {code} on {on}");
                }
                var regions = await IndicatorTotals.RegionsAsync(db, Regions, CancellationToken.None);
                fromTotals |= to >= from && await IndicatorTotals.SumsAsync(db, PassRateIndicator.IndicatorKey, year, regions,
                    to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), CancellationToken.None) is not null;
                return true;
            });
        return fromTotals;
    }

    [Fact]
    public async Task Pass_rate_totals_equal_the_counted_results_after_every_change()
    {
        var paths = await PathsAsync();
        var today = app.Services.GetRequiredService<PeopleClock>().Today;
        var yearEnd = new DateOnly(Year, 12, 31);
        SpotCheck New(string county, CheckResult? result, DateOnly? on) => new()
        {
            DrawId = Guid.CreateVersion7(), DrawTargetId = Guid.CreateVersion7(), EnterpriseId = Guid.CreateVersion7(), CreditCode = "91340100MA2TOTAL01",
            EnterpriseName = "合计测试有限公司", RegionCode = county, RegionPath = paths[county], Status = SpotCheckStatus.Tested, Result = result, ResultOn = on,
        };
        var checks = new List<SpotCheck>
        {
            New("340102", CheckResult.Pass, new DateOnly(Year, 3, 1)),
            New("340102", CheckResult.Fail, new DateOnly(Year, 3, 2)),
            New("340122", CheckResult.Pass, new DateOnly(Year, 6, 1)),
            New("340202", CheckResult.Fail, new DateOnly(Year, 8, 1)),
            New("340202", CheckResult.Pass, new DateOnly(Year, 9, 1)),
            New("340202", null, null),
            New("340102", CheckResult.Pass, new DateOnly(Before, 11, 1)),
        };
        await app.WithDb(async db => { db.AddRange(checks); await db.SaveChangesAsync(); });
        (await PassRatesAgreeAsync(today, "results")).ShouldBeTrue("today's rates come from the totals");
        (await PassRatesAgreeAsync(yearEnd, "results")).ShouldBeTrue();
        await PassRatesAgreeAsync(new DateOnly(Year, 7, 1), "results, an earlier day");

        // A re-test passes a failed check; a result comes in for the one without; a result date moves within the year
        // and one into the year before, through EF.
        await app.WithDb(async db =>
        {
            var failed = await db.Set<SpotCheck>().SingleAsync(c => c.Id == checks[1].Id);
            (failed.RetestResult, failed.RetestOn) = (CheckResult.Pass, new DateOnly(Year, 4, 1));
            var pending = await db.Set<SpotCheck>().SingleAsync(c => c.Id == checks[5].Id);
            (pending.Result, pending.ResultOn) = (CheckResult.Fail, new DateOnly(Year, 10, 1));
            var later = await db.Set<SpotCheck>().SingleAsync(c => c.Id == checks[2].Id);
            later.ResultOn = new DateOnly(Year, 12, 20);
            var earlier = await db.Set<SpotCheck>().SingleAsync(c => c.Id == checks[4].Id);
            earlier.ResultOn = new DateOnly(Before, 12, 31);
            await db.SaveChangesAsync();
        });
        (await PassRatesAgreeAsync(today, "re-tested and re-dated")).ShouldBeTrue();
        await PassRatesAgreeAsync(new DateOnly(Year, 12, 19), "re-dated, the day before");
        await PassRatesAgreeAsync(new DateOnly(Year, 3, 1), "re-tested, an earlier day");
        var december19 = await AsProvinceAsync((db, catalog, _) =>
            catalog.Find(PassRateIndicator.IndicatorKey)!.ValuesAsync(db, Year, ["340100"], new DateOnly(Year, 12, 19), CancellationToken.None));
        december19["340100"].Denominator.ShouldBe(2);

        // A check moves to another county, as set-based SQL; a fields-only change leaves the totals alone.
        await app.WithDb(db => db.Set<SpotCheck>().Where(c => c.Id == checks[0].Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RegionPath, paths["340202"]).SetProperty(c => c.RegionCode, "340202")));
        await app.WithDb(db => db.Set<SpotCheck>().Where(c => c.Id == checks[3].Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ProductName, "电线电缆")));
        (await PassRatesAgreeAsync(today, "moved")).ShouldBeTrue();

        // A result withdrawn (cleared), and a check deleted.
        await app.WithDb(db => db.Set<SpotCheck>().Where(c => c.Id == checks[3].Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Result, (CheckResult?)null)));
        await app.WithDb(db => db.Set<SpotCheck>().Where(c => c.Id == checks[6].Id).ExecuteDeleteAsync());
        (await PassRatesAgreeAsync(today, "cleared and deleted")).ShouldBeTrue();
        await PassRatesAgreeAsync(new DateOnly(Year, 9, 30), "cleared and deleted, an earlier day");
    }

    /// <summary>The new recognitions of each family against those counted from the records, for both years; whether the totals answered.</summary>
    private async Task<bool> RecognitionsAgreeAsync(DateOnly on, string step)
    {
        var fromTotals = false;
        foreach (var family in Enum.GetValues<ProgrammeFamily>())
            foreach (var year in new[] { Year, Before })
                await AsProvinceAsync(async (db, catalog, _) =>
                {
                    var key = RecognitionIndicator.KeyOf(family, RecognitionMeasure.New);
                    var values = await catalog.Find(key)!.ValuesAsync(db, year, Regions, on, CancellationToken.None);
                    var counts = await RecognitionCounts.ByRegionAsync(db, family, RecognitionMeasure.New, year, on, CancellationToken.None);
                    var regions = await IndicatorTotals.RegionsAsync(db, Regions, CancellationToken.None);
                    foreach (var (code, path) in regions)
                        values[code].Value.ShouldBe(counts.Where(c => c.RegionPath.StartsWith(path, StringComparison.Ordinal)).Sum(c => c.Count), $"{step}: {family} {year} {code} on {on}");
                    fromTotals |= await IndicatorTotals.SumsAsync(db, key, year, regions,
                        on.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), CancellationToken.None) is not null;
                    return true;
                });
        return fromTotals;
    }

    [Fact]
    public async Task New_recognition_totals_equal_the_counted_recognitions_after_every_change()
    {
        var paths = await PathsAsync();
        var today = app.Services.GetRequiredService<PeopleClock>().Today;
        Recognition New(ProgrammeFamily family, string programme, string county, RecognitionStatus status, DateOnly? granted) => new()
        {
            ProgrammeCode = programme, Family = family, Level = RecognitionLevel.City, Year = Year, HolderKind = HolderKind.Enterprise,
            HolderName = "合计测试" + Guid.NewGuid().ToString("N")[..8], Status = status, GrantedOn = granted, DocumentNumber = granted is null ? null : "皖质〔2017〕1号",
            OfficeCode = county[..4] + "00", RegionCode = county, RegionPath = paths[county], CreatedAt = DateTime.UtcNow, CreatedBy = "test",
        };
        var records = new List<Recognition>
        {
            New(ProgrammeFamily.Demonstration, ProgrammeCatalog.Benchmark, "340102", RecognitionStatus.Granted, new DateOnly(Year, 3, 1)),
            New(ProgrammeFamily.Demonstration, ProgrammeCatalog.Culture, "340122", RecognitionStatus.Granted, new DateOnly(Year, 6, 1)),
            New(ProgrammeFamily.Demonstration, ProgrammeCatalog.Benchmark, "340202", RecognitionStatus.Announced, null),
            New(ProgrammeFamily.Adoption, ProgrammeCatalog.Tqm, "340202", RecognitionStatus.Granted, new DateOnly(Year, 5, 1)),
            New(ProgrammeFamily.Brand, ProgrammeCatalog.Brand, "340102", RecognitionStatus.Granted, new DateOnly(Year, 9, 1)),
        };
        await app.WithDb(async db => { db.AddRange(records); await db.SaveChangesAsync(); });
        (await RecognitionsAgreeAsync(today, "registered")).ShouldBeTrue("today's figures come from the totals");
        await RecognitionsAgreeAsync(new DateOnly(Year, 4, 1), "registered, an earlier day");

        // The announced one is granted, one is revoked in October, one moves county and year, as set-based SQL.
        await app.WithDb(async db =>
        {
            var announced = await db.Set<Recognition>().SingleAsync(r => r.Id == records[2].Id);
            announced.Status = RecognitionStatus.Granted;
            announced.GrantedOn = new DateOnly(Year, 7, 1);
            var revoked = await db.Set<Recognition>().SingleAsync(r => r.Id == records[0].Id);
            revoked.Status = RecognitionStatus.Revoked;
            revoked.EndedOn = new DateOnly(Year, 10, 8);
            revoked.RevocationReason = "监督抽查发现严重质量问题";
            await db.SaveChangesAsync();
        });
        await app.WithDb(db => db.Set<Recognition>().Where(r => r.Id == records[3].Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RegionPath, paths["340102"]).SetProperty(r => r.RegionCode, "340102").SetProperty(r => r.Year, Before)));
        await app.WithDb(db => db.Set<Recognition>().Where(r => r.Id == records[1].Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Note, "只改备注")));
        (await RecognitionsAgreeAsync(today, "granted, revoked and moved")).ShouldBeTrue();
        await RecognitionsAgreeAsync(new DateOnly(Year, 10, 7), "revoked, the day before");
        var demonstrations = await AsProvinceAsync((db, catalog, _) => catalog.Find("recognition.demonstrations.new")!
            .ValuesAsync(db, Year, ["340100"], new DateOnly(Year, 10, 7), CancellationToken.None));
        var demonstrationsNow = await AsProvinceAsync((db, catalog, _) => catalog.Find("recognition.demonstrations.new")!
            .ValuesAsync(db, Year, ["340100"], today, CancellationToken.None));
        (demonstrations["340100"].Value - demonstrationsNow["340100"].Value).ShouldBe(1, "the revoked one counted until its end");

        // A record deleted.
        await app.WithDb(db => db.Set<Recognition>().Where(r => r.Id == records[4].Id).ExecuteDeleteAsync());
        (await RecognitionsAgreeAsync(today, "deleted")).ShouldBeTrue();
    }
}

public sealed class IndicatorTotalsOnSqlite(SqliteApp app) : IndicatorTotalsTests(app), IClassFixture<SqliteApp>;
public sealed class IndicatorTotalsOnPostgres(PostgresApp app) : IndicatorTotalsTests(app), IClassFixture<PostgresApp>;
