using System.Text.RegularExpressions;
using Qualis.Features.Registry.ProductCategories;

namespace Qualis.Tests.Registry.ProductCategories;

public sealed class ProductCategoryCatalogTests
{
    private static readonly IReadOnlyList<ProductCategoryCatalog.Entry> Entries = ProductCategoryCatalog.Entries();

    [Fact]
    public void Groups_have_two_letter_codes_and_products_their_groups_code_and_two_digits()
    {
        Entries.Select(e => e.Code).ShouldBeUnique();
        foreach (var e in Entries)
        {
            if (e.ParentCode is null) e.Code.ShouldMatch("^[A-Z]{2}$");
            else
            {
                e.Code.ShouldMatch($"^{e.ParentCode}[0-9]{{2}}$");
                Entries.ShouldContain(p => p.Code == e.ParentCode && p.ParentCode == null, e.Code);
            }
        }
        Entries.Count(e => e.ParentCode is null).ShouldBeInRange(10, 20);
        Entries.Count(e => e.ParentCode is not null).ShouldBeInRange(30, 60);
    }

    [Fact]
    public void Every_category_takes_at_least_one_test_and_one_reserve_sample_and_says_where_its_figures_come_from()
    {
        foreach (var e in Entries)
        {
            e.TestSamples.ShouldBeInRange(1, 1000, e.Code);
            e.ReserveSamples.ShouldBeInRange(1, 1000, e.Code);
            e.Unit.ShouldNotBeNullOrWhiteSpace(e.Code);
            e.Basis.ShouldMatch("^(已核实|部分核实|未核实|同[A-Z]{2}[0-9]{2}$)", e.Code);
            e.Name.Length.ShouldBeLessThanOrEqualTo(100);
        }
    }

    [Fact]
    public void A_group_carries_its_first_products_rule()
    {
        foreach (var group in Entries.Where(e => e.ParentCode is null))
        {
            var first = Entries.First(e => e.ParentCode == group.Code);
            group.Basis.ShouldBe("同" + first.Code);
            (group.TestSamples, group.ReserveSamples).ShouldBe((first.TestSamples, first.ReserveSamples), group.Code);
        }
    }

    [Fact]
    public void Most_figures_were_read_in_a_published_implementation_rule()
    {
        var products = Entries.Where(e => e.ParentCode is not null).ToList();
        products.Count(e => e.Verified).ShouldBeGreaterThan(products.Count / 2);
    }

    [Theory]
    [InlineData("DD01", "电动自行车", 1, 1)]
    [InlineData("ET01", "玩具", 2, 1)]
    [InlineData("JC02", "热轧带肋钢筋", 5, 5)]
    [InlineData("DZ01", "家用和类似用途插头插座", 12, 12)]
    [InlineData("RQ01", "家用燃气灶", 1, 1)]
    public void Known_rules_are_in_the_catalogue(string code, string name, int test, int reserve)
    {
        var c = ProductCategoryCatalog.BuiltIn().Single(c => c.Code == code);
        (c.Name, c.TestSamples, c.ReserveSamples).ShouldBe((name, test, reserve));
    }

    [Fact]
    public void The_supervision_catalogue_has_the_categories_officials_expect()
    {
        var names = string.Join("|", Entries.Select(e => e.Name));
        foreach (var expected in new[] { "电线电缆", "危险化学品", "塑料制品", "家用电器", "儿童用品", "玩具", "水泥", "钢筋", "防水卷材",
                     "电动自行车", "消防产品", "食品相关产品", "化肥", "燃气", "服装", "鞋", "电子电器", "机动车", "安全帽" })
            Regex.IsMatch(names, Regex.Escape(expected)).ShouldBeTrue(expected);
    }
}
