using Qualis.Platform.Audit;
using Qualis.Platform.Modules;

namespace Qualis.Features.Audit;

[ModuleFace]
public sealed record AuditHistoryView(string EntityType, string EntityKey, IReadOnlyList<AuditRow> Rows);

[ModuleFace]
public sealed record AuditRow(long Sequence, DateTime At, string? UserName, string Source, string? Ip, string Action, string EntityType, string EntityKey, string? Before, string? After);

/// <summary>A record's history, newest first; the query filter keeps it to the reader's area.</summary>
[ModuleFace]
public static class AuditHistory
{
    public static async Task<AuditHistoryView> ForAsync(QualisDb db, string entityType, string key, int take = 100) =>
        new(entityType, key, await Rows(db.AuditEntries.Where(e => e.EntityType == entityType && e.EntityKey == key)
            .OrderByDescending(e => e.Sequence).Take(take)).ToListAsync());

    /// <summary>Projects entries into rows; order and page the entries first (EF cannot order by a projected record).</summary>
    public static IQueryable<AuditRow> Rows(IQueryable<AuditEntry> q) => q.AsNoTracking()
        .Select(e => new AuditRow(e.Sequence, e.At, e.UserName, e.Source, e.Ip, e.Action, e.EntityType, e.EntityKey, e.Before, e.After));
}
