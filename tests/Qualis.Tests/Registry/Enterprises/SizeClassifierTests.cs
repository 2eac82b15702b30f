using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;

namespace Qualis.Tests.Registry.Enterprises;

/// <summary>
/// The table of 统计上大中小微型企业划分办法(2017) (国统字〔2017〕213号), written out again here from the 办法 and not
/// read from the classifier, so a wrong figure in either shows.
/// </summary>
public sealed class SizeClassifierTests
{
    private const decimal Wan = 10_000m;

    /// <summary>Lower bounds of large, medium and small for one indicator: persons, or 万元 of revenue or assets.</summary>
    public sealed record Bounds(char Figure, decimal Large, decimal Medium, decimal Small);

    private static Bounds X(decimal l, decimal m, decimal s) => new('X', l, m, s); // 从业人员
    private static Bounds Y(decimal l, decimal m, decimal s) => new('Y', l, m, s); // 营业收入
    private static Bounds Z(decimal l, decimal m, decimal s) => new('Z', l, m, s); // 资产总额

    public static readonly TheoryData<string, string, Bounds, Bounds?> Table = new()
    {
        { "0111", "农、林、牧、渔业", Y(20000, 500, 50), null },
        { "A", "农、林、牧、渔业", Y(20000, 500, 50), null },
        { "0610", "工业 (采矿业)", X(1000, 300, 20), Y(40000, 2000, 300) },
        { "C3011", "工业 (制造业)", X(1000, 300, 20), Y(40000, 2000, 300) },
        { "13", "工业 (制造业)", X(1000, 300, 20), Y(40000, 2000, 300) },
        { "4411", "工业 (电力)", X(1000, 300, 20), Y(40000, 2000, 300) },
        { "46", "工业 (水)", X(1000, 300, 20), Y(40000, 2000, 300) },
        { "E", "建筑业", Y(80000, 6000, 300), Z(80000, 5000, 300) },
        { "4710", "建筑业", Y(80000, 6000, 300), Z(80000, 5000, 300) },
        { "51", "批发业", X(200, 20, 5), Y(40000, 5000, 1000) },
        { "5212", "零售业", X(300, 50, 10), Y(20000, 500, 100) },
        { "54", "交通运输业 (道路)", X(1000, 300, 20), Y(30000, 3000, 200) },
        { "5821", "交通运输业 (运输代理)", X(1000, 300, 20), Y(30000, 3000, 200) },
        { "591", "交通运输业 (装卸搬运)", X(1000, 300, 20), Y(30000, 3000, 200) },
        { "5920", "仓储业", X(200, 100, 20), Y(30000, 1000, 100) },
        { "599", "仓储业", X(200, 100, 20), Y(30000, 1000, 100) },
        { "60", "邮政业", X(1000, 300, 20), Y(30000, 2000, 100) },
        { "61", "住宿业", X(300, 100, 10), Y(10000, 2000, 100) },
        { "H", "住宿和餐饮业", X(300, 100, 10), Y(10000, 2000, 100) },
        { "6210", "餐饮业", X(300, 100, 10), Y(10000, 2000, 100) },
        { "63", "信息传输业", X(2000, 100, 10), Y(100000, 1000, 100) },
        { "6421", "信息传输业 (互联网)", X(2000, 100, 10), Y(100000, 1000, 100) },
        { "65", "软件和信息技术服务业", X(300, 100, 10), Y(10000, 1000, 50) },
        { "7010", "房地产开发经营", Y(200000, 1000, 100), Z(10000, 5000, 2000) },
        { "702", "物业管理", X(1000, 300, 100), Y(5000, 1000, 500) },
        { "L", "租赁和商务服务业", X(300, 100, 10), Z(120000, 8000, 100) },
        { "7211", "租赁和商务服务业", X(300, 100, 10), Z(120000, 8000, 100) },
        { "M", "其他未列明行业 (科学研究)", X(300, 100, 10), null },
        { "77", "其他未列明行业 (水利环境)", X(300, 100, 10), null },
        { "8010", "其他未列明行业 (居民服务)", X(300, 100, 10), null },
        { "85", "其他未列明行业 (社会工作)", X(300, 100, 10), null },
        { "R", "其他未列明行业 (文化体育)", X(300, 100, 10), null },
        { "703", "其他未列明行业 (房地产中介)", X(300, 100, 10), null },
        { "7090", "其他未列明行业 (其他房地产)", X(300, 100, 10), null },
    };

    private static EnterpriseSize? Classify(string code, Bounds first, decimal firstValue, Bounds? second, decimal secondValue)
    {
        int? employees = null;
        decimal? revenue = null, assets = null;
        void Set(Bounds b, decimal v)
        {
            switch (b.Figure)
            {
                case 'X': employees = (int)v; break;
                case 'Y': revenue = v * Wan; break;
                default: assets = v * Wan; break;
            }
        }
        Set(first, firstValue);
        if (second is not null) Set(second, secondValue);
        return SizeClassifier.Classify(code, employees, revenue, assets);
    }

    /// <summary>Just below a bound: one person, or one fen (0.01 yuan, expressed in 万元).</summary>
    private static decimal Below(Bounds b, decimal bound) => b.Figure == 'X' ? bound - 1 : bound - 0.000001m;

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_class_starts_exactly_at_its_lower_bounds(string code, string row, Bounds first, Bounds? second)
    {
        Classify(code, first, first.Large, second, second?.Large ?? 0).ShouldBe(EnterpriseSize.Large, row);
        Classify(code, first, first.Medium, second, second?.Medium ?? 0).ShouldBe(EnterpriseSize.Medium, row);
        Classify(code, first, first.Small, second, second?.Small ?? 0).ShouldBe(EnterpriseSize.Small, row);
        Classify(code, first, 0, second, 0).ShouldBe(EnterpriseSize.Micro, row);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Falling_short_of_any_one_bound_drops_a_class(string code, string row, Bounds first, Bounds? second)
    {
        Classify(code, first, Below(first, first.Large), second, second?.Large ?? 0).ShouldBe(EnterpriseSize.Medium, row);
        Classify(code, first, Below(first, first.Medium), second, second?.Medium ?? 0).ShouldBe(EnterpriseSize.Small, row);
        Classify(code, first, Below(first, first.Small), second, second?.Small ?? 0).ShouldBe(EnterpriseSize.Micro, row);
        if (second is null) return;
        Classify(code, first, first.Large, second, Below(second, second.Large)).ShouldBe(EnterpriseSize.Medium, row);
        Classify(code, first, first.Medium, second, Below(second, second.Medium)).ShouldBe(EnterpriseSize.Small, row);
        Classify(code, first, first.Small, second, Below(second, second.Small)).ShouldBe(EnterpriseSize.Micro, row);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void The_lower_class_of_the_two_figures_wins(string code, string row, Bounds first, Bounds? second)
    {
        if (second is null) return;
        Classify(code, first, first.Large * 10, second, second.Small).ShouldBe(EnterpriseSize.Small, row);
        Classify(code, first, first.Small, second, second.Large * 10).ShouldBe(EnterpriseSize.Small, row);
        Classify(code, first, Below(first, first.Small), second, second.Large * 10).ShouldBe(EnterpriseSize.Micro, row);
    }

    [Fact]
    public void The_domain_documents_industry_example_holds()
    {
        // Industry: large ≥1000 employees and ≥¥400M revenue; medium ≥300 and ≥¥20M; small ≥20 and ≥¥3M.
        SizeClassifier.Classify("C", 1000, 400_000_000m).ShouldBe(EnterpriseSize.Large);
        SizeClassifier.Classify("C", 999, 400_000_000m).ShouldBe(EnterpriseSize.Medium);
        SizeClassifier.Classify("C", 300, 20_000_000m).ShouldBe(EnterpriseSize.Medium);
        SizeClassifier.Classify("C", 20, 3_000_000m).ShouldBe(EnterpriseSize.Small);
        SizeClassifier.Classify("C", 20, 2_999_999.99m).ShouldBe(EnterpriseSize.Micro);
        SizeClassifier.Classify("C", 19, 400_000_000m).ShouldBe(EnterpriseSize.Micro);
    }

    [Fact]
    public void A_missing_figure_leaves_the_class_unknown_unless_the_other_already_makes_it_micro()
    {
        SizeClassifier.Classify("C", null, 400_000_000m).ShouldBeNull();
        SizeClassifier.Classify("C", 5000, null).ShouldBeNull();
        SizeClassifier.Classify("C", null, null).ShouldBeNull();
        SizeClassifier.Classify("C", 19, null).ShouldBe(EnterpriseSize.Micro);
        SizeClassifier.Classify("C", null, 2_000_000m).ShouldBe(EnterpriseSize.Micro);
        // Construction needs total assets, which the registry does not always have.
        SizeClassifier.Classify("E", 5000, 900_000_000m).ShouldBeNull();
        SizeClassifier.Classify("E", 5000, 900_000_000m, 900_000_000m).ShouldBe(EnterpriseSize.Large);
        SizeClassifier.Classify("E", 5000, 2_000_000m).ShouldBe(EnterpriseSize.Micro);
        // A row that does not use a figure does not need it.
        SizeClassifier.Classify("A", null, 200_000_000m).ShouldBe(EnterpriseSize.Large);
        SizeClassifier.Classify("M", 300, null).ShouldBe(EnterpriseSize.Large);
        SizeClassifier.Classify("M", null, 1_000_000_000m).ShouldBeNull();
    }

    [Theory]
    [InlineData("53")]    // 铁路运输业: excluded from the transport row
    [InlineData("5310")]
    [InlineData("59")]    // 装卸搬运 (transport) or 仓储: the division alone cannot tell
    [InlineData("70")]    // 房地产业: four rows
    [InlineData("704")]   // 房地产租赁经营, the 办法's 自有房地产经营活动: excluded
    [InlineData("66")]    // J 金融业
    [InlineData("J")]
    [InlineData("83")]    // P 教育
    [InlineData("P")]
    [InlineData("84")]    // 卫生 (only 社会工作 of section Q is covered)
    [InlineData("Q")]
    [InlineData("92")]    // S 公共管理、社会保障和社会组织
    [InlineData("S")]
    [InlineData("97")]    // T 国际组织
    [InlineData("F")]     // 批发 or 零售
    [InlineData("G")]
    [InlineData("I")]
    [InlineData("K")]
    [InlineData("U")]
    [InlineData("99")]
    [InlineData("00")]
    [InlineData("3")]
    [InlineData("30111")]
    [InlineData("C3O11")]
    [InlineData("")]
    [InlineData(null)]
    public void Industries_the_table_does_not_cover_or_cannot_place_have_no_size(string? code)
    {
        SizeClassifier.RowOf(code).ShouldBeNull();
        SizeClassifier.Classify(code, 100_000, 100_000_000_000m, 100_000_000_000m).ShouldBeNull();
    }

    [Theory]
    [InlineData("c3011", "工业")]
    [InlineData(" ３０１１ ", "工业")]
    [InlineData("G5821", "交通运输业")]
    public void Codes_are_read_loosely(string code, string row) => SizeClassifier.RowOf(code)!.Chinese.ShouldBe(row);
}
