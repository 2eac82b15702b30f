using Qualis.Platform.Modules;

namespace Qualis.Features.Improvement.Experts;

/// <summary>An expert of the directory as another module sees it; <see cref="FieldKey"/> is the field's text key.</summary>
[ModuleFace]
public sealed record ExpertEntry(Guid Id, string Name, string FieldKey, string Title, string Unit, string RegionCode, bool Available);

/// <summary>
/// What the expert directory lets other modules do (services and clinics, award reviews): list the experts a chooser offers,
/// name chosen ones, and check declared conflicts (利益冲突) before an expert judges an enterprise or unit.
/// </summary>
[ModuleFace]
public static class ExpertsFace
{
    /// <summary>The available experts the caller may call on, in pinyin order: those of the caller's area and of the directories above it.</summary>
    public static async Task<List<ExpertEntry>> ChoicesAsync(QualisDb db, CancellationToken ct = default) =>
        (await Usable(db).Where(e => e.Availability == ExpertAvailability.Available)
            .OrderBy(e => e.NameSort).ThenBy(e => e.Id).Take(1000).ToListAsync(ct)).Select(Entry).ToList();

    /// <summary>The experts of the ids the caller may call on (their area's and those above it), whatever their availability.</summary>
    public static async Task<List<ExpertEntry>> FindAsync(QualisDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        (await Usable(db).Where(e => ids.Contains(e.Id)).ToListAsync(ct)).Select(Entry).ToList();

    /// <summary>
    /// The experts a caller may call on: the directory of their area and those of the areas above it (the provincial
    /// expert pool, 省级专家库, serves its cities and counties as the provincial institute serves their samples). Read on
    /// their own with the filter lifted and the areas named explicitly.
    /// </summary>
    private static IQueryable<Expert> Usable(QualisDb db)
    {
        var experts = db.Set<Expert>().AsNoTracking();
        if (db.Actor.RegionPath is not { } path) return experts;
        var above = Region.PathsAbove(path);
        var end = path + RegionRange.End;
        return experts.OutsideArea(AreaReason.AreasAbove)
            .Where(e => above.Contains(e.RegionPath) || (string.Compare(e.RegionPath, path) >= 0 && string.Compare(e.RegionPath, end) < 0));
    }

    /// <summary>
    /// The names of those of the experts who declared a conflict with the party (its credit code, or its name as a unit):
    /// empty when every one of them may judge it.
    /// </summary>
    public static async Task<List<string>> ConflictingAsync(QualisDb db, IReadOnlyCollection<Guid> expertIds, string? creditCode, string? partyName, CancellationToken ct = default)
    {
        var experts = await Usable(db).Where(e => expertIds.Contains(e.Id)).ToListAsync(ct);
        return experts.Where(e => ExpertRules.ConflictsWith(e.Conflicts, e.Unit, creditCode, partyName)).Select(e => e.Name).Order().ToList();
    }

    /// <summary>
    /// An award review's pool (评审专家库): the available experts the office may call on (its area's directories and those
    /// above it, as <see cref="Usable"/> reads them), with each conflict one of them declared with a party (its credit code,
    /// or its name as a unit).
    /// </summary>
    public static async Task<(List<ExpertEntry> Experts, List<(Guid ExpertId, string CreditCode)> Conflicts)> ReviewPoolAsync(
        QualisDb db, IReadOnlyCollection<(string CreditCode, string Name)> parties, CancellationToken ct = default)
    {
        var experts = await Usable(db).Where(e => e.Availability == ExpertAvailability.Available).OrderBy(e => e.Id).ToListAsync(ct);
        var conflicts = experts.Where(e => !string.IsNullOrWhiteSpace(e.Conflicts))
            .SelectMany(e => parties.Where(p => ExpertRules.ConflictsWith(e.Conflicts, e.Unit, p.CreditCode, p.Name)).Select(p => (e.Id, p.CreditCode))).ToList();
        return (experts.Select(Entry).ToList(), conflicts);
    }

    /// <summary>
    /// The expert records linked to an account (by its sign-in name), in the directories the caller may call on: a Hefei
    /// account on the provincial expert list finds its provincial record (and so its award reviews), as <see cref="Usable"/>.
    /// </summary>
    public static async Task<List<ExpertEntry>> OfAccountAsync(QualisDb db, string userName, CancellationToken ct = default) =>
        (await Usable(db).Where(e => e.UserName == userName).ToListAsync(ct)).Select(Entry).ToList();

    private static ExpertEntry Entry(Expert e) =>
        new(e.Id, e.Name, ExpertTexts.TextKey(e.Field), e.Title, e.Unit, e.RegionCode, e.Availability == ExpertAvailability.Available);
}

/// <summary>The text keys of the directory's enums, spelled once.</summary>
public static class ExpertTexts
{
    public static string TextKey(this ExpertField f) => "improvement.field." + f.ToString().ToLowerInvariant();
    public static string TextKey(this ExpertAvailability a) => "improvement.availability." + a.ToString().ToLowerInvariant();
}
