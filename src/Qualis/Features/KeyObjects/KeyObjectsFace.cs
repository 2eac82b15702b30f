using Qualis.Platform.Modules;

namespace Qualis.Features.KeyObjects;

/// <summary>An enrolled key object as another module sees it; <see cref="Kind"/> is the kind's name (Park, Product, Industry, Enterprise).</summary>
[ModuleFace]
public sealed record KeyObjectEntry(Guid Id, int Year, string Kind, string ObjectKey, string ObjectName, string CityCode, string RegionCode, string RegionPath);

/// <summary>What the key objects let other modules read: the active enrolments of the caller's area (improvement projects are made for them).</summary>
[ModuleFace]
public static class KeyObjectsFace
{
    /// <summary>The active enrolments of the caller's area, newest year first, then by name; at most <paramref name="limit"/>.</summary>
    public static async Task<List<KeyObjectEntry>> ActiveAsync(QualisDb db, int limit = 500, CancellationToken ct = default) =>
        (await db.Set<KeyObjectEnrolment>().AsNoTracking().Where(e => e.Status == KeyObjectStatus.Active)
            .OrderByDescending(e => e.Year).ThenBy(e => e.Kind).ThenBy(e => e.ObjectNameSort).Take(limit).ToListAsync(ct)).Select(Entry).ToList();

    /// <summary>The active enrolment of the id within the caller's area, or null.</summary>
    public static async Task<KeyObjectEntry?> FindActiveAsync(QualisDb db, Guid id, CancellationToken ct = default) =>
        await db.Set<KeyObjectEnrolment>().AsNoTracking().Where(e => e.Id == id && e.Status == KeyObjectStatus.Active).SingleOrDefaultAsync(ct) is { } e ? Entry(e) : null;

    private static KeyObjectEntry Entry(KeyObjectEnrolment e) => new(e.Id, e.Year, e.Kind.ToString(), e.ObjectKey, e.ObjectName, e.CityCode, e.RegionCode, e.RegionPath);
}
