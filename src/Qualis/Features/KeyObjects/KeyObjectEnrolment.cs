using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Features.KeyObjects;

/// <summary>The four kinds of key object (四重) a city enrols each year.</summary>
[TextKeys("keyobjects.kind.", lowerCase: true)]
public enum KeyObjectKind
{
    /// <summary>重点产业园区: a park of the registry.</summary>
    Park = 1,
    /// <summary>重点产品和服务: a name, optionally with a product category of the registry.</summary>
    Product = 2,
    /// <summary>重点行业: a GB/T 4754 section or division of the registry.</summary>
    Industry = 3,
    /// <summary>重点企业: an enterprise of the registry, by credit code.</summary>
    Enterprise = 4,
}

/// <summary>Whether an enrolment counts: active, or withdrawn (撤销, kept with its reason).</summary>
[TextKeys("keyobjects.status.", lowerCase: true)]
public enum KeyObjectStatus
{
    Active = 1,
    Withdrawn = 2,
}

public static class KeyObjectTexts
{
    /// <summary>The text key of each kind, spelled out so the texts test sees every one.</summary>
    public static string TextKey(this KeyObjectKind kind) => kind switch
    {
        KeyObjectKind.Park => "keyobjects.kind.park",
        KeyObjectKind.Product => "keyobjects.kind.product",
        KeyObjectKind.Industry => "keyobjects.kind.industry",
        _ => "keyobjects.kind.enterprise",
    };

    public static string TextKey(this KeyObjectStatus status) =>
        status == KeyObjectStatus.Active ? "keyobjects.status.active" : "keyobjects.status.withdrawn";
}

/// <summary>
/// One key object (重点对象) a city enrolled for a year: a park, product or service, industry or enterprise, with who
/// enrolled it, when, why and the improvement goal (提升目标). Withdrawing it (撤销) keeps the row with its reason, so a
/// figure counted at an earlier date stays what it was. The row sits in the object's own region (an enterprise's or
/// park's county, else the city), so a county's officials read the enrolments of their county; the city that enrolled it
/// is <see cref="CityCode"/>.
/// </summary>
public sealed class KeyObjectEnrolment : IRegionScoped, IVersioned
{
    public const int NameLength = 200;
    public const int KeyLength = 200;
    public const int TextLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Year { get; set; }
    public KeyObjectKind Kind { get; set; }
    /// <summary>The city (设区市) whose enrolment this is.</summary>
    public string CityCode { get; set; } = "";
    /// <summary>What is enrolled: a park's id, a product's name, an industry's code, an enterprise's credit code.</summary>
    public string ObjectKey { get; set; } = "";
    /// <summary>The object's name as officials read it (the park's, enterprise's or industry's name at enrolment, the product's name).</summary>
    public string ObjectName { get; set; } = "";
    /// <summary>The name's pinyin sort string, kept by PinyinSortColumns: the list sorts by it.</summary>
    public string ObjectNameSort { get; set; } = "";
    /// <summary>A key product's category in the registry's catalogue (产品类别), when given.</summary>
    public string? ProductCategoryCode { get; set; }
    /// <summary>列入理由.</summary>
    public string Reason { get; set; } = "";
    /// <summary>提升目标.</summary>
    public string Goal { get; set; } = "";
    public KeyObjectStatus Status { get; set; } = KeyObjectStatus.Active;
    public DateTime EnrolledAt { get; set; }
    public string EnrolledBy { get; set; } = "";
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    /// <summary>撤销理由.</summary>
    public string? WithdrawalReason { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public int Version { get; set; }
}

internal sealed class KeyObjectEnrolmentConfiguration : IEntityTypeConfiguration<KeyObjectEnrolment>
{
    public void Configure(EntityTypeBuilder<KeyObjectEnrolment> b)
    {
        b.ToTable("KeyObjectEnrolments");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.CityCode).HasMaxLength(6);
        b.Property(e => e.ObjectKey).HasMaxLength(KeyObjectEnrolment.KeyLength);
        b.Property(e => e.ObjectName).HasMaxLength(KeyObjectEnrolment.NameLength);
        b.Property(e => e.ObjectNameSort).IsPinyinSortOf(nameof(KeyObjectEnrolment.ObjectName));
        b.Property(e => e.ProductCategoryCode).HasMaxLength(16);
        b.Property(e => e.Reason).HasMaxLength(KeyObjectEnrolment.TextLength);
        b.Property(e => e.Goal).HasMaxLength(KeyObjectEnrolment.TextLength);
        b.Property(e => e.EnrolledBy).HasMaxLength(64);
        b.Property(e => e.WithdrawnBy).HasMaxLength(64);
        b.Property(e => e.WithdrawalReason).HasMaxLength(KeyObjectEnrolment.TextLength);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        // One active enrolment of an object per city, year and kind: a double-clicked form enrols it once. A withdrawn one
        // stays beside a later re-enrolment.
        b.HasIndex(e => new { e.CityCode, e.Year, e.Kind, e.ObjectKey }).IsUnique()
            .HasFilter("\"Status\" = 'Active'").HasDatabaseName("IX_KeyObjectEnrolments_Active");
        // The indicators count a year's enrolments of a kind per region.
        b.HasIndex(e => new { e.Year, e.Kind, e.RegionPath }).HasDatabaseName("IX_KeyObjectEnrolments_Count");
        // The list's default order within a year.
        b.HasIndex(e => new { e.Year, e.CityCode, e.Kind, e.ObjectNameSort, e.Id }).HasDatabaseName("IX_KeyObjectEnrolments_List");
    }
}
