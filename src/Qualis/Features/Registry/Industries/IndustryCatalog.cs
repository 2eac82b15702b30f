using Qualis.Platform.Import;
using Qualis.Platform.Operations;

namespace Qualis.Features.Registry.Industries;

/// <summary>
/// The built-in part of 国民经济行业分类 GB/T 4754-2017: its 20 sections (门类 A–T) and 97 divisions (大类 01–97),
/// from the embedded industries.csv. The 2017 edition numbers its divisions 01–97 without gaps (the 2011 edition
/// had 96). Groups and classes (中类, 小类) are not built in: they are loaded from a file through the import.
/// English names are ours; the standard publishes only its title in English.
/// </summary>
public sealed class IndustryCatalog : IReferenceData
{
    private const string Resource = "Qualis.Features.Registry.Industries.industries.csv";

    /// <summary>Sections first, each followed by its divisions, as the standard lists them.</summary>
    public static IReadOnlyList<Industry> BuiltIn() =>
        EmbeddedCsv.Read(typeof(IndustryCatalog).Assembly, Resource)
            .Select(r => new Industry
            {
                Code = r["code"],
                Name = r["name"],
                NameEn = r["name_en"].Length > 0 ? r["name_en"] : null,
                ParentCode = r["parent"].Length > 0 ? r["parent"] : null,
                Level = IndustryDirectory.LevelOf(r["code"])
                        ?? throw new InvalidOperationException($"industries.csv: '{r["code"]}' is not a GB/T 4754 code."),
            })
            .ToList();

    /// <summary>Fills an empty Industries table; a table that holds anything (edited or imported) is left alone.</summary>
    public async Task EnsureSeededAsync(QualisDb db, CancellationToken ct)
    {
        if (await db.Set<Industry>().AnyAsync(ct)) return;
        db.Set<Industry>().AddRange(BuiltIn());
        await db.SaveChangesAsync(ct);
    }
}
