using Qualis.Platform.ApiKeys;
using Qualis.Platform.Data;
using Qualis.Platform.Web;

namespace Qualis.Features.Audit;

/// <summary>/api/audit: the history of one record, for partner systems that keep their own copies in step.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit")
            .WithTags("Audit")
            .RequireAuthorization(ApiScopes.Policy(ApiScopes.AuditRead))
            .RequireRateLimiting(SecuritySetup.ApiRateLimit);

        group.MapGet("/{entityType}/{key}", async (QualisDb db, string entityType, string key) =>
            TypedResults.Ok((await AuditHistory.ForAsync(db, entityType, key, take: 500)).Rows))
            .WithName("RecordHistory");
    }
}
