using Qualis.Platform.Accounts;

namespace Qualis.Features.Supervision.Draws;

/// <summary>A witness the organising office names at the commit: the witness's account and in which capacity they witness.</summary>
public sealed record WitnessNomination(string? UserName, WitnessRole Role);

/// <summary>The witnesses of a draw and the deadline (UTC) for their values, as the commit names them.</summary>
public sealed record WitnessPanel(IReadOnlyList<WitnessNomination> Witnesses, DateTime Deadline);

/// <summary>A witness account an office may name: its user name, name and organisation.</summary>
public sealed record WitnessAccount(string UserName, string Name, string Organisation);

/// <summary>A problem with the witnesses named at the commit, and the form field it belongs to (witness n's account, the deadline).</summary>
public sealed record WitnessFieldProblem(string Field, DrawProblem Problem);

public sealed partial class DrawService
{
    /// <summary>At most this many witnesses name a draw.</summary>
    public const int MaxWitnesses = 5;

    /// <summary>The refusal of a witness's second value (a double click): the caller shows the value stored.</summary>
    public const string AlreadyGiven = "draw.witness_already_given";

    /// <summary>
    /// The witness accounts an office of the area may name: enabled accounts of the witness role whose area holds the area
    /// (so that the witness reads the draw in their own area). Names and organisations only, as a reference lookup.
    /// </summary>
    public async Task<List<WitnessAccount>> WitnessAccountsAsync(string regionPath, CancellationToken ct = default) =>
        (await db.Users.OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(u => u.Role == Roles.Witness && !u.IsDisabled)
            .Select(u => new { u.UserName, u.DisplayName, u.Organisation, u.RegionPath }).ToListAsync(ct))
        .Where(u => regionPath.StartsWith(u.RegionPath, StringComparison.Ordinal))
        .OrderBy(u => u.UserName, StringComparer.Ordinal)
        .Select(u => new WitnessAccount(u.UserName!, u.DisplayName, u.Organisation ?? "")).ToList();

    /// <summary>
    /// What is wrong with the witnesses named for a batch of the area, field by field: an unknown account, one named twice,
    /// none from outside the organising office, a deadline not in the future. Empty when the panel may be committed.
    /// </summary>
    public async Task<List<WitnessFieldProblem>> WitnessProblemsAsync(WitnessPanel panel, string regionPath, CancellationToken ct = default)
    {
        var accounts = (await WitnessAccountsAsync(regionPath, ct)).ToDictionary(a => a.UserName, StringComparer.Ordinal);
        var problems = new List<WitnessFieldProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < panel.Witnesses.Count; i++)
        {
            var w = panel.Witnesses[i];
            if (w.UserName is not { Length: > 0 } user) continue;
            if (!accounts.ContainsKey(user)) problems.Add(new($"Witness{i + 1}", new DrawProblem("draw.witness_not_account", user)));
            else if (!seen.Add(user)) problems.Add(new($"Witness{i + 1}", new DrawProblem("draw.witness_twice", accounts[user].Name)));
        }
        var named = panel.Witnesses.Where(w => w.UserName is { Length: > 0 }).ToList();
        if (named.Count == 0) problems.Add(new("Witness1", new DrawProblem("draw.witness_none")));
        else if (named.All(w => w.Role == WitnessRole.Office)) problems.Add(new("Witness1", new DrawProblem("draw.witness_none_outside")));
        if (named.Count > MaxWitnesses) problems.Add(new("Witness1", new DrawProblem("draw.witness_too_many", MaxWitnesses)));
        if (panel.Deadline <= DateTime.UtcNow.AddMinutes(1)) problems.Add(new("WitnessDeadline", new DrawProblem("draw.witness_deadline_past")));
        return problems;
    }

    /// <summary>The witnesses as the record names them, in order, with their accounts; refuses the panel with its first problem.</summary>
    private async Task<List<(WitnessLine Line, string UserName)>> NamedWitnessesAsync(WitnessPanel panel, string regionPath, CancellationToken ct)
    {
        if ((await WitnessProblemsAsync(panel, regionPath, ct)) is { Count: > 0 } problems) throw new DrawRefusedException(problems.Select(p => p.Problem).ToList());
        var accounts = (await WitnessAccountsAsync(regionPath, ct)).ToDictionary(a => a.UserName, StringComparer.Ordinal);
        return panel.Witnesses.Where(w => w.UserName is { Length: > 0 })
            .Select((w, i) => (new WitnessLine(i + 1, w.Role, accounts[w.UserName!].Name, accounts[w.UserName!].Organisation), w.UserName!)).ToList();
    }

    /// <summary>
    /// A witness gives their value, in their own account: only after the commitment is published (the row exists from then),
    /// only while the draw waits and by the deadline, once. Audited like every write.
    /// </summary>
    public async Task<DrawWitness> GiveAsync(Guid witnessId, string? value, CancellationToken ct = default)
    {
        var witness = await db.Set<DrawWitness>().SingleOrDefaultAsync(w => w.Id == witnessId && w.UserName == db.Actor.UserName, ct)
                      ?? throw new DrawRefusedException("draw.witness_unknown");
        if (witness.Value is not null) throw new DrawRefusedException(AlreadyGiven);
        var draw = await db.Set<Draw>().AsNoTracking().SingleAsync(d => d.Id == witness.DrawId, ct);
        if (draw.Status != DrawStatus.Committed) throw new DrawRefusedException("draw.witness_draw_closed");
        var now = WitnessFile.Seconds(DateTime.UtcNow);
        if (now > draw.WitnessDeadline) throw new DrawRefusedException("draw.witness_late", WitnessFile.Time(draw.WitnessDeadline!.Value));
        witness.Value = CheckedValue(value, "draw.witness_value_required");
        witness.GivenAt = now;
        await db.SaveChangesAsync(ct);
        return witness;
    }

    /// <summary>
    /// The fallback (备用公开随机源, docs/draw-algorithm.md): after the deadline, when some witness has not answered, the organising
    /// office types in a public value published after the deadline and names its source; it goes into witnesses.tsv.
    /// </summary>
    public async Task<Draw> ApplyFallbackAsync(Guid drawId, string? value, string? source, string appliedBy, CancellationToken ct = default)
    {
        var draw = await db.Set<Draw>().SingleOrDefaultAsync(d => d.Id == drawId, ct) ?? throw new DrawRefusedException("draw.unknown");
        if (draw.FallbackValue is not null) throw new DrawRefusedException("draw.fallback_applied_already");
        if (draw.Status != DrawStatus.Committed || draw.WitnessList is null) throw new DrawRefusedException("draw.witness_draw_closed");
        var now = WitnessFile.Seconds(DateTime.UtcNow);
        if (now <= draw.WitnessDeadline) throw new DrawRefusedException("draw.fallback_too_early", WitnessFile.Time(draw.WitnessDeadline!.Value));
        if (!await db.Set<DrawWitness>().AnyAsync(w => w.DrawId == drawId && w.Value == null, ct)) throw new DrawRefusedException("draw.fallback_without_need");
        var checkedValue = CheckedValue(value, "draw.fallback_value_required");
        var checkedSource = WitnessFile.Clean(source) is { Length: >= 4 } s && !WitnessFile.HasControl(s)
            ? (s.Length <= WitnessFile.MaxSourceLength ? s : throw new DrawRefusedException("draw.fallback_source_long", WitnessFile.MaxSourceLength))
            : throw new DrawRefusedException("draw.fallback_source_required");
        (draw.FallbackValue, draw.FallbackSource, draw.FallbackAt, draw.FallbackBy) = (checkedValue, checkedSource, now, appliedBy);
        await db.SaveChangesAsync(ct);
        return draw;
    }

    private static string CheckedValue(string? value, string missingKey) => WitnessFile.Clean(value) switch
    {
        null => throw new DrawRefusedException(missingKey),
        { Length: > WitnessFile.MaxValueLength } => throw new DrawRefusedException("draw.witness_value_long", WitnessFile.MaxValueLength),
        var v when WitnessFile.HasControl(v) => throw new DrawRefusedException("draw.witness_value_control"),
        var v => v,
    };

    /// <summary>The witnesses of a draw in record order, with their values so far (every area's officials see them with the draw).</summary>
    public Task<List<DrawWitness>> WitnessesAsync(Guid drawId, CancellationToken ct = default) =>
        WitnessesOf(db, drawId, ct);

    /// <summary>The same for the public page and the printed notice, which show every draw's witnesses.</summary>
    public static Task<List<DrawWitness>> WitnessesOfAnyAreaAsync(QualisDb db, Guid drawId, CancellationToken ct = default) =>
        db.Set<DrawWitness>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Where(w => w.DrawId == drawId).OrderBy(w => w.Position).ToListAsync(ct);

    internal static Task<List<DrawWitness>> WitnessesOf(QualisDb db, Guid drawId, CancellationToken ct = default) =>
        db.Set<DrawWitness>().OutsideArea(AreaReason.WholeDraw).AsNoTracking().Where(w => w.DrawId == drawId).OrderBy(w => w.Position).ToListAsync(ct);

    /// <summary>
    /// witnesses.tsv from the values given: refused, naming who is missing, unless every witness answered or the fallback was
    /// applied. What the draw runs from and publishes.
    /// </summary>
    private async Task<byte[]> WitnessesFileAsync(Draw draw, CancellationToken ct)
    {
        var witnesses = await WitnessesOf(db, draw.Id, ct);
        var missing = witnesses.Where(w => w.Value is null).Select(w => w.Name).ToList();
        if (missing.Count > 0 && draw.FallbackValue is null)
            throw new DrawRefusedException("draw.witnesses_missing", string.Join("、", missing));
        return FileOf(draw, witnesses);
    }

    /// <summary>witnesses.tsv of a draw and its witnesses' rows as they stand.</summary>
    public static byte[] FileOf(Draw draw, IEnumerable<DrawWitness> witnesses) => WitnessFile.ToBytes(
        witnesses.Select(w => new GivenValue(new WitnessLine(w.Position, w.Role, w.Name, w.Organisation), w.Value, w.GivenAt)),
        draw.FallbackValue is null ? null : new FallbackValue(draw.FallbackValue, draw.FallbackSource!, draw.FallbackAt!.Value, draw.FallbackBy!));
}
