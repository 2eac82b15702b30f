using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using Qualis.Features.Registry;
using Qualis.Platform.Regions;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Registry.ProductCategories;
using Qualis.Features.Registry.TestingAgencies;

namespace Qualis.Tests.Features.Registry;

/// <summary>
/// Issue 12, item 2: every list that has both an export and an import goes out and back in unchanged. For each kind
/// the whole list is exported as XLSX and as CSV, imported again through the pages, and the import must report every
/// row unchanged, write no audit entry, move no UpdatedAt and leave every stored field (shadow properties included) as
/// it was. The lists hold the demo data plus names with a character outside the BMP (𠮷) and names that start like a
/// formula (= + - @), which the exports guard and the import must unguard.
/// </summary>
public abstract class ExportRoundTripTests(QualisApp app)
{
    private static string Code(string region, int n) => CreditCode.Compute("91" + region + n.ToString("D8", CultureInfo.InvariantCulture));

    /// <summary>The enterprise list, with a rare character, formula-like names, a park, an industry and a legacy-free code.</summary>
    [Fact]
    public async Task The_enterprise_list_goes_out_and_back_in_unchanged()
    {
        var province = await app.SignedInAs("province");
        var park = await app.WithDb(db => db.Set<Park>().OrderBy(p => p.Name).Select(p => p.Name).FirstAsync());
        var csv = new StringBuilder("统一社会信用代码,企业名称,行政区划代码,行业代码,从业人员,营业收入(万元),成立日期,所在园区,品牌,产品类别\n")
            .Append($"{Code("340102", 7101)},𠮷祥电器有限公司,340102,C3851,120,8000,2015-03-02,{park},𠮷牌,\n")
            .Append($"{Code("340103", 7102)},=SUM(A1)科技有限公司,340103,39,35,,2018-05-06,,+加号品牌,\n")
            .Append($"{Code("340104", 7103)},-减号开头贸易有限公司,庐阳区,,,,,,@at,\n")
            .ToString();
        await province.ImportCleanAsync("enterprises", "往返种子.csv", Imports.Utf8(csv));

        await RoundTripAsync<Enterprise>(province, "/Registry/Enterprises/Export", e => e.CreditCode, "enterprises", "企业名录",
            ["𠮷祥电器有限公司", "=SUM(A1)科技有限公司", "-减号开头贸易有限公司"], e => e.Name);
    }

    /// <summary>
    /// Issue 12, item 5: the enterprise export as officials open it: a sheet named after the list, frozen header with
    /// filter buttons, columns as wide as their contents, names beside codes, dates as dates, credit codes as text;
    /// and the import knows the name columns (no "unknown column" note when it goes back in).
    /// </summary>
    [Fact]
    public async Task The_enterprise_export_gives_names_beside_codes_dates_as_dates_and_codes_as_text()
    {
        var province = await app.SignedInAs("province");
        var code = Code("340102", 7201);
        await province.ImportCleanAsync("enterprises", "名称种子.csv", Imports.Utf8(
            $"统一社会信用代码,企业名称,行政区划代码,行业代码,成立日期,产品类别\n{code},瑶海区名称测试电器有限公司,340102,C3851,2016-04-05,DX01\n"));
        var (fileName, bytes) = await DownloadAsync(province, $"/Registry/Enterprises/Export?code={code}", "xlsx");
        fileName.ShouldStartWith("企业名录-");
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes)))
        {
            string Part(string name) => new StreamReader(zip.GetEntry(name)!.Open()).ReadToEnd();
            Part("xl/workbook.xml").ShouldContain("name=\"企业名录\"");
            var sheet = Part("xl/worksheets/sheet1.xml");
            sheet.ShouldContain("state=\"frozen\"");
            sheet.ShouldContain("<autoFilter ref=\"A1:");
            var cells = System.Text.RegularExpressions.Regex.Matches(sheet, "<c r=\"([A-Z]+)(\\d+)\"([^>]*)>(.*?)</c>")
                .ToDictionary(m => m.Groups[1].Value + m.Groups[2].Value, m => (Attributes: m.Groups[3].Value, Body: m.Groups[4].Value));
            var header = cells.Where(c => c.Key.TrimStart((char[])[.. "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]) == "1")
                .ToDictionary(c => System.Text.RegularExpressions.Regex.Match(c.Value.Body, "<t[^>]*>(.*?)</t>").Groups[1].Value, c => c.Key[..^1]);
            string Cell(string title) => cells[header[title] + "2"].Body;
            header["区划名称"].ShouldBe(Next(header["行政区划代码"]), "the region's name stands beside its code");
            header["行业名称"].ShouldBe(Next(header["行业代码"]));
            Cell("区划名称").ShouldContain("瑶海区");
            Cell("行业名称").ShouldContain("电气机械和器材制造业", Case.Sensitive, "C3851 is kept as its division, 38");
            Cell("产品类别名称").ShouldNotContain("DX01");
            cells[header["统一社会信用代码"] + "2"].Attributes.ShouldContain("t=\"inlineStr\"", Case.Sensitive, "a credit code is text, never a number");
            cells[header["成立日期"] + "2"].Attributes.ShouldContain("s=\"1\"", Case.Sensitive, "a date is a date-formatted serial");
            Cell("成立日期").ShouldBe($"<v>{new DateOnly(2016, 4, 5).DayNumber - new DateOnly(1899, 12, 30).DayNumber}</v>");
            var widths = System.Text.RegularExpressions.Regex.Matches(sheet, "<col min=\"(\\d+)\" max=\"\\d+\" width=\"(\\d+)\"")
                .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            widths[ColumnNumber(header["企业名称"])].ShouldBeGreaterThan(widths[ColumnNumber(header["从业人员"])], "a column is as wide as what it holds");
        }
        var job = await province.UploadOkAsync("enterprises", fileName, bytes);
        (await province.WaitAsync(job)).Counts.ShouldContain("问题 0 个");
        (await province.GetStringAsync(job)).ShouldNotContain("以下列无法识别", Case.Sensitive, "the import knows the export's name columns");
    }

    private static string Next(string column) => column.Length == 1 && column[0] < 'Z' ? ((char)(column[0] + 1)).ToString() : column[..^1] + (char)(column[^1] + 1);

    private static int ColumnNumber(string column) => column.Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1));

    [Fact]
    public async Task The_park_directory_goes_out_and_back_in_unchanged()
    {
        var province = await app.SignedInAs("province");
        await province.ImportCleanAsync("parks", "园区种子.csv", Imports.Utf8("园区名称,级别,类型,行政区划代码\n𠮷祥经济开发区,省级,经济开发区,340100\n+加号产业园,县级,产业园,庐阳区\n"));
        await RoundTripAsync<Park>(province, Directory("parks"), p => p.Name, "parks", "产业园区", ["𠮷祥经济开发区", "+加号产业园"], p => p.Name);
    }

    [Fact]
    public async Task The_inspector_directory_goes_out_and_back_in_unchanged()
    {
        var province = await app.SignedInAs("province");
        await province.ImportCleanAsync("inspectors", "人员种子.csv", Imports.Utf8(
            "执法证号,姓名,所在单位,行政区划代码,专业特长,在岗\n皖Z7000001,𠮷田一,𠮷祥市场监督管理所,340102,电线电缆,是\n皖Z7000002,=王二,+加号稽查大队,340103,,否\n"));
        await RoundTripAsync<Inspector>(province, Directory("inspectors"), i => i.CertificateNumber, "inspectors", "执法检查人员",
            ["𠮷田一", "=王二"], i => i.Name);
    }

    [Fact]
    public async Task The_testing_agency_directory_goes_out_and_back_in_unchanged()
    {
        var province = await app.SignedInAs("province");
        await province.ImportCleanAsync("testing-agencies", "机构种子.csv", Imports.Utf8(
            "资质认定证书编号,机构名称,行政区划代码,检验范围\n700012340001,𠮷祥检测中心,340100,电线电缆\n700012340002,@检验研究院,340200,\"-低压电器, 家电\"\n"));
        await RoundTripAsync<TestingAgency>(province, Directory("testing-agencies"), a => a.AccreditationNumber, "testing-agencies", "检验检测机构",
            ["𠮷祥检测中心", "@检验研究院"], a => a.Name);
    }

    [Fact]
    public async Task The_reference_catalogues_go_out_and_back_in_unchanged()
    {
        var admin = await app.SignedInAs("admin");
        await admin.ImportCleanAsync("product-categories", "类别种子.csv", Imports.Utf8("类别代码,产品类别,上级代码,检验样品数,备用样品数\nZZ01,𠮷祥类产品,,2,1\nZZ02,=公式样子的类别,ZZ01,1,0\n"));
        await RoundTripAsync<ProductCategory>(admin, Directory("product-categories"), c => c.Code, "product-categories", "产品类别",
            ["𠮷祥类产品", "=公式样子的类别"], c => c.Name);
        await RoundTripAsync<Industry>(admin, Directory("industries"), i => i.Code, "industries", "国民经济行业分类", [], i => i.Name);
        await RoundTripAsync<Region>(admin, Directory("regions"), r => r.Code, "regions", "行政区划", [], r => r.Name);
    }

    [Fact]
    public async Task The_expert_directory_goes_out_and_back_in_unchanged()
    {
        // Two districts of one name in two cities (高新区): the export's name alone could not say which.
        await (await app.SignedInAs("admin")).ImportCleanAsync("regions", "同名区.csv", Imports.Utf8("区划代码,名称,上级代码\n340191,往返高新区,340100\n340291,往返高新区,340200\n"));
        var province = await app.SignedInAs("province");
        var seeded = await UploadExpertsAsync(province, "专家种子.csv", Imports.Utf8(
            "姓名,专业领域,职称,工作单位,所在地区,可用状态,利益冲突声明\n𠮷祥,标准,教授,𠮷祥大学,340102,可聘用,\n=张三,检验检测,高级工程师,+加号研究院,芜湖市,暂不可用,某某公司、另一公司\n"
            + "李四,计量,工程师,高新区计量所,340291,可聘用,\n"));
        seeded.ShouldContain("已导入 3 名专家");

        var before = await SnapshotAsync<Expert>(e => $"{e.RegionCode} {e.Name} {e.Unit}");
        var audits = await AuditCountAsync();
        foreach (var format in new[] { "xlsx", "csv" })
        {
            var (fileName, bytes) = await DownloadAsync(province, "/Improvement/Experts?handler=Export", format);
            fileName.ShouldStartWith("专家库-");
            var message = await UploadExpertsAsync(province, fileName, bytes);
            message.ShouldContain($"已导入 0 名专家，{before.Count} 名已在库中", Case.Sensitive, $"the {format} export goes back in as it left");
            ShouldBeSame(before, await SnapshotAsync<Expert>(e => $"{e.RegionCode} {e.Name} {e.Unit}"), format);
            (await AuditCountAsync()).ShouldBe(audits, $"re-importing the {format} export writes nothing");
        }
        before.Keys.ShouldContain(k => k.EndsWith(" 𠮷祥 𠮷祥大学", StringComparison.Ordinal));
        before.Keys.ShouldContain(k => k.EndsWith(" =张三 +加号研究院", StringComparison.Ordinal));
        before.Keys.ShouldContain("340291 李四 高新区计量所");
    }

    /// <summary>
    /// The exports an official with the English interface downloads go back in too: English headers, size, status,
    /// field and availability words, English region names (the experts' region column holds only the name).
    /// </summary>
    [Fact]
    public async Task The_english_exports_go_back_in_unchanged()
    {
        var province = await app.SignedInAs("province");
        foreach (var (url, kind, title) in new[]
                 {
                     ("/Registry/Enterprises/Export", "enterprises", "Enterprises"), (Directory("parks"), "parks", "Industrial parks"),
                     (Directory("inspectors"), "inspectors", "Inspectors"), (Directory("testing-agencies"), "testing-agencies", "Testing agencies"),
                 })
        {
            await LanguageAsync(province, "en");
            var (fileName, bytes) = await DownloadAsync(province, url, "xlsx");
            await LanguageAsync(province, "zh-CN"); // the language is kept with the account (audited), so count after
            var audits = await AuditCountAsync();
            fileName.ShouldStartWith(title + "-");
            var done = await province.ImportCleanAsync(kind, fileName, bytes);
            done.Counts.ShouldContain("新增 0，变更 0，", Case.Sensitive, $"every {kind} row of the English export is unchanged");
            (await AuditCountAsync()).ShouldBe(audits, $"re-importing the English {kind} export writes nothing");
        }

        var experts = await SnapshotAsync<Expert>(e => $"{e.RegionCode} {e.Name} {e.Unit}");
        await LanguageAsync(province, "en");
        var (expertFile, expertBytes) = await DownloadAsync(province, "/Improvement/Experts?handler=Export", "csv");
        await LanguageAsync(province, "zh-CN");
        (await UploadExpertsAsync(province, expertFile, expertBytes)).ShouldContain($"已导入 0 名专家，{experts.Count} 名已在库中");
        ShouldBeSame(experts, await SnapshotAsync<Expert>(e => $"{e.RegionCode} {e.Name} {e.Unit}"), "experts, English csv");
    }

    /// <summary>The public draw list's times are the display zone's (as the page shows them), as date-time cells, not the server's zone.</summary>
    [Fact]
    public async Task The_public_draw_export_gives_times_in_the_display_zone()
    {
        var clock = app.Services.GetRequiredService<Qualis.Platform.Time.PeopleClock>();
        var expected = await app.WithDb(async db => await Qualis.Features.Supervision.Publication.PublishedDraws.AllAsync(db)
            .Select(d => clock.ToLocal(d.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).ToListAsync());
        expected.ShouldNotBeEmpty("the demo data publishes draws");
        var (_, csv) = await DownloadAsync(app.Anonymous(), "/Public/Draws?handler=Export", "csv");
        Csv.Parse(Encoding.UTF8.GetString(csv)).Skip(1).Select(r => r[0]).ToList().ShouldBe(expected);
    }

    private static async Task LanguageAsync(HttpClient client, string culture) =>
        (await client.PostFormAsync("/Account/Language", new() { ["culture"] = culture, ["returnUrl"] = "/" }, "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

    private static string Directory(string kind) => $"/Registry/Directories/{kind}?handler=Export";

    /// <summary>
    /// Exports the list as XLSX and as CSV, checks the file is named in Chinese with the date, imports each file back
    /// and checks that every row is reported unchanged and that nothing stored moved.
    /// </summary>
    private async Task RoundTripAsync<T>(HttpClient client, string exportUrl, Func<T, string> keyOf, string kind, string fileTitle,
        string[] names, Func<T, string> nameOf) where T : class
    {
        var before = await SnapshotAsync(keyOf);
        var stored = await app.WithDb(async db => (await db.Set<T>().AsNoTracking().ToListAsync()).Select(nameOf).ToHashSet());
        foreach (var name in names) stored.ShouldContain(name, $"the seed row {name} was imported as written");
        var audits = await AuditCountAsync();
        // The export holds what the official's area holds: every row of it must come back unchanged.
        var (_, csv) = await DownloadAsync(client, exportUrl, "csv");
        var exported = Csv.Parse(Encoding.UTF8.GetString(csv)).Count - 1;
        exported.ShouldBeGreaterThan(names.Length);
        foreach (var format in new[] { "xlsx", "csv" })
        {
            var (fileName, bytes) = await DownloadAsync(client, exportUrl, format);
            fileName.ShouldMatch($"^{fileTitle}-\\d{{8}}-\\d{{4}}\\.{format}$", $"the {kind} export is named in the official's language with the date");
            var done = await client.ImportCleanAsync(kind, fileName, bytes);
            done.Counts.ShouldContain($"新增 0，变更 0，无变化 {exported:N0}。", Case.Sensitive, $"every {kind} row of the {format} export is unchanged");
            ShouldBeSame(before, await SnapshotAsync(keyOf), $"{kind} {format}");
            (await AuditCountAsync()).ShouldBe(audits, $"re-importing the {kind} {format} export writes no audit entry");
        }
    }

    private static async Task<(string FileName, byte[] Bytes)> DownloadAsync(HttpClient client, string url, string format)
    {
        var response = await client.GetAsync($"{url}{(url.Contains('?') ? '&' : '?')}format={format}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url} as {format}");
        var disposition = response.Content.Headers.ContentDisposition!;
        var fileName = Uri.UnescapeDataString((disposition.FileNameStar ?? disposition.FileName!).Trim('"'));
        return (fileName, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Posts a file to the expert import form; returns the message the directory then shows.</summary>
    private static async Task<string> UploadExpertsAsync(HttpClient client, string fileName, byte[] content)
    {
        var token = await client.TokenAsync("/Improvement/Experts/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        var response = await client.PostAsync("/Improvement/Experts/Import", form);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{fileName} was refused: {Forms.ErrorsIn(html)} {ProblemsIn(html)}");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!.ToString()));
        var at = page.IndexOf("已导入", StringComparison.Ordinal);
        return at < 0 ? "(no import message) " + Forms.ErrorsIn(page) : page.Substring(at, Math.Min(80, page.Length - at));
    }

    private static string ProblemsIn(string html) =>
        string.Join(" | ", System.Text.RegularExpressions.Regex.Matches(html, "<li[^>]*>(第 .*?)</li>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));

    private Task<int> AuditCountAsync() => app.WithDb(db => db.AuditEntries.CountAsync());

    /// <summary>Every stored record of the kind by its key, as the text of every property the model maps (shadow ones too).</summary>
    private Task<Dictionary<string, string>> SnapshotAsync<T>(Func<T, string> keyOf) where T : class =>
        app.WithDb(async db =>
        {
            var properties = db.Model.FindEntityType(typeof(T))!.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            var rows = await db.Set<T>().ToListAsync();
            return rows.ToDictionary(keyOf, row => string.Join("\n", properties.Select(p => $"{p.Name}={Text(db.Entry(row).Property(p.Name).CurrentValue)}")));
        });

    private static string Text(object? value) => value switch
    {
        null => "∅",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        byte[] b => Convert.ToHexString(b),
        _ => value.ToString() ?? "",
    };

    private static void ShouldBeSame(Dictionary<string, string> before, Dictionary<string, string> after, string what)
    {
        after.Keys.Except(before.Keys).ShouldBeEmpty($"{what}: no record is added");
        before.Keys.Except(after.Keys).ShouldBeEmpty($"{what}: no record is lost");
        var changed = before.Where(b => after[b.Key] != b.Value)
            .Select(b => $"{b.Key}: {string.Join("; ", b.Value.Split('\n').Except(after[b.Key].Split('\n')))} → {string.Join("; ", after[b.Key].Split('\n').Except(b.Value.Split('\n')))}")
            .Take(5).ToList();
        changed.ShouldBeEmpty($"{what}: every field of every record is as it was");
    }
}

public sealed class ExportRoundTripTestsOnSqlite(SqliteApp app) : ExportRoundTripTests(app), IClassFixture<SqliteApp>;
public sealed class ExportRoundTripTestsOnPostgres(PostgresApp app) : ExportRoundTripTests(app), IClassFixture<PostgresApp>;
