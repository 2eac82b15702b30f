namespace Qualis.Platform.Audit;

/// <summary>Walks the whole chain and reports the first entry that was changed, removed or moved.</summary>
public static class AuditVerifier
{
    public sealed record Result(long Checked, long? FirstBadSequence, string? Problem)
    {
        public bool Intact => FirstBadSequence is null;
    }

    public static async Task<Result> VerifyAsync(QualisDb db, CancellationToken ct = default)
    {
        long expected = 1, count = 0;
        var previousHash = "";
        await foreach (var e in db.AuditEntries.OutsideArea(AreaReason.AuditVerification).AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.Sequence != expected)
                return new(count, expected, $"entry {expected} is missing (next entry found is {e.Sequence})");
            if (e.PreviousHash != previousHash)
                return new(count, e.Sequence, $"entry {e.Sequence} does not link to the entry before it: an entry before it was removed or replaced");
            if (e.ComputeHash() != e.Hash)
                return new(count, e.Sequence, $"entry {e.Sequence} was changed after it was written: its content does not match its hash");
            previousHash = e.Hash;
            expected++;
        }
        var head = await db.Set<AuditHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var last = expected - 1;
        if ((head?.Sequence ?? 0) != last || (head?.Hash ?? "") != previousHash)
            return new(count, last + 1, $"the chain ends at entry {last} but its head records entry {head?.Sequence ?? 0}: entries at the end were removed");
        return new(count, null, null);
    }
}
