using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Features.Supervision.Plans;

/// <summary>A region's yearly random-inspection plan (年度双随机抽查计划), carried out in batches (批次).</summary>
public sealed class SamplingPlan : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Year { get; set; }
    public string Name { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One batch of a plan (抽查批次): the items it inspects and the draw's rules — who is eligible, who is excluded and
/// why, how the directory is stratified and how many are drawn from each stratum.
/// </summary>
public sealed class PlanBatch : IRegionScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public int Number { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The plan's region path (a batch belongs to its plan's area).</summary>
    public string RegionPath { get; set; } = "";
    public BatchSettings Settings { get; set; } = new();
    public DateTime CreatedAt { get; set; }
}

/// <summary>How a batch's directory is divided into strata (分层).</summary>
[TextKeys("batch.region_strata.", lowerCase: true)]
public enum RegionStrata { None, City, County }

[TextKeys("batch.industry_strata.", lowerCase: true)]
public enum IndustryStrata { None, Section, Division }

/// <summary>A manual exclusion (人工排除) with its reason, e.g. an enterprise under investigation.</summary>
[Platform.Web.JsonNamesAsDeclared]
public sealed record ManualExclusion(string CreditCode, string Reason);

/// <summary>The draw rules of a batch, stored with it and published with each draw (the API writes them as stored).</summary>
[Platform.Web.JsonNamesAsDeclared]
public sealed record BatchSettings
{
    /// <summary>Codes of the inspection items (随机抽查事项) the batch carries out.</summary>
    public List<string> ItemCodes { get; init; } = [];

    // Scope (抽查范围): who is in the directory at all. Empty lists mean "any".
    public string? ScopeRegion { get; init; }
    public List<string> Industries { get; init; } = [];
    public List<string> ProductCategories { get; init; } = [];
    public List<EnterpriseSize> Sizes { get; init; } = [];
    public List<EnterpriseStatus> Statuses { get; init; } = [];
    public List<CreditRiskClass> CreditClasses { get; init; } = [];
    /// <summary>The official confirmed a scope nothing narrows: every industry and every product category (全行业、全品类).</summary>
    public bool WholeScopeConfirmed { get; init; }
    /// <summary>
    /// The scope the items gave when the batch was saved (ItemScope), kept beside the batch's own so that a change from
    /// it is on record (the audit trail holds each save) and the batch page can say what was added or dropped; null before it was kept.
    /// </summary>
    public List<string>? ItemProductCategories { get; init; }
    public List<string>? ItemIndustries { get; init; }

    // Exclusions (排除): inspected by the same items lately, closed (注销/吊销), and a manual list with reasons.
    public int? ExcludeInspectedWithinMonths { get; init; } = 12;
    public bool ExcludeClosed { get; init; } = true;
    public List<ManualExclusion> ManualExclusions { get; init; } = [];

    // Strata (分层) and how many each gives: a ratio (percent) or a count, or a ratio per credit-risk class.
    public RegionStrata ByRegion { get; init; } = RegionStrata.City;
    public IndustryStrata ByIndustry { get; init; } = IndustryStrata.None;
    public bool ByCreditClass { get; init; }
    public decimal? RatioPercent { get; init; } = 5;
    public int? CountPerStratum { get; init; }
    public Dictionary<CreditRiskClass, decimal> RatioPercentByClass { get; init; } = [];

    // Teams (执法检查组).
    public int TeamSize { get; init; } = 2;
    public bool ExcludeOwnCounty { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BatchSettings FromJson(string json) => JsonSerializer.Deserialize<BatchSettings>(json, Json) ?? new();
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<SamplingPlan>, IEntityTypeConfiguration<PlanBatch>
{
    public void Configure(EntityTypeBuilder<SamplingPlan> b)
    {
        b.ToTable("SamplingPlans");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.RegionCode).HasMaxLength(6);
        // One plan of a name per area and year: a plan created twice (a double click) is created once.
        b.HasIndex(p => new { p.RegionCode, p.Year, p.Name }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PlanBatch> b)
    {
        b.ToTable("PlanBatches");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Settings).HasConversion(s => s.ToJson(), j => BatchSettings.FromJson(j),
            new ValueComparer<BatchSettings>((x, y) => x!.ToJson() == y!.ToJson(), s => s.ToJson().GetHashCode(), s => BatchSettings.FromJson(s.ToJson())));
        // A plan's batches are numbered 1, 2, … once each: a batch created twice at once is created once.
        b.HasIndex(p => new { p.PlanId, p.Number }).IsUnique();
    }
}
