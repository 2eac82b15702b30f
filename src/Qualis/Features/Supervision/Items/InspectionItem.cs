using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Supervision.Items;

/// <summary>
/// One entry of the list of random-inspection items (随机抽查事项清单, the "一单" of 双随机): what is checked, on what
/// legal basis, by which department, how often and how many. The province keeps one list for all its cities.
/// </summary>
public sealed class InspectionItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>事项编码, e.g. "CJ-01".</summary>
    public string Code { get; set; } = "";
    /// <summary>抽查事项, e.g. 产品质量监督抽查.</summary>
    public string Name { get; set; } = "";
    /// <summary>抽查子项, e.g. 电线电缆产品质量.</summary>
    public string? SubItem { get; set; }
    /// <summary>检查依据: the law and articles.</summary>
    public string LegalBasis { get; set; } = "";
    /// <summary>实施部门 / 责任处室.</summary>
    public string Department { get; set; } = "";
    /// <summary>检查对象: e.g. 生产企业, 销售企业.</summary>
    public string ObjectType { get; set; } = "";
    /// <summary>重点检查事项: no cap on the sampling ratio. Ordinary items (一般检查事项) are capped.</summary>
    public bool IsKey { get; set; }
    /// <summary>抽查比例 in percent, when the item gives a ratio.</summary>
    public decimal? RatioPercent { get; set; }
    /// <summary>抽查数量, when the item gives a count.</summary>
    public int? Count { get; set; }
    /// <summary>抽查频次, e.g. 每年 1 次.</summary>
    public string Frequency { get; set; } = "";
    /// <summary>检查方式, e.g. 抽样检验, 书面检查, 实地核查.</summary>
    public string Method { get; set; } = "";
    /// <summary>执法人员要求, e.g. 持执法证, 熟悉电线电缆产品标准.</summary>
    public string? InspectorRequirements { get; set; }
    /// <summary>The product category (产品类别) the item samples, when it is a product spot check.</summary>
    public string? ProductCategoryCode { get; set; }
    /// <summary>
    /// The target type (检查对象) as industries of GB/T 4754, sections or divisions, comma-separated: producers (生产企业)
    /// are manufacturing "C", sellers (销售企业) wholesale and retail "F". A batch takes them as its scope by default.
    /// </summary>
    public string? TargetIndustries { get; set; }

    /// <summary>The codes of <see cref="TargetIndustries"/>.</summary>
    public IReadOnlyList<string> TargetIndustryCodes => (TargetIndustries ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public bool Active { get; set; } = true;
}

internal sealed class InspectionItemConfiguration : IEntityTypeConfiguration<InspectionItem>
{
    public void Configure(EntityTypeBuilder<InspectionItem> b)
    {
        b.ToTable("InspectionItems").IsSharedCatalogue();
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Code).HasMaxLength(16);
        b.Property(i => i.Name).HasMaxLength(100);
        b.Property(i => i.SubItem).HasMaxLength(100);
        b.Property(i => i.LegalBasis).HasMaxLength(500);
        b.Property(i => i.Department).HasMaxLength(100);
        b.Property(i => i.ObjectType).HasMaxLength(50);
        b.Property(i => i.RatioPercent).HasPrecision(5, 2);
        b.Property(i => i.Frequency).HasMaxLength(50);
        b.Property(i => i.Method).HasMaxLength(50);
        b.Property(i => i.InspectorRequirements).HasMaxLength(200);
        b.Property(i => i.ProductCategoryCode).HasMaxLength(16);
        b.Property(i => i.TargetIndustries).HasMaxLength(200);
        b.Ignore(i => i.TargetIndustryCodes);
        b.HasIndex(i => i.Code).IsUnique();
    }
}
