using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Industries;

namespace Qualis.Tests.Registry.Industries;

public sealed class IndustryCatalogTests
{
    private static readonly IReadOnlyList<Industry> Catalog = IndustryCatalog.BuiltIn();

    /// <summary>
    /// The divisions of each section as GB/T 4754-2017 lists them (本门类包括01～05大类 …), written out here rather than
    /// read from the catalogue.
    /// </summary>
    private static readonly (char Section, int First, int Last)[] Ranges =
    [
        ('A', 1, 5), ('B', 6, 12), ('C', 13, 43), ('D', 44, 46), ('E', 47, 50), ('F', 51, 52), ('G', 53, 60),
        ('H', 61, 62), ('I', 63, 65), ('J', 66, 69), ('K', 70, 70), ('L', 71, 72), ('M', 73, 75), ('N', 76, 79),
        ('O', 80, 82), ('P', 83, 83), ('Q', 84, 85), ('R', 86, 90), ('S', 91, 96), ('T', 97, 97),
    ];

    [Fact]
    public void There_are_the_20_sections_A_to_T()
    {
        var sections = Catalog.Where(i => i.Level == IndustryLevel.Section).ToList();
        sections.Select(s => s.Code).ShouldBe(Enumerable.Range('A', 20).Select(c => ((char)c).ToString()));
        sections.ShouldAllBe(s => s.ParentCode == null);
    }

    [Fact]
    public void There_are_the_97_divisions_01_to_97_without_gaps()
    {
        // GB/T 4754-2017 numbers its divisions 01–97 consecutively (the 2011 edition stopped at 96).
        var divisions = Catalog.Where(i => i.Level == IndustryLevel.Division).Select(i => i.Code).ToList();
        divisions.ShouldBe(Enumerable.Range(1, 97).Select(n => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Each_division_sits_under_the_section_whose_range_holds_it()
    {
        foreach (var division in Catalog.Where(i => i.Level == IndustryLevel.Division))
        {
            var n = int.Parse(division.Code, System.Globalization.CultureInfo.InvariantCulture);
            var section = Ranges.Single(r => n >= r.First && n <= r.Last).Section.ToString();
            division.ParentCode.ShouldBe(section, $"{division.Code} {division.Name}");
        }
    }

    [Fact]
    public void Every_entry_has_a_Chinese_and_an_English_name_and_each_section_comes_before_its_divisions()
    {
        Catalog.Count.ShouldBe(117);
        Catalog.Select(i => i.Code).ShouldBeUnique();
        Catalog.ShouldAllBe(i => i.Name.Length > 0 && i.Name.Length <= 100 && !string.IsNullOrEmpty(i.NameEn) && i.NameEn!.Length <= 150);
        var seen = new HashSet<string>();
        foreach (var i in Catalog)
        {
            if (i.ParentCode is not null) seen.ShouldContain(i.ParentCode);
            seen.Add(i.Code);
        }
    }

    [Theory]
    [InlineData("13", "农副食品加工业")]
    [InlineData("05", "农、林、牧、渔专业及辅助性活动")]
    [InlineData("11", "开采专业及辅助性活动")]
    [InlineData("38", "电气机械和器材制造业")]
    [InlineData("43", "金属制品、机械和设备修理业")]
    [InlineData("58", "多式联运和运输代理业")]
    [InlineData("59", "装卸搬运和仓储业")]
    [InlineData("79", "土地管理业")]
    [InlineData("91", "中国共产党机关")]
    [InlineData("97", "国际组织")]
    [InlineData("D", "电力、热力、燃气及水生产和供应业")]
    public void Names_are_those_of_the_2017_edition(string code, string name) =>
        Catalog.Single(i => i.Code == code).Name.ShouldBe(name);

    /// <summary>
    /// 统计上大中小微型企业划分办法(2017) leaves out finance (J), education (P), health (84), public administration and
    /// international organisations (S, T), railway transport (53); and at division level it cannot tell 59 (装卸搬运 is
    /// transport, 仓储 warehousing) or 70 (房地产开发经营, 物业管理 … have different rows): those need the group code.
    /// </summary>
    private static readonly string[] DivisionsWithoutARow =
        ["53", "59", "66", "67", "68", "69", "70", "83", "84", "91", "92", "93", "94", "95", "96", "97"];

    [Fact]
    public void The_size_table_has_a_row_for_every_division_it_covers()
    {
        foreach (var division in Catalog.Where(i => i.Level == IndustryLevel.Division))
        {
            var row = SizeClassifier.RowOf(division.Code);
            if (DivisionsWithoutARow.Contains(division.Code)) row.ShouldBeNull($"{division.Code} {division.Name}");
            else row.ShouldNotBeNull($"{division.Code} {division.Name}");
        }
    }
}
