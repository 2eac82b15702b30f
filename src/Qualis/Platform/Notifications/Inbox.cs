namespace Qualis.Platform.Notifications;

/// <summary>One person's notifications (我的消息): the bell's count, the list, and marking read. Always the actor's own rows.</summary>
public static class Inbox
{
    public static IQueryable<Notification> Of(QualisDb db, string userId) =>
        db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId);

    public static Task<int> UnreadCountAsync(QualisDb db, string userId, CancellationToken ct = default) =>
        Of(db, userId).CountAsync(n => n.ReadAt == null, ct);

    /// <summary>The link of the person's notification, marked read now if it was unread; null when it is not theirs.</summary>
    public static async Task<string?> OpenAsync(QualisDb db, string userId, Guid id, DateTime nowUtc, CancellationToken ct = default)
    {
        var link = await Of(db, userId).Where(n => n.Id == id).Select(n => n.Link).SingleOrDefaultAsync(ct);
        if (link is null) return null;
        await db.Set<Notification>().Where(n => n.Id == id && n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, (DateTime?)nowUtc), ct);
        return link;
    }

    /// <summary>Marks every unread notification of the person read; a second call finds none and changes nothing.</summary>
    public static Task<int> MarkAllReadAsync(QualisDb db, string userId, DateTime nowUtc, CancellationToken ct = default) =>
        db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, (DateTime?)nowUtc), ct);
}
