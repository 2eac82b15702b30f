using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>企业/市场主体: an enterprise of the registry, keyed by its unified social credit code (统一社会信用代码).</summary>
public sealed class Enterprise : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string CreditCode { get; set; } = "";
    /// <summary>A legacy code that fails the check character, accepted by an officer with a reason (audited).</summary>
    public string? CreditCodeOverrideReason { get; set; }
    private string _name = "";

    public string Name
    {
        get => _name;
        set
        {
            _name = value;
            NameGrams = NameSearch.Grams(value);
        }
    }

    /// <summary>The name's character pairs for fragment search (<see cref="NameSearch"/>), kept with the name.</summary>
    public string NameGrams { get; set; } = "";
    /// <summary>The name's pinyin sort string (<see cref="PinyinSort"/>), kept by <see cref="PinyinSortColumns"/>: lists sort by it.</summary>
    public string NameSort { get; set; } = "";
    /// <summary>曾用名, separated by "；".</summary>
    public string? FormerNames { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? Address { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    /// <summary>国民经济行业分类 GB/T 4754-2017 code (division or deeper).</summary>
    public string? IndustryCode { get; set; }
    public decimal? RegisteredCapitalYuan { get; set; }
    public int? Employees { get; set; }
    public decimal? RevenueYuan { get; set; }
    public EnterpriseSize? Size { get; set; }
    /// <summary>True when the size class was entered by hand because the figures are missing.</summary>
    public bool SizeEntered { get; set; }
    public EnterpriseStatus Status { get; set; } = EnterpriseStatus.Existing;
    public DateOnly? EstablishedOn { get; set; }
    public Guid? ParkId { get; set; }
    /// <summary>首席质量官.</summary>
    public string? ChiefQualityOfficer { get; set; }
    /// <summary>认证 (ISO 9001 …), separated by "；".</summary>
    public string? Certifications { get; set; }
    /// <summary>质量奖.</summary>
    public string? QualityAwards { get; set; }
    /// <summary>品牌/名牌.</summary>
    public string? Brands { get; set; }
    /// <summary>企业标准自我声明公开: declared standards, separated by "；".</summary>
    public string? DeclaredStandards { get; set; }
    /// <summary>
    /// 信用风险分类 (A lowest risk … D highest): sets how often the double-random draw picks the enterprise. B until the
    /// credit module grades it.
    /// </summary>
    public CreditRiskClass CreditClass { get; set; } = CreditRiskClass.B;
    /// <summary>Codes of the product categories (产品类别) it makes or sells, separated by "；": the spot checks' scope.</summary>
    public string? ProductCategories { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    /// <summary>
    /// The region-path index, which serves every area filter. On SQLite it also carries what a draw reads of a
    /// million-enterprise directory, so the draw scans that index alone, in order, instead of the whole table. On
    /// PostgreSQL a draw reads the table itself (an index-only scan needs a freshly vacuumed table, and the planner
    /// prefers a sequential scan for most of the directory), so the wide index would only slow imports down: there
    /// the plain region-path index of every region-scoped record (QualisDb's convention) serves.
    /// </summary>
    private sealed class RegionIndex : IProviderModelConfiguration
    {
        public void Configure(ModelBuilder model, bool postgres)
        {
            if (!postgres)
                model.Entity<Enterprise>().HasIndex(e => new { e.RegionPath, e.Status, e.CreditClass, e.IndustryCode, e.Size, e.RegionCode, e.CreditCode })
                    .HasDatabaseName("IX_Enterprises_Draw");
        }
    }

    public void Configure(EntityTypeBuilder<Enterprise> b)
    {
        b.ToTable("Enterprises");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.CreditCode).HasMaxLength(18).HasAnnotation(QualisDb.BytewiseAnnotation, true);
        b.Property(e => e.CreditCodeOverrideReason).HasMaxLength(256);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.NameGrams).HasAnnotation(Platform.Audit.AuditRecorder.Derived, true);
        b.Property(e => e.NameSort).IsPinyinSortOf(nameof(Enterprise.Name));
        b.Property(e => e.FormerNames).HasMaxLength(500);
        b.Property(e => e.LegalRepresentative).HasMaxLength(64);
        b.Property(e => e.Address).HasMaxLength(300);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.IndustryCode).HasMaxLength(5);
        b.Property(e => e.RegisteredCapitalYuan).HasPrecision(18, 2);
        b.Property(e => e.RevenueYuan).HasPrecision(18, 2);
        b.Property(e => e.Size).HasMaxLength(8);
        b.Property(e => e.Status).HasMaxLength(12);
        b.Property(e => e.ChiefQualityOfficer).HasMaxLength(64);
        b.Property(e => e.Certifications).HasMaxLength(1000);
        b.Property(e => e.QualityAwards).HasMaxLength(1000);
        b.Property(e => e.Brands).HasMaxLength(1000);
        b.Property(e => e.DeclaredStandards).HasMaxLength(2000);
        b.Property(e => e.CreditClass).HasMaxLength(1);
        b.Property(e => e.ProductCategories).HasMaxLength(500);
        b.HasIndex(e => e.CreditCode).IsUnique();
        b.HasIndex(e => e.Name);
        b.HasIndex(e => e.IndustryCode);
        b.HasIndex(e => e.ParkId);
        // A partner's incremental sync (updatedSince) finds the few firms changed since its last call without reading the rest.
        b.HasIndex(e => new { e.UpdatedAt, e.CreditCode }, "IX_Enterprises_UpdatedAt");
        // The list's sorts (EnterpriseFilter.SortOrders), each read from its index forwards, or backwards for deep pages.
        // The region path and the filtered columns ride along at the end, so the area filter and the list's filters are
        // checked in the index without reading the rows it passes over (IndexOrder). The size filter has its own index in
        // employee order: the two are tied, so the plain employee index would pass every larger firm before a small one.
        b.HasIndex(e => new { e.NameSort, e.CreditCode, e.RegionPath, e.Status, e.Size, e.IndustryCode }, "IX_Enterprises_List_Name");
        b.HasIndex(e => new { e.CreditCode, e.RegionPath, e.Status, e.Size, e.IndustryCode }, "IX_Enterprises_List_Code");
        b.HasIndex(e => new { e.RegionPath, e.NameSort, e.CreditCode });
        b.HasIndex(e => new { e.EstablishedOn, e.CreditCode, e.RegionPath, e.Status, e.Size, e.IndustryCode }, "IX_Enterprises_List_Established");
        b.HasIndex(e => new { e.Employees, e.CreditCode, e.RegionPath, e.Status, e.Size, e.IndustryCode }, "IX_Enterprises_List_Employees");
        b.HasIndex(e => new { e.Size, e.Employees, e.CreditCode, e.RegionPath, e.Status, e.IndustryCode }, "IX_Enterprises_List_SizeEmployees");
    }
}
