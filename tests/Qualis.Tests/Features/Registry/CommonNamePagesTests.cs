using System.Globalization;
using Microsoft.Extensions.Configuration;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Shared;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Features.Registry;

/// <summary>
/// Pages of a common name fragment are kept for a while per area, filters and page; a rare fragment's never are, so a
/// firm just registered is found by its own name at once.
/// </summary>
public abstract class CommonNamePagesTests(QualisApp app)
{
    private static int _n;

    private async Task AddAsync(string name)
    {
        await app.WithDb(async db =>
        {
            var path = await db.Set<Qualis.Platform.Regions.Region>().Where(r => r.Code == "340104").Select(r => r.RegionPath).SingleAsync();
            db.Set<Enterprise>().Add(new Enterprise
            {
                CreditCode = CreditCode.Compute("91340104" + (60_000_000 + Interlocked.Increment(ref _n)).ToString(CultureInfo.InvariantCulture)),
                Name = name, RegionCode = "340104", RegionPath = path, Status = EnterpriseStatus.Existing, UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
    }

    private Task<List<string>> NamesAsync(string fragment, CommonNamePages? kept, string? area = null) =>
        app.WithDb(async db => (await new EnterpriseFilter(Name: fragment).PageAsync(db, new ListRequest(1, false, 25, "name", false), false, default, kept))
            .Rows.Select(r => r.Name).ToList(), area);

    [Fact]
    public async Task A_common_fragments_page_is_kept_and_a_rare_ones_is_read_fresh()
    {
        var tag = "缓" + (char)('甲' + Interlocked.Increment(ref _n) % 20) + Guid.NewGuid().ToString("N")[..4];
        var kept = new CommonNamePages(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Registry:CommonNameSeconds"] = "60" }).Build());
        await AddAsync(tag + "一号有限公司");
        await AddAsync(tag + "二号有限公司");

        // Rare (fewer matches than the common bound): read fresh every time.
        (await NamesAsync(tag, kept)).Count.ShouldBe(2);
        await AddAsync(tag + "三号有限公司");
        (await NamesAsync(tag, kept)).Count.ShouldBe(3);

        var saved = EnterpriseFilter.CommonName;
        EnterpriseFilter.CommonName = 3;
        try
        {
            (await NamesAsync(tag, kept)).Count.ShouldBe(3);
            await AddAsync(tag + "四号有限公司");
            // Common: the kept page for a minute; the same search without the keeper, or from another area, reads the firm.
            (await NamesAsync(tag, kept)).Count.ShouldBe(3);
            (await NamesAsync(tag, null)).Count.ShouldBe(4);
            (await NamesAsync(tag, kept, area: "/340000/340100/")).Count.ShouldBe(4);
        }
        finally { EnterpriseFilter.CommonName = saved; }
    }
}

public abstract class OneCharacterSearchTests(QualisApp app)
{
    [Fact]
    public async Task One_character_over_a_wide_area_asks_for_two_or_a_smaller_area()
    {
        // The bound is 100,000 enterprises; here it is the number of enterprises in one county, so the province is too
        // wide and the county is not (on PostgreSQL the county's range was once left out of the count).
        var (wide, county, two, coded) = await app.WithDb(async db =>
        {
            var path = await db.Set<Region>().Where(r => r.Code == "340122").Select(r => r.RegionPath).SingleAsync();
            var inCounty = await db.Set<Enterprise>().CountAsync(e => e.RegionPath.StartsWith(path));
            inCounty.ShouldBeGreaterThan(0);
            return (
                await new EnterpriseFilter(Name: "公").TooWideForOneCharacterAsync(db, area: inCounty),
                await new EnterpriseFilter(Name: "公", Region: "340122").TooWideForOneCharacterAsync(db, area: inCounty),
                await new EnterpriseFilter(Name: "公司").TooWideForOneCharacterAsync(db, area: 5),
                await new EnterpriseFilter(Name: "公", Code: "91").TooWideForOneCharacterAsync(db, area: 5));
        });
        wide.ShouldBeTrue();
        county.ShouldBeFalse();
        two.ShouldBeFalse();
        coded.ShouldBeFalse("a code prefix narrows the names read");
        (await app.WithDb(db => new EnterpriseFilter(Name: "公").TooWideForOneCharacterAsync(db))).ShouldBeFalse("the demo directory is far below the real bound");
    }

    [Fact]
    public async Task A_name_the_list_accepts_is_not_marked_as_wrong()
    {
        // The name box was marked invalid (red, with its icon) whenever a name was given, the bound value being taken for an error.
        var province = await app.SignedInAs("province");
        var html = await province.GetStringAsync("/Registry/Enterprises?name=%E5%90%88%E8%82%A5&page=2");
        html.ShouldContain("name=\"name\" value=\"合肥\"");
        html.ShouldNotContain("is-invalid");
    }
}

public sealed class OneCharacterSearchOnSqlite(SqliteApp app) : OneCharacterSearchTests(app), IClassFixture<SqliteApp>;
public sealed class OneCharacterSearchOnPostgres(PostgresApp app) : OneCharacterSearchTests(app), IClassFixture<PostgresApp>;

public sealed class CommonNamePagesOnSqlite(SqliteApp app) : CommonNamePagesTests(app), IClassFixture<SqliteApp>;
public sealed class CommonNamePagesOnPostgres(PostgresApp app) : CommonNamePagesTests(app), IClassFixture<PostgresApp>;
