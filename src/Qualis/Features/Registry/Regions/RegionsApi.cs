using Microsoft.AspNetCore.Http.HttpResults;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Audit;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Regions;

/// <summary>/api/regions: the division tree (行政区划) within the caller's area.</summary>
public static class RegionsApi
{
    public sealed record RegionDto(string Code, string Name, string? NameEn, string? ParentCode, int Level);

    public static void MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/regions")
            .WithTags("Regions")
            .RequireAuthorization(ApiScopes.Policy(RegistryModule.RegionsReadScope))
            .RequireRateLimiting(SecuritySetup.ApiRateLimit);

        group.MapGet("/", async (QualisDb db, string? parent, ApiInstant? updatedSince) =>
        {
            var q = db.Set<Region>().AsNoTracking();
            if (!string.IsNullOrEmpty(parent)) q = q.Where(r => r.ParentCode == parent);
            if (updatedSince is { } since) q = q.Where(r => db.KeysChangedSince<Region>(since.Utc).Contains(r.Code));
            return TypedResults.Ok(await q.OrderBy(r => r.RegionPath)
                .Select(r => new RegionDto(r.Code, r.Name, r.NameEn, r.ParentCode, (int)r.Level)).ToListAsync());
        }).WithName("ListRegions")
            .WithSummary("List divisions (行政区划)")
            .WithDescription("The divisions (GB/T 2260) of the key's area in tree order, all at once (a province has about 120); `parent` keeps " +
                             "the children of one division. `level` is 1 for a province, 2 for a city (设区市), 3 for a county (县/区). " +
                             "`updatedSince` keeps those whose record changed at or after the instant (read from the audit trail).");

        group.MapGet("/{code}", async Task<Results<Ok<RegionDto>, NotFound>> (QualisDb db, string code) =>
            await db.Set<Region>().AsNoTracking().Where(r => r.Code == code)
                .Select(r => new RegionDto(r.Code, r.Name, r.NameEn, r.ParentCode, (int)r.Level)).SingleOrDefaultAsync() is { } dto
                ? TypedResults.Ok(dto)
                : TypedResults.NotFound())
            .WithName("GetRegion")
            .WithSummary("Get a division by code (按代码查询行政区划)")
            .WithDescription("One division of the key's area by its six-digit code (e.g. 340100 合肥市).")
            .WithMetadata(new RecordPageAttribute(typeof(Region)));
    }
}
