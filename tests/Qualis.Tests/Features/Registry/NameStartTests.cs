using System.Globalization;
using System.Reflection;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Shared;
using Qualis.Platform.Data;
using Qualis.Platform.Localization;

namespace Qualis.Tests.Features.Registry;

/// <summary>
/// A common fragment whose names mostly begin with it (a city's name) is paged in name order by walking the range of
/// sort strings its names lie in and sorting the few other matches with them (NameSearch.StartOf). The rows and their
/// order are those computed here in memory, across the pages where the others fall between the walked names.
/// </summary>
public abstract class NameStartTests(QualisApp app)
{
    private static int _n;

    private static Enterprise Firm(string name, string path) => new()
    {
        CreditCode = CreditCode.Compute("91340104" + (61_000_000 + Interlocked.Increment(ref _n)).ToString(CultureInfo.InvariantCulture)),
        Name = name, RegionCode = "340104", RegionPath = path, Status = EnterpriseStatus.Existing, UpdatedAt = DateTime.UtcNow,
    };

    [Fact]
    public void The_start_token_is_given_only_where_the_names_sort_string_begins_with_its_first_pairs()
    {
        NameSearch.Grams("合肥电缆").ShouldEndWith(" q" + NameSearch.Pairs("合肥")![0]);
        NameSearch.Grams("合肥").Split(' ').Length.ShouldBe(2, "a two-character name: its pair and its start token");
        NameSearch.Grams("万重庆建材").ShouldNotContain(" q", Case.Sensitive, "重 reads chong before 庆, zhong alone");
        NameSearch.Grams("（合肥）电缆").ShouldEndWith(" q" + NameSearch.Pairs("(合")![0], Case.Sensitive, "the bracket sorts as nothing, 合 as itself");
        NameSearch.Grams("（（合肥").ShouldNotContain(" q", Case.Sensitive, "two brackets sort as nothing: no range to walk");
        NameSearch.Grams("合𠮷电缆").ShouldNotContain(" q", Case.Sensitive, "the second character is half of a surrogate pair");
        NameSearch.Grams("𠮷合电缆").ShouldEndWith(" q" + NameSearch.Pairs("𠮷")![0]);
        NameSearch.Grams("合").ShouldBe("");

        var start = NameSearch.StartOf("合肥市")!.Value;
        start.Token.ShouldBe("q" + NameSearch.Pairs("合肥")![0]);
        start.From.ShouldBe(PinyinSort.Key("合肥"));
        foreach (var name in new[] { "合肥", "合肥电缆有限公司", "合肥𠮷电缆", "合肥ZZZ" })
        {
            string.CompareOrdinal(PinyinSort.Key(name), start.From).ShouldBeGreaterThanOrEqualTo(0, name);
            // Bytewise, as the databases compare the sort column: UTF-8 bytes.
            System.Text.Encoding.UTF8.GetBytes(PinyinSort.Key(name)).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(start.To)).ShouldBeLessThan(0, name);
        }
        NameSearch.StartOf("万重庆").ShouldBeNull();
        NameSearch.StartOf("合").ShouldBeNull();
    }

    [Fact]
    public async Task A_fragment_that_begins_most_of_its_names_pages_in_name_order_with_the_others_between()
    {
        const string fragment = "鼋鼍";
        string[] names =
        [
            .. Enumerable.Range(1, 9).Select(i => fragment + "第" + "一二三四五六七八九"[i - 1] + "建材有限公司"),
            "安徽" + fragment + "科技有限公司", "（" + fragment + "）贸易有限公司", "1号" + fragment + "商行", "中" + fragment + "机械厂",
            fragment + "重庆建材有限公司", fragment + "𠮷电缆有限公司",
        ];
        await app.WithDb(async db =>
        {
            var path = await db.Set<Qualis.Platform.Regions.Region>().Where(r => r.Code == "340104").Select(r => r.RegionPath).SingleAsync();
            if (!await db.Set<Enterprise>().AnyAsync(e => e.Name.Contains(fragment)))
            {
                db.Set<Enterprise>().AddRange(names.Select(n => Firm(n, path)));
                await db.SaveChangesAsync();
            }
        });
        var expected = await app.WithDb(async db => (await db.Set<Enterprise>().Where(e => e.Name.Contains(fragment)).Select(e => new { e.Name, e.CreditCode }).ToListAsync())
            .OrderBy(e => PinyinSort.Key(e.Name), StringComparer.Ordinal).ThenBy(e => e.CreditCode, StringComparer.Ordinal).Select(e => e.Name).ToList());
        expected.Count.ShouldBe(names.Length);
        expected.First().ShouldBe("1号" + fragment + "商行");

        var savedCommon = EnterpriseFilter.CommonName;
        // Common from 3 matches; no walk along the whole name index, so the range is walked.
        (EnterpriseFilter.CommonName, EnterpriseFilter.WalkWholeIndex) = (3, false);
        try
        {
            const int per = 4;
            var walks = EnterpriseFilter.StartWalks;
            var pages = new List<string>();
            for (var page = 1; page <= (names.Length + per - 1) / per; page++)
                pages.AddRange(await app.WithDb(async db => (await new EnterpriseFilter(Name: fragment).PageAsync(db, new ListRequest(page, false, per, "name", false), false))
                    .Rows.Select(r => r.Name).ToList()));
            pages.ShouldBe(expected);
            EnterpriseFilter.StartWalks.ShouldBeGreaterThan(walks, "the pages were read along the names' range");
            // A longer fragment: its names in the range are checked for the whole of it.
            var longer = await app.WithDb(async db => (await new EnterpriseFilter(Name: fragment + "第").PageAsync(db, new ListRequest(1, false, per, "name", false), false))
                .Rows.Select(r => r.Name).ToList());
            longer.ShouldBe(expected.Where(n => n.Contains(fragment + "第", StringComparison.Ordinal)).Take(per).ToList());
        }
        finally { (EnterpriseFilter.CommonName, EnterpriseFilter.WalkWholeIndex) = (savedCommon, true); }
    }

    [Fact]
    public async Task The_migration_gives_the_names_written_before_it_the_start_token_the_platform_gives()
    {
        await app.WithDb(async db =>
        {
            var path = await db.Set<Qualis.Platform.Regions.Region>().Where(r => r.Code == "340104").Select(r => r.RegionPath).SingleAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Set<Enterprise>().AddRange(new[] { "万重庆建材有限公司", "（合肥）电缆有限公司", "𠮷祥电缆有限公司", "合𠮷电缆有限公司", "ABC电缆有限公司", "合" }
                .Select(n => Firm(n, path)));
            await db.SaveChangesAsync();
            // As a database written before the token: no name carries one.
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"Enterprises\" SET \"NameGrams\" = substr(\"NameGrams\", 1, length(\"NameGrams\") - 10) WHERE \"NameGrams\" LIKE '% q%'");
            var script = db.IsPostgres ? "Postgres" : "Sqlite";
            await using (var stream = typeof(QualisDb).Assembly.GetManifestResourceStream($"Migrations/{script}/20261207T0800_registry_name_start_token.sql")!)
                await db.Database.ExecuteSqlRawAsync(new StreamReader(stream).ReadToEnd());
            var rows = await db.Set<Enterprise>().AsNoTracking().Select(e => new { e.Name, e.NameGrams }).ToListAsync();
            rows.Count.ShouldBeGreaterThan(1000);
            foreach (var row in rows)
            {
                var platform = NameSearch.Grams(row.Name);
                var plain = row.Name.Length >= 2 && row.Name[0] is >= '\u4e00' and <= '\u9fff' && row.Name[1] is >= '\u4e00' and <= '\u9fff';
                // Never a token the platform would not give; the same grams wherever the name begins with two plain ideographs.
                if (plain) row.NameGrams.ShouldBe(platform, row.Name);
                else (row.NameGrams == platform || platform.StartsWith(row.NameGrams + " q", StringComparison.Ordinal)).ShouldBeTrue(row.Name);
            }
            await tx.RollbackAsync();
        });
    }
}

public sealed class NameStartOnSqlite(SqliteApp app) : NameStartTests(app), IClassFixture<SqliteApp>;
public sealed class NameStartOnPostgres(PostgresApp app) : NameStartTests(app), IClassFixture<PostgresApp>;
