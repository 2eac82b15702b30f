using Microsoft.AspNetCore.Http.HttpResults;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Audit;
using Qualis.Platform.Web;

namespace Qualis.Features.Audit;

/// <summary>/api/audit: the history of one record, for partner systems that keep their own copies in step.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit")
            .WithTags("Audit")
            .RequireAuthorization(ApiScopes.Policy(AuditModule.ReadScope))
            .RequireRateLimiting(SecuritySetup.ApiRateLimit);

        // A record with no history the caller can see is, to that caller, a record that does not exist.
        group.MapGet("/{entityType}/{key}", async Task<Results<Ok<IReadOnlyList<AuditRow>>, NotFound>> (QualisDb db, string entityType, string key) =>
                (await AuditHistory.ForAsync(db, entityType, key, take: 500)).Rows is { Count: > 0 } rows ? TypedResults.Ok(rows) : TypedResults.NotFound())
            .WithName("RecordHistory")
            .WithMetadata(new RecordPageAttribute(typeof(AuditEntry)));
    }
}
