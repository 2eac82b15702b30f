using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Platform.Export;
using Qualis.Platform.Localization;

namespace Qualis.Tests.Platform.Export;

/// <summary>
/// Background exports through HTTP, with the threshold set to 10 rows so the demo lists go to the background: the file
/// holds every matching row of the asker's area in the list's order, only its owner reads it, racing instances run a job
/// once, a job whose instance died is taken over, and old files are deleted.
/// </summary>
public abstract partial class BackgroundExportTests(QualisApp app)
{
    private const string HefeiArea = "/340000/340100/";
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    /// <summary>The Hefei city officer's existing enterprises in the list's name order (pinyin, then the code), computed here.</summary>
    private Task<List<string>> HefeiExistingByNameAsync() => app.WithDb(async db =>
        (await db.Set<Enterprise>().Where(e => e.Status == EnterpriseStatus.Existing).Select(e => new { e.CreditCode, e.Name }).ToListAsync())
            .OrderBy(e => PinyinSort.Key(e.Name), Ordinal).ThenBy(e => e.CreditCode, Ordinal).Select(e => e.CreditCode).ToList(), HefeiArea);

    /// <summary>Clicks the list's export button; above the threshold it answers with the progress page's address.</summary>
    private static async Task<Guid> StartAsync(HttpClient client, string list, string button = "export-csv")
    {
        var html = await client.GetStringAsync(list);
        var href = WebUtility.HtmlDecode(Regex.Match(html, $"<a [^>]*\\bid=\"{button}\"[^>]*href=\"([^\"]+)\"").Groups[1].Value);
        var response = await client.GetAsync(href);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, href);
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith("/Account/Exports/");
        return Guid.Parse(location["/Account/Exports/".Length..]);
    }

    /// <summary>Polls the job's status as the progress page's script does, until it is done or failed.</summary>
    private static async Task<JsonElement> WaitAsync(HttpClient client, Guid id)
    {
        var seen = new List<string>();
        for (var i = 0; i < 240; i++)
        {
            var response = await client.GetAsync($"/Account/Exports/{id}?handler=Status");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue();
            var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            seen.Add(status.GetProperty("status").GetString()!);
            if (status.GetProperty("status").GetString() is "done" or "failed") return status;
            await Task.Delay(250);
        }
        throw new ShouldAssertException($"The export {id} did not finish: {string.Join(",", seen.Distinct())}");
    }

    private static List<string> FirstCells(string csv) =>
        csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0].Trim('"')).ToList();

    [Fact]
    public async Task A_large_filtered_export_is_made_in_the_background_with_every_row_of_the_area_in_the_lists_order()
    {
        var hefei = await app.SignedInAs("hefei");
        var expected = await HefeiExistingByNameAsync();
        expected.Count.ShouldBeGreaterThan(10, "the demo data fills the list beyond the threshold");
        var everywhere = await app.WithDb(db => db.Set<Enterprise>().CountAsync(e => e.Status == EnterpriseStatus.Existing));
        everywhere.ShouldBeGreaterThan(expected.Count, "the province has firms outside Hefei, which the file must not hold");

        var id = await StartAsync(hefei, "/Registry/Enterprises?status=Existing&sort=name&page=2");
        var progress = await hefei.GetStringAsync($"/Account/Exports/{id}");
        progress.ShouldContain("id=\"export-bar\"");
        progress.ShouldContain("/js/export-progress.js");

        var status = await WaitAsync(hefei, id);
        status.GetProperty("status").GetString().ShouldBe("done", status.ToString());
        status.GetProperty("rows").GetInt32().ShouldBe(expected.Count);
        status.GetProperty("total").GetInt32().ShouldBe(expected.Count);
        var download = status.GetProperty("download").GetString()!;

        var file = await hefei.GetAsync(download);
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Headers.CacheControl!.NoStore.ShouldBeTrue();
        file.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var today = await app.WithDb(db => db.Set<ExportJob>().Where(j => j.Id == id).Select(j => j.FinishedAt!.Value).SingleAsync());
        var name = $"企业名录-{TimeZoneInfo.ConvertTimeFromUtc(today, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")):yyyy-MM-dd}.csv";
        file.Content.Headers.ContentDisposition!.ToString().ShouldContain("filename*=UTF-8''" + Uri.EscapeDataString(name));
        FirstCells(await file.Content.ReadAsStringAsync()).ShouldBe(expected, "every matching row of Hefei, in the list's order, and nothing else");

        var job = await app.WithDb(db => db.Set<ExportJob>().SingleAsync(j => j.Id == id));
        job.Runs.ShouldBe(1);
        job.RowsWritten.ShouldBe(job.TotalRows!.Value);
        job.Query.ShouldContain("status=Existing");

        // My exports lists it with its download.
        var mine = await hefei.GetStringAsync("/Account/Exports");
        mine.ShouldContain($"data-export=\"{id}\"");
        mine.ShouldContain(WebUtility.HtmlEncode(download).Replace("&amp;", "&amp;"));
    }

    [Fact]
    public async Task An_xlsx_export_in_the_background_is_a_workbook_named_in_the_askers_language()
    {
        var hefei = await app.SignedInAs("province");
        var id = await StartAsync(hefei, "/Supervision/Checks", "export-xlsx");
        var status = await WaitAsync(hefei, id);
        status.GetProperty("status").GetString().ShouldBe("done", status.ToString());
        var file = await hefei.GetAsync(status.GetProperty("download").GetString()!);
        file.Content.Headers.ContentType!.MediaType.ShouldBe(TableExport.XlsxContentType);
        file.Content.Headers.ContentDisposition!.ToString().ShouldContain(Uri.EscapeDataString("监督抽查任务-"));
        var bytes = await file.Content.ReadAsByteArrayAsync();
        bytes[..2].ShouldBe("PK"u8.ToArray());
        var job = await app.WithDb(db => db.Set<ExportJob>().SingleAsync(j => j.Id == id));
        job.Bytes.ShouldBe(bytes.Length);
        job.RowsWritten.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task At_or_below_the_threshold_the_export_streams_at_once()
    {
        var hefei = await app.SignedInAs("hefei");
        var code = (await HefeiExistingByNameAsync())[0];
        var response = await hefei.GetAsync($"/Registry/Enterprises/Export?format=csv&code={code}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        FirstCells(await response.Content.ReadAsStringAsync()).ShouldBe([code]);
    }

    [Fact]
    public async Task Only_the_owner_reads_an_export_anyone_else_gets_the_same_not_found()
    {
        var hefei = await app.SignedInAs("hefei");
        var id = await StartAsync(hefei, "/Registry/Enterprises?status=Existing");
        var done = await WaitAsync(hefei, id);
        var download = done.GetProperty("download").GetString()!;

        var wuhu = await app.SignedInAs("wuhu");
        foreach (var url in new[] { download, $"/Account/Exports/{id}", $"/Account/Exports/{id}?handler=Status" })
        {
            var theirs = await wuhu.GetAsync(url);
            var none = await wuhu.GetAsync(url.Replace(id.ToString(), Guid.NewGuid().ToString()));
            theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            none.StatusCode.ShouldBe(theirs.StatusCode, url);
            // The same page, its per-response tokens aside.
            (await Untokened(theirs)).ShouldBe(await Untokened(none), url);
        }
        (await wuhu.GetStringAsync("/Account/Exports")).ShouldNotContain(id.ToString());
        (await app.Anonymous().GetAsync(download)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "to the sign-in page");
    }

    private static async Task<string> Untokened(HttpResponseMessage response) =>
        Regex.Replace(await response.Content.ReadAsStringAsync(), "value=\"[^\"]*\"|nonce=\"[^\"]*\"|data-[a-z-]+=\"[^\"]*\"", "");

    [Fact]
    public async Task Racing_instances_run_each_job_once_and_a_job_whose_instance_died_is_taken_over()
    {
        var hefei = await app.SignedInAs("hefei");
        var first = await StartAsync(hefei, "/Registry/Enterprises?status=Existing&sort=code");
        (await WaitAsync(hefei, first)).GetProperty("status").GetString().ShouldBe("done");
        var template = await app.WithDb(db => db.Set<ExportJob>().AsNoTracking().SingleAsync(j => j.Id == first));
        var expected = await app.WithDb(db => ChunksAsync(db, first));

        // Queued jobs that several instances find at once (this app's own worker among them), one whose instance died
        // (its lease ran out), and one another instance still holds.
        var now = DateTime.UtcNow;
        ExportJob Copy(ExportJobStatus status, string? holder, DateTime? lease, int runs) => new()
        {
            UserId = template.UserId, Name = template.Name, Path = template.Path, Query = template.Query, Source = template.Source, Format = template.Format,
            Culture = template.Culture, Status = status, Holder = holder, LeaseUntil = lease, Runs = runs, CreatedAt = now,
        };
        var queued = Enumerable.Range(0, 4).Select(_ => Copy(ExportJobStatus.Queued, null, null, 0)).ToList();
        var orphan = Copy(ExportJobStatus.Running, "instance-that-died", now.AddMinutes(-1), 1);
        var held = Copy(ExportJobStatus.Running, "instance-still-running", now.AddMinutes(30), 1);
        await app.WithDb(async db =>
        {
            db.Set<ExportJob>().AddRange([.. queued, orphan, held]);
            await db.SaveChangesAsync();
        });
        var runner = app.Services.GetRequiredService<ExportRunner>();
        var ran = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() => runner.RunPendingAsync($"racing-instance-{i}"))));
        for (var i = 0; i < 40 && await app.WithDb(db => db.Set<ExportJob>().AnyAsync(j => j.Id == orphan.Id && j.Status != ExportJobStatus.Done)); i++)
            await Task.Delay(250); // the app's own worker may hold one of them still

        ran.Sum().ShouldBeLessThanOrEqualTo(5);
        foreach (var job in queued.Append(orphan))
        {
            var stored = await app.WithDb(db => db.Set<ExportJob>().AsNoTracking().SingleAsync(j => j.Id == job.Id));
            stored.Status.ShouldBe(ExportJobStatus.Done, stored.Error);
            stored.Runs.ShouldBe(job == orphan ? 2 : 1, "claimed once (the orphan once more after its lease ran out)");
            stored.RowsWritten.ShouldBe(template.RowsWritten);
            stored.TotalRows.ShouldBe(template.TotalRows);
            (await app.WithDb(db => ChunksAsync(db, job.Id))).ShouldBe(expected, "the same file, stored once");
        }
        var untouched = await app.WithDb(db => db.Set<ExportJob>().AsNoTracking().SingleAsync(j => j.Id == held.Id));
        untouched.Status.ShouldBe(ExportJobStatus.Running);
        untouched.Holder.ShouldBe("instance-still-running");
        untouched.Runs.ShouldBe(1);
        await app.WithDb(db => db.Set<ExportJob>().Where(j => j.Id == held.Id).ExecuteDeleteAsync());
    }

    private static async Task<byte[]> ChunksAsync(QualisDb db, Guid id) =>
        (await db.Set<ExportFileChunk>().Where(c => c.JobId == id).OrderBy(c => c.Number).Select(c => c.Data).ToListAsync()).SelectMany(d => d).ToArray();

    [Fact]
    public async Task Finished_exports_older_than_the_retention_are_deleted_with_their_files()
    {
        var now = DateTime.UtcNow;
        ExportJob Finished(double hoursAgo) => new()
        {
            UserId = "nobody", Name = "旧导出", Path = "/Registry/Enterprises/Export", Source = "x", Culture = "zh-CN", Status = ExportJobStatus.Done,
            CreatedAt = now.AddHours(-hoursAgo - 1), FinishedAt = now.AddHours(-hoursAgo), Bytes = 3,
        };
        var old = Finished(25);
        var recent = Finished(23);
        await app.WithDb(async db =>
        {
            db.Set<ExportJob>().AddRange(old, recent);
            db.Set<ExportFileChunk>().AddRange(new ExportFileChunk { JobId = old.Id, Data = [1, 2, 3] }, new ExportFileChunk { JobId = recent.Id, Data = [1, 2, 3] });
            await db.SaveChangesAsync();
        });
        (await app.Services.GetRequiredService<ExportRunner>().DeleteExpiredAsync()).ShouldBeGreaterThanOrEqualTo(1);
        (await app.WithDb(db => db.Set<ExportJob>().AnyAsync(j => j.Id == old.Id))).ShouldBeFalse();
        (await app.WithDb(db => db.Set<ExportFileChunk>().AnyAsync(c => c.JobId == old.Id))).ShouldBeFalse();
        (await app.WithDb(db => db.Set<ExportFileChunk>().AnyAsync(c => c.JobId == recent.Id))).ShouldBeTrue();
    }
}

/// <summary>The demo lists are far below 5,000 rows: 10 sends them to the background.</summary>
public static class ExportSettingsForTests
{
    public static readonly Dictionary<string, string?> Values = new() { ["Exports:BackgroundAboveRows"] = "10", ["Exports:PollSeconds"] = "1" };
}

public sealed class ExportSqliteApp() : QualisApp(DatabaseProvider.Sqlite, ExportSettingsForTests.Values);
public sealed class ExportPostgresApp() : QualisApp(DatabaseProvider.Postgres, ExportSettingsForTests.Values);
public sealed class BackgroundExportOnSqlite(ExportSqliteApp app) : BackgroundExportTests(app), IClassFixture<ExportSqliteApp>;
public sealed class BackgroundExportOnPostgres(ExportPostgresApp app) : BackgroundExportTests(app), IClassFixture<ExportPostgresApp>;

/// <summary>The threshold decision and its settings.</summary>
public sealed class ExportSettingsTests
{
    private static ExportSettings From(params (string Key, string Value)[] values) =>
        ExportSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void Above_the_threshold_and_signed_in_goes_to_the_background_at_or_below_it_streams()
    {
        var settings = From();
        settings.BackgroundAboveRows.ShouldBe(5000);
        settings.Keep.ShouldBe(TimeSpan.FromHours(24));
        settings.InBackground(5000, signedIn: true).ShouldBeFalse();
        settings.InBackground(5001, signedIn: true).ShouldBeTrue();
        settings.InBackground(1_000_000, signedIn: false).ShouldBeFalse("an anonymous reader of a public list has no one to own a job");
        settings.CountCap.ShouldBe(5001, "counting one past the threshold is enough to decide");
        From(("Exports:BackgroundAboveRows", "0")).InBackground(1, signedIn: true).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Exports:BackgroundAboveRows", "many")]
    [InlineData("Exports:KeepHours", "0")]
    [InlineData("Exports:LeaseSeconds", "-5")]
    public void An_invalid_setting_is_refused_by_name(string key, string value) =>
        Should.Throw<SettingException>(() => From((key, value))).Message.ShouldContain(key);
}
