using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision;

/// <summary>
/// /api/supervision: plans, draws, spot checks and results (监督抽查) for partner systems with the supervision.read
/// scope and for signed-in officials. Every record comes through the area filter, so one outside the caller's area is
/// simply not found (404).
/// </summary>
public static class SupervisionApi
{
    /// <summary>A page of a list: the exact total, the page asked for and its items.</summary>
    public sealed record Page<T>(int Total, int PageNumber, int PageSize, IReadOnlyList<T> Items);

    public static void MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision")
            .WithTags("Supervision")
            .RequireAuthorization(ApiScopes.Policy(SupervisionModule.ReadScope))
            .RequireRateLimiting(SecuritySetup.ApiRateLimit);
        group.MapPlansApi();
        group.MapDrawsApi();
        group.MapSpotChecksApi();
    }

    /// <summary>Page 1 and up; 1 to 500 items a page.</summary>
    internal static (int Page, int Size, int Skip) Window(int page, int pageSize)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, ApiDocument.MaxPageSize);
        return (page, pageSize, (page - 1) * pageSize);
    }
}
