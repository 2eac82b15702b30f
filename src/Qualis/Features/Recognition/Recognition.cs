using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Attachments;
using Qualis.Platform.Audit;

namespace Qualis.Features.Recognition;

/// <summary>Who holds a recognition (认定对象): an enterprise of the registry, or a named park, region, person, school or base.</summary>
[TextKeys("recognition.holder.", lowerCase: true)]
public enum HolderKind
{
    /// <summary>企业: an enterprise of the registry, by credit code.</summary>
    Enterprise = 1,
    /// <summary>园区: an industrial park, named.</summary>
    Park = 2,
    /// <summary>县（市、区）: a region itself (质量强县, 质量强市).</summary>
    Region = 3,
    /// <summary>个人: a person (人物示范, 首席质量官).</summary>
    Person = 4,
    /// <summary>学校或基地: a party school, university, vocational school or training base (教育示范).</summary>
    Base = 5,
}

/// <summary>Which family a programme belongs to: what the indicators count together.</summary>
[TextKeys("recognition.family.", lowerCase: true)]
public enum ProgrammeFamily
{
    /// <summary>五大示范: 标杆、组织、人物、教育、文化.</summary>
    Demonstration = 1,
    /// <summary>先进质量管理方法导入: 全面质量管理, 卓越绩效.</summary>
    Adoption = 2,
    /// <summary>政府质量奖 (only as a register entry in this slice).</summary>
    Award = 3,
    /// <summary>名牌.</summary>
    Brand = 4,
    /// <summary>首席质量官.</summary>
    Cqo = 5,
    /// <summary>质量强县（市、区）and brand demonstration zones (品牌示范区).</summary>
    QualityStrong = 6,
    /// <summary>企业标准: 自我声明公开, 领跑者.</summary>
    Standards = 7,
    /// <summary>结对共建: a demonstration enterprise paired with a small firm.</summary>
    Pairing = 8,
}

/// <summary>The level that granted a recognition (认定层级); other modules name it (an award round's level).</summary>
[Qualis.Platform.Modules.ModuleFace]
[TextKeys("recognition.level.", lowerCase: true)]
public enum RecognitionLevel
{
    National = 1,
    Provincial = 2,
    City = 3,
    County = 4,
}

/// <summary>Where a recognition stands: 已申报 → 审核中 → 已公示 → 已认定, then 已到期 or 已撤销.</summary>
[TextKeys("recognition.status.", lowerCase: true)]
public enum RecognitionStatus
{
    Applied = 1,
    UnderReview = 2,
    Announced = 3,
    Granted = 4,
    Expired = 5,
    Revoked = 6,
}

/// <summary>
/// A recognition programme (认定项目): its code, its names in both languages, its family and the holders it accepts. The
/// rows are reference data loaded at start by <see cref="ProgrammeCatalog"/>, the same for every region,
/// and change only with a release: no page edits them, so they keep no trail.
/// </summary>
public sealed class RecognitionProgramme : INotAudited
{
    public string Code { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public ProgrammeFamily Family { get; set; }
    /// <summary>The holder kinds it accepts, by name, comma-separated ("Enterprise,Park").</summary>
    public string Holders { get; set; } = "";
    public int Order { get; set; }

    public IReadOnlyList<HolderKind> Accepts =>
        [.. Holders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<HolderKind>)];

    public string Name(bool english) => english ? NameEn : NameZh;
}

/// <summary>
/// One recognition (认定记录) of any programme: who holds it, at which level and year, where it stands, its validity, the
/// document that granted it (文号) and its evidence. The row sits in the holder's region (an enterprise's own, else the
/// region given), so the area filter shows a county's recognitions to its officials; <see cref="OfficeCode"/> is the office
/// that answers for it (the level's region above the holder: the province for national and provincial ones), whose desk
/// shows it before it expires. Expiry and revocation keep the row with the day it ended.
/// </summary>
public sealed class Recognition : IRegionScoped, IVersioned
{
    public const int NameLength = 200;
    public const int TextLength = 1000;
    public const int DocumentLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string ProgrammeCode { get; set; } = "";
    /// <summary>The programme's family, kept on the row so the indicators count without a join.</summary>
    public ProgrammeFamily Family { get; set; }
    public RecognitionLevel Level { get; set; }
    /// <summary>认定年度.</summary>
    public int Year { get; set; }
    public HolderKind HolderKind { get; set; }
    public string HolderName { get; set; } = "";
    /// <summary>The name's pinyin sort string, kept by PinyinSortColumns.</summary>
    public string HolderNameSort { get; set; } = "";
    /// <summary>The enterprise's credit code when the holder is an enterprise.</summary>
    public string? CreditCode { get; set; }
    public RecognitionStatus Status { get; set; } = RecognitionStatus.Applied;
    /// <summary>The day it was granted (认定日期).</summary>
    public DateOnly? GrantedOn { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    /// <summary>认定文号.</summary>
    public string? DocumentNumber { get; set; }
    /// <summary>The day it expired or was revoked.</summary>
    public DateOnly? EndedOn { get; set; }
    /// <summary>撤销理由.</summary>
    public string? RevocationReason { get; set; }
    public string? Note { get; set; }
    /// <summary>What it recognises beside its holder: a famous brand's product (名牌产品).</summary>
    public string? Product { get; set; }
    /// <summary>The earlier recognition this one renews (复评/延续): granted, it carries the title on past the earlier one's end.</summary>
    public Guid? RenewalOfId { get; set; }
    /// <summary>A chief quality officer's position in the enterprise (职务).</summary>
    public string? Position { get; set; }
    /// <summary>A chief quality officer's quality training hours (培训学时).</summary>
    public int? TrainingHours { get; set; }
    /// <summary>A chief quality officer's training certificate number (培训合格证书编号).</summary>
    public string? CertificateNumber { get; set; }
    /// <summary>A quality-strong region's or brand demonstration zone's creation period (创建期), before its assessment.</summary>
    public DateOnly? CreationFrom { get; set; }
    public DateOnly? CreationTo { get; set; }
    /// <summary>The assessment at the end of creation (验收评估: the result and its score or findings).</summary>
    public string? Assessment { get; set; }
    /// <summary>The small firm a demonstration enterprise is paired with (结对共建的小微企业), by credit code and name.</summary>
    public string? PartnerCreditCode { get; set; }
    public string? PartnerName { get; set; }
    /// <summary>Their joint plan: a help plan of the improvement module for the small firm, whose steps and tasks carry its progress.</summary>
    public Guid? ProjectId { get; set; }
    /// <summary>The region code of the office that answers for it (负责机构).</summary>
    public string OfficeCode { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>An evidence file of a recognition (证明材料: the granting document, the certificate).</summary>
public sealed class RecognitionEvidence : EvidenceFile
{
    public Guid RecognitionId { get; set; }
    public DateTime UploadedAt { get; set; }
}

internal sealed class RecognitionConfiguration : IEntityTypeConfiguration<Recognition>, IEntityTypeConfiguration<RecognitionEvidence>,
    IEntityTypeConfiguration<RecognitionProgramme>
{
    public void Configure(EntityTypeBuilder<RecognitionProgramme> b)
    {
        b.ToTable("RecognitionProgrammes").IsSharedCatalogue();
        b.HasKey(p => p.Code);
        b.Property(p => p.Code).HasMaxLength(32);
        b.Property(p => p.NameZh).HasMaxLength(100);
        b.Property(p => p.NameEn).HasMaxLength(100);
        b.Property(p => p.Holders).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<Recognition> b)
    {
        b.ToTable("Recognitions");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.ProgrammeCode).HasMaxLength(32);
        b.Property(r => r.HolderName).HasMaxLength(Recognition.NameLength);
        b.Property(r => r.HolderNameSort).IsPinyinSortOf(nameof(Recognition.HolderName));
        b.Property(r => r.CreditCode).HasMaxLength(18);
        b.Property(r => r.DocumentNumber).HasMaxLength(Recognition.DocumentLength);
        b.Property(r => r.RevocationReason).HasMaxLength(Recognition.TextLength);
        b.Property(r => r.Note).HasMaxLength(Recognition.TextLength);
        b.Property(r => r.Product).HasMaxLength(Recognition.NameLength);
        b.Property(r => r.Position).HasMaxLength(Recognition.DocumentLength);
        b.Property(r => r.CertificateNumber).HasMaxLength(Recognition.DocumentLength);
        b.HasIndex(r => r.RenewalOfId);
        b.Property(r => r.Assessment).HasMaxLength(Recognition.TextLength);
        b.Property(r => r.PartnerCreditCode).HasMaxLength(18);
        b.Property(r => r.PartnerName).HasMaxLength(Recognition.NameLength);
        b.HasIndex(r => r.PartnerCreditCode);
        b.Property(r => r.OfficeCode).HasMaxLength(6);
        b.Property(r => r.RegionCode).HasMaxLength(6);
        b.Property(r => r.CreatedBy).HasMaxLength(64);
        // The indicators: a year's new recognitions of a family per region, and those in force of a family per region.
        b.HasIndex(r => new { r.Year, r.Family, r.RegionPath }).HasDatabaseName("IX_Recognitions_Count");
        b.HasIndex(r => new { r.Family, r.RegionPath }).HasDatabaseName("IX_Recognitions_InForce");
        // The list's default order; the enterprise page's recognitions; the desk's expiring ones of an office.
        b.HasIndex(r => new { r.Year, r.HolderNameSort, r.Id }).HasDatabaseName("IX_Recognitions_List");
        b.HasIndex(r => r.CreditCode);
        // A holder is recognised once per programme, year and level: a double-clicked form registers one record.
        b.HasIndex(r => new { r.ProgrammeCode, r.Year, r.Level, r.RegionCode, r.HolderName }).IsUnique().HasDatabaseName("IX_Recognitions_Once");
        b.HasIndex(r => new { r.OfficeCode, r.ValidTo });
    }

    public void Configure(EntityTypeBuilder<RecognitionEvidence> b)
    {
        b.ToTable("RecognitionEvidence").InheritsRegionOf<Recognition>(nameof(RecognitionEvidence.RecognitionId));
        b.HasEvidenceFile();
        b.HasIndex(e => e.RecognitionId);
    }
}
