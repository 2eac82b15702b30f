using System.Linq.Expressions;
using Qualis.Features.Registry.Directories;
using Qualis.Features.Shared;
using Qualis.Platform.Import;

namespace Qualis.Features.Registry.ProductCategories;

/// <summary>产品类别目录 with the sampling rule (test + reserve samples) each category carries.</summary>
public sealed class ProductCategoryDirectory : Directory<ProductCategory>
{
    public override string Kind => "product-categories";
    public override string TitleKey => "nav.product_categories";
    public override bool AdministratorsOnly => true;
    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        Column("code", "类别代码", "Category code", true, [nameof(ProductCategory.Code)], "代码", "Code"),
        Column("name", "产品类别", "Category", true, [nameof(ProductCategory.Name)], "名称", "Name"),
        Column("parent", "上级代码", "Parent code", false, [nameof(ProductCategory.ParentCode)], "上级类别"),
        Column("test_samples", "检验样品数", "Test samples", true, [nameof(ProductCategory.TestSamples)], "检验样品"),
        Column("reserve_samples", "备用样品数", "Reserve samples", true, [nameof(ProductCategory.ReserveSamples)], "备用样品"),
    ];
    protected override string KeyProperty => nameof(ProductCategory.Code);
    protected override Func<ProductCategory, string> KeyOf => c => c.Code;
    protected override Expression<Func<ProductCategory, object?[]>> Row => c => new object?[] { c.Code, c.Name, c.ParentCode, c.TestSamples, c.ReserveSamples };
    protected override IQueryable<ProductCategory> Search(IQueryable<ProductCategory> q, string s) => q.Where(c => c.Name.Contains(s) || c.Code.StartsWith(s));
    protected override ListSort<ProductCategory> Order { get; } = ListSort<ProductCategory>.By("code", c => c.Code);

    protected override async Task<Func<ImportRow, List<RowProblem>, ProductCategory?>> ParserAsync(QualisDb db, CancellationToken ct)
    {
        var known = (await db.Set<ProductCategory>().Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return (row, problems) =>
        {
            var c = new ProductCategory { Code = Required(row, "code", problems, "类别代码 / Category code"), Name = Required(row, "name", problems, "产品类别 / Category") };
            c.ParentCode = row["parent"];
            if (c.ParentCode is not null && !known.Contains(c.ParentCode))
                problems.Add(new RowProblem("parent", c.ParentCode, "import.parent_unknown", c.ParentCode));
            c.TestSamples = Count(row, "test_samples", 1, problems);
            c.ReserveSamples = Count(row, "reserve_samples", 0, problems);
            if (c.Code.Length > 0) known.Add(c.Code); // a later row may name this one as its parent
            return c;
        };
    }

    private static int Count(ImportRow row, string key, int minimum, List<RowProblem> problems)
    {
        var text = row[key];
        if (text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= minimum && n <= 1000) return n;
        problems.Add(new RowProblem(key, text, "import.sample_count", text ?? "", minimum));
        return minimum;
    }
}
