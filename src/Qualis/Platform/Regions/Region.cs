using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Platform.Regions;

/// <summary>行政区划: a GB/T 2260 administrative division (province 省, city 设区市, county 县(市、区)).</summary>
public sealed class Region : IRegionScoped
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? ParentCode { get; set; }
    public RegionLevel Level { get; set; }
    /// <summary>"/340000/340100/" for 合肥市: the key of region scoping.</summary>
    public required string RegionPath { get; set; }

    public string DisplayName(bool english) => english && !string.IsNullOrEmpty(NameEn) ? NameEn : Name;

    public static string PathOf(string? parentPath, string code) => (parentPath ?? "/") + code + "/";

    /// <summary>The paths of the areas above a path: "/340000/340100/340102/" → "/340000/", "/340000/340100/".</summary>
    public static List<string> PathsAbove(string path)
    {
        var codes = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(1, Math.Max(0, codes.Length - 1)).Select(n => "/" + string.Join('/', codes.Take(n)) + "/").ToList();
    }
}

[TextKeys("user.region_level_", lowerCase: true)]
public enum RegionLevel { Province = 1, City = 2, County = 3 }

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("Regions");
        b.HasKey(r => r.Code);
        b.Property(r => r.Code).HasMaxLength(6);
        // A level is ordered (province, city, county) and compared, so it is stored as its number.
        b.Property(r => r.Level).HasConversion<int>();
        b.Property(r => r.Name).HasMaxLength(64);
        b.Property(r => r.NameEn).HasMaxLength(64);
        b.Property(r => r.ParentCode).HasMaxLength(6);
        b.HasIndex(r => r.RegionPath).IsUnique();
        b.HasIndex(r => r.ParentCode);
    }
}
