using Qualis.Platform.Import;

namespace Qualis.Tests.Platform.Import;

public sealed class CellTextTests
{
    [Theory]
    [InlineData("  合肥  ", "合肥")]
    [InlineData("\u3000合肥\u3000", "合肥")]
    [InlineData("\u00A0合肥\t", "合肥")]
    [InlineData("\uFEFF统一社会信用代码", "统一社会信用代码")]
    [InlineData("９１３４０１００ＭＡ２ＭＴ８ＫＸ０Ｗ", "91340100MA2MT8KX0W")]
    [InlineData("注册资本（万元）", "注册资本(万元)")]
    [InlineData("合肥\u3000市", "合肥 市")]
    [InlineData("～！＠＃", "~!@#")]
    [InlineData("不变的文字", "不变的文字")]
    public void Trims_and_folds_full_width_forms(string text, string expected) => CellText.Normalise(text).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000\u00A0\t\r\n")]
    public void Blank_is_null(string? text) => CellText.Normalise(text).ShouldBeNull();

    [Fact]
    public void Text_that_needs_nothing_is_returned_as_it_is()
    {
        var text = "华为技术有限公司";
        CellText.Normalise(text).ShouldBeSameAs(text);
    }

    [Fact]
    public void Characters_outside_the_full_width_ASCII_block_stay()
    {
        // U+FF00 and U+FF5F lie just outside FF01–FF5E; 、 and 。 are ideographic punctuation, not full-width ASCII.
        CellText.Normalise("\uFF00、。\uFF5F").ShouldBe("\uFF00、。\uFF5F");
    }
}

public sealed class HeaderMapTests
{
    private static readonly ImportColumn[] Columns =
    [
        new("credit_code", "统一社会信用代码", "Credit code", true, [], "社会信用代码", "USCC"),
        new("name", "企业名称", "Name", true, []),
        new("capital", "注册资本(万元)", "Registered capital (10k yuan)", false, [], "注册资本"),
        new("region", "行政区划代码", "Region code", true, []),
    ];

    [Fact]
    public void Matches_Chinese_English_and_alias_headers_in_any_order()
    {
        var match = HeaderMap.Match(["Name", "社会信用代码", "注册资本", "行政区划代码"], Columns);
        match.Index.ShouldBe(new Dictionary<string, int> { ["name"] = 0, ["credit_code"] = 1, ["capital"] = 2, ["region"] = 3 });
        match.Missing.ShouldBeEmpty();
        match.Unknown.ShouldBeEmpty();
    }

    [Fact]
    public void Ignores_case_spaces_full_width_forms_a_BOM_and_a_required_star()
    {
        var match = HeaderMap.Match(["\uFEFFcredit CODE", " 企业名称* ", "注册资本（万元）", "REGION code"], Columns);
        match.Index.Keys.ShouldBe(["credit_code", "name", "capital", "region"], ignoreOrder: true);
    }

    [Fact]
    public void Lists_required_columns_that_are_missing_and_headers_it_does_not_know()
    {
        var match = HeaderMap.Match(["企业名称", "联系电话", "", "备注"], Columns);
        match.Missing.Select(c => c.Key).ShouldBe(["credit_code", "region"]);
        match.Unknown.ShouldBe(["联系电话", "备注"]);
        match.Index.Keys.ShouldBe(["name"]);
    }

    [Fact]
    public void A_second_column_with_the_same_meaning_does_not_override_the_first()
    {
        var match = HeaderMap.Match(["统一社会信用代码", "企业名称", "USCC", "行政区划代码"], Columns);
        match.Index["credit_code"].ShouldBe(0);
        match.Unknown.ShouldBe(["USCC"]);
    }

    [Fact]
    public void An_exports_name_column_beside_a_code_is_known_but_not_read()
    {
        ImportColumn[] names = [new("region_name", "区划名称", "Region name", false, [])];
        var match = HeaderMap.Match(["统一社会信用代码", "企业名称", "行政区划代码", "区划名称", "备注"], Columns, names);
        match.Index.Keys.ShouldBe(["credit_code", "name", "region"], ignoreOrder: true);
        match.Unknown.ShouldBe(["备注"]);
        HeaderMap.Match(["企业名称", "Region name"], Columns).Unknown.ShouldBe(["Region name"], "without the kind's name columns it is unknown");
    }
}
