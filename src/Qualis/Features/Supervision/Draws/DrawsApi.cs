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
        IReadOnlyList<UnstaffedRow>? Unstaffed, DateTime? AnnulledAt, string? AnnulReason);

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
            return TypedResults.Ok(new SupervisionApi.Page<DrawDto>(total, p, size, draws.Select(ToDto).ToList()));
        }).WithName("ListDraws")
            .WithSummary("List draws (双随机抽取)")
            .WithDescription("The double-random draws of the key's area, newest first, filtered by `plan`, `batch` and `status`. Each shows what " +
                             "was published before it ran (commitment, snapshot and inputs hashes, parameters) and, once drawn, the seed and the " +
                             "targets left without a team (`unstaffed`). `updatedSince` keeps the draws written (committed, drawn, annulled) at or " +
                             "after the instant (read from the audit trail).");

        group.MapGet("/draws/{id:guid}", async Task<Results<Ok<DrawDetail>, NotFound>> (QualisDb db, Guid id, CancellationToken ct) =>
        {
            var draw = await db.Set<Draw>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
            if (draw is null) return TypedResults.NotFound();
            var targets = await db.Set<DrawTarget>().AsNoTracking().Where(t => t.DrawId == id).OrderBy(t => t.Order).ToListAsync(ct);
            return TypedResults.Ok(new DrawDetail(ToDto(draw), targets.Select(ToDto).ToList()));
        }).WithName("GetDraw").WithMetadata(new RecordPageAttribute(typeof(Draw)))
            .WithSummary("Get a draw with its targets and teams (查询抽取结果)")
            .WithDescription("One draw of the key's area with its drawn enterprises (抽中对象) in draw order, each with its inspector team " +
                             "(执法检查组); an empty team where none could be formed. The sealed seed of a committed draw is never sent.");
    }

    private static DrawDto ToDto(Draw d) => new(
        d.Id, d.PlanId, d.BatchId, d.Number, d.Status.ToString(), d.Commitment, d.SnapshotHash, d.InputsHash, DrawParameters.FromJson(d.Parameters),
        d.Eligible, d.StrataCount, d.TargetCount,
        // The seed only once revealed with the draw; before that it exists only sealed, and never leaves the server.
        d.DrawnAt is null ? null : d.Seed,
        d.CommittedAt, d.DrawnAt,
        string.IsNullOrWhiteSpace(d.Unstaffed) ? null : JsonSerializer.Deserialize<List<UnstaffedRow>>(d.Unstaffed), d.AnnulledAt, d.AnnulReason);

    private static TargetDto ToDto(DrawTarget t)
    {
        var ids = t.InspectorIds.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var names = t.InspectorNames.Split('、', StringSplitOptions.RemoveEmptyEntries);
        var team = ids.Select((id, i) => new TeamMember(id, i < names.Length ? names[i] : id)).ToList();
        return new TargetDto(t.Order, t.StratumKey, t.CreditCode, t.EnterpriseName,
            t.RegionPath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(), team);
    }
}
