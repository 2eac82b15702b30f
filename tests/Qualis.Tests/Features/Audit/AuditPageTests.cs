using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Departments;
using Qualis.Platform.Access;
using Qualis.Platform.Accounts;
using Qualis.Platform.Import;

namespace Qualis.Tests.Features.Audit;

/// <summary>
/// /Audit and a record's history as a Hefei official reads them, on a real database: people by name and office, China
/// time, no GUID where a name exists, no English field names in Chinese; filtered by record type, person, China dates
/// and region, paged with the filters kept, exported to XLSX in the same words.
/// </summary>
public abstract partial class AuditPageTests(QualisApp app)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A department of Hefei, created and then renamed by the Hefei official through the web.</summary>
    private async Task<Department> DepartmentChangedByHefeiAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var department = new Department { Name = "合肥市审计测试局" + suffix, Aliases = "合肥市旧局" + suffix, Kind = DepartmentKind.City, RegionCode = "340100" };
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
        var hefei = await db.Users.OutsideArea(AreaReason.ReferenceLookup).SingleAsync(u => u.UserName == "hefei");
        scope.ServiceProvider.GetRequiredService<Actor>().Set(hefei.Id, "hefei", "web", "10.9.8.7", hefei.RegionPath);
        department.RegionPath = hefei.RegionPath;
        db.Add(department);
        await db.SaveChangesAsync();
        department.Name += "（更名）";
        department.Kind = DepartmentKind.Provincial;
        await db.SaveChangesAsync();
        return department;
    }

    /// <summary>
    /// An audit administrator of Hefei (the trail is the audit administrator's, 三员分立), who sees the trail of Hefei's
    /// area as every reader of the trail sees their own area's.
    /// </summary>
    private async Task<HttpClient> HefeiAuditorAsync()
    {
        var name = $"audit.hefei.{Guid.NewGuid():N}"[..20];
        await Qualis.Tests.Platform.Access.RecordSamples.NewUserAsync(app, name, Roles.AuditAdministrator, "340100", "合肥审计管理员");
        return await app.SignedInAs(name);
    }

    /// <summary>The visible text of the page's audit rows, tags and attributes removed.</summary>
    private static List<string> VisibleRows(string html) =>
        Row().Matches(html).Select(m => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(m.Value, "<[^>]+>", " ")), @"\s+", " ").Trim()).ToList();

    private static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, China)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_records_history_reads_as_people_write_it()
    {
        var department = await DepartmentChangedByHefeiAsync();
        var client = await app.SignedInAs("hefei");
        var html = await client.GetStringAsync($"/Departments/{department.Id}");
        var rows = VisibleRows(html[html.IndexOf("id=\"audit-history\"", StringComparison.Ordinal)..]);
        rows.Count.ShouldBe(2);
        var (update, create) = (rows[0], rows[1]);

        update.ShouldContain("李强 (合肥市局)");
        update.ShouldContain("合肥市市场监督管理局");
        update.ShouldContain("网页");
        update.ShouldNotContain("10.9.8.7"); // a web change keeps the address in the tooltip
        update.ShouldContain($"部门名称： {department.Name[..^4]} → {department.Name}");
        update.ShouldContain("部门类别： 市直部门 → 省直部门");
        update.ShouldNotContain("曾用名"); // not changed
        create.ShouldContain("所属区域： 合肥市");
        create.ShouldContain("是否启用： 是");

        // China time, to the minute the entry was written.
        var shown = DateTime.ParseExact(AtCell().Match(html[html.IndexOf("id=\"audit-history\"", StringComparison.Ordinal)..]).Groups[1].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        (shown - TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, China)).Duration().ShouldBeLessThan(TimeSpan.FromMinutes(2));

        foreach (var row in rows)
        {
            GuidText().IsMatch(row).ShouldBeFalse(row);
            EnglishField().IsMatch(row).ShouldBeFalse(row);
            row.ShouldNotContain("hefei");
        }
    }

    [Fact]
    public async Task The_audit_trail_is_filtered_by_type_person_China_dates_and_region_and_names_everything()
    {
        var department = await DepartmentChangedByHefeiAsync();
        var client = await HefeiAuditorAsync();

        var byType = await client.GetStringAsync($"/Audit?type=Department&user={Uri.EscapeDataString("李强")}&from={Today}&to={Today}&region=340100");
        var rows = VisibleRows(byType);
        rows.ShouldContain(r => r.Contains(department.Name));
        rows.ShouldAllBe(r => r.Contains("协作部门") && r.Contains("李强 (合肥市局)"));
        rows.ShouldAllBe(r => !GuidText().IsMatch(r) && !EnglishField().IsMatch(r));
        byType.ShouldContain("<option value=\"Department\" selected=\"selected\">协作部门</option>");

        // Yesterday in China holds none of today's entries; another person, another type, a region below Hefei without it: nothing.
        var yesterday = DateOnly.ParseExact(Today, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        VisibleRows(await client.GetStringAsync($"/Audit?type=Department&from={yesterday}&to={yesterday}")).ShouldNotContain(r => r.Contains(department.Name));
        VisibleRows(await client.GetStringAsync($"/Audit?type=Department&user=feidong")).ShouldNotContain(r => r.Contains(department.Name));
        VisibleRows(await client.GetStringAsync("/Audit?type=Enterprise&user=hefei")).ShouldNotContain(r => r.Contains(department.Name));
        VisibleRows(await client.GetStringAsync("/Audit?type=Department&region=340122")).ShouldNotContain(r => r.Contains(department.Name));
        // A region outside the official's area is no filter that shows everything.
        VisibleRows(await client.GetStringAsync("/Audit?region=340200")).ShouldBe(["没有符合条件的记录。"], customMessage: "outside the area");
    }

    [Fact]
    public async Task Pages_keep_the_filters_and_show_other_rows()
    {
        var client = await app.SignedInAs("auditor");
        var first = await client.GetStringAsync("/Audit?type=Enterprise");
        var second = await client.GetStringAsync("/Audit?type=Enterprise&page=2");
        VisibleRows(second).ShouldNotBeEmpty();
        VisibleRows(second).Intersect(VisibleRows(first)).ShouldBeEmpty();
        first.ShouldContain("type=Enterprise&amp;page=2");
        VisibleRows(second).ShouldAllBe(r => r.Contains("企业"));
    }

    [Fact]
    public async Task The_export_holds_every_matching_entry_in_the_same_words()
    {
        var department = await DepartmentChangedByHefeiAsync();
        var client = await HefeiAuditorAsync();
        var page = await client.GetStringAsync("/Audit?type=Department");
        page.ShouldContain("href=\"/Audit?type=Department&amp;handler=Export&amp;format=xlsx\"");
        var response = await client.GetAsync("/Audit?type=Department&handler=Export&format=xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var reader = TabularFile.Open(stream, "audit.xlsx", new TabularLimits());
        reader.Headers.ShouldBe(["时间", "操作人", "单位", "来源", "IP 地址", "操作", "记录类型", "记录", "变更内容"]);
        var rows = new List<string?[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, 9).Select(reader.Get).ToArray());
        var ours = rows.Where(r => r[7] is { } name && name.StartsWith(department.Name[..^4], StringComparison.Ordinal)).ToList();
        ours.Count.ShouldBe(2);
        ours[0][1].ShouldBe("李强 (合肥市局)");
        ours[0][2].ShouldBe("合肥市市场监督管理局");
        ours[0][3].ShouldBe("网页");
        ours[0][5].ShouldBe("修改");
        ours[0][6].ShouldBe("协作部门");
        ours[0][8]!.ShouldContain("部门类别：市直部门 → 省直部门");
        // Every entry the list counts, not only its first page.
        var total = int.Parse(Regex.Match(page, @"id=""list-total"">\D*([\d,]+)").Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        rows.Count.ShouldBe(total);
        rows.ShouldAllBe(r => r[6] == "协作部门");
    }

    [GeneratedRegex(@"<tr data-sequence[\s\S]*?</tr>|<tr><td colspan=""6""[\s\S]*?</tr>")]
    private static partial Regex Row();

    [GeneratedRegex(@"class=""text-nowrap audit-at"">([0-9: -]+)<")]
    private static partial Regex AtCell();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidText();

    /// <summary>A field or enum name as the code spells it (AgencyId, RegionCode, ToSample) beside a colon.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][A-Za-z]*\s*[:：]")]
    private static partial Regex EnglishField();
}

public sealed class AuditPageOnSqlite(SqliteApp app) : AuditPageTests(app), IClassFixture<SqliteApp>;
public sealed class AuditPageOnPostgres(PostgresApp app) : AuditPageTests(app), IClassFixture<PostgresApp>;
