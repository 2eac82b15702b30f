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
    /// <summary>The available experts of the caller's area (and the directories above it that the area filter shows), in pinyin order.</summary>
    public static async Task<List<ExpertEntry>> ChoicesAsync(QualisDb db, CancellationToken ct = default) =>
        (await db.Set<Expert>().AsNoTracking().Where(e => e.Availability == ExpertAvailability.Available)
            .OrderBy(e => e.NameSort).ThenBy(e => e.Id).Take(1000).ToListAsync(ct)).Select(Entry).ToList();

    /// <summary>The experts of the ids within the caller's area, whatever their availability.</summary>
    public static async Task<List<ExpertEntry>> FindAsync(QualisDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        (await db.Set<Expert>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct)).Select(Entry).ToList();

    /// <summary>
    /// The names of those of the experts who declared a conflict with the party (its credit code, or its name as a unit):
    /// empty when every one of them may judge it.
    /// </summary>
    public static async Task<List<string>> ConflictingAsync(QualisDb db, IReadOnlyCollection<Guid> expertIds, string? creditCode, string? partyName, CancellationToken ct = default)
    {
        var experts = await db.Set<Expert>().AsNoTracking().Where(e => expertIds.Contains(e.Id)).ToListAsync(ct);
        return experts.Where(e => ExpertRules.ConflictsWith(e.Conflicts, e.Unit, creditCode, partyName)).Select(e => e.Name).Order().ToList();
    }

    /// <summary>The expert records linked to an account (by its sign-in name), within the caller's area.</summary>
    public static async Task<List<ExpertEntry>> OfAccountAsync(QualisDb db, string userName, CancellationToken ct = default) =>
        (await db.Set<Expert>().AsNoTracking().Where(e => e.UserName == userName).ToListAsync(ct)).Select(Entry).ToList();

    private static ExpertEntry Entry(Expert e) =>
        new(e.Id, e.Name, ExpertTexts.TextKey(e.Field), e.Title, e.Unit, e.RegionCode, e.Availability == ExpertAvailability.Available);
}

/// <summary>The text keys of the directory's enums, spelled once.</summary>
public static class ExpertTexts
{
    public static string TextKey(this ExpertField f) => "improvement.field." + f.ToString().ToLowerInvariant();
    public static string TextKey(this ExpertAvailability a) => "improvement.availability." + a.ToString().ToLowerInvariant();
}
