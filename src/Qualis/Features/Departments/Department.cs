using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Departments;

/// <summary>What kind of body a department is (部门类别).</summary>
[Qualis.Platform.Localization.TextKeys("department.kind.", lowerCase: true)]
public enum DepartmentKind
{
    /// <summary>省直部门: a department of the provincial government.</summary>
    Provincial = 1,
    /// <summary>市直部门: a department of a city government.</summary>
    City = 2,
    /// <summary>中央驻皖单位: a central body seated in the province, e.g. customs.</summary>
    Central = 3,
    Other = 4,
}

public static class DepartmentKinds
{
    /// <summary>The text key of each kind, spelled out so the texts test sees every one.</summary>
    public static string TextKey(this DepartmentKind kind) => kind switch
    {
        DepartmentKind.Provincial => "department.kind.provincial",
        DepartmentKind.City => "department.kind.city",
        DepartmentKind.Central => "department.kind.central",
        _ => "department.kind.other",
    };
}

/// <summary>
/// A department that leads or shares the quality-improvement measures (牵头 / 按职责分工负责). Names change after
/// institutional reforms, so the former names are kept as aliases; a department merged away is deactivated, never
/// deleted, because the measures of past years still name it.
/// </summary>
public sealed class Department : IRegionScoped
{
    public const int NameLength = 100;
    public const int AliasesLength = 400;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The current name (现名).</summary>
    public string Name { get; set; } = "";
    /// <summary>The name's pinyin sort string, kept by PinyinSortColumns: the list sorts by it.</summary>
    public string NameSort { get; set; } = "";
    /// <summary>Former names (曾用名), separated by 、 as officials write them.</summary>
    public string? Aliases { get; set; }
    public DepartmentKind Kind { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public bool Active { get; set; } = true;

    /// <summary>The aliases as a list: split on 、，, ; ； and line ends, trimmed, empty ones dropped.</summary>
    public static List<string> SplitAliases(string? aliases) =>
        (aliases ?? "").Split(['、', ',', '，', ';', '；', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("Departments");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Name).HasMaxLength(Department.NameLength);
        b.Property(d => d.NameSort).IsPinyinSortOf(nameof(Department.Name));
        b.Property(d => d.Aliases).HasMaxLength(Department.AliasesLength);
        b.Property(d => d.RegionCode).HasMaxLength(6);
        // One name per region, so a double-clicked form cannot create the department twice.
        b.HasIndex(d => new { d.RegionCode, d.Name }).IsUnique();
    }
}
