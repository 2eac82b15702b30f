using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Time;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Time;

/// <summary>A clock that stands still at the instant it is given.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>The people's clock on its own: the display zone's date and time of a UTC instant, and the setting that names the zone.</summary>
public sealed class PeopleClockTests
{
    /// <summary>16:30 UTC on 1 March is 00:30 on 2 March in China: the half hour after midnight where UTC and China disagree on the day.</summary>
    public static readonly DateTimeOffset AfterMidnightInChina = new(2026, 3, 1, 16, 30, 0, TimeSpan.Zero);

    private static PeopleClock In(string zone) => new(new FixedClock(AfterMidnightInChina), TimeZoneInfo.FindSystemTimeZoneById(zone));

    [Fact]
    public void Today_and_the_time_are_the_display_zones()
    {
        var china = In("Asia/Shanghai");
        china.Today.ShouldBe(new DateOnly(2026, 3, 2));
        china.Format(AfterMidnightInChina.UtcDateTime).ShouldBe("2026-03-02 00:30");
        china.Now.Offset.ShouldBe(TimeSpan.FromHours(8));
        china.UtcNow.ShouldBe(AfterMidnightInChina.UtcDateTime);
        china.StartOfDayUtc(new DateOnly(2026, 3, 2)).ShouldBe(new DateTime(2026, 3, 1, 16, 0, 0, DateTimeKind.Utc));

        // Another zone gives another day and time for the same instant.
        In("Asia/Urumqi").Format(AfterMidnightInChina.UtcDateTime).ShouldBe("2026-03-01 22:30");
        In("UTC").Today.ShouldBe(new DateOnly(2026, 3, 1));
    }

    [Fact]
    public void A_stored_time_read_back_without_its_kind_is_taken_as_UTC()
    {
        var unspecified = new DateTime(2026, 3, 1, 1, 57, 0, DateTimeKind.Unspecified);
        In("Asia/Shanghai").Format(unspecified).ShouldBe("2026-03-01 09:57");
    }

    [Fact]
    public void The_zone_defaults_to_China_and_an_unknown_zone_stops_start_up_naming_the_setting()
    {
        PeopleClock.ZoneFrom(new ConfigurationBuilder().Build()).Id.ShouldBe("Asia/Shanghai");
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Display:TimeZone"] = "Asia/Atlantis" }).Build();
        var e = Should.Throw<SettingException>(() => PeopleClock.ZoneFrom(bad));
        e.Key.ShouldBe("Display:TimeZone");
        e.Message.ShouldContain("Asia/Atlantis");
    }

    [Fact]
    public void The_API_writes_instants_with_the_zones_offset_and_reads_any_offset_as_UTC()
    {
        var options = new JsonSerializerOptions { Converters = { new DisplayTimeJsonConverter(In("Asia/Shanghai")) } };
        JsonSerializer.Serialize(AfterMidnightInChina.UtcDateTime, options).ShouldBe("\"2026-03-02T00:30:00+08:00\"");
        JsonSerializer.Serialize<DateTime?>(null, options).ShouldBe("null");
        var back = JsonSerializer.Deserialize<DateTime>("\"2026-03-02T00:30:00+08:00\"", options);
        back.ShouldBe(AfterMidnightInChina.UtcDateTime);
        back.Kind.ShouldBe(DateTimeKind.Utc);
        JsonSerializer.Deserialize<DateTime>("\"2026-03-01T16:30:00Z\"", options).ShouldBe(AfterMidnightInChina.UtcDateTime);
    }
}

/// <summary>The application with its clock stopped at 00:30 on 2 March China time (16:30 UTC on 1 March).</summary>
public abstract class AfterMidnightApp(DatabaseProvider provider, IDictionary<string, string?>? settings = null) : QualisApp(provider, settings)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(new FixedClock(PeopleClockTests.AfterMidnightInChina)));
    }
}

public sealed class SqliteAfterMidnightApp() : AfterMidnightApp(DatabaseProvider.Sqlite);
public sealed class PostgresAfterMidnightApp() : AfterMidnightApp(DatabaseProvider.Postgres);
/// <summary>The same instant, shown in UTC (Display:TimeZone = UTC).</summary>
public sealed class UtcDisplayApp() : AfterMidnightApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Display:TimeZone"] = "UTC" });

/// <summary>
/// Pages and API on one clock, in the half hour after midnight in China: they agree that it is 2 March, so a step due
/// on 1 March is overdue on the officials' list and in the partner API alike, and one due on 2 March is not; an
/// attachment and its history row show the same China time; the API's times carry +08:00.
/// </summary>
public abstract partial class DisplayTimeTests(QualisApp app)
{
    private async Task<Guid> CheckAwaitingObjectionUntilAsync(DateOnly deadline, string name)
    {
        var code = await RecordSamples.NewEnterpriseAsync(app, "340100", name);
        var check = new SpotCheck
        {
            DrawTargetId = Guid.CreateVersion7(), CreditCode = code, EnterpriseName = name, RegionCode = "340100", ItemCodes = "CJ-01", Status = SpotCheckStatus.Tested,
            Result = CheckResult.Fail, ResultOn = deadline.AddDays(-20), NotifiedOn = deadline.AddDays(-15), ObjectionDeadline = deadline,
            PublishedAt = new DateTime(2026, 2, 27, 1, 57, 0, DateTimeKind.Utc),
        };
        await RecordSamples.AddInCityAsync(app, "340100", path => { check.RegionPath = path; return check; });
        return check.Id;
    }

    [Fact]
    public async Task Pages_and_API_agree_on_today_and_on_what_is_overdue_after_midnight_in_China()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var late = await CheckAwaitingObjectionUntilAsync(new DateOnly(2026, 3, 1), "合肥午夜逾期电缆厂 " + suffix);
        var due = await CheckAwaitingObjectionUntilAsync(new DateOnly(2026, 3, 2), "合肥午夜到期电缆厂 " + suffix);
        var client = await app.SignedInAs("hefei");

        var page = await client.GetStringAsync("/Supervision/Checks?overdue=1&q=" + Uri.EscapeDataString(suffix));
        page.ShouldContain(late.ToString());
        page.ShouldNotContain(due.ToString());

        using var api = JsonDocument.Parse(await client.GetStringAsync("/api/supervision/checks?overdue=true&q=" + Uri.EscapeDataString(suffix)));
        var ids = api.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        ids.ShouldBe([late]);

        // The API's instants carry the display zone's offset.
        using var one = JsonDocument.Parse(await client.GetStringAsync($"/api/supervision/checks/{late}"));
        one.RootElement.GetProperty("check").GetProperty("publishedAt").GetString().ShouldBe("2026-02-27T09:57:00+08:00");
    }

    [Fact]
    public async Task An_attachment_and_its_history_row_show_the_same_China_time()
    {
        var id = await CheckAwaitingObjectionUntilAsync(new DateOnly(2026, 3, 10), "合肥附件时间电缆厂 " + Guid.NewGuid().ToString("N")[..6]);
        var uploaded = DateTime.UtcNow;
        await app.WithDb(async db =>
        {
            db.Add(new SpotCheckAttachment
            {
                SpotCheckId = id, FileName = "抽样单.pdf", ContentType = "application/pdf", Bytes = 10, Sha256 = new string('a', 64),
                StoredPath = "x", UploadedAt = uploaded, UploadedBy = "inspector",
            });
            await db.SaveChangesAsync();
        });
        var html = await (await app.SignedInAs("hefei")).GetStringAsync($"/Supervision/Checks/{id}");
        var china = TimeZoneInfo.ConvertTimeFromUtc(uploaded, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var attachments = html[html.IndexOf("id=\"attachments\"", StringComparison.Ordinal)..];
        attachments[..attachments.IndexOf("</ul>", StringComparison.Ordinal)].ShouldContain(china);
        var history = html[html.IndexOf("id=\"audit-history\"", StringComparison.Ordinal)..];
        // The history row of the upload: its field 上传时间 in the same China time, and the row's own time within the minute.
        var row = Rows().Matches(history).Select(m => m.Value).Single(r => r.Contains("抽样单.pdf"));
        Regex.Replace(Regex.Replace(row, "<[^>]+>", " "), @"\s+", " ").ShouldContain("上传时间： " + china);
        var at = DateTime.ParseExact(RowTime().Match(row).Groups[1].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        (at - DateTime.ParseExact(china, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Duration().ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
    }

    [GeneratedRegex(@"<tr data-sequence[\s\S]*?</tr>")]
    private static partial Regex Rows();

    [GeneratedRegex(@"class=""text-nowrap audit-at"">([0-9: -]+)<")]
    private static partial Regex RowTime();
}

public sealed class DisplayTimeOnSqlite(SqliteAfterMidnightApp app) : DisplayTimeTests(app), IClassFixture<SqliteAfterMidnightApp>;
public sealed class DisplayTimeOnPostgres(PostgresAfterMidnightApp app) : DisplayTimeTests(app), IClassFixture<PostgresAfterMidnightApp>;

/// <summary>Display:TimeZone set to UTC: the same instants show eight hours earlier, and "today" is still 1 March.</summary>
public sealed class OtherDisplayZoneTests(UtcDisplayApp app) : IClassFixture<UtcDisplayApp>
{
    [Fact]
    public async Task Times_and_today_follow_the_configured_zone()
    {
        var name = "合肥时区电缆厂 " + Guid.NewGuid().ToString("N")[..6];
        var code = await RecordSamples.NewEnterpriseAsync(app, "340100", name);
        var check = new SpotCheck
        {
            DrawTargetId = Guid.CreateVersion7(), CreditCode = code, EnterpriseName = name, RegionCode = "340100", ItemCodes = "CJ-01", Status = SpotCheckStatus.Tested,
            Result = CheckResult.Fail, ObjectionDeadline = new DateOnly(2026, 3, 1), PublishedAt = new DateTime(2026, 2, 27, 1, 57, 0, DateTimeKind.Utc),
        };
        await RecordSamples.AddInCityAsync(app, "340100", path => { check.RegionPath = path; return check; });
        var client = await app.SignedInAs("hefei");

        // 1 March is today in UTC, so a step due on 1 March is not late yet.
        (await client.GetStringAsync("/Supervision/Checks?overdue=1&q=" + Uri.EscapeDataString(name))).ShouldNotContain(check.Id.ToString());
        using var one = JsonDocument.Parse(await client.GetStringAsync($"/api/supervision/checks/{check.Id}"));
        one.RootElement.GetProperty("check").GetProperty("publishedAt").GetString().ShouldBe("2026-02-27T01:57:00+00:00");
        app.Services.GetRequiredService<PeopleClock>().Format(check.PublishedAt.Value).ShouldBe("2026-02-27 01:57");

        // The check's history shows when it was written in UTC, not in China time.
        var html = await client.GetStringAsync($"/Supervision/Checks/{check.Id}");
        var shown = Regex.Match(html[html.IndexOf("id=\"audit-history\"", StringComparison.Ordinal)..], @"class=""text-nowrap audit-at"">([0-9: -]+)<").Groups[1].Value;
        (DateTime.ParseExact(shown, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) - DateTime.UtcNow).Duration().ShouldBeLessThan(TimeSpan.FromMinutes(2));
    }
}
