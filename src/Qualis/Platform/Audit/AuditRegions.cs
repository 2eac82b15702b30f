using Microsoft.EntityFrameworkCore.Metadata;

namespace Qualis.Platform.Audit;

/// <summary>
/// The region each audit entry is filed under, so that it reaches the officials of the record's area: the record's
/// own, its parent's for a child row (see <see cref="RegionInheritance"/>), the root for a shared catalogue. Parents
/// are found among the tracked entities first (a child is usually written with the parent the request loaded), then
/// with one query per kind of parent for the rest, never one per row.
/// </summary>
internal static class AuditRegions
{
    /// <summary>Files the tracked changes; refuses a child row whose parent lies outside a restricted writer's area.</summary>
    public static async Task FileAsync(QualisDb db, List<AuditRecorder.Pending> pending, CancellationToken ct)
    {
        Dictionary<RegionInheritance.Parent, List<AuditRecorder.Pending>>? children = null;
        foreach (var p in pending)
        {
            if (p.Entry.Entity is IRegionScoped scoped) p.RegionPath = OwnPath(scoped);
            else if (RegionInheritance.ParentOf(p.Entry.Metadata) is { } parent)
            {
                children ??= [];
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
                list.Add(p);
            }
        }
        if (children is null) return;
        foreach (var (parent, rows) in children)
        {
            var regions = await ParentRegionsAsync(db, parent, rows.Select(r => r.Entry.Property(parent.ForeignKey).CurrentValue), ct);
            foreach (var row in rows)
                row.RegionPath = Checked(db, regions, row.Entry.Property(parent.ForeignKey).CurrentValue, row.Entry.Metadata);
        }
    }

    /// <summary>Where each of a batch of rows written without the change tracker is filed, worked out once for the batch.</summary>
    public static async Task<Func<T, string>> OfBulkAsync<T>(QualisDb db, IEntityType type, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (typeof(IRegionScoped).IsAssignableFrom(typeof(T))) return row => OwnPath((IRegionScoped)row);
        if (RegionInheritance.ParentOf(type) is not { } parent) return _ => RegionInheritance.Root;
        var foreignKey = type.FindProperty(parent.ForeignKey)!.GetGetter();
        var regions = await ParentRegionsAsync(db, parent, rows.Select(foreignKey.GetClrValueUsingContainingEntity), ct);
        return row => Checked(db, regions, foreignKey.GetClrValueUsingContainingEntity(row), type);
    }

    private static string OwnPath(IRegionScoped record) => string.IsNullOrEmpty(record.RegionPath) ? RegionInheritance.Root : record.RegionPath;

    /// <summary>The parent's region; the root when the parent is gone (a child deleted after it), which no writer's area reaches.</summary>
    private static string Checked(QualisDb db, Dictionary<object, string> regions, object? parentKey, IReadOnlyEntityType child)
    {
        if (parentKey is null || !regions.TryGetValue(parentKey, out var path)) return RegionInheritance.Root;
        if (!db.Actor.CanReach(path))
            throw new RegionAccessDeniedException($"{child.ClrType.Name} of a record in region {path} is outside the region {db.Actor.RegionPath} of {db.Actor.UserName}.");
        return path;
    }

    private static Task<Dictionary<object, string>> ParentRegionsAsync(QualisDb db, RegionInheritance.Parent parent, IEnumerable<object?> keys, CancellationToken ct)
    {
        var key = db.Model.FindEntityType(parent.Type)!.FindPrimaryKey()!.Properties[0];
        return (Task<Dictionary<object, string>>)typeof(AuditRegions).GetMethod(nameof(RegionsOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(parent.Type, key.ClrType).Invoke(null, [db, key.Name, keys, ct])!;
    }

    private static async Task<Dictionary<object, string>> RegionsOfAsync<TParent, TKey>(QualisDb db, string keyName, IEnumerable<object?> keys, CancellationToken ct)
        where TParent : class, IRegionScoped where TKey : notnull
    {
        var found = new Dictionary<object, string>();
        var missing = new List<TKey>();
        var local = db.Set<TParent>().Local;
        foreach (var key in keys.OfType<TKey>().Distinct())
            if (local.FindEntry(key) is { } tracked) found[key] = tracked.Entity.RegionPath;
            else missing.Add(key);
        if (missing.Count == 0) return found;
        foreach (var row in await db.Set<TParent>().OutsideArea(AreaReason.InheritedRegion).AsNoTracking()
                     .Where(p => missing.Contains(EF.Property<TKey>(p, keyName)))
                     .Select(p => new { Key = EF.Property<TKey>(p, keyName), Path = EF.Property<string>(p, nameof(IRegionScoped.RegionPath)) })
                     .ToListAsync(ct))
            found[row.Key] = row.Path;
        return found;
    }
}
