using Microsoft.AspNetCore.Http.HttpResults;
using Qualis.Platform.Audit;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.Plans;

/// <summary>/api/supervision/plans: the yearly plans (年度抽查计划) of the caller's area with their batches and draw rules.</summary>
public static class PlansApi
{
    /// <summary>A batch with its rules as stored and published (enums by name).</summary>
    public sealed record BatchDto(Guid Id, int Number, string Name, DateTime CreatedAt, BatchSettings Settings);

    public sealed record PlanDto(Guid Id, int Year, string Name, string RegionCode, DateTime CreatedAt, IReadOnlyList<BatchDto> Batches);

    public static void MapPlansApi(this RouteGroupBuilder group)
    {
        group.MapGet("/plans", async (QualisDb db, int? year, ApiInstant? updatedSince, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        {
            var (p, size, skip) = SupervisionApi.Window(page, pageSize);
            var q = db.Set<SamplingPlan>().AsNoTracking();
            if (year is { } y) q = q.Where(x => x.Year == y);
            if (updatedSince is { } since)
            {
                // A plan changes with its batches: a batch added or changed since counts as the plan's change.
                var written = db.KeysChangedSince<SamplingPlan>(since.Utc);
                var batches = db.KeysChangedSince<PlanBatch>(since.Utc);
                q = q.Where(x => written.Contains(x.Id.ToString().ToLower())
                                 || db.Set<PlanBatch>().Any(b => b.PlanId == x.Id && batches.Contains(b.Id.ToString().ToLower())));
            }
            var total = await q.CountAsync(ct);
            var plans = await q.OrderByDescending(x => x.Year).ThenBy(x => x.RegionCode).ThenBy(x => x.Id).Skip(skip).Take(size).ToListAsync(ct);
            return TypedResults.Ok(new SupervisionApi.Page<PlanDto>(total, p, size, await WithBatchesAsync(db, plans, ct)));
        }).WithName("ListPlans")
            .WithSummary("List sampling plans (年度抽查计划)")
            .WithDescription("The yearly spot-check plans of the key's area, newest year first, each with its batches (批次) and their draw rules " +
                             "(`settings`, as stored and published: property names as written, enums by name). `updatedSince` keeps the plans " +
                             "written, or with a batch written, at or after the instant (read from the audit trail).");

        group.MapGet("/plans/{id:guid}", async Task<Results<Ok<PlanDto>, NotFound>> (QualisDb db, Guid id, CancellationToken ct) =>
        {
            var plan = await db.Set<SamplingPlan>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            return plan is null ? TypedResults.NotFound() : TypedResults.Ok((await WithBatchesAsync(db, [plan], ct))[0]);
        }).WithName("GetPlan").WithMetadata(new RecordPageAttribute(typeof(SamplingPlan)))
            .WithSummary("Get a sampling plan (查询抽查计划)")
            .WithDescription("One plan of the key's area with its batches and their draw rules.");
    }

    private static async Task<List<PlanDto>> WithBatchesAsync(QualisDb db, List<SamplingPlan> plans, CancellationToken ct)
    {
        var ids = plans.Select(x => x.Id).ToList();
        var batches = (await db.Set<PlanBatch>().AsNoTracking().Where(b => ids.Contains(b.PlanId)).ToListAsync(ct))
            .OrderBy(b => b.Number).ToLookup(b => b.PlanId);
        return plans.Select(x => new PlanDto(x.Id, x.Year, x.Name, x.RegionCode, x.CreatedAt,
            batches[x.Id].Select(b => new BatchDto(b.Id, b.Number, b.Name, b.CreatedAt, b.Settings)).ToList())).ToList();
    }
}
