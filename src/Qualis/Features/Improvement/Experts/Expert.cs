using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Improvement.Experts;

/// <summary>An expert's field (专业领域), as the notices group quality infrastructure work.</summary>
[TextKeys("improvement.field.", lowerCase: true)]
public enum ExpertField
{
    /// <summary>标准.</summary>
    Standard = 1,
    /// <summary>计量.</summary>
    Metrology = 2,
    /// <summary>认证认可.</summary>
    Certification = 3,
    /// <summary>检验检测.</summary>
    Testing = 4,
    /// <summary>品牌.</summary>
    Brand = 5,
    /// <summary>质量管理.</summary>
    Management = 6,
    /// <summary>技术（工艺、研发）.</summary>
    Technology = 7,
}

/// <summary>Whether an expert can be chosen now (可用状态).</summary>
[TextKeys("improvement.availability.", lowerCase: true)]
public enum ExpertAvailability
{
    /// <summary>可聘用.</summary>
    Available = 1,
    /// <summary>暂不可用（出差、任务饱和）.</summary>
    Busy = 2,
    /// <summary>已退出专家库.</summary>
    Withdrawn = 3,
}

/// <summary>
/// An expert of the directory (专家库): name, field, title (职称), unit, the region whose directory holds them, whether they
/// can be chosen, and the enterprises or units they declared a conflict with (利益冲突声明: their employer, a firm they
/// advise), whom they must not judge. An expert may be linked to an account (<see cref="UserName"/>, any role), through
/// which they read the consultations and tasks assigned to them.
/// </summary>
public sealed class Expert : IRegionScoped, IVersioned
{
    public const int NameLength = 100;
    public const int UnitLength = 200;
    public const int TextLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    /// <summary>The name's pinyin sort string, kept by PinyinSortColumns.</summary>
    public string NameSort { get; set; } = "";
    public ExpertField Field { get; set; }
    /// <summary>职称 (正高级工程师, 教授 …).</summary>
    public string Title { get; set; } = "";
    /// <summary>工作单位.</summary>
    public string Unit { get; set; } = "";
    public string? Phone { get; set; }
    public ExpertAvailability Availability { get; set; } = ExpertAvailability.Available;
    /// <summary>Declared conflicts: credit codes or unit names, one per line or separated by 、，; .</summary>
    public string? Conflicts { get; set; }
    /// <summary>The sign-in name of the expert's own account, if they have one.</summary>
    public string? UserName { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Version { get; set; }
}

internal sealed class ExpertConfiguration : IEntityTypeConfiguration<Expert>
{
    public void Configure(EntityTypeBuilder<Expert> b)
    {
        b.ToTable("Experts");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Name).HasMaxLength(Expert.NameLength);
        b.Property(e => e.NameSort).IsPinyinSortOf(nameof(Expert.Name));
        b.Property(e => e.Title).HasMaxLength(Expert.NameLength);
        b.Property(e => e.Unit).HasMaxLength(Expert.UnitLength);
        b.Property(e => e.Phone).HasMaxLength(32);
        b.Property(e => e.Conflicts).HasMaxLength(Expert.TextLength);
        b.Property(e => e.UserName).HasMaxLength(64);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.CreatedBy).HasMaxLength(64);
        // One expert of a name and unit per region's directory: a double-submitted form or a re-imported file adds them once.
        b.HasIndex(e => new { e.RegionCode, e.Name, e.Unit }).IsUnique().HasDatabaseName("IX_Experts_Once");
        b.HasIndex(e => new { e.NameSort, e.Id }).HasDatabaseName("IX_Experts_List");
        b.HasIndex(e => e.UserName);
    }
}

/// <summary>The rules of the directory, without ASP.NET or EF: reading declared conflicts and matching them.</summary>
public static class ExpertRules
{
    private static readonly char[] Separators = ['\n', '\r', '、', '，', ',', '；', ';'];

    /// <summary>The declared conflicts, one entry each, trimmed, credit codes upper-cased.</summary>
    public static IReadOnlyList<string> ConflictEntries(string? conflicts) =>
        string.IsNullOrWhiteSpace(conflicts) ? []
            : [.. conflicts.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => s.Length == 18 && s.All(char.IsAsciiLetterOrDigit) ? s.ToUpperInvariant() : s).Distinct()];

    /// <summary>
    /// Whether an expert with these declared conflicts must not judge the party: its credit code is declared, or a
    /// declared unit name is the party's name (or the expert's own unit is).
    /// </summary>
    public static bool ConflictsWith(string? conflicts, string expertUnit, string? creditCode, string? partyName)
    {
        var entries = ConflictEntries(conflicts);
        if (creditCode is { Length: > 0 } code && entries.Contains(code.Trim().ToUpperInvariant())) return true;
        if (partyName is not { Length: > 0 } name) return false;
        name = name.Trim();
        return entries.Contains(name) || string.Equals(expertUnit.Trim(), name, StringComparison.Ordinal);
    }
}
