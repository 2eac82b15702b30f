using System.Net;
using System.Net.Http.Json;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Parks;
using Qualis.Platform.Localization;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Registry;

/// <summary>Finding enterprises: every filter of the list, on the page, in its exports and over the API, on both databases.</summary>
public abstract class EnterpriseSearchTests(QualisApp app) : IAsyncLifetime
{
    private sealed record Row(string CreditCode, string Name, string RegionCode, string? IndustryCode, string? Size, string Status);
    private sealed record Page(int Total, int PageNumber, int PageSize, List<Row> Items);

    private static int _n;
    private static int _body = 70_000_000;
    private readonly string _tag = "搜" + (char)('甲' + Interlocked.Increment(ref _n));
    private readonly Dictionary<string, string> _codes = [];

    /// <summary>A small directory of its own per test class: names carry a tag so tests do not see each other's rows.</summary>
    public async Task InitializeAsync()
    {
        var parkId = Guid.CreateVersion7();
        await app.WithDb(async db =>
        {
            var regions = await db.Set<Qualis.Platform.Regions.Region>().ToDictionaryAsync(r => r.Code, r => r.RegionPath);
            db.Set<Park>().Add(new Park { Id = parkId, Name = _tag + "高新区", Level = "国家级", Type = "高新技术产业开发区", RegionCode = "340100", RegionPath = regions["340100"] });
            void Add(string key, string name, string region, string? industry, int? employees, decimal? revenue, EnterpriseStatus status, Guid? park = null)
            {
                var code = CreditCode.Compute("91" + region + Interlocked.Increment(ref _body).ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
                _codes[key] = code;
                db.Set<Enterprise>().Add(new Enterprise
                {
                    CreditCode = code, Name = name.Replace("#", _tag), RegionCode = region, RegionPath = regions[region], IndustryCode = industry,
                    Employees = employees, RevenueYuan = revenue, Size = industry is null ? null : SizeClassifier.Classify(industry, employees, revenue),
                    Status = status, ParkId = park, UpdatedAt = DateTime.UtcNow,
                });
            }
            Add("cable", "合肥#电缆有限公司", "340104", "38", 500, 300_000_000m, EnterpriseStatus.Existing, parkId);
            Add("wire", "肥东#电线电缆股份有限公司", "340122", "38", 12, 1_000_000m, EnterpriseStatus.Operating);
            Add("food", "合肥#食品有限公司", "340111", "14", 1500, 500_000_000m, EnterpriseStatus.Existing);
            Add("gone", "合肥#电缆贸易有限公司", "340103", "51", 3, null, EnterpriseStatus.Deregistered);
            Add("wuhu", "芜湖#电缆有限公司", "340202", "38", 80, 50_000_000m, EnterpriseStatus.Existing);
            Add("latin", "#ABC Technology（合肥）有限公司", "340104", "65", 40, 20_000_000m, EnterpriseStatus.Existing);
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> NamesAsync(HttpClient client, string query)
    {
        var html = await client.GetStringAsync("/Registry/Enterprises?" + query);
        return System.Text.RegularExpressions.Regex.Matches(html, "<td>([^<]*" + _tag + "[^<]*)</td>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    [Fact]
    public async Task A_name_fragment_of_any_length_finds_the_names_that_contain_it()
    {
        var province = await app.SignedInAs("province");
        (await NamesAsync(province, $"name={Uri.EscapeDataString(_tag + "电缆")}")).ShouldBe([$"合肥{_tag}电缆有限公司", $"合肥{_tag}电缆贸易有限公司", $"芜湖{_tag}电缆有限公司"], ignoreOrder: true);
        (await NamesAsync(province, $"name={Uri.EscapeDataString("电线电缆")}")).ShouldContain($"肥东{_tag}电线电缆股份有限公司");
        (await NamesAsync(province, $"name={Uri.EscapeDataString(_tag)}")).Count.ShouldBe(6, "a one-character tag is found by scanning");
        (await NamesAsync(province, $"name={Uri.EscapeDataString(_tag + "abc tech")}")).ShouldBe([$"{_tag}ABC Technology（合肥）有限公司"], "case and width do not matter");
        (await NamesAsync(province, $"name={Uri.EscapeDataString(_tag + "ＡＢＣ")}")).Count.ShouldBe(1);
        (await NamesAsync(province, $"name={Uri.EscapeDataString(_tag + "缆电")}")).ShouldBeEmpty("the characters must stand in that order");
    }

    [Fact]
    public async Task Each_filter_narrows_the_list_and_the_area_limits_it()
    {
        var province = await app.SignedInAs("province");
        var tag = "name=" + Uri.EscapeDataString(_tag);
        (await NamesAsync(province, tag + "&region=340100")).Count.ShouldBe(5);
        (await NamesAsync(province, tag + "&region=340122")).ShouldBe([$"肥东{_tag}电线电缆股份有限公司"]);
        (await NamesAsync(province, tag + "&industry=38")).Count.ShouldBe(3);
        (await NamesAsync(province, tag + "&industry=C")).Count.ShouldBe(4, "a section stands for its divisions (制造业 13–43)");
        (await NamesAsync(province, tag + "&size=Large")).ShouldBe([$"合肥{_tag}食品有限公司"]);
        (await NamesAsync(province, tag + "&status=Deregistered")).ShouldBe([$"合肥{_tag}电缆贸易有限公司"]);
        (await NamesAsync(province, tag + "&code=" + _codes["wire"][..12])).ShouldBe([$"肥东{_tag}电线电缆股份有限公司"]);
        var parkId = await app.WithDb(db => db.Set<Park>().Where(p => p.Name == _tag + "高新区").Select(p => p.Id).SingleAsync());
        (await NamesAsync(province, tag + "&park=" + parkId)).ShouldBe([$"合肥{_tag}电缆有限公司"]);

        var county = await app.SignedInAs("feidong");
        (await NamesAsync(county, tag)).ShouldBe([$"肥东{_tag}电线电缆股份有限公司"]);
        (await NamesAsync(county, tag + "&region=340202")).ShouldBeEmpty("a filter cannot widen the area");
    }

    [Fact]
    public async Task The_api_filters_sorts_and_pages_like_the_list()
    {
        var (_, key) = await RecordSamples.NewApiClientAsync(app, "340100", "合肥市统计局系统 " + _tag, [RegistryModule.EnterprisesReadScope]);
        var partner = app.Anonymous();
        partner.DefaultRequestHeaders.Add("X-Api-Key", key);

        var page1 = await partner.GetFromJsonAsync<Page>($"/api/enterprises?name={Uri.EscapeDataString(_tag)}&sort=name&pageSize=2&page=1");
        var page2 = await partner.GetFromJsonAsync<Page>($"/api/enterprises?name={Uri.EscapeDataString(_tag)}&sort=name&pageSize=2&page=2");
        page1!.Total.ShouldBe(5, "the Wuhu enterprise is outside the key's area");
        page1.Items.Count.ShouldBe(2);
        // Names in pinyin order (the stored sort string), as the list shows them.
        page1.Items.Concat(page2!.Items).Select(i => i.Name)
            .ShouldBeInOrder(SortDirection.Ascending, Comparer<string>.Create((a, b) => string.CompareOrdinal(PinyinSort.Key(a), PinyinSort.Key(b))));
        var one = await partner.GetFromJsonAsync<Row>($"/api/enterprises/{_codes["food"]}");
        one!.Size.ShouldBe("Large");
        (await partner.GetAsync($"/api/enterprises/{_codes["wuhu"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_export_carries_the_current_filters_and_neutralises_formulas()
    {
        await app.WithDb(async db =>
        {
            var e = await db.Set<Enterprise>().SingleAsync(x => x.CreditCode == _codes["cable"]);
            e.Brands = "=HYPERLINK(\"http://evil\",\"click\")";
            await db.SaveChangesAsync();
        });
        var province = await app.SignedInAs("province");
        var csv = await province.GetStringAsync($"/Registry/Enterprises/Export?name={Uri.EscapeDataString(_tag + "电缆")}&region=340100&format=csv");
        var rows = Csv.Parse(csv);
        rows[0][0].ShouldBe("统一社会信用代码");
        rows.Skip(1).Select(r => r[1]).ShouldBe([$"合肥{_tag}电缆有限公司", $"合肥{_tag}电缆贸易有限公司"], ignoreOrder: true);
        rows.Single(r => r[0] == _codes["cable"]).ShouldContain("'=HYPERLINK(\"http://evil\",\"click\")");

        var xlsx = await province.GetAsync($"/Registry/Enterprises/Export?name={Uri.EscapeDataString(_tag + "电缆")}&region=340100&format=xlsx");
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var reader = Qualis.Platform.Import.TabularFile.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), "x.xlsx", new());
        var names = new List<string?>();
        var brands = new List<string?>();
        var brandColumn = reader.Headers.ToList().IndexOf("品牌");
        while (reader.Read()) { names.Add(reader.Get(1)); brands.Add(reader.Get(brandColumn)); }
        names.Count.ShouldBe(2);
        brands.ShouldContain("'=HYPERLINK(\"http://evil\",\"click\")");
    }
}

public sealed class EnterpriseSearchOnSqlite(SqliteApp app) : EnterpriseSearchTests(app), IClassFixture<SqliteApp>;
public sealed class EnterpriseSearchOnPostgres(PostgresApp app) : EnterpriseSearchTests(app), IClassFixture<PostgresApp>;
