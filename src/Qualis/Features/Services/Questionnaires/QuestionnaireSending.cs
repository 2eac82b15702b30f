using Qualis.Features.Registry;

namespace Qualis.Features.Services.Questionnaires;

/// <summary>
/// Sends a questionnaire (下发问卷) to the small and micro firms of an area: one recipient per firm not yet sent it, written
/// the fast way with its trail entries in one transaction. Sending again adds only firms that joined the registry since;
/// two sends at once meet the unique index (one per questionnaire and firm) and the second adds nothing.
/// </summary>
public static class QuestionnaireSending
{
    /// <summary>Sends to the small and micro firms of the area (a path within the caller's); the number of firms added.</summary>
    public static async Task<int> SendToSmallFirmsAsync(QualisDb db, Guid questionnaireId, string areaPath, string by, DateTime now, CancellationToken ct)
    {
        var firms = await RegistryFace.SmallFirmsOfAreaAsync(db, areaPath, ct);
        return await AddAsync(db, questionnaireId, areaPath, firms, by, now, ct);
    }

    /// <summary>Sends to the firms given (of the caller's area); the number not sent it before.</summary>
    public static async Task<int> AddAsync(QualisDb db, Guid questionnaireId, string areaPath, IReadOnlyList<EnterpriseEntry> firms, string by, DateTime now, CancellationToken ct)
    {
        var already = (await db.Set<QuestionnaireRecipient>().AsNoTracking().Where(r => r.QuestionnaireId == questionnaireId)
            .Where(RegionRange.Within<QuestionnaireRecipient>(areaPath)).Select(r => r.CreditCode).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var fresh = firms.Where(f => !already.Contains(f.CreditCode)).Select(f => new QuestionnaireRecipient
        {
            QuestionnaireId = questionnaireId, CreditCode = f.CreditCode, EnterpriseName = f.Name, RegionCode = f.RegionCode, RegionPath = f.RegionPath,
            SentAt = now, SentBy = by,
        }).ToList();
        if (fresh.Count == 0) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in fresh.Chunk(20_000))
        {
            await BulkInsert.InsertAsync(db, chunk, ct);
            await db.AppendAuditAsync(chunk, ct);
        }
        await tx.CommitAsync(ct);
        return fresh.Count;
    }
}
