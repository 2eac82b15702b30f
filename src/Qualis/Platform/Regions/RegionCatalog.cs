using System.Reflection;

namespace Qualis.Platform.Regions;

/// <summary>
/// The built-in division tree: the 31 provincial-level units and the demo province Anhui (340000) down to
/// its counties and districts, as of GB/T 2260 codes in use. Loaded once into an empty database.
/// </summary>
public static class RegionCatalog
{
    public sealed record Row(string Code, string Name, string? NameEn, string? ParentCode);

    public static IReadOnlyList<Row> BuiltIn()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("Qualis.Platform.Regions.regions.csv")!;
        using var reader = new StreamReader(s);
        reader.ReadLine();
        var rows = new List<Row>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var c = line.Split(',');
            rows.Add(new(c[0], c[1], c[2].Length > 0 ? c[2] : null, c[3].Length > 0 ? c[3] : null));
        }
        return rows;
    }

    /// <summary>Region names by code in the reader's language (public reference data, named whatever the reader's area).</summary>
    public static async Task<Dictionary<string, string>> NamesAsync(QualisDb db, IEnumerable<string> codes, bool english, CancellationToken ct = default)
    {
        var wanted = codes.Distinct().ToList();
        return (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => wanted.Contains(r.Code)).ToListAsync(ct))
            .ToDictionary(r => r.Code, r => r.DisplayName(english));
    }

    /// <summary>Every region's name by code in the reader's language: an export's lookup while its rows stream.</summary>
    public static Task<Dictionary<string, string>> AllNamesAsync(QualisDb db, bool english, CancellationToken ct = default) =>
        db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.DisplayName(english), ct);

    /// <summary>
    /// The regions of the caller's area as choices for a select, in tree order, indented by level: the administrator's
    /// region field, the officials' region filters.
    /// </summary>
    public static async Task<List<(string Code, string Label)>> ChoicesAsync(QualisDb db, bool english) =>
        (await db.Set<Region>().AsNoTracking().OrderBy(r => r.RegionPath).ToListAsync())
        .Select(r => (r.Code, new string('\u3000', (int)r.Level - 1) + r.Code + " " + r.DisplayName(english)))
        .ToList();

    /// <summary>Builds regions with their paths and levels; parents must come before children.</summary>
    public static List<Region> Build(IEnumerable<Row> rows, IReadOnlyDictionary<string, Region>? existing = null)
    {
        var byCode = new Dictionary<string, Region>(existing ?? new Dictionary<string, Region>());
        var built = new List<Region>();
        foreach (var r in rows)
        {
            Region? parent = null;
            if (r.ParentCode is not null && !byCode.TryGetValue(r.ParentCode, out parent))
                throw new InvalidOperationException($"Region {r.Code} names parent {r.ParentCode}, which is not known.");
            var region = new Region
            {
                Code = r.Code,
                Name = r.Name,
                NameEn = r.NameEn,
                ParentCode = r.ParentCode,
                Level = parent is null ? RegionLevel.Province : (RegionLevel)((int)parent.Level + 1),
                RegionPath = Region.PathOf(parent?.RegionPath, r.Code),
            };
            byCode[r.Code] = region;
            built.Add(region);
        }
        return built;
    }

    public static async Task EnsureSeededAsync(QualisDb db, CancellationToken ct = default)
    {
        if (await db.Set<Region>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        db.Set<Region>().AddRange(Build(BuiltIn()));
        await db.SaveChangesAsync(ct);
    }
}
