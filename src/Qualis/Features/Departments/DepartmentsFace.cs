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

    /// <summary>
    /// The department a partner-department account (协作部门账户) acts for, or null for any other account or an organisation
    /// the directory does not know.
    /// <para>
    /// The link is the account's organisation (<see cref="QualisUser.Organisation"/>, set by the administrator), resolved
    /// through the directory's current and former names, rather than a department id stored on the account: the
    /// assessment's scoring departments already name accounts this way, so one rule decides which department an account
    /// is everywhere; a renamed department (省质监局 → 省市场监管局) keeps its accounts through its aliases without touching
    /// them; and the platform's account records stay free of a module's key. The province's full name is read too
    /// (安徽省农业农村厅 for 省农业农村厅). The directory is read within the account's own area, so a city's account can
    /// never stand for a provincial department.
    /// </para>
    /// </summary>
    public static async Task<DepartmentEntry?> OfAccountAsync(QualisDb db, string? userId, CancellationToken ct = default)
    {
        if (userId is null) return null;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Role, u.Organisation }).SingleOrDefaultAsync(ct);
        return account?.Role == Platform.Accounts.Roles.PartnerDepartment ? await OfOrganisationAsync(db, account.Organisation, ct) : null;
    }

    /// <summary>The department an account's organisation names (current or former name, or with the province's name in front), or null.</summary>
    public static async Task<DepartmentEntry?> OfOrganisationAsync(QualisDb db, string? organisation, CancellationToken ct = default)
    {
        organisation = organisation?.Trim();
        if (string.IsNullOrEmpty(organisation)) return null;
        if (await FindAsync(db, organisation, ct) is { } found) return found;
        var province = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking()
            .Where(r => r.Level == Platform.Regions.RegionLevel.Province && organisation.StartsWith(r.Name)).Select(r => r.Name).FirstOrDefaultAsync(ct);
        return province is null ? null : await FindAsync(db, "省" + organisation[province.Length..], ct);
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
