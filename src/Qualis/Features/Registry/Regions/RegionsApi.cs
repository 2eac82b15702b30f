using Microsoft.AspNetCore.Http.HttpResults;
using Qualis.Platform.ApiKeys;
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

        group.MapGet("/", async (QualisDb db, string? parent) =>
        {
            var q = db.Set<Region>().AsNoTracking();
            if (!string.IsNullOrEmpty(parent)) q = q.Where(r => r.ParentCode == parent);
            return TypedResults.Ok(await q.OrderBy(r => r.RegionPath)
                .Select(r => new RegionDto(r.Code, r.Name, r.NameEn, r.ParentCode, (int)r.Level)).ToListAsync());
        }).WithName("ListRegions");

        group.MapGet("/{code}", async Task<Results<Ok<RegionDto>, NotFound>> (QualisDb db, string code) =>
            await db.Set<Region>().AsNoTracking().Where(r => r.Code == code)
                .Select(r => new RegionDto(r.Code, r.Name, r.NameEn, r.ParentCode, (int)r.Level)).SingleOrDefaultAsync() is { } dto
                ? TypedResults.Ok(dto)
                : TypedResults.NotFound())
            .WithName("GetRegion")
            .WithMetadata(new RecordPageAttribute(typeof(Region)));
    }
}
