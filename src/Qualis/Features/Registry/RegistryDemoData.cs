using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Registry.TestingAgencies;
using Qualis.Platform.Operations;
using Qualis.Platform.Accounts;

namespace Qualis.Features.Registry;

/// <summary>
/// The demo province's registry: real development zones of Anhui, a generated directory of enterprises (the same
/// seed every time), the enterprise the demo enterprise account acts for, inspectors in every city and the
/// province's testing agencies. Loaded once, into an empty registry, with every row audited.
/// </summary>
public sealed class RegistryDemoData : IDemoSeeder
{
    public const int EnterpriseCount = 3000;
    public const string DemoEnterpriseCode = "91340102743081729F";

    private static readonly (string Name, string Level, string Type, string Region)[] DemoParks =
    [
        ("合肥高新技术产业开发区", "国家级", "高新技术产业开发区", "340100"),
        ("合肥经济技术开发区", "国家级", "经济技术开发区", "340100"),
        ("芜湖经济技术开发区", "国家级", "经济技术开发区", "340200"),
        ("蚌埠高新技术产业开发区", "国家级", "高新技术产业开发区", "340300"),
        ("马鞍山经济技术开发区", "国家级", "经济技术开发区", "340500"),
        ("安庆高新技术产业开发区", "国家级", "高新技术产业开发区", "340800"),
        ("滁州经济技术开发区", "国家级", "经济技术开发区", "341100"),
        ("肥东经济开发区", "省级", "经济开发区", "340122"),
    ];

    private static readonly (string Name, string Number, string Scopes, string Region)[] DemoAgencies =
    [
        ("安徽省产品质量监督检验研究院", "CMA 231212340001", "电线电缆；家用电器；建筑材料；儿童用品", "340000"),
        ("合肥市产品质量监督检验所", "CMA 231212340102", "电线电缆；塑料制品；食品相关产品", "340100"),
        ("芜湖市产品质量监督检验所", "CMA 231212340203", "机动车配件；电动自行车；纺织品", "340200"),
        ("安徽省建筑工程质量监督检测站", "CMA 231212340004", "建筑材料；钢筋；水泥", "340000"),
        ("安徽省消防产品质量监督检验站", "CMA 231212340005", "消防产品", "340000"),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚", "桂英", "建华", "海燕", "晓东", "志强", "文博"];
    private static readonly string[] Specialties = ["电线电缆", "家用电器", "儿童用品", "建筑材料", "食品相关产品", "电动自行车", "消防产品", "化肥", "纺织品", "机动车配件"];

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        if (await db.Set<Enterprise>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var regions = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking().ToDictionaryAsync(r => r.Code, ct);
        var now = DateTime.UtcNow;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var parks = DemoParks.Select(p => new Park { Name = p.Name, Level = p.Level, Type = p.Type, RegionCode = p.Region, RegionPath = regions[p.Region].RegionPath }).ToList();
        db.Set<Park>().AddRange(parks);
        db.Set<TestingAgency>().AddRange(DemoAgencies.Select(a => new TestingAgency
            { Name = a.Name, AccreditationNumber = a.Number, Scopes = a.Scopes, RegionCode = a.Region, RegionPath = regions[a.Region].RegionPath }));
        db.Set<Inspector>().AddRange(Inspectors(regions));
        await db.SaveChangesAsync(ct);

        var counties = CountyInfo.CountiesOf(regions.Values);
        var enterprises = new EnterpriseGenerator(2018, counties).Generate(EnterpriseCount).ToList();
        // Some enterprises sit in their city's zone, as the action's key parks (重点产业园区) need.
        foreach (var (e, i) in enterprises.Select((e, i) => (e, i)))
            if (i % 5 == 0 && parks.FirstOrDefault(p => e.RegionPath.StartsWith(p.RegionPath, StringComparison.Ordinal)) is { } park) e.ParkId = park.Id;
        enterprises.Add(new Enterprise
        {
            CreditCode = DemoEnterpriseCode, Name = "合肥示范电缆有限公司", LegalRepresentative = "周建华", Address = "合肥市瑶海区长江东大街 88 号",
            RegionCode = "340102", RegionPath = regions["340102"].RegionPath, IndustryCode = "38", Employees = 320, RevenueYuan = 260_000_000m,
            // A maker of wires and cables (电线电缆) of credit class C: the only one of its county in that class, so Hefei's
            // demo batch (by county and class) always draws it and the enterprise account has a check to answer.
            ProductCategories = "DX01", CreditClass = CreditRiskClass.C,
            Size = SizeClassifier.Classify("38", 320, 260_000_000m), RegisteredCapitalYuan = 50_000_000m, Status = EnterpriseStatus.Existing,
            EstablishedOn = new DateOnly(2003, 4, 18), ChiefQualityOfficer = "钱立新", Certifications = "ISO 9001；CCC", Brands = "安徽名牌：示范",
            DeclaredStandards = "Q/HSDL 001-2021 电线电缆", UpdatedAt = now,
        });
        await BulkInsert.InsertAsync(db, enterprises, ct);
        await db.AppendAuditAsync(enterprises, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The city whose counties have inspectors of their own in the demo: Hefei, where the demo batch is drawn.</summary>
    public const string CountyInspectorsCity = "340100";

    /// <summary>
    /// Six inspectors per city (执法检查人员), their certificate numbers in the province's pattern; then two in each county
    /// of <see cref="CountyInspectorsCity"/>, working for the county's own office, so a draw that keeps inspectors out of
    /// their own county (本县回避) has someone to keep out.
    /// </summary>
    private static IEnumerable<Inspector> Inspectors(IReadOnlyDictionary<string, Region> regions)
    {
        var n = 0;
        // Names are unique in the demo: a team's sampling record names its members, and two of one name would read as one.
        var used = new HashSet<string>(StringComparer.Ordinal) { DemoInspector.Name };
        string NameOf(int i)
        {
            for (var k = 0; ; k++)
                if (Surnames[(n * 7 + i + k) % Surnames.Length] + Given[(n * 11 + i * 3 + k * 5) % Given.Length] is var name && used.Add(name))
                    return name;
        }
        Inspector Make(Region region, int i, string unit) => new()
        {
            Name = NameOf(i),
            Unit = unit, RegionCode = region.Code, RegionPath = region.RegionPath,
            CertificateNumber = $"皖{region.Code[2..4]}{n + 1:D6}",
            Specialties = Specialties[n % Specialties.Length] + "；" + Specialties[(n + 3) % Specialties.Length],
        };
        foreach (var city in regions.Values.Where(r => r.Level == RegionLevel.City).OrderBy(r => r.Code))
            for (var i = 0; i < 6; i++, n++)
                yield return Make(city, i, city.Name + "市场监督管理局" + (i % 2 == 0 ? "稽查支队" : "质量监督科"));
        foreach (var county in regions.Values.Where(r => r.ParentCode == CountyInspectorsCity).OrderBy(r => r.Code))
            for (var i = 0; i < 2; i++, n++)
                yield return Make(county, i, county.Name + "市场监督管理局");
        // The demo inspector account is one of Hefei's enforcement officers, under his own certificate number, so he can be
        // drawn into a team and record its sampling.
        yield return new Inspector
        {
            Name = DemoInspector.Name, Unit = "合肥市市场监督管理局稽查支队", RegionCode = CountyInspectorsCity, RegionPath = regions[CountyInspectorsCity].RegionPath,
            CertificateNumber = DemoInspector.Certificate, Specialties = "电线电缆；家用电器",
        };
    }

    /// <summary>The demo inspector account's name (without its role in brackets) and certificate number.</summary>
    private static readonly (string Name, string Certificate) DemoInspector = (
        DemoAccounts.All.Single(a => a.Role == Roles.Inspector).DisplayName.Split(' ')[0],
        DemoAccounts.All.Single(a => a.Role == Roles.Inspector).CertificateNumber!);
}
