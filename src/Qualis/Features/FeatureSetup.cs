using Qualis.Features.Audit;
using Qualis.Features.Registry.Regions;

namespace Qualis.Features;

/// <summary>Each feature's API routes; its pages are found by Razor Pages under /Features.</summary>
public static class FeatureSetup
{
    public static void MapFeatures(this IEndpointRouteBuilder app)
    {
        app.MapRegionsApi();
        app.MapAuditApi();
    }
}
