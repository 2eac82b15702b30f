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
        group.MapGet("/{entityType}/{key}", async Task<Results<Ok<IReadOnlyList<AuditRow>>, NotFound>> (QualisDb db, string entityType, string key, ApiInstant? updatedSince) =>
            {
                if ((await AuditHistory.ForAsync(db, entityType, key, take: 500)).Rows is not { Count: > 0 } rows) return TypedResults.NotFound();
                // The newest 500 entries, those since the instant among them (newest first, so none older is kept in their place).
                return TypedResults.Ok<IReadOnlyList<AuditRow>>(updatedSince is { } since ? rows.Where(r => r.At >= since.Utc).ToList() : rows);
            })
            .WithName("RecordHistory")
            .WithSummary("A record's history (记录变更历史)")
            .WithDescription("The audit entries (审计日志) of one record, newest first, at most 500: who, when, what, before and after (JSON text). " +
                             "`entityType` is the record's type (Enterprise, Region, SpotCheck, Draw, SamplingPlan …), `key` its key (a credit code, a " +
                             "division code, an id). A record with no history the key's area can see is not found (404). `updatedSince` keeps the " +
                             "entries at or after the instant.")
            .WithMetadata(new RecordPageAttribute(typeof(AuditEntry)));
    }
}
