namespace Qualis.Platform.Audit;

/// <summary>
/// Which records changed since an instant, read from the audit trail (every write goes through it, bulk ones included):
/// the API's <c>updatedSince</c> for records that keep no change time of their own. Served by the trail's index on its
/// time; keys are compared as the trail writes them (invariant text, a Guid in lower case).
/// </summary>
public static class AuditChanges
{
    /// <summary>The keys of the records of type <typeparamref name="T"/> written at or after <paramref name="sinceUtc"/>.</summary>
    public static IQueryable<string> KeysChangedSince<T>(this QualisDb db, DateTime sinceUtc)
    {
        var type = typeof(T).Name;
        return db.AuditEntries.Where(e => e.EntityType == type && e.At >= sinceUtc).Select(e => e.EntityKey);
    }
}
