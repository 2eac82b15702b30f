using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Registry.TestingAgencies;

/// <summary>检验检测机构: a testing agency with its accreditation (资质认定/CNAS) number and scopes.</summary>
public sealed class TestingAgency : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    /// <summary>The name's pinyin sort string, kept by PinyinSortColumns: the list sorts by it.</summary>
    public string NameSort { get; set; } = "";
    public string AccreditationNumber { get; set; } = "";
    /// <summary>检验范围 (product categories), separated by "；".</summary>
    public string? Scopes { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
}

internal sealed class TestingAgencyConfiguration : IEntityTypeConfiguration<TestingAgency>
{
    public void Configure(EntityTypeBuilder<TestingAgency> b)
    {
        b.ToTable("TestingAgencies");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.NameSort).IsPinyinSortOf(nameof(TestingAgency.Name));
        b.Property(a => a.AccreditationNumber).HasMaxLength(32);
        b.Property(a => a.Scopes).HasMaxLength(1000);
        b.Property(a => a.RegionCode).HasMaxLength(6);
        b.HasIndex(a => a.AccreditationNumber).IsUnique();
    }
}
