using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Qualis.Platform.Audit;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// /api/supervision/draws: the double-random draws (双随机抽取) of the caller's area, with what was published before the
/// draw (commitment, snapshot and inputs hashes, parameters) and, once drawn, the seed and the targets with their teams.
/// The sealed seed of a committed draw is never sent.
/// </summary>
public static class DrawsApi
{
    public sealed record DrawDto(
        Guid Id, Guid PlanId, Guid BatchId, int Number, [property: ApiValues(typeof(DrawStatus))] string Status, string Commitment, string SnapshotHash,
        string InputsHash, DrawParameters Parameters, int Eligible, int StrataCount, int TargetCount, string? Seed, DateTime CommittedAt, DateTime? DrawnAt,
        IReadOnlyList<UnstaffedRow>? Unstaffed, DateTime? AnnulledAt, string? AnnulReason, string RecordHash, WitnessesDto? Witnesses);

    /// <summary>
    /// The witnesses of a draw (见证人, format 3) as its public page shows them: named in the commitment record before the draw,
    /// each with their capacity, name and organisation (the account is not published), whether their value is given, and the
    /// value with its time once the draw ran; the deadline; the fallback public value (备用公开随机源) the office applied for a
    /// silent witness, with its source, when and by which office; and how the seed the draw used is derived, with the
    /// SHA-256 of witnesses.tsv once published. Null for a draw committed without witnesses.
    /// </summary>
    public sealed record WitnessesDto(DateTime Deadline, IReadOnlyList<WitnessDto> Witnesses, FallbackDto? Fallback, string Derivation, string? FileSha256, string? FileUrl);

    /// <summary>A witness in record order: capacity (notary, association, supervisor, office), name and organisation as published, and their value once drawn.</summary>
    public sealed record WitnessDto(int Position, [property: ApiValues(typeof(WitnessRole))] string Role, string Name, string Organisation, bool Given, string? Value, DateTime? GivenAt);

    /// <summary>The fallback public value applied after the deadline: its source, when, and the office that applied it (the value itself once drawn).</summary>
    public sealed record FallbackDto(string? Value, string Source, DateTime AppliedAt, string AppliedBy);

    /// <summary>The seed derivation as the specification gives it (docs/draw-algorithm.md, "Witnesses and the seed derivation").</summary>
    public const string SeedDerivation = "seed used = SHA-256(seed ‖ recordHash as 32 bytes ‖ witnesses.tsv bytes)";

    /// <summary>
    /// A target left without a full team (无法组队), as the draw stored it: how many inspectors it needed, how many of the pool
    /// were eligible, and how many each 回避 rule excluded. Null on a draw that staffed every target.
    /// </summary>
    [JsonNamesAsDeclared]
    public sealed record UnstaffedRow(string CreditCode, int Required, int Eligible, int PoolSize, int LinkedUnit, int DeclaredConflict, int LastInspection, int OwnCounty);

    public sealed record TeamMember(string Id, string Name);

    /// <summary>A drawn enterprise (抽中对象) with its inspector team (执法检查组); an empty team when none could be formed.</summary>
    public sealed record TargetDto(int Order, string StratumKey, string CreditCode, string EnterpriseName, string? RegionCode, IReadOnlyList<TeamMember> Team);

    public sealed record DrawDetail(DrawDto Draw, IReadOnlyList<TargetDto> Targets);

    public static void MapDrawsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/draws", async (QualisDb db, Guid? plan, Guid? batch, DrawStatus? status, ApiInstant? updatedSince, int page = 1, int pageSize = 50,
            CancellationToken ct = default) =>
        {
            var (p, size, skip) = SupervisionApi.Window(page, pageSize);
            var q = db.Set<Draw>().AsNoTracking();
            if (updatedSince is { } since)
            {
                var changed = db.KeysChangedSince<Draw>(since.Utc);
                q = q.Where(d => changed.Contains(d.Id.ToString().ToLower()));
            }
            if (plan is { } planId) q = q.Where(d => d.PlanId == planId);
            if (batch is { } batchId) q = q.Where(d => d.BatchId == batchId);
            if (status is { } s) q = q.Where(d => d.Status == s);
            var total = await q.CountAsync(ct);
            var draws = await q.OrderByDescending(d => d.CommittedAt).ThenBy(d => d.Id).Skip(skip).Take(size).ToListAsync(ct);
            var witnesses = await WitnessesOfAsync(db, draws.Where(d => d.WitnessList != null).Select(d => d.Id).ToList(), ct);
            return TypedResults.Ok(new SupervisionApi.Page<DrawDto>(total, p, size, draws.Select(d => ToDto(d, witnesses)).ToList()));
        }).WithName("ListDraws")
            .WithSummary("List draws (双随机抽取)")
            .WithDescription("The double-random draws of the key's area, newest first, filtered by `plan`, `batch` and `status`. Each shows what " +
                             "was published before it ran (commitment, snapshot and inputs hashes, parameters) and, once drawn, the seed and the " +
                             "targets left without a team (`unstaffed`); the commitment record's hash (`recordHash`) and, for a draw with witnesses (见证人), " +
                             "each witness as published, whether their value is given, the values once drawn, the deadline, the fallback if " +
                             "applied and the seed derivation with the SHA-256 of witnesses.tsv (`witnesses`). `updatedSince` keeps the draws written (committed, drawn, annulled) at or " +
                             "after the instant (read from the audit trail).");

        group.MapGet("/draws/{id:guid}", async Task<Results<Ok<DrawDetail>, NotFound>> (QualisDb db, Guid id, CancellationToken ct) =>
        {
            var draw = await db.Set<Draw>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
            if (draw is null) return TypedResults.NotFound();
            var targets = await db.Set<DrawTarget>().AsNoTracking().Where(t => t.DrawId == id).OrderBy(t => t.Order).ToListAsync(ct);
            var witnesses = await WitnessesOfAsync(db, draw.WitnessList is null ? [] : [draw.Id], ct);
            return TypedResults.Ok(new DrawDetail(ToDto(draw, witnesses), targets.Select(ToDto).ToList()));
        }).WithName("GetDraw").WithMetadata(new RecordPageAttribute(typeof(Draw)))
            .WithSummary("Get a draw with its targets and teams (查询抽取结果)")
            .WithDescription("One draw of the key's area with its drawn enterprises (抽中对象) in draw order, each with its inspector team " +
                             "(执法检查组); an empty team where none could be formed. The sealed seed of a committed draw is never sent.");
    }

    /// <summary>The witnesses' rows of the draws, by draw: the rows carry their draw's area, so the key's area reads them with the draw.</summary>
    private static async Task<ILookup<Guid, DrawWitness>> WitnessesOfAsync(QualisDb db, List<Guid> drawIds, CancellationToken ct) =>
        drawIds.Count == 0 ? Array.Empty<DrawWitness>().ToLookup(w => w.DrawId)
            : (await db.Set<DrawWitness>().AsNoTracking().Where(w => drawIds.Contains(w.DrawId)).ToListAsync(ct)).ToLookup(w => w.DrawId);

    private static DrawDto ToDto(Draw d, ILookup<Guid, DrawWitness> witnesses) => new(
        d.Id, d.PlanId, d.BatchId, d.Number, d.Status.ToString(), d.Commitment, d.SnapshotHash, d.InputsHash, DrawParameters.FromJson(d.Parameters),
        d.Eligible, d.StrataCount, d.TargetCount,
        // The seed only once revealed with the draw; before that it exists only sealed, and never leaves the server.
        d.DrawnAt is null ? null : d.Seed,
        d.CommittedAt, d.DrawnAt,
        string.IsNullOrWhiteSpace(d.Unstaffed) ? null : JsonSerializer.Deserialize<List<UnstaffedRow>>(d.Unstaffed), d.AnnulledAt, d.AnnulReason,
        CommitmentRecord.Of(d).Hash(), WitnessesOf(d, witnesses[d.Id]));

    /// <summary>
    /// The witnesses as the public page shows them (<see cref="Publication.DrawPublication"/>): name and organisation as the
    /// record publishes them, never the account; the values and their times once the draw ran.
    /// </summary>
    private static WitnessesDto? WitnessesOf(Draw d, IEnumerable<DrawWitness> rows)
    {
        if (d.WitnessList is null || d.WitnessDeadline is not { } deadline) return null;
        var drawn = d.DrawnAt is not null;
        var file = drawn ? d.WitnessesFile : null;
        return new WitnessesDto(deadline,
            rows.OrderBy(w => w.Position).Select(w => new WitnessDto(w.Position, w.Role.ToString(), w.Name, w.Organisation, w.Value is not null,
                drawn ? w.Value : null, drawn ? w.GivenAt : null)).ToList(),
            d.FallbackValue is null ? null : new FallbackDto(drawn ? d.FallbackValue : null, d.FallbackSource ?? "", d.FallbackAt ?? d.CommittedAt, d.FallbackBy ?? ""),
            SeedDerivation,
            file is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file))),
            file is null ? null : $"/Public/Draws/{d.Id}?handler=File&name={WitnessFile.Name}");
    }

    private static TargetDto ToDto(DrawTarget t)
    {
        var ids = t.InspectorIds.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var names = t.InspectorNames.Split('、', StringSplitOptions.RemoveEmptyEntries);
        var team = ids.Select((id, i) => new TeamMember(id, i < names.Length ? names[i] : id)).ToList();
        return new TargetDto(t.Order, t.StratumKey, t.CreditCode, t.EnterpriseName,
            t.RegionPath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(), team);
    }
}
