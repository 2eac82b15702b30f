using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Registry.ProductCategories;

/// <summary>
/// 产品类别: the catalogue supervision sampling uses (电线电缆, 危险化学品, 塑料制品 …), each with the sampling rule of its
/// implementation rules (监督抽查实施细则): how many test samples and reserve samples (e.g. 1+1, 3+2, 6+4).
/// </summary>
public sealed class ProductCategory
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ParentCode { get; set; }
    public int TestSamples { get; set; } = 1;
    public int ReserveSamples { get; set; } = 1;
}

internal sealed class ProductCategoryConfiguration : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> b)
    {
        b.ToTable("ProductCategories").IsSharedCatalogue();
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasMaxLength(16);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.ParentCode).HasMaxLength(16);
        b.HasIndex(c => c.ParentCode);
    }
}
