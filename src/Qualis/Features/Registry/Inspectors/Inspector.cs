using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Registry.Inspectors;

/// <summary>执法检查人员名录库: an inspector who can be drawn at random for inspections.</summary>
public sealed class Inspector : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    /// <summary>The name's pinyin sort string, kept by PinyinSortColumns: the list sorts by it.</summary>
    public string NameSort { get; set; } = "";
    /// <summary>所在单位.</summary>
    public string Unit { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    /// <summary>执法证号: the key of the directory.</summary>
    public string CertificateNumber { get; set; } = "";
    /// <summary>专长 (product categories or fields), separated by "；".</summary>
    public string? Specialties { get; set; }
    public bool Active { get; set; } = true;
}

internal sealed class InspectorConfiguration : IEntityTypeConfiguration<Inspector>
{
    public void Configure(EntityTypeBuilder<Inspector> b)
    {
        b.ToTable("Inspectors");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Name).HasMaxLength(64);
        b.Property(i => i.NameSort).IsPinyinSortOf(nameof(Inspector.Name));
        b.Property(i => i.Unit).HasMaxLength(200);
        b.Property(i => i.RegionCode).HasMaxLength(6);
        b.Property(i => i.CertificateNumber).HasMaxLength(32);
        b.Property(i => i.Specialties).HasMaxLength(500);
        b.HasIndex(i => i.CertificateNumber).IsUnique();
    }
}
