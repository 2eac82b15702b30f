using Qualis.Platform.Modules;

namespace Qualis.Features.Recognition;

/// <summary>One recognition as another module shows it: names and text keys, never the entity.</summary>
[ModuleFace]
public sealed record RecognitionEntry(Guid Id, string ProgrammeZh, string ProgrammeEn, string LevelKey, int Year, string StatusKey,
    DateOnly? ValidTo, string? DocumentNumber)
{
    public string Programme(bool english) => english ? ProgrammeEn : ProgrammeZh;
}

/// <summary>What the register lets other modules read: an enterprise's recognitions, for its page in the registry.</summary>
[ModuleFace]
public static class RecognitionFace
{
    /// <summary>The recognitions of the enterprise of a credit code within the caller's area, newest year first.</summary>
    public static async Task<List<RecognitionEntry>> OfEnterpriseAsync(QualisDb db, string creditCode, CancellationToken ct = default)
    {
        var rows = await db.Set<Recognition>().AsNoTracking().Where(r => r.CreditCode == creditCode)
            .Join(db.Set<RecognitionProgramme>(), r => r.ProgrammeCode, p => p.Code, (r, p) => new { r, p.NameZh, p.NameEn })
            .OrderByDescending(x => x.r.Year).ThenBy(x => x.r.Id).Take(200).ToListAsync(ct);
        return rows.Select(x => new RecognitionEntry(x.r.Id, x.NameZh, x.NameEn, x.r.Level.TextKey(), x.r.Year, x.r.Status.TextKey(), x.r.ValidTo, x.r.DocumentNumber)).ToList();
    }
}
