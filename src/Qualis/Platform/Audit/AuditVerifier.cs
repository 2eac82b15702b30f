namespace Qualis.Platform.Audit;

/// <summary>
/// Checks the audit trail: the chain itself (the first entry that was changed, removed or moved), the chain against the
/// seals (stored, and a seal file supplied from outside), and the append-only guards on the trail's tables.
/// </summary>
public static class AuditVerifier
{
    public sealed record Result(long Checked, long? FirstBadSequence, string? Problem)
    {
        public bool Intact => FirstBadSequence is null;

        /// <summary>The head the walk ended at (an intact chain's last entry checked).</summary>
        public long HeadSequence { get; init; }
        public string HeadHash { get; init; } = "";
    }

    /// <summary>The whole chain, from its first entry to its head.</summary>
    public static Task<Result> VerifyAsync(QualisDb db, CancellationToken ct = default) => VerifyAfterAsync(db, 0, "", ct);

    /// <summary>
    /// The chain from the entry after <paramref name="after"/> (whose hash must still be <paramref name="afterHash"/>) to the
    /// head: what sealing checks before it signs a new head, so a seal never vouches for a rewritten stretch. The head is
    /// read first and the walk stops there, so entries appended meanwhile are left to the next check.
    /// </summary>
    public static async Task<Result> VerifyAfterAsync(QualisDb db, long after, string afterHash, CancellationToken ct = default)
    {
        var head = await db.Set<AuditHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var headSequence = head?.Sequence ?? 0;
        var entries = db.AuditEntries.OutsideArea(AreaReason.AuditVerification).AsNoTracking();
        if (after > 0)
        {
            var sealedHash = await entries.Where(e => e.Sequence == after).Select(e => e.Hash).SingleOrDefaultAsync(ct);
            if (sealedHash != afterHash)
                return new(0, after, sealedHash is null
                    ? $"entry {after}, sealed before, no longer exists"
                    : $"entry {after} has hash {sealedHash}, sealed as {afterHash}: the chain was rewritten");
        }
        long expected = after + 1, count = 0;
        var previousHash = afterHash;
        await foreach (var e in entries.Where(e => e.Sequence > after && e.Sequence <= headSequence).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
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
        var last = expected - 1;
        if (last != headSequence)
            return new(count, last + 1, $"entry {last + 1} is missing: the chain ends at entry {last} but its head records entry {headSequence}: entries at the end were removed");
        if ((head?.Hash ?? "") != previousHash)
            return new(count, last, $"the head records hash {head?.Hash} for entry {last}, the entry has {previousHash}");
        // Entries beyond the head that no write put there (a write moves the head in the same transaction).
        var beyond = await entries.Where(e => e.Sequence > headSequence).MinAsync(e => (long?)e.Sequence, ct);
        if (beyond is { } b && b > (await db.Set<AuditHead>().AsNoTracking().Where(h => h.Id == 1).Select(h => (long?)h.Sequence).SingleOrDefaultAsync(ct) ?? 0))
            return new(count, b, $"entry {b} lies beyond the chain's head (entry {headSequence}): it was added outside the platform");
        return new(count, null, null) { HeadSequence = headSequence, HeadHash = previousHash };
    }

    /// <summary>Everything verify-audit checks, with every problem named.</summary>
    public sealed class Report
    {
        public Result Chain { get; init; } = null!;
        public List<string> Problems { get; } = [];
        public List<string> Notes { get; } = [];
        public int StoredSeals { get; set; }
        public int OutsideSeals { get; set; }
        public bool Intact => Problems.Count == 0;
    }

    /// <param name="key">The configured sealing key (its public half is what seals are checked against); null when sealing is off.</param>
    /// <param name="outside">A seal file supplied from outside, checked like the stored seals.</param>
    public static async Task<Report> VerifyAllAsync(QualisDb db, AuditSealKey? key, SealFile? outside, CancellationToken ct = default)
    {
        var report = new Report { Chain = await VerifyAsync(db, ct) };
        if (!report.Chain.Intact)
            report.Problems.Add($"chain: broken at entry {report.Chain.FirstBadSequence}: {report.Chain.Problem}");

        foreach (var missing in await MissingGuardsAsync(db, ct))
            report.Problems.Add("guard: " + missing);

        if (key is null)
            report.Notes.Add("sealing is off (no Audit:Seal:PrivateKey or Audit:Seal:PrivateKeyFile configured): signatures of stored seals are not checked, their hashes are");
        var stored = (await db.Set<AuditSeal>().AsNoTracking().OrderBy(s => s.Sequence).ToListAsync(ct)).Select(SealFile.Seal.Of).ToList();
        report.StoredSeals = stored.Count;
        await CheckSealsAsync(db, stored, key, "stored seal", report, ct);

        if (outside is not null)
        {
            report.OutsideSeals = outside.Seals.Count;
            var outsideKey = key;
            AuditSealKey? fileKey = null;
            try
            {
                if (key is null && outside.PublicKey is { Length: > 0 } pem)
                {
                    fileKey = AuditSealKey.FromPublicKeyPem(pem);
                    outsideKey = fileKey;
                    report.Notes.Add($"the seal file's signatures are checked against the public key in the file (key id {fileKey.KeyId}), as no key is configured");
                }
                else if (key is not null && outside.KeyId is { Length: > 0 } fileKeyId && fileKeyId != key.KeyId)
                    report.Problems.Add($"seal file: its public key (key id {fileKeyId}) is not the configured key (key id {key.KeyId})");
                await CheckSealsAsync(db, outside.Seals, outsideKey, "seal file", report, ct);
            }
            catch (FormatException e)
            {
                report.Problems.Add("seal file: its public key cannot be read: " + e.Message);
            }
            finally
            {
                fileKey?.Dispose();
            }
        }
        return report;
    }

    /// <summary>
    /// Each seal's signature (with <paramref name="key"/>, when there is one) and the chain at its sequence: the entry must
    /// still exist and still have the hash the seal names. A rewrite that recomputed every hash after the entry it changed
    /// fails here, and so does a cut tail whose head was moved back.
    /// </summary>
    private static async Task CheckSealsAsync(QualisDb db, IReadOnlyList<SealFile.Seal> seals, AuditSealKey? key, string origin, Report report, CancellationToken ct)
    {
        var entries = db.AuditEntries.OutsideArea(AreaReason.AuditVerification).AsNoTracking();
        var lastEntry = await entries.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        foreach (var chunk in seals.Chunk(500))
        {
            var sequences = chunk.Select(s => s.Sequence).ToList();
            var hashes = await entries.Where(e => sequences.Contains(e.Sequence)).Select(e => new { e.Sequence, e.Hash }).ToDictionaryAsync(e => e.Sequence, e => e.Hash, ct);
            foreach (var seal in chunk)
            {
                var name = $"{origin} at entry {seal.Sequence}";
                if (!SealStatement.TryParseTime(seal.SealedAt, out var at))
                    report.Problems.Add($"{name}: its time '{seal.SealedAt}' is not a seal time ({SealStatement.TimeFormat})");
                else if (key is not null)
                {
                    if (seal.KeyId != key.KeyId)
                        report.Problems.Add($"{name}: signed with key id {seal.KeyId}, not the configured key (key id {key.KeyId})");
                    else if (!key.Verify(new SealStatement(seal.Sequence, seal.HeadHash, at, seal.KeyId), seal.Signature))
                        report.Problems.Add($"{name}: the signature does not match the seal (the seal was altered or forged)");
                }
                if (!hashes.TryGetValue(seal.Sequence, out var found))
                    report.Problems.Add($"{name}: entry {seal.Sequence} no longer exists (the chain now ends at entry {lastEntry}): entries were cut from the end or removed");
                else if (found != seal.HeadHash)
                    report.Problems.Add($"{name}: expected hash {seal.HeadHash}, found {found}: the chain up to entry {seal.Sequence} was rewritten");
            }
        }
    }

    /// <summary>The append-only guards each provider's scripts put on the trail's tables, by name.</summary>
    public static IReadOnlyList<string> Guards(bool postgres) => postgres
        ? ["AuditEntries_append_only", "AuditSeals_append_only"]
        : ["AuditEntries_no_update", "AuditEntries_no_delete", "AuditSeals_no_update", "AuditSeals_no_delete"];

    /// <summary>
    /// Each append-only guard that is missing, disabled or no longer refuses, named: a trigger of the schema scripts, read
    /// from sqlite_master or pg_trigger (with its function's body on PostgreSQL, which a replaced function could empty).
    /// </summary>
    public static async Task<List<string>> MissingGuardsAsync(QualisDb db, CancellationToken ct = default)
    {
        var found = new Dictionary<string, (string Table, string Definition, bool Enabled)>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = db.IsPostgres
                ? """
                  SELECT t.tgname, c.relname, p.prosrc || ' type=' || t.tgtype::text, t.tgenabled <> 'D'
                  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
                  WHERE NOT t.tgisinternal AND c.relname IN ('AuditEntries', 'AuditSeals') AND c.relnamespace = current_schema()::regnamespace
                  """
                : "SELECT name, tbl_name, sql, 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('AuditEntries', 'AuditSeals')";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                found[reader.GetString(0)] = (reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2), Convert.ToBoolean(reader.GetValue(3), CultureInfo.InvariantCulture));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var problems = new List<string>();
        foreach (var name in Guards(db.IsPostgres))
        {
            var table = name[..name.IndexOf('_', StringComparison.Ordinal)];
            if (!found.TryGetValue(name, out var trigger) || trigger.Table != table)
                problems.Add($"the append-only trigger {name} on {table} is missing");
            else if (!trigger.Enabled)
                problems.Add($"the append-only trigger {name} on {table} is disabled");
            else if (!Refuses(name, trigger.Definition, db.IsPostgres))
                problems.Add($"the append-only trigger {name} on {table} no longer refuses {(db.IsPostgres ? "updates and deletions" : name.EndsWith("update", StringComparison.Ordinal) ? "updates" : "deletions")}");
        }
        return problems;
    }

    private static bool Refuses(string name, string definition, bool postgres)
    {
        if (postgres)
        {
            // A row trigger (1) before (2) an update (16) and a delete (8), whose function raises.
            var type = int.TryParse(definition[(definition.LastIndexOf("type=", StringComparison.Ordinal) + 5)..], CultureInfo.InvariantCulture, out var t) ? t : 0;
            return (type & (1 | 2 | 8 | 16)) == (1 | 2 | 8 | 16) && definition.Contains("RAISE EXCEPTION", StringComparison.OrdinalIgnoreCase);
        }
        var what = name.EndsWith("update", StringComparison.Ordinal) ? "UPDATE" : "DELETE";
        return definition.Contains("BEFORE " + what, StringComparison.OrdinalIgnoreCase) && definition.Contains("RAISE(ABORT", StringComparison.OrdinalIgnoreCase);
    }
}
