using Microsoft.Extensions.DependencyInjection;
using System.IO.Compression;
using System.Text;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Parks;
using Qualis.Platform.Export;

namespace Qualis.Tests.Features.Registry;

/// <summary>
/// Imports through the pages on a real database: every bad cell named with row, column, value and reason before
/// anything is written; a clean file written whole; the same file again changes nothing.
/// </summary>
public abstract class ImportTests(QualisApp app)
{
    private const string Header = "统一社会信用代码,企业名称,行政区划代码,成立日期";

    static ImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A valid credit code registered in the region; <paramref name="n"/> makes it unique.</summary>
    private static string Code(string region, int n) => CreditCode.Compute("91" + region + n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));

    private static string Mutated(string code) => code[..17] + (code[17] == '0' ? '1' : '0');

    private Task<int> EnterpriseCountAsync() => app.WithDb(db => db.Set<Enterprise>().CountAsync());

    [Fact]
    public async Task A_clean_park_file_is_written_whole_and_importing_it_again_changes_nothing()
    {
        var official = await app.SignedInAs("province");
        var csv = Imports.Utf8("园区名称,级别,类型,行政区划代码\n长丰双凤经济开发区,省级,经济开发区,340100\n繁昌经济开发区,省级,经济开发区,340200\n");

        var first = await official.ImportCleanAsync("parks", "园区.csv", csv);
        first.Status.ShouldBe("Committed");
        first.Counts.ShouldContain("新增 2");

        var again = await official.ImportCleanAsync("parks", "园区.csv", csv);
        again.Counts.ShouldContain("新增 0，变更 0，无变化 2");

        var parks = await app.WithDb(db => db.Set<Park>().Where(p => p.Name == "长丰双凤经济开发区" || p.Name == "繁昌经济开发区").OrderBy(p => p.RegionCode).ToListAsync());
        parks.Select(p => p.RegionCode).ShouldBe(["340100", "340200"]);
        var audited = await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Park) && e.Source.StartsWith("import:")));
        audited.ShouldBe(2);
    }

    [Fact]
    public async Task Another_provinces_tree_and_deeper_industry_levels_load_from_files()
    {
        // The administrator of a Jiangsu installation loads the province's tree under 320000.
        await Qualis.Tests.Platform.Access.RecordSamples.NewUserAsync(app, "jiangsu.admin", Qualis.Platform.Accounts.Roles.Administrator, "320000", "江苏管理员");
        var admin = await app.SignedInAs("jiangsu.admin");
        var committed = await admin.ImportCleanAsync("regions", "江苏.csv", Imports.Utf8("区划代码,名称,上级代码\n320100,南京市,320000\n320102,玄武区,320100\n320200,无锡市,320000\n"));
        committed.Counts.ShouldContain("新增 3");
        var xuanwu = await app.WithDb(db => db.Set<Qualis.Platform.Regions.Region>().SingleAsync(r => r.Code == "320102"));
        xuanwu.RegionPath.ShouldBe("/320000/320100/320102/");
        xuanwu.Level.ShouldBe(Qualis.Platform.Regions.RegionLevel.County);

        var industries = await (await app.SignedInAs("admin")).ImportCleanAsync("industries", "行业小类.csv", Imports.Utf8("行业代码,行业名称\n383,电线、电缆、光缆及电工器材制造\n3831,电线、电缆制造\n"));
        industries.Status.ShouldBe("Committed", industries.Counts);
        var cable = await app.WithDb(db => db.Set<Qualis.Features.Registry.Industries.Industry>().SingleAsync(i => i.Code == "3831"));
        cable.ParentCode.ShouldBe("383");
        cable.Level.ShouldBe(Qualis.Features.Registry.Industries.IndustryLevel.Class);

        var bad = await admin.UploadOkAsync("regions", "坏.csv", Imports.Utf8("区划代码,名称,上级代码\n32010,南京市,320000\n320300,徐州市,329900\n340199,越权区,340100\n"));
        await admin.WaitAsync(bad);
        (await admin.ProblemsAsync(bad)).Select(p => p.Row).ShouldBe([2, 3, 4], "a bad code, an unknown parent, a parent outside the area");
    }

    [Fact]
    public async Task Every_bad_cell_is_named_with_row_column_value_and_reason_and_nothing_is_written()
    {
        var official = await app.SignedInAs("province");
        var good = Code("340104", 1);
        var csv = $"""
            {Header},行业代码
            {good},合肥示范机械有限公司,340104,2015-03-02,
            {Mutated(Code("340104", 2))},校验位错误有限公司,340104,2015-03-02,
            {Code("340104", 3)},区划不存在有限公司,349999,2015-03-02,
            {Code("340104", 4)},行业不存在有限公司,340104,2015-03-02,9999
            {Code("340104", 5)},日期不存在有限公司,340104,2021-02-29,
            {good},重复代码有限公司,340104,2016-01-01,
            ,,,,
            {Code("340104", 6)},,340104,2015-03-02,
            """;
        var before = await EnterpriseCountAsync();

        var job = await official.UploadOkAsync("enterprises", "企业名录.csv", Imports.Utf8(csv));
        var progress = await official.WaitAsync(job);
        var problems = await official.ProblemsAsync(job);

        progress.Status.ShouldBe("Validated");
        problems.Select(p => (p.Row, p.Column)).ShouldBe(
            [(3, "统一社会信用代码"), (4, "行政区划代码"), (5, "行业代码"), (6, "成立日期"), (7, "统一社会信用代码"), (9, "企业名称")]);
        problems[0].Reason.ShouldContain("校验码");
        problems[0].Value.ShouldBe(Mutated(Code("340104", 2)));
        problems[1].Value.ShouldBe("349999");
        problems[2].Reason.ShouldContain("9999");
        problems[3].Value.ShouldBe("2021-02-29");
        problems[4].Reason.ShouldContain("第 2 行");
        (await official.GetStringAsync(job)).ShouldNotContain("id=\"commit\"");
        (await EnterpriseCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Dates_in_every_form_officials_type_are_read_as_the_same_day()
    {
        var official = await app.SignedInAs("province");
        string[] dates = ["2020-1-5", "2020/01/05", "2020年1月5日", "20200105", "43835", "2020.1.5"];
        var rows = dates.Select((d, i) => $"{Code("340111", 100 + i)},日期格式{i}有限公司,340111,{d}");
        await official.ImportCleanAsync("enterprises", "dates.csv", Imports.Utf8(Header + "\n" + string.Join("\n", rows)));
        var stored = await app.WithDb(db => db.Set<Enterprise>().Where(e => e.Name.StartsWith("日期格式")).Select(e => e.EstablishedOn).ToListAsync());
        stored.Count.ShouldBe(dates.Length);
        stored.ShouldAllBe(d => d == new DateOnly(2020, 1, 5));
    }

    [Fact]
    public async Task Full_width_characters_spaces_and_a_GB18030_file_are_read_as_meant()
    {
        var official = await app.SignedInAs("province");
        var code = Code("340102", 200);
        var fullWidth = new string(code.Select(c => (char)(c + 0xFEE0)).ToArray());
        var csv = $"{Header}\n\u3000{fullWidth} ,瑶海全角测试（合肥）有限公司 ,３４０１０２,２０１９-０６-０１\n";

        await official.ImportCleanAsync("enterprises", "全角.csv", Encoding.GetEncoding("GB18030").GetBytes(csv));

        var e = await app.WithDb(db => db.Set<Enterprise>().SingleAsync(x => x.CreditCode == code));
        e.Name.ShouldBe("瑶海全角测试（合肥）有限公司");
        e.RegionCode.ShouldBe("340102");
        e.EstablishedOn.ShouldBe(new DateOnly(2019, 6, 1));
    }

    [Fact]
    public async Task A_control_character_in_any_cell_is_named_by_row_and_column_and_nothing_is_written()
    {
        var official = await app.SignedInAs("province");
        var (nul, del) = (Code("340104", 401), Code("340104", 402));
        var before = await EnterpriseCountAsync();
        var job = await official.UploadOkAsync("enterprises", "控制字符.csv",
            Imports.Utf8($"{Header}\n{nul},合肥\0空字符有限公司,340104,2020-01-01\n{del},合肥删除符\u007f有限公司,340104,2020-01-01\n"));
        var progress = await official.WaitAsync(job);
        var problems = await official.ProblemsAsync(job);
        progress.Status.ShouldBe("Validated");
        problems.Select(p => (p.Row, p.Column)).ShouldBe([(2, "企业名称"), (3, "企业名称")]);
        problems[0].Reason.ShouldContain("控制字符");
        (await official.GetStringAsync(job)).ShouldNotContain("id=\"commit\"");
        (await EnterpriseCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_xlsx_file_imports_like_a_csv_file()
    {
        var official = await app.SignedInAs("province");
        var code = Code("340103", 300);
        var xlsx = new MemoryStream();
        await TableExport.WriteXlsxAsync(xlsx, ["统一社会信用代码", "企业名称", "行政区划代码", "从业人员"],
            Rows([[code, "庐阳表格测试有限公司", "340103", 120]]));
        await official.ImportCleanAsync("enterprises", "企业名录.xlsx", xlsx.ToArray());
        (await app.WithDb(db => db.Set<Enterprise>().SingleAsync(x => x.CreditCode == code))).Employees.ShouldBe(120);
    }

    [Fact]
    public async Task A_legacy_code_is_accepted_only_from_the_province_only_in_a_pilot_era_form_and_only_with_a_full_reason()
    {
        const string reason = "2015年厦门试点期间依法核发，经登记机关核实";
        var header = $"{Header},历史代码认可理由";
        var fujian = Mutated(Code("350211", 400)); // the form of the early Fujian codes, failing its check
        var anhui = Mutated(Code("340121", 400));  // an Anhui code with a wrong check character: a typing error

        var province = await app.SignedInAs("province");
        var without = await province.UploadOkAsync("enterprises", "legacy.csv", Imports.Utf8($"{Header}\n{fujian},历史代码有限公司,340121,2001-01-01\n"));
        await province.WaitAsync(without);
        (await province.ProblemsAsync(without)).Single().Column.ShouldBe("统一社会信用代码");

        var refused = await province.UploadOkAsync("enterprises", "legacy.csv", Imports.Utf8(
            $"{header}\n{anhui},打错代码有限公司,340121,2001-01-01,{reason}\n{fujian},历史代码有限公司,340121,2001-01-01,经核实\n"));
        await province.WaitAsync(refused);
        var problems = await province.ProblemsAsync(refused);
        problems.Select(p => (p.Row, p.Column)).ShouldBe([(2, "统一社会信用代码"), (3, "历史代码认可理由")]);
        problems[0].Reason.ShouldContain("不具备试点期历史代码的格式");
        problems[1].Reason.ShouldContain("至少 10 个字");

        // A county officer's file is marked for the province, not accepted.
        var county = await app.SignedInAs("feidong");
        var marked = await county.UploadOkAsync("enterprises", "legacy.csv", Imports.Utf8($"{header}\n{fujian},历史代码有限公司,340122,2001-01-01,{reason}\n"));
        await county.WaitAsync(marked);
        (await county.ProblemsAsync(marked)).Single().Reason.ShouldContain("只能由省局认可");

        await province.ImportCleanAsync("enterprises", "legacy.csv", Imports.Utf8($"{header}\n{fujian},历史代码有限公司,340121,2001-01-01,{reason}\n"));
        var id = await app.WithDb(db => db.Set<Enterprise>().Where(x => x.CreditCode == fujian).Select(x => x.Id).SingleAsync());
        var entry = await app.WithDb(db => db.AuditEntries.SingleAsync(a => a.EntityType == nameof(Enterprise) && a.EntityKey == id.ToString()));
        entry.After!.ShouldContain(reason);
        entry.UserName.ShouldBe("province");

        // Shown as 历史代码 with its reason on the page and in the list, one filter away.
        (await province.GetStringAsync($"/Registry/Enterprises/{fujian}")).ShouldContain(reason);
        var legacyList = await province.GetStringAsync("/Registry/Enterprises?legacy=true");
        legacyList.ShouldContain(fujian);
        legacyList.ShouldContain("legacy-code");
        legacyList.ShouldNotContain(Code("340104", 1));
    }

    [Fact]
    public async Task Industries_and_regions_are_read_in_the_forms_officials_write_them()
    {
        var province = await app.SignedInAs("province");
        await app.WithDb(async db =>
        {
            // Two development zones of the same name in two cities: a name that is not unique in the area.
            foreach (var (code, parent) in new[] { ("340171", "340100"), ("340271", "340200") })
                if (!await db.Set<Qualis.Platform.Regions.Region>().AnyAsync(r => r.Code == code))
                    db.Set<Qualis.Platform.Regions.Region>().Add(new() { Code = code, Name = "经济技术开发区", ParentCode = parent, Level = Qualis.Platform.Regions.RegionLevel.County, RegionPath = $"/340000/{parent}/{code}/" });
            await db.SaveChangesAsync();
        });
        var codes = Enumerable.Range(600, 5).Select(n => Code("340103", n)).ToArray();
        await province.ImportCleanAsync("enterprises", "行业.csv", Imports.Utf8($"""
            {Header},行业代码
            {codes[0]},门类大类有限公司,340103,2015-01-01,C39
            {codes[1]},小类未载入有限公司,340103,2015-01-01,C3911
            {codes[2]},行业名称有限公司,340103,2015-01-01,电气机械和器材制造业
            {codes[3]},区划名称有限公司,庐阳区,2015-01-01,39
            """));
        var stored = await app.WithDb(db => db.Set<Enterprise>().Where(e => codes.Contains(e.CreditCode)).OrderBy(e => e.Name).ToDictionaryAsync(e => e.Name, e => (e.IndustryCode, e.RegionCode)));
        stored["门类大类有限公司"].ShouldBe(("39", "340103"));
        stored["小类未载入有限公司"].ShouldBe(("39", "340103"), "a class the catalogue does not hold is kept as its division");
        stored["行业名称有限公司"].IndustryCode.ShouldBe("38");
        stored["区划名称有限公司"].RegionCode.ShouldBe("340103");

        var job = await province.UploadOkAsync("enterprises", "坏行业.csv", Imports.Utf8($"""
            {Header},行业代码
            {codes[4]},门类不符有限公司,经济技术开发区,2015-01-01,A39
            """));
        await province.WaitAsync(job);
        var problems = await province.ProblemsAsync(job);
        problems.Select(p => p.Column).ShouldBe(["行业代码", "行政区划代码"]);
        problems[0].Reason.ShouldContain("大类 39 属于门类 C");
        problems[1].Reason.ShouldContain("合肥市经济技术开发区（340171）");
        problems[1].Reason.ShouldContain("芜湖市经济技术开发区（340271）");
    }

    [Fact]
    public async Task Size_words_and_founding_dates_are_checked_and_a_duplicate_is_named_beside_the_rows_other_problems()
    {
        var province = await app.SignedInAs("province");
        var (a, b) = (Code("340104", 700), Code("340104", 701));
        var job = await province.UploadOkAsync("enterprises", "规模.csv", Imports.Utf8($"""
            {Header},行业代码,从业人员,企业规模
            {a},超大型有限公司,340104,2015-01-01,39,2000,超大型
            {b},未来成立有限公司,340104,2099-01-01,39,20,
            {a},重复又错区划有限公司,349999,2015-01-01,39,20,
            """));
        await province.WaitAsync(job);
        var problems = await province.ProblemsAsync(job);
        problems.Select(p => (p.Row, p.Column)).OrderBy(p => p.Row).ThenBy(p => p.Column, StringComparer.Ordinal)
            .ShouldBe(new[] { (2, "企业规模"), (3, "成立日期"), (4, "统一社会信用代码"), (4, "行政区划代码") }.OrderBy(p => p.Item1).ThenBy(p => p.Item2, StringComparer.Ordinal));
        problems.Single(p => p.Row == 2).Reason.ShouldContain("超大型");
        problems.Single(p => p.Row == 3).Reason.ShouldContain("晚于今天");
        problems.Single(p => p.Row == 4 && p.Column == "统一社会信用代码").Reason.ShouldContain("第 2 行");
    }

    [Fact]
    public async Task Importing_what_is_stored_writes_nothing_and_the_csv_export_goes_back_in_unchanged()
    {
        var province = await app.SignedInAs("province");
        var code = Code("340111", 800);
        var csv = Imports.Utf8($"{Header},行业代码,从业人员,注册资本(万元)\n{code},+加号开头科技有限公司,340111,2018-05-06,39,35,123.4567\n");
        await province.ImportCleanAsync("enterprises", "往返.csv", csv);
        var before = await app.WithDb(db => db.Set<Enterprise>().SingleAsync(e => e.CreditCode == code));
        var audits = await app.WithDb(db => db.AuditEntries.CountAsync());

        var again = await province.ImportCleanAsync("enterprises", "往返.csv", csv);
        again.Counts.ShouldContain("新增 0，变更 0，无变化 1");
        var job = await province.UploadOkAsync("enterprises", "往返.csv", csv);
        (await province.GetStringAsync(job)).ShouldContain("id=\"same-file\"");

        var exported = await province.GetByteArrayAsync($"/Registry/Enterprises/Export?format=csv&code={code}");
        System.Text.Encoding.UTF8.GetString(exported).ShouldContain("'+加号开头科技有限公司", Case.Sensitive, "the export guards a formula-like name");
        var back = await province.ImportCleanAsync("enterprises", "企业名录.csv", exported);
        back.Counts.ShouldContain("新增 0，变更 0，无变化 1");

        var after = await app.WithDb(db => db.Set<Enterprise>().SingleAsync(e => e.CreditCode == code));
        after.Name.ShouldBe("+加号开头科技有限公司");
        after.UpdatedAt.ShouldBe(before.UpdatedAt);
        (await app.WithDb(db => db.AuditEntries.CountAsync())).ShouldBe(audits, "nothing changed, so nothing is audited");
    }

    [Fact]
    public async Task A_full_width_or_spaced_code_finds_the_same_enterprise_in_pages_and_the_api()
    {
        var province = await app.SignedInAs("province");
        var code = Code("340102", 900);
        await province.ImportCleanAsync("enterprises", "空格.csv", Imports.Utf8($"{Header}\n{code[..4]} {code[4..10]} {code[10..]},空格代码有限公司,340102,2015-01-01\n"));
        (await app.WithDb(db => db.Set<Enterprise>().CountAsync(e => e.CreditCode == code))).ShouldBe(1);

        var fullWidth = new string(code.Select(c => (char)(c + 0xFEE0)).ToArray());
        (await province.GetStringAsync($"/Registry/Enterprises/{Uri.EscapeDataString(fullWidth)}")).ShouldContain("空格代码有限公司");
        var (_, key) = await Qualis.Tests.Platform.Access.RecordSamples.NewApiClientAsync(app, "340000", "全角代码测试系统", [RegistryModule.EnterprisesReadScope]);
        var partner = app.Anonymous();
        partner.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await partner.GetAsync($"/api/enterprises/{Uri.EscapeDataString(fullWidth)}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        var job = await province.UploadOkAsync("enterprises", "短.csv", Imports.Utf8($"{Header}\n{code[..10]} {code[10..16]},空格太短有限公司,340102,2015-01-01\n"));
        await province.WaitAsync(job);
        (await province.ProblemsAsync(job)).Single().Reason.ShouldContain("去掉其中的 1 个空格后是 16 位");
    }

    [Fact]
    public async Task Each_kind_offers_a_template_whose_sample_row_imports_as_it_stands()
    {
        var province = await app.SignedInAs("province");
        var page = await province.GetStringAsync("/Registry/Import");
        foreach (var kind in new[] { "enterprises", "parks", "inspectors", "testing-agencies" }) page.ShouldContain($"id=\"template-{kind}\"");

        var response = await province.GetAsync("/Registry/Import?handler=Template&kind=enterprises");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        Uri.UnescapeDataString(response.Content.Headers.ContentDisposition!.ToString()).ShouldContain("企业名录导入模板");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            var workbook = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open()).ReadToEnd();
            workbook.ShouldContain("name=\"企业名录\"");
            workbook.ShouldContain("name=\"填写说明\"");
            workbook.ShouldContain("name=\"选项\"");
            var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
            sheet.ShouldContain("<autoFilter");
            sheet.ShouldContain("type=\"list\"");
            sheet.ShouldContain("'选项'!$B$2:$B$5", Case.Sensitive, "the size column's list is the four size words");
            new StreamReader(zip.GetEntry("xl/worksheets/sheet2.xml")!.Open()).ReadToEnd().ShouldContain("也可用的列名");
        }
        var imported = await province.ImportCleanAsync("enterprises", "企业名录导入模板.xlsx", bytes);
        imported.Counts.ShouldContain("新增 1");
        (await app.WithDb(db => db.Set<Enterprise>().SingleAsync(e => e.Name.StartsWith("示例：合肥某某电器")))).IndustryCode.ShouldBe("38");

        (await province.GetAsync("/Registry/Import?handler=Template&kind=regions")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound, "reference catalogues are for administrators");
    }

    [Fact]
    public async Task A_city_official_cannot_import_into_another_city()
    {
        var official = await app.SignedInAs("hefei");
        var job = await official.UploadOkAsync("enterprises", "wuhu.csv", Imports.Utf8($"{Header}\n{Code("340202", 500)},镜湖越权有限公司,340202,2010-01-01\n"));
        await official.WaitAsync(job);
        var problem = (await official.ProblemsAsync(job)).Single();
        problem.Column.ShouldBe("行政区划代码");
        problem.Reason.ShouldContain("不在您的管辖范围内");
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_naming_the_column()
    {
        var official = await app.SignedInAs("province");
        var job = await official.UploadOkAsync("enterprises", "nocode.csv", Imports.Utf8("企业名称,行政区划代码,备注\n某某有限公司,340100,x\n"));
        await official.WaitAsync(job);
        var problems = await official.ProblemsAsync(job);
        problems.ShouldContain(p => p.Reason.Contains("统一社会信用代码") && p.Row == 1);
        (await official.GetStringAsync(job)).ShouldContain("备注");
    }

    [Theory]
    [InlineData("unclosed.csv", "unclosed")]
    [InlineData("bomb.xlsx", "bomb")]
    [InlineData("text.xlsx", "notzip")]
    public async Task Broken_files_are_refused_with_a_reason_and_nothing_is_written(string fileName, string kind)
    {
        var official = await app.SignedInAs("province");
        byte[] content = kind switch
        {
            "unclosed" => Imports.Utf8($"{Header}\n{Code("340100", 600)},\"引号未闭合有限公司,340100,2010-01-01\n{Code("340100", 601)},正常有限公司,340100,2010-01-01\n"),
            "bomb" => ZipBomb(),
            _ => Imports.Utf8("这不是一个 Excel 文件"),
        };
        var before = await EnterpriseCountAsync();
        var job = await official.UploadOkAsync("enterprises", fileName, content);
        var progress = await official.WaitAsync(job);
        var problems = await official.ProblemsAsync(job);
        problems.ShouldNotBeEmpty();
        problems[0].Reason.ShouldContain(kind switch { "unclosed" => "引号", "bomb" => "压缩", _ => "xlsx" }, Case.Insensitive);
        progress.Status.ShouldBe("Validated");
        (await EnterpriseCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_import_that_fails_unexpectedly_says_nothing_changed_and_never_shows_the_database_s_words()
    {
        var official = await app.SignedInAs("province");
        var job = await official.UploadOkAsync("parks", "园区失败.csv", Imports.Utf8("园区名称,级别,类型,行政区划代码\n失败测试开发区,省级,经济开发区,340100\n"));
        (await official.WaitAsync(job)).Status.ShouldBe("Validated");
        var jobId = Guid.Parse(job.Split('/')[^1]);
        // The file is kept relative to the import folder, so any instance mounting the folder finds it.
        var stored = await app.WithDb(db => db.Set<Qualis.Platform.Import.ImportJob>().Where(j => j.Id == jobId).Select(j => j.StoredPath).SingleAsync());
        stored.ShouldBe(jobId + ".csv");
        // Gone before the commit: the runner meets an exception that names a path, which the official must not see.
        File.Delete(Path.Combine(app.Database.Folder, "imports", stored));
        (await official.CommitAsync(job)).Status.ShouldBe("Failed");
        var page = await official.GetStringAsync(job);
        page.ShouldContain($"请将导入记录号 {jobId} 告知系统管理员");
        page.ShouldNotContain(app.Database.Folder);
        page.ShouldNotContain("Could not find");
        (await app.WithDb(db => db.Set<Qualis.Platform.Import.ImportJob>().Where(j => j.Id == jobId).Select(j => j.Message).SingleAsync())).ShouldBeNull();
        (await app.WithDb(db => db.Set<Park>().CountAsync(p => p.Name == "失败测试开发区"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_job_is_run_only_by_the_instance_holding_its_lease_and_never_again_once_finished()
    {
        var official = await app.SignedInAs("province");
        var csv = Imports.Utf8("园区名称,级别,类型,行政区划代码\n租约测试开发区,省级,经济开发区,340100\n");
        var job = await official.UploadOkAsync("parks", "园区租约.csv", csv);
        (await official.WaitAsync(job)).Status.ShouldBe("Validated");
        var jobId = Guid.Parse(job.Split('/')[^1]);
        var runner = app.Services.GetRequiredService<Qualis.Platform.Import.ImportRunner>();
        Task<Qualis.Platform.Import.ImportJob> Stored() => app.WithDb(db => db.Set<Qualis.Platform.Import.ImportJob>().AsNoTracking().SingleAsync(j => j.Id == jobId));

        // Finished: asked to run again (a restarted instance finding it), the job is left exactly as it was.
        var finished = await Stored();
        await runner.RunAsync(jobId, CancellationToken.None);
        (await Stored()).FinishedAt.ShouldBe(finished.FinishedAt);

        // Waiting, but claimed by another instance: this one does not touch it. The worker that validated the job gives
        // its lease up just after writing the job's status, so the other instance may have to wait a moment for it.
        await app.WithDb(async db =>
        {
            var taken = false;
            for (var tries = 0; !taken && tries < 100; tries++)
            {
                taken = await Qualis.Platform.Jobs.JobLeases.TryTakeAsync(db, Qualis.Platform.Import.ImportRunner.LeaseName(jobId), "another-instance", TimeSpan.FromMinutes(5), DateTime.UtcNow);
                if (!taken) await Task.Delay(100);
            }
            taken.ShouldBeTrue();
            var stored = await db.Set<Qualis.Platform.Import.ImportJob>().SingleAsync(j => j.Id == jobId);
            stored.Status = Qualis.Platform.Import.ImportStatus.Queued;
            await db.SaveChangesAsync();
        });
        await runner.RunAsync(jobId, CancellationToken.None);
        (await Stored()).Status.ShouldBe(Qualis.Platform.Import.ImportStatus.Queued);

        // The other instance gives it up (or its lease lapses): the next look at the database runs it here.
        await app.WithDb(db => Qualis.Platform.Jobs.JobLeases.ReleaseAsync(db, Qualis.Platform.Import.ImportRunner.LeaseName(jobId), "another-instance", DateTime.UtcNow));
        (await official.WaitAsync(job)).Status.ShouldBe("Validated");
        (await Stored()).FinishedAt.ShouldNotBe(finished.FinishedAt);
    }

    private static byte[] ZipBomb()
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) w.Write("<Types/>");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++) sheet.Write(zeros);
        }
        return stream.ToArray();
    }

    private static async IAsyncEnumerable<object?[]> Rows(IEnumerable<object?[]> rows)
    {
        foreach (var r in rows) yield return r;
        await Task.CompletedTask;
    }
}

public sealed class ImportTestsOnSqlite(SqliteApp app) : ImportTests(app), IClassFixture<SqliteApp>;
public sealed class ImportTestsOnPostgres(PostgresApp app) : ImportTests(app), IClassFixture<PostgresApp>;

/// <summary>A file over the configured size is refused at upload, naming the limit, and nothing of it is kept.</summary>
public sealed class OversizedImportTests(OversizedImportTests.SmallLimitApp app) : IClassFixture<OversizedImportTests.SmallLimitApp>
{
    public sealed class SmallLimitApp() : QualisApp(Qualis.Platform.Data.DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Import:MaxUploadMegabytes"] = "100" });

    [Fact]
    public async Task A_200_MB_file_is_refused_naming_the_limit()
    {
        var official = await app.SignedInAs("province");
        var content = new byte[200 * 1024 * 1024];
        Encoding.UTF8.GetBytes("统一社会信用代码,企业名称,行政区划代码\n").CopyTo(content, 0);
        var (job, html) = await official.UploadAsync("enterprises", "huge.csv", content);
        job.ShouldBeNull();
        Forms.ErrorsIn(html).ShouldContain("100 MB");
        var folder = Path.Combine(app.Database.Folder, "imports");
        (Directory.Exists(folder) ? Directory.GetFiles(folder) : []).ShouldBeEmpty();
    }
}
