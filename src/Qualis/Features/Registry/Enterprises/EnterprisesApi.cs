using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Qualis.Platform.Access;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Data;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>/api/enterprises: the enterprise directory of the caller's area, with the list page's filters.</summary>
public static class EnterprisesApi
{
    public sealed record Page(int Total, int PageNumber, int PageSize, IReadOnlyList<EnterpriseRow> Items);

    public static void MapEnterprisesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/enterprises")
            .WithTags("Enterprises")
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.EnterprisesRead))
            .RequireRateLimiting(SecuritySetup.ApiRateLimit);

        group.MapGet("/", async (QualisDb db, string? name, string? code, string? region, string? industry,
            EnterpriseSize? size, EnterpriseStatus? status, Guid? park, string? sort, int page = 1, int pageSize = 50) =>
        {
            pageSize = Math.Clamp(pageSize, 1, 500);
            page = Math.Max(1, page);
            var q = await new EnterpriseFilter(name, code, region, industry, size, status, park, sort).ApplyAsync(db);
            var total = await q.CountAsync();
            var items = await q.Skip((page - 1) * pageSize).Take(pageSize).Project(db).ToListAsync();
            return TypedResults.Ok(new Page(total, page, pageSize, items));
        }).WithName("ListEnterprises");

        group.MapGet("/{code}", async Task<Results<Ok<EnterpriseRow>, NotFound>> (QualisDb db, string code) =>
        {
            var c = code.Trim().ToUpperInvariant();
            var row = await db.Set<Enterprise>().AsNoTracking().Where(e => e.CreditCode == c).Project(db).SingleOrDefaultAsync();
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row);
        }).WithName("GetEnterprise").WithMetadata(new RecordPageAttribute(typeof(Enterprise)));
    }
}
