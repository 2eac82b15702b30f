using Qualis.Features.Registry;
using Qualis.Platform.Operations;
using Qualis.Platform.Time;

namespace Qualis.Features.KeyObjects;

/// <summary>
/// Anhui's sixteen cities' key objects for 2018 (the year of the sample notice, whose quota per city is 1 park, 2
/// products or services, 2 industries, 50 enterprises) and for the current year, at three levels so a scoreboard shows
/// every state: some cities meet the quota, some are part-way, some far short. Parks and enterprises are the demo
/// registry's own in each city (only seven cities have a park in the demo registry; a city with fewer demo enterprises
/// than its level asks for enrols those it has). One enterprise of each full city was withdrawn later in the year.
/// Loaded once, into an empty table, audited.
/// </summary>
public sealed class KeyObjectsDemoData : IDemoSeeder
{
    public const int DemoYear = 2018;

    /// <summary>How far a city got: parks, products, industries, enterprises enrolled.</summary>
    private sealed record Level(int Parks, int Products, int Industries, int Enterprises);

    private static readonly Level Full = new(1, 2, 2, 50), PartWay = new(1, 1, 2, 35), Short = new(0, 1, 1, 12);

    /// <summary>The level of each city in code order: 合肥 full, 芜湖 full, 蚌埠 part-way, 淮南 short, ….</summary>
    private static readonly Level[] Levels =
        [Full, Full, PartWay, Short, Full, PartWay, Short, Full, PartWay, Full, Short, PartWay, Full, Short, PartWay, Full];

    private static readonly string[] Reasons =
    [
        "本市主导产业，产值占规模以上工业比重较高，质量基础较好，具备率先提升条件。",
        "近年监督抽查发现质量问题较多，群众反映集中，需重点帮扶整改。",
        "产业集聚度高，带动上下游企业多，示范效应明显。",
    ];

    private static readonly string[] Goals =
    [
        "产品监督抽查合格率稳定在 95% 以上，建立首席质量官制度。",
        "开展质量比对和会商会诊，年内完成质量攻关项目 1 项以上。",
        "导入卓越绩效管理模式，争创省政府质量奖。",
    ];

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        var clock = services.GetRequiredService<PeopleClock>();
        if (await db.Set<KeyObjectEnrolment>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var cities = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking()
            .Where(r => r.Level == RegionLevel.City && r.ParentCode == "340000").OrderBy(r => r.Code).ToListAsync(ct);
        if (cities.Count == 0) return;
        var parks = await RegistryFace.ParksAsync(db, ct);
        var products = (await RegistryFace.ProductCategoriesAsync(db, ct)).Where(c => c.ParentCode is not null).ToList();
        var industries = (await RegistryFace.IndustryHeadingsAsync(db, ct)).Where(i => i.IsDivision && i.ParentCode == "C").ToList();

        var today = clock.Today;
        foreach (var year in new[] { DemoYear, today.Year }.Distinct())
        {
            // Enrolments fall between March and September of the year (January and today in the current year).
            var first = year == today.Year ? new DateOnly(year, 1, 5) : new DateOnly(year, 3, 1);
            var last = year == today.Year ? today : new DateOnly(year, 9, 30);
            for (var i = 0; i < cities.Count; i++)
            {
                var city = cities[i];
                var level = Levels[i % Levels.Length];
                var by = city.Code switch { "340100" => "hefei", "340200" => "wuhu", _ => "province" };
                var n = 0;
                KeyObjectEnrolment New(KeyObjectKind kind, string key, string name, string regionCode, string regionPath)
                {
                    var day = first.AddDays((int)((long)(last.DayNumber - first.DayNumber) * (n * 7 % 100) / 100));
                    n++;
                    var e = new KeyObjectEnrolment
                    {
                        Year = year, Kind = kind, CityCode = city.Code, ObjectKey = key, ObjectName = name, RegionCode = regionCode, RegionPath = regionPath,
                        Reason = Reasons[(i + n) % Reasons.Length], Goal = Goals[(i + n) % Goals.Length],
                        EnrolledAt = clock.StartOfDayUtc(day).AddHours(9 + n % 8), EnrolledBy = by,
                    };
                    if (e.EnrolledAt > clock.UtcNow) e.EnrolledAt = clock.UtcNow.AddMinutes(-n);
                    db.Set<KeyObjectEnrolment>().Add(e);
                    return e;
                }

                foreach (var park in parks.Where(p => p.RegionPath.StartsWith(city.RegionPath, StringComparison.Ordinal)).Take(level.Parks))
                    New(KeyObjectKind.Park, park.Id.ToString("D"), park.Name, park.RegionCode, park.RegionPath);
                for (var j = 0; j < level.Products && products.Count > 0; j++)
                {
                    var p = products[(i * 3 + j) % products.Count];
                    var e = New(KeyObjectKind.Product, p.Name, p.Name, city.Code, city.RegionPath);
                    e.ProductCategoryCode = p.Code;
                }
                for (var j = 0; j < level.Industries && industries.Count > 0; j++)
                {
                    var ind = industries[(i * 2 + j) % industries.Count];
                    New(KeyObjectKind.Industry, ind.Code, ind.Code + " " + ind.Name, city.Code, city.RegionPath);
                }
                var withdrawn = level == Full ? 1 : 0;
                var enterprises = await RegistryFace.EnterprisesOfAreaAsync(db, city.RegionPath, level.Enterprises + withdrawn, ct);
                foreach (var (ent, j) in enterprises.Select((x, j) => (x, j)))
                {
                    var e = New(KeyObjectKind.Enterprise, ent.CreditCode, ent.Name, ent.RegionCode, ent.RegionPath);
                    if (j < level.Enterprises || j == 0) continue;
                    // Withdrawn after enrolment, so it counts at an earlier date and not at the year's end.
                    e.Status = KeyObjectStatus.Withdrawn;
                    e.WithdrawnAt = year == today.Year ? e.EnrolledAt.AddMinutes((clock.UtcNow - e.EnrolledAt).TotalMinutes / 2)
                        : clock.StartOfDayUtc(new DateOnly(year, 11, 20)).AddHours(10);
                    e.WithdrawnBy = by;
                    e.WithdrawalReason = "企业已停产，不再符合重点企业条件。";
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
