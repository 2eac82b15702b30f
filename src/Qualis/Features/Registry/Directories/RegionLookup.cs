using Qualis.Platform.Import;
using Qualis.Platform.Modules;

namespace Qualis.Features.Registry.Directories;

/// <summary>
/// Reads a region as an import row gives it: its six-digit code, or its name (庐阳区). Only the regions of the
/// importer's area are known (the area filter applies), so a name need only be unique there; a name that is not
/// (市辖区, 高新区 …) is refused with its candidates listed. Part of the registry's face: other modules' imports read regions the same way.
/// </summary>
[ModuleFace]
public sealed class RegionLookup
{
    /// <summary>The region's name, which exports give beside its code; the import passes over it (the code decides).</summary>
    public static readonly ImportColumn NameColumn = new("region_name", "区划名称", "Region name", false, [], "所属区域名称");

    private readonly Dictionary<string, Region> _byCode;
    private readonly ILookup<string, Region> _byName;

    private RegionLookup(List<Region> regions)
    {
        _byCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
        _byName = regions.ToLookup(r => r.Name, StringComparer.Ordinal);
    }

    public static async Task<RegionLookup> LoadAsync(QualisDb db, CancellationToken ct) =>
        new(await db.Set<Region>().AsNoTracking().ToListAsync(ct));

    /// <summary>The region's code and path, or null with the problem added under <paramref name="column"/>.</summary>
    public (string Code, string Path)? Resolve(string text, string column, List<RowProblem> problems)
    {
        if (_byCode.TryGetValue(text, out var byCode)) return (byCode.Code, byCode.RegionPath);
        var named = _byName[text].ToList();
        if (named.Count == 1) return (named[0].Code, named[0].RegionPath);
        if (named.Count > 1)
            problems.Add(new RowProblem(column, text, "import.region_ambiguous", text,
                string.Join("、", named.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => $"{ParentName(r)}{r.Name}（{r.Code}）"))));
        else problems.Add(new RowProblem(column, text, "import.region_unknown", text));
        return null;
    }

    private string ParentName(Region r) => r.ParentCode is not null && _byCode.TryGetValue(r.ParentCode, out var parent) ? parent.Name : "";
}
