using Qualis.Features.Supervision.Draws;
using Qualis.Features.Shared;
using Qualis.Platform.Modules;

namespace Qualis.Features.Supervision.Publication;

/// <summary>
/// What a draw publishes (双随机抽取公示): its commitment and hashes before the draw, the seed and the counts after it, and
/// the published parameters. The sealed seed, who committed and the internal ids of batch and plan are not in it.
/// </summary>
[ModuleFace]
public sealed record DrawPublication(
    Guid Id, int Number, DrawStatus Status, string Commitment, string SnapshotHash, string InputsHash, string? Seed,
    int Eligible, int StrataCount, int TargetCount, DateTime CommittedAt, DateTime? DrawnAt, DateTime? AnnulledAt, string? AnnulReason,
    DrawParameters Parameters)
{
    /// <summary>Format 2: the parameters file as published (scope, ratios, cap, exclusions, strata by name); null for an older draw.</summary>
    public ParametersFile? File { get; init; }
    /// <summary>Format 2: the SHA-256 of the parameters file, published with the commitment.</summary>
    public string? ParametersHash { get; init; }
    /// <summary>The SHA-256 of the commitment record (commitment.txt): the one value that pins everything published before the draw.</summary>
    public string RecordHash { get; init; } = "";
    /// <summary>The drawn targets no team could be formed for, with how many inspectors each 回避 rule excluded (not who).</summary>
    public List<UnstaffedReport> Unstaffed { get; init; } = [];
    /// <summary>Format 3: the deadline for the witnesses' values; null for a draw without witnesses.</summary>
    public DateTime? WitnessDeadline { get; init; }
    /// <summary>Format 3: the witnesses in record order with their values so far (null while awaited) and when they gave them.</summary>
    public List<GivenValue> Witnesses { get; init; } = [];
    /// <summary>The fallback public value the office applied for the witnesses who did not answer, if any.</summary>
    public FallbackValue? Fallback { get; init; }
    /// <summary>Which files the draw publishes now.</summary>
    public List<string> Files { get; init; } = [];

    /// <param name="witnesses">The draw's witness rows (format 3); their account names are not published.</param>
    public static DrawPublication Of(Draw d, DrawParameters parameters, IEnumerable<DrawWitness>? witnesses = null) =>
        new(d.Id, d.Number, d.Status, d.Commitment, d.SnapshotHash, d.InputsHash, d.Seed, d.Eligible, d.StrataCount, d.TargetCount,
            d.CommittedAt, d.DrawnAt, d.AnnulledAt, d.AnnulReason, parameters)
        {
            File = d.ParametersFile is { } file ? ParametersFile.Read(System.Text.Encoding.UTF8.GetBytes(file)) : null,
            ParametersHash = d.ParametersHash,
            RecordHash = CommitmentRecord.Of(d).Hash(),
            Unstaffed = UnstaffedReport.Read(d.Unstaffed),
            WitnessDeadline = d.WitnessList is null ? null : d.WitnessDeadline,
            Witnesses = (witnesses ?? []).OrderBy(w => w.Position)
                .Select(w => new GivenValue(new WitnessLine(w.Position, w.Role, w.Name, w.Organisation), w.Value, w.GivenAt)).ToList(),
            Fallback = d.FallbackValue is null ? null : new FallbackValue(d.FallbackValue, d.FallbackSource ?? "", d.FallbackAt ?? d.CommittedAt, d.FallbackBy ?? ""),
            Files = DrawFiles.Available(d).ToList(),
        };

    /// <summary>A stratum's name when the parameters file gives one, else its key.</summary>
    public string StratumName(string key) => File?.Strata.FirstOrDefault(s => s.Key == key)?.Name is { Length: > 0 } name ? name : key;
}

/// <summary>A target without a team, as the draw reports it: required and eligible inspectors, and how many each 回避 rule excluded.</summary>
[ModuleFace]
public sealed record UnstaffedReport(string CreditCode, int Required, int Eligible, int LinkedUnit, int DeclaredConflict, int LastInspection, int OwnCounty)
{
    public static List<UnstaffedReport> Read(string? json) => json is null ? [] :
        System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Select(u => new UnstaffedReport(
            u.GetProperty("CreditCode").GetString()!, u.GetProperty("Required").GetInt32(), u.GetProperty("Eligible").GetInt32(),
            u.GetProperty("LinkedUnit").GetInt32(), u.GetProperty("DeclaredConflict").GetInt32(), u.GetProperty("LastInspection").GetInt32(),
            u.GetProperty("OwnCounty").GetInt32())).ToList();
}

/// <summary>A draw in the public list: its batch, number and state, the directory's size and the targets, when, and the commitment.</summary>
[ModuleFace]
public sealed record PublishedDrawRow(Guid Id, string Batch, int Number, DrawStatus Status, int Eligible, int Targets, DateTime At, string Commitment);

/// <summary>A drawn enterprise as published: its order, stratum, code and name, and the size of its team (not who).</summary>
[ModuleFace]
public sealed record PublishedDrawTarget(int Order, string Stratum, string Code, string Name, int Team);

/// <summary>
/// Every double-random draw, committed, drawn or annulled, for the public side. Public, so the area filter does not
/// apply to what is published: each query lifts it on its own table only.
/// </summary>
[ModuleFace]
public static class PublishedDraws
{
    /// <summary>The newest first.</summary>
    private static readonly ListSort<Draw>[] Sorts = [ListSort<Draw>.By("-time", d => d.CommittedAt, descending: true).ThenBy(d => d.Id, descending: true)];

    public static async Task<ListPage<PublishedDrawRow>> ListAsync(QualisDb db, ListRequest request, CancellationToken ct = default)
    {
        var q = db.Set<Draw>().OutsideArea(AreaReason.PublicRecord).AsNoTracking();
        var page = await q.PageAsync(request, Sorts, o => o, ct: ct);
        return new ListPage<PublishedDrawRow>(page.Rows.Select(Row).ToList(), page.Page, page.Size, page.Total, page.TotalIsExact, page.SortKey);
    }

    /// <summary>Every draw in the list's order, for its export.</summary>
    public static IAsyncEnumerable<PublishedDrawRow> AllAsync(QualisDb db) =>
        db.Set<Draw>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Ordered(null, Sorts).AsAsyncEnumerable().Select(Row);

    private static PublishedDrawRow Row(Draw d) =>
        new(d.Id, DrawParameters.FromJson(d.Parameters).Batch, d.Number, d.Status, d.Eligible, d.TargetCount, d.DrawnAt ?? d.CommittedAt, d.Commitment);

    /// <summary>One draw as published, or null when there is none by that id.</summary>
    public static async Task<DrawPublication?> FindAsync(QualisDb db, Guid id, CancellationToken ct = default) =>
        await DrawAsync(db, id, ct) is { } draw ? DrawPublication.Of(draw, DrawParameters.FromJson(draw.Parameters), await DrawService.WitnessesOfAnyAreaAsync(db, id, ct)) : null;

    /// <summary>The drawn enterprises in draw order; none before the seed is revealed.</summary>
    public static async Task<List<PublishedDrawTarget>> TargetsAsync(QualisDb db, Guid id, CancellationToken ct = default) =>
        (await db.Set<DrawTarget>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Where(t => t.DrawId == id).OrderBy(t => t.Order)
            .Select(t => new { t.Order, t.StratumKey, t.CreditCode, t.EnterpriseName, t.InspectorIds }).ToListAsync(ct))
        .Select(t => new PublishedDrawTarget(t.Order, t.StratumKey, t.CreditCode, t.EnterpriseName, t.InspectorIds.Length == 0 ? 0 : t.InspectorIds.Split(',').Length))
        .ToList();

    /// <summary>One of the draw's published files (see <see cref="DrawFiles"/>; never inputs.tsv, whose contents are not public), or a not-found result.</summary>
    public static async Task<IActionResult> DownloadAsync(QualisDb db, Guid id, string? name, CancellationToken ct = default) =>
        await DrawAsync(db, id, ct) is { } draw ? await DrawFiles.DownloadAsync(db, draw, name, mayReadInputs: false) : new NotFoundResult();

    /// <summary>The one-file download of what the public may verify (see <see cref="DrawFiles.ZipAsync"/>), or a not-found result.</summary>
    public static async Task<IActionResult> ZipAsync(QualisDb db, Guid id, CancellationToken ct = default) =>
        await DrawAsync(db, id, ct) is { } draw ? await DrawFiles.ZipAsync(db, draw) : new NotFoundResult();

    /// <summary>
    /// The draw re-run from its files and seed and compared with the stored result (see <see cref="DrawFiles.VerifyAsync"/>):
    /// the platform reads the stored inputs, checks them against the published inputs hash and re-runs the assignment too,
    /// which the public cannot do without the inputs' contents.
    /// </summary>
    public static async Task<(bool Reproduced, string Detail)?> VerifyAsync(QualisDb db, Guid id, CancellationToken ct = default) =>
        await DrawAsync(db, id, ct) is { } draw ? await DrawFiles.VerifyAsync(db, draw) : null;

    private static Task<Draw?> DrawAsync(QualisDb db, Guid id, CancellationToken ct) =>
        db.Set<Draw>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
}
