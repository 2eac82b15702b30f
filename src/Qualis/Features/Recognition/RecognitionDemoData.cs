using Qualis.Features.Registry;
using Qualis.Platform.Operations;
using Qualis.Platform.Time;

namespace Qualis.Features.Recognition;

/// <summary>
/// Recognitions of every programme in six Anhui cities (合肥, 芜湖, 蚌埠, 安庆, 黄山, 阜阳): the five demonstrations granted in
/// 2017 and 2018 (the sample notice's baseline and plan years) and in last year and this one, so the growth target over the
/// previous year has a baseline; this year's records of each programme at every status (applied, under review, announced,
/// granted), earlier ones expired at the end of their validity, one revoked with its reason per city, and famous brands
/// whose validity ends within 90 days, on the province's desk, with a renewal announced; brand demonstration zones with their creation
/// period and assessment; enterprise standards declared and leading, one expired and one revoked; pairings of an enterprise with
/// a small firm, one ended. Holders are the demo registry's enterprises of each city, or
/// named parks, counties, people and bases. Loaded once, into an empty table, audited.
/// </summary>
public sealed class RecognitionDemoData : IDemoSeeder
{
    public static readonly string[] Cities = ["340100", "340200", "340300", "340800", "341000", "341200"];
    public const int BaselineYear = 2017, PlanYear = 2018;

    private static readonly string[] People = ["王建国", "李秀英", "张志强", "刘海燕", "陈立新", "杨晓东", "赵文华", "黄丽萍", "周国庆", "吴明辉"];
    private static readonly string[] Bases = ["职业技术学院质量教育基地", "市委党校质量教育基地", "大学质量管理学院", "质量文化教育馆"];
    private static readonly string[] Parks = ["经济技术开发区", "高新技术产业开发区", "现代产业园"];
    private static readonly string[] Products = ["电线电缆", "家用电冰箱", "工程机械", "茶叶", "汽车零部件", "光伏组件", "白酒", "变压器"];

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        var clock = services.GetRequiredService<PeopleClock>();
        if (await db.Set<Recognition>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var regions = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking().Where(r => r.Code.StartsWith("34")).ToListAsync(ct);
        var programmes = (await db.Set<RecognitionProgramme>().AsNoTracking().ToListAsync(ct)).ToDictionary(p => p.Code);
        if (programmes.Count == 0 || !regions.Any(r => r.Code == Cities[0])) return;
        var today = clock.Today;
        int[] years = [.. new[] { BaselineYear, PlanYear, today.Year - 1, today.Year }.Distinct()];
        var taken = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < Cities.Length; i++)
        {
            var city = regions.SingleOrDefault(r => r.Code == Cities[i]);
            if (city is null) continue;
            var counties = regions.Where(r => r.ParentCode == city.Code).OrderBy(r => r.Code).ToList();
            var firms = await RegistryFace.EnterprisesOfAreaAsync(db, city.RegionPath, 80, ct);
            if (firms.Count == 0) continue;
            // Small firms with a help plan first: a pairing follows its joint plan (the improvement module's demo is seeded before).
            var helpPlans = await Improvement.ImprovementFace.HelpPlansOfAsync(db, [.. firms.Select(f => f.CreditCode)], ct);
            var smallFirms = firms.Where(f => f.Size is EnterpriseSize.Small or EnterpriseSize.Micro).OrderBy(f => helpPlans.ContainsKey(f.CreditCode) ? 0 : 1).ToList();
            var pairings = 0;
            var n = 0;
            var by = city.Code switch { "340100" => "hefei", "340200" => "wuhu", _ => "province" };

            Recognition Add(string programmeCode, int year, RecognitionLevel level, RecognitionStatus status, int validYears)
            {
                var programme = programmes[programmeCode];
                var kind = programme.Accepts[n % programme.Accepts.Count];
                var county = counties.Count == 0 ? city : counties[n % counties.Count];
                var r = new Recognition
                {
                    ProgrammeCode = programmeCode, Family = programme.Family, Level = level, Year = year, HolderKind = kind, Status = status,
                    CreatedAt = clock.StartOfDayUtc(new DateOnly(year, 3, 1)).AddHours(9 + n % 8), CreatedBy = by,
                };
                switch (kind)
                {
                    case HolderKind.Enterprise:
                        var firm = Enumerable.Range(0, firms.Count).Select(a => firms[(n + a) % firms.Count])
                            .FirstOrDefault(f => !taken.Contains(string.Join('|', programmeCode, year, level, f.RegionCode, f.Name))) ?? firms[n % firms.Count];
                        (r.CreditCode, r.HolderName, r.RegionCode, r.RegionPath) = (firm.CreditCode, firm.Name, firm.RegionCode, firm.RegionPath);
                        break;
                    case HolderKind.Person:
                        r.HolderName = People[(n + i) % People.Length];
                        (r.RegionCode, r.RegionPath) = (county.Code, county.RegionPath);
                        break;
                    case HolderKind.Base:
                        r.HolderName = county.Name + Bases[n % Bases.Length];
                        (r.RegionCode, r.RegionPath) = (county.Code, county.RegionPath);
                        break;
                    case HolderKind.Park:
                        r.HolderName = county.Name + Parks[n % Parks.Length];
                        (r.RegionCode, r.RegionPath) = (county.Code, county.RegionPath);
                        break;
                    default:
                        (r.HolderName, r.RegionCode, r.RegionPath) = (county.Name, county.Code, county.RegionPath);
                        break;
                }
                // The programmes' own fields: a brand's product; a chief quality officer's enterprise, position, hours and certificate.
                if (programme.Family == ProgrammeFamily.Brand) r.Product = Products[(n + i) % Products.Length];
                // A pairing's partner is a small or micro firm of the city (the registering form refuses any other), with its help plan.
                if (programme.Family == ProgrammeFamily.Pairing && smallFirms.Where(f => f.CreditCode != r.CreditCode).ElementAtOrDefault(pairings++) is { } small)
                {
                    (r.PartnerCreditCode, r.PartnerName) = (small.CreditCode, small.Name);
                    r.ProjectId = helpPlans.TryGetValue(small.CreditCode, out var plan) ? plan : null;
                }
                if (programme.Family == ProgrammeFamily.Standards) r.Product = $"Q/{city.Code[..4]} {n:D4}-{year} {Products[(n + i) % Products.Length]}企业标准";
                if (programme.Family == ProgrammeFamily.QualityStrong)
                {
                    (r.CreationFrom, r.CreationTo) = (new DateOnly(year - 2, 1, 1), new DateOnly(year, 12, 31));
                    if (status >= RecognitionStatus.Granted) r.Assessment = $"验收通过，综合评分 {86 + n % 10} 分";
                }
                if (programme.Family == ProgrammeFamily.Cqo)
                {
                    (r.Position, r.TrainingHours, r.CertificateNumber) = (n % 2 == 0 ? "质量总监" : "副总经理", 40 + 8 * (n % 4), $"皖CQO-{year}-{i}{n:D3}");
                    if (kind == HolderKind.Person && firms[n % firms.Count] is var employer)
                        (r.CreditCode, r.RegionCode, r.RegionPath) = (employer.CreditCode, employer.RegionCode, employer.RegionPath);
                }
                // Once per holder, programme, year and level (IX_Recognitions_Once): a repeated name takes its number.
                string Key() => string.Join('|', programmeCode, year, level, r.RegionCode, r.HolderName);
                if (!taken.Add(Key()))
                {
                    r.HolderName += "（" + n.ToString(CultureInfo.InvariantCulture) + "）";
                    taken.Add(Key());
                }
                r.OfficeCode = RecognitionRules.OfficeOf(level, r.RegionPath);
                if (status >= RecognitionStatus.Granted)
                {
                    var granted = new DateOnly(year, 5 + n % 6, 1 + n * 3 % 27);
                    if (granted > today) granted = today.AddDays(-(n % 20) - 1);
                    if (granted.Year != year) granted = new DateOnly(year, 1, 2);
                    r.GrantedOn = r.ValidFrom = granted;
                    r.ValidTo = validYears > 0 ? granted.AddYears(validYears).AddDays(-1) : null;
                    r.DocumentNumber = $"皖质强〔{year}〕{10 + n}号";
                    if (r.ValidTo is { } end && end < today)
                    {
                        r.Status = RecognitionStatus.Expired;
                        r.EndedOn = end.AddDays(1);
                    }
                }
                n++;
                db.Set<Recognition>().Add(r);
                return r;
            }

            // The five demonstrations: more each year than the year before, so the growth target reads a baseline.
            foreach (var code in new[] { ProgrammeCatalog.Benchmark, ProgrammeCatalog.Organisation, ProgrammeCatalog.People, ProgrammeCatalog.Education, ProgrammeCatalog.Culture })
                for (var y = 0; y < years.Length; y++)
                    for (var k = 0; k < 1 + (y + i) % 3; k++)
                        Add(code, years[y], k == 0 ? RecognitionLevel.Provincial : RecognitionLevel.City, RecognitionStatus.Granted, 3);
            foreach (var code in new[] { ProgrammeCatalog.Tqm, ProgrammeCatalog.Excellence })
                foreach (var year in years)
                    for (var k = 0; k < 2 + i % 3; k++) Add(code, year, RecognitionLevel.City, RecognitionStatus.Granted, 0);
            Add(ProgrammeCatalog.Award, PlanYear, RecognitionLevel.Provincial, RecognitionStatus.Granted, 5);
            Add(ProgrammeCatalog.Award, today.Year - 1, RecognitionLevel.City, RecognitionStatus.Granted, 5);
            Add(ProgrammeCatalog.Cqo, today.Year - 1, RecognitionLevel.City, RecognitionStatus.Granted, 0);
            Add(ProgrammeCatalog.Cqo, today.Year, RecognitionLevel.City, RecognitionStatus.Granted, 0);
            Add(ProgrammeCatalog.Strong, today.Year - 2, RecognitionLevel.Provincial, RecognitionStatus.Granted, 5);
            Add(ProgrammeCatalog.Brand, PlanYear, RecognitionLevel.Provincial, RecognitionStatus.Granted, 3);
            // Brand demonstration zones and enterprise standards: granted, one expired (a leader's one-year title three years ago), one revoked.
            Add(ProgrammeCatalog.BrandZone, today.Year - 1, RecognitionLevel.Provincial, RecognitionStatus.Granted, 5);
            Add(ProgrammeCatalog.StandardDeclared, today.Year - 1, RecognitionLevel.City, RecognitionStatus.Granted, 0);
            Add(ProgrammeCatalog.Pairing, today.Year - 1, RecognitionLevel.City, RecognitionStatus.Granted, 2);
            Add(ProgrammeCatalog.Pairing, today.Year - 4, RecognitionLevel.City, RecognitionStatus.Granted, 2);
            Add(ProgrammeCatalog.StandardLeader, today.Year - 1, RecognitionLevel.Provincial, RecognitionStatus.Granted, 3);
            Add(ProgrammeCatalog.StandardLeader, today.Year - 3, RecognitionLevel.Provincial, RecognitionStatus.Granted, 1);
            var leaderRevoked = Add(ProgrammeCatalog.StandardLeader, today.Year - 2, RecognitionLevel.Provincial, RecognitionStatus.Granted, 0);
            (leaderRevoked.Status, leaderRevoked.EndedOn, leaderRevoked.RevocationReason) = (RecognitionStatus.Revoked, leaderRevoked.GrantedOn!.Value.AddDays(120),
                "监督抽查发现产品质量达不到其自我声明公开的企业标准，撤销领跑者称号。");
            Add(ProgrammeCatalog.Brand, today.Year - 1, RecognitionLevel.Provincial, RecognitionStatus.Granted, 3);

            // A famous brand granted three years ago whose title ends in 30 + 10·i days: on the province's desk.
            var expiring = Add(ProgrammeCatalog.Brand, today.Year - 3, RecognitionLevel.Provincial, RecognitionStatus.Granted, 0);
            expiring.ValidTo = today.AddDays(30 + 10 * i);
            expiring.GrantedOn = expiring.ValidFrom = expiring.ValidTo.Value.AddYears(-3).AddDays(1);
            (expiring.Status, expiring.EndedOn) = (RecognitionStatus.Granted, null);
            // Its renewal applied for this year and announced (延续申请): granted, it carries the title on from the day after.
            if (taken.Add(string.Join('|', ProgrammeCatalog.Brand, today.Year, RecognitionLevel.Provincial, expiring.RegionCode, expiring.HolderName)))
                db.Set<Recognition>().Add(new Recognition
                {
                    ProgrammeCode = ProgrammeCatalog.Brand, Family = ProgrammeFamily.Brand, Level = RecognitionLevel.Provincial, Year = today.Year,
                    HolderKind = expiring.HolderKind, HolderName = expiring.HolderName, CreditCode = expiring.CreditCode, Product = expiring.Product,
                    RegionCode = expiring.RegionCode, RegionPath = expiring.RegionPath, OfficeCode = expiring.OfficeCode, RenewalOfId = expiring.Id,
                    Status = RecognitionStatus.Announced, CreatedAt = clock.UtcNow.AddDays(-10), CreatedBy = by,
                });

            // One revoked per city: a serious quality violation found by supervision.
            var revoked = Add(ProgrammeCatalog.Brand, today.Year - 2, RecognitionLevel.Provincial, RecognitionStatus.Granted, 0);
            (revoked.Status, revoked.EndedOn, revoked.RevocationReason) = (RecognitionStatus.Revoked, revoked.GrantedOn!.Value.AddDays(200),
                "监督抽查发现产品存在严重质量问题，依据名牌产品管理办法撤销称号。");

            // This year's applications of every programme, at each status before the grant.
            foreach (var code in programmes.Keys.Order(StringComparer.Ordinal))
                foreach (var status in new[] { RecognitionStatus.Applied, RecognitionStatus.UnderReview, RecognitionStatus.Announced })
                    Add(code, today.Year, code.StartsWith("adoption", StringComparison.Ordinal) || code == ProgrammeCatalog.Cqo ? RecognitionLevel.City : RecognitionLevel.Provincial, status, 0);
        }
        await db.SaveChangesAsync(ct);
    }
}
