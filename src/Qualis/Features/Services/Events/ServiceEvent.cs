using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Features.Services.Questionnaires;

namespace Qualis.Features.Services.Events;

/// <summary>What kind of service event: a mobile quality clinic, a training, an on-site help visit, another event.</summary>
[TextKeys("services.event_kind.", lowerCase: true)]
public enum ServiceEventKind
{
    /// <summary>质量流动诊所.</summary>
    Clinic = 1,
    /// <summary>质量培训.</summary>
    Training = 2,
    /// <summary>上门帮扶.</summary>
    Visit = 3,
    /// <summary>其他服务活动.</summary>
    Other = 4,
}

/// <summary>How an event is run (服务方式): on site, remote, by a single expert, by a panel of experts.</summary>
[TextKeys("services.mode.", lowerCase: true)]
public enum ServiceMode
{
    /// <summary>现场诊断.</summary>
    OnSite = 1,
    /// <summary>远程诊断.</summary>
    Remote = 2,
    /// <summary>单一专家.</summary>
    SingleExpert = 3,
    /// <summary>专家组.</summary>
    Panel = 4,
}

/// <summary>
/// A service event (服务活动) held by an office for the small firms: a mobile quality clinic (质量流动诊所) and the like,
/// its mode, day, place, the park or industry it served and the experts who came. It sits in the holding office's region;
/// the firms that came sit in their own (<see cref="ServiceEventFirm"/>), so a county sees its firms' diagnoses.
/// </summary>
public sealed class ServiceEvent : IRegionScoped, IVersioned
{
    public const int TitleLength = 200;
    public const int TextLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public ServiceEventKind Kind { get; set; }
    public ServiceMode Mode { get; set; }
    public string Title { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public string Place { get; set; } = "";
    /// <summary>The park of the registry it served, if any (its name kept beside it).</summary>
    public Guid? ParkId { get; set; }
    public string? ParkName { get; set; }
    /// <summary>The industry it served (行业), as the office names it.</summary>
    public string? Industry { get; set; }
    /// <summary>The experts who came (专家) as read: the directory's ones by name, then any from outside it, separated by "、".</summary>
    public string? Experts { get; set; }
    /// <summary>The ids of the directory's experts who came (专家库), separated by ","; their declared conflicts are checked for every firm diagnosed.</summary>
    public string ExpertIds { get; set; } = "";
    public string? Note { get; set; }
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>
/// A firm that came to a service event (参加企业): the problems diagnosed (诊断问题) and their area, the follow-up agreed
/// (整改/跟踪事项) with its due day, which is a task of the improvement module (<see cref="FollowUpTaskId"/>) that the firm
/// reports on and that is closed only with evidence. In the firm's region; the event's day, kind and title are kept
/// on the row for the firm's archive and the counts, which read the firm's rows only. One per event and firm.
/// </summary>
public sealed class ServiceEventFirm : IRegionScoped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EventId { get; set; }
    public ServiceEventKind EventKind { get; set; }
    public DateOnly EventDate { get; set; }
    public string EventTitle { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public string EnterpriseName { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    public ServiceArea? ProblemArea { get; set; }
    public string? Problems { get; set; }
    public string? FollowUp { get; set; }
    public DateOnly? FollowUpDue { get; set; }
    public Guid? FollowUpTaskId { get; set; }
    public DateTime AddedAt { get; set; }
    public string AddedBy { get; set; } = "";
    public int Version { get; set; }
}

internal sealed class ServiceEventConfiguration : IEntityTypeConfiguration<ServiceEvent>, IEntityTypeConfiguration<ServiceEventFirm>
{
    public void Configure(EntityTypeBuilder<ServiceEvent> b)
    {
        b.ToTable("ServiceEvents");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Title).HasMaxLength(ServiceEvent.TitleLength);
        b.Property(e => e.Place).HasMaxLength(ServiceEvent.TitleLength);
        b.Property(e => e.ParkName).HasMaxLength(ServiceEvent.TitleLength);
        b.Property(e => e.Industry).HasMaxLength(100);
        b.Property(e => e.Experts).HasMaxLength(500);
        b.Property(e => e.ExpertIds).HasMaxLength(1000);
        b.Property(e => e.Note).HasMaxLength(ServiceEvent.TextLength);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.CreatedBy).HasMaxLength(64);
        // A double-clicked form records one event: one of a title per office and day.
        b.HasIndex(e => new { e.RegionCode, e.HeldOn, e.Title }).IsUnique().HasDatabaseName("IX_ServiceEvents_Once");
        // The list, newest first; the clinics held per region and year.
        b.HasIndex(e => new { e.HeldOn, e.Id });
        b.HasIndex(e => new { e.Kind, e.HeldOn, e.RegionPath }).HasDatabaseName("IX_ServiceEvents_Count");
    }

    public void Configure(EntityTypeBuilder<ServiceEventFirm> b)
    {
        b.ToTable("ServiceEventFirms");
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.EventTitle).HasMaxLength(ServiceEvent.TitleLength);
        b.Property(f => f.CreditCode).HasMaxLength(18);
        b.Property(f => f.EnterpriseName).HasMaxLength(200);
        b.Property(f => f.RegionCode).HasMaxLength(6);
        b.Property(f => f.Problems).HasMaxLength(ServiceEvent.TextLength);
        b.Property(f => f.FollowUp).HasMaxLength(ServiceEvent.TextLength);
        b.Property(f => f.AddedBy).HasMaxLength(64);
        b.HasIndex(f => new { f.EventId, f.CreditCode }).IsUnique().HasDatabaseName("IX_ServiceEventFirms_Once");
        // A firm's archive; the firms served per region and year.
        b.HasIndex(f => f.CreditCode);
        b.HasIndex(f => new { f.EventDate, f.RegionPath }).HasDatabaseName("IX_ServiceEventFirms_Count");
    }
}
