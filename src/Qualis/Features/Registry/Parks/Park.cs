using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Registry.Parks;

/// <summary>产业园区: a development zone, high-tech zone or industrial cluster (省级以上开发区、高新区、产业集聚区).</summary>
public sealed class Park : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    /// <summary>The name's pinyin sort string, kept by PinyinSortColumns: the list sorts by it.</summary>
    public string NameSort { get; set; } = "";
    /// <summary>级别: 国家级 / 省级 / 市级.</summary>
    public string Level { get; set; } = "";
    /// <summary>类型: 经济技术开发区 / 高新技术产业开发区 / 产业集聚区 …</summary>
    public string Type { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
}

internal sealed class ParkConfiguration : IEntityTypeConfiguration<Park>
{
    public void Configure(EntityTypeBuilder<Park> b)
    {
        b.ToTable("Parks");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.NameSort).IsPinyinSortOf(nameof(Park.Name));
        b.Property(p => p.Level).HasMaxLength(16);
        b.Property(p => p.Type).HasMaxLength(32);
        b.Property(p => p.RegionCode).HasMaxLength(6);
        b.HasIndex(p => p.Name).IsUnique();
    }
}
