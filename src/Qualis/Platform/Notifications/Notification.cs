using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qualis.Platform.Audit;

namespace Qualis.Platform.Notifications;

/// <summary>Why a person was notified (站内信事由).</summary>
[TextKeys("notify.event.", lowerCase: true)]
public enum NotificationEvent
{
    /// <summary>Something landed on the person's desk (新待办).</summary>
    Assigned,
    /// <summary>A to-do's deadline is near (临期提醒), within the lead time of its kind.</summary>
    DueSoon,
}

/// <summary>
/// A message in the platform to one person (站内信): what happened, about which item, where to act, when, and when
/// it was read. The dedupe key names the occasion (the to-do, or the to-do and its due day), and a unique index on
/// person and key makes a second pass of the job, on this instance or another, add nothing.
/// A log of the platform's own messages, not a record officials change: not audited.
/// </summary>
public sealed class Notification : INotAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string UserId { get; set; } = "";
    public NotificationEvent Event { get; set; }
    /// <summary>The to-do's kind: a text key.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The item in names (enterprise, product …), shown as it is in both languages.</summary>
    public string Title { get; set; } = "";
    public string Link { get; set; } = "";
    public DateOnly? Due { get; set; }
    public string DedupeKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.UserId).HasMaxLength(64);
        b.Property(n => n.Event).HasMaxLength(16);
        b.Property(n => n.Kind).HasMaxLength(64);
        b.Property(n => n.Title).HasMaxLength(300);
        b.Property(n => n.Link).HasMaxLength(300);
        b.Property(n => n.DedupeKey).HasMaxLength(200);
        b.HasIndex(n => new { n.UserId, n.DedupeKey }).IsUnique();
        // The bell's unread count and the list, newest first, read one person's rows only.
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}
