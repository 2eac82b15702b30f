using Qualis.Platform.Operations;

namespace Qualis.Features.Recognition;

/// <summary>
/// The recognition programmes every installation starts with (认定项目), loaded at start into the programme table where a
/// code is missing, so a programme added here reaches existing databases too: the five demonstrations (五大示范), the two
/// management methods an enterprise adopts, the government quality award (its register entry; the review is a later
/// slice), famous brands, chief quality officers, quality-strong regions and brand demonstration zones, enterprise standards
/// declared in public and the standards leaders.
/// </summary>
public sealed class ProgrammeCatalog : IReferenceData
{
    public const string Benchmark = "demo-benchmark", Organisation = "demo-organisation", People = "demo-people", Education = "demo-education",
        Culture = "demo-culture", Tqm = "adoption-tqm", Excellence = "adoption-excellence", Award = "award-government", Brand = "brand-famous",
        Cqo = "cqo", Strong = "quality-strong", BrandZone = "brand-zone", StandardDeclared = "standard-declared", StandardLeader = "standard-leader", Pairing = "pairing";

    public static IReadOnlyList<RecognitionProgramme> BuiltIn() =>
    [
        P(Benchmark, "标杆示范", "Benchmark demonstration", ProgrammeFamily.Demonstration, "Enterprise,Park", 10),
        P(Organisation, "组织示范", "Organisation demonstration", ProgrammeFamily.Demonstration, "Enterprise,Park,Base", 20),
        P(People, "人物示范", "People demonstration", ProgrammeFamily.Demonstration, "Person", 30),
        P(Education, "教育示范", "Education demonstration", ProgrammeFamily.Demonstration, "Base", 40),
        P(Culture, "文化示范", "Culture demonstration", ProgrammeFamily.Demonstration, "Enterprise,Park,Base", 50),
        P(Tqm, "全面质量管理", "Total quality management", ProgrammeFamily.Adoption, "Enterprise", 60),
        P(Excellence, "卓越绩效", "Performance excellence", ProgrammeFamily.Adoption, "Enterprise", 70),
        P(Award, "政府质量奖", "Government quality award", ProgrammeFamily.Award, "Enterprise,Person", 80),
        P(Brand, "名牌", "Famous brand", ProgrammeFamily.Brand, "Enterprise", 90),
        P(Cqo, "首席质量官", "Chief quality officer", ProgrammeFamily.Cqo, "Person,Enterprise", 100),
        P(Strong, "质量强县（市、区）", "Quality-strong county, city or park", ProgrammeFamily.QualityStrong, "Region,Park", 110),
        P(BrandZone, "品牌示范区", "Brand demonstration zone", ProgrammeFamily.QualityStrong, "Region,Park", 115),
        P(StandardDeclared, "企业标准自我声明公开", "Enterprise standard declared in public", ProgrammeFamily.Standards, "Enterprise", 120),
        P(StandardLeader, "企业标准领跑者", "Enterprise standards leader", ProgrammeFamily.Standards, "Enterprise", 130),
        P(Pairing, "结对共建", "Pairing with a small firm", ProgrammeFamily.Pairing, "Enterprise", 140),
    ];

    private static RecognitionProgramme P(string code, string zh, string en, ProgrammeFamily family, string holders, int order) =>
        new() { Code = code, NameZh = zh, NameEn = en, Family = family, Holders = holders, Order = order };

    public async Task EnsureSeededAsync(QualisDb db, CancellationToken ct)
    {
        var have = await db.Set<RecognitionProgramme>().AsNoTracking().Select(p => p.Code).ToListAsync(ct);
        var missing = BuiltIn().Where(p => !have.Contains(p.Code)).ToList();
        if (missing.Count == 0) return;
        db.Set<RecognitionProgramme>().AddRange(missing);
        await db.SaveChangesAsync(ct);
    }
}
