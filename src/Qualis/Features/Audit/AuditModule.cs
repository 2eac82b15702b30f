using Qualis.Platform.Audit;
using Qualis.Platform.Modules;
using Qualis.Platform.Web;

namespace Qualis.Features.Audit;

/// <summary>The audit trail (审计日志) of the official's area, on a page and over the API; the seals of its chain (审计封签).</summary>
public sealed class AuditModule : IModule
{
    public const string ReadScope = "audit.read";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AuditDescriber>();
        services.AddAuditSeals(config);
    }

    public IReadOnlyList<string> ApiScopes => [ReadScope];

    public IReadOnlyList<NavEntry> Navigation => [new("/Audit", "nav.audit", Policies.AuditAdministrators)];

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapAuditApi();
}
