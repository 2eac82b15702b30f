using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Registry.Industries;

/// <summary>国民经济行业分类 GB/T 4754-2017: section (门类, A–T), division (大类, 2 digits), group (中类, 3), class (小类, 4).</summary>
public sealed class Industry
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public string? ParentCode { get; set; }
    public IndustryLevel Level { get; set; }
}

[Qualis.Platform.Localization.TextKeys("industry.level.", lowerCase: true)]
public enum IndustryLevel { Section = 1, Division = 2, Group = 3, Class = 4 }

internal sealed class IndustryConfiguration : IEntityTypeConfiguration<Industry>
{
    public void Configure(EntityTypeBuilder<Industry> b)
    {
        b.ToTable("Industries").IsSharedCatalogue();
        b.HasKey(i => i.Code);
        b.Property(i => i.Code).HasMaxLength(5);
        // A level is ordered (a section above its divisions) and compared with <=, so it is stored as its number.
        b.Property(i => i.Level).HasConversion<int>();
        b.Property(i => i.Name).HasMaxLength(100);
        b.Property(i => i.NameEn).HasMaxLength(150);
        b.Property(i => i.ParentCode).HasMaxLength(5);
        b.HasIndex(i => i.ParentCode);
    }
}
