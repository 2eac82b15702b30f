using Qualis.Platform.Import;
using Qualis.Platform.Operations;

namespace Qualis.Features.Registry.ProductCategories;

/// <summary>
/// A starting catalogue of 产品类别 for provincial product-quality supervision sampling, two levels deep (a
/// two-letter group such as DX 电线电缆, and its products DX01, DX02 …), each with the sampling rule its
/// implementation rule (监督抽查实施细则) sets: test samples + reserve samples per batch.
/// This is demo reference data, to be edited to match the current 实施细则: the rules are revised every year or
/// two and differ between national, provincial and city programmes. The embedded product-categories.csv says for
/// every figure which public rule it was read in, or that it is an unverified placeholder (未核实).
/// </summary>
public sealed class ProductCategoryCatalog : IReferenceData
{
    private const string Resource = "Qualis.Features.Registry.ProductCategories.product-categories.csv";

    /// <summary>A catalogue row with what the entity does not keep: the unit a sample is counted in and the source.</summary>
    /// <param name="Unit">台, 件, 米, 份（每份不少于8kg）…: for bulk goods one sample is one sealed portion.</param>
    /// <param name="Basis">The implementation rule the figures were read in, or 未核实.</param>
    public sealed record Entry(string Code, string Name, string? ParentCode, int TestSamples, int ReserveSamples, string Unit, string Basis)
    {
        /// <summary>The figures were seen in a public copy of an implementation rule (已核实, not 未核实 or 部分核实).</summary>
        public bool Verified => Basis.StartsWith("已核实", StringComparison.Ordinal);
    }

    /// <summary>Groups before their products, in catalogue order.</summary>
    public static IReadOnlyList<Entry> Entries() =>
        EmbeddedCsv.Read(typeof(ProductCategoryCatalog).Assembly, Resource)
            .Select(r => new Entry(
                r["code"], r["name"], r["parent"].Length > 0 ? r["parent"] : null,
                int.Parse(r["test_samples"], CultureInfo.InvariantCulture), int.Parse(r["reserve_samples"], CultureInfo.InvariantCulture),
                r["unit"], r["basis"]))
            .ToList();

    public static IReadOnlyList<ProductCategory> BuiltIn() =>
        Entries().Select(e => new ProductCategory
        {
            Code = e.Code,
            Name = e.Name,
            ParentCode = e.ParentCode,
            TestSamples = e.TestSamples,
            ReserveSamples = e.ReserveSamples,
        }).ToList();

    /// <summary>Fills an empty ProductCategories table; a table that holds anything is the officials' and is left alone.</summary>
    public async Task EnsureSeededAsync(QualisDb db, CancellationToken ct)
    {
        if (await db.Set<ProductCategory>().AnyAsync(ct)) return;
        db.Set<ProductCategory>().AddRange(BuiltIn());
        await db.SaveChangesAsync(ct);
    }
}
