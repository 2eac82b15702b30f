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

    /// <summary>
    /// Registers a government quality award granted after its review (政府质量奖, family Award) to an enterprise, in the
    /// enterprise's region and counted into the plan targets like any recognition; added to the context for the caller's save,
    /// so the grant and its register entry are one transaction. The id of the new record.
    /// </summary>
    public static Guid AddGrantedAward(QualisDb db, GrantedAward award)
    {
        var r = new Recognition
        {
            ProgrammeCode = ProgrammeCatalog.Award, Family = ProgrammeFamily.Award, Level = award.Level, Year = award.Year, HolderKind = HolderKind.Enterprise,
            HolderName = award.EnterpriseName, CreditCode = award.CreditCode, Status = RecognitionStatus.Granted, GrantedOn = award.GrantedOn,
            ValidFrom = award.GrantedOn, ValidTo = award.ValidTo, DocumentNumber = award.DocumentNumber, Note = award.Note,
            OfficeCode = RecognitionRules.OfficeOf(award.Level, award.RegionPath), RegionCode = award.RegionCode, RegionPath = award.RegionPath,
            CreatedAt = award.At, CreatedBy = award.By,
        };
        db.Set<Recognition>().Add(r);
        return r.Id;
    }
}

/// <summary>An award granted to an enterprise, as the award review hands it to the register.</summary>
[ModuleFace]
public sealed record GrantedAward(RecognitionLevel Level, int Year, string CreditCode, string EnterpriseName, string RegionCode, string RegionPath,
    DateOnly GrantedOn, DateOnly ValidTo, string DocumentNumber, string? Note, DateTime At, string By);
