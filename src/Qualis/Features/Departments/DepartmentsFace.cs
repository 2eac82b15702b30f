using Qualis.Platform.Modules;


namespace Qualis.Features.Departments;

/// <summary>A department as other modules see it (协作部门).</summary>
[ModuleFace]
public sealed record DepartmentEntry(Guid Id, string Name, IReadOnlyList<string> Aliases, DepartmentKind Kind, string RegionCode, string RegionPath, bool Active);

/// <summary>
/// What other modules (the action plans first) may read of the departments directory. Queries keep the area filter:
/// a city sees its own departments, the province every one.
/// </summary>
[ModuleFace]
public static class DepartmentsFace
{
    /// <summary>
    /// The department a current or former name stands for (an import that says 省质监局 finds 省市场监管局), or null.
    /// A current name wins over an alias, an active department over a merged one, a higher region over a lower one.
    /// </summary>
    public static async Task<DepartmentEntry?> FindAsync(QualisDb db, string nameOrAlias, CancellationToken ct = default)
    {
        var name = nameOrAlias.Trim();
        if (name.Length == 0) return null;
        var candidates = await db.Set<Department>().AsNoTracking()
            .Where(d => d.Name == name || (d.Aliases != null && d.Aliases.Contains(name))).ToListAsync(ct);
        return candidates
            .Where(d => d.Name == name || Department.SplitAliases(d.Aliases).Contains(name))
            .OrderBy(d => d.Name == name ? 0 : 1).ThenBy(d => d.Active ? 0 : 1).ThenBy(d => d.RegionPath.Length).ThenBy(d => d.RegionPath, StringComparer.Ordinal)
            .Select(Entry).FirstOrDefault();
    }

    /// <summary>The active departments of the caller's area, in region then name order, as a chooser offers them.</summary>
    public static async Task<List<DepartmentEntry>> ActiveAsync(QualisDb db, CancellationToken ct = default) =>
        (await db.Set<Department>().AsNoTracking().Where(d => d.Active).OrderBy(d => d.RegionPath).ThenBy(d => d.Name).ToListAsync(ct))
        .Select(Entry).ToList();

    /// <summary>
    /// The names of departments a record of another module names (a measure's lead departments), whatever the reader's
    /// area: a city reads the province's plan and the provincial departments that lead its measures. Names only.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(QualisDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        ids.Count == 0 ? [] : await db.Set<Department>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking()
            .Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);

    private static DepartmentEntry Entry(Department d) =>
        new(d.Id, d.Name, Department.SplitAliases(d.Aliases), d.Kind, d.RegionCode, d.RegionPath, d.Active);
}
