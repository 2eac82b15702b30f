using Qualis.Platform.Accounts;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Audit;
using Qualis.Platform.Modules;
using Qualis.Platform.Web;

namespace Qualis.Features.Admin;

/// <summary>Administration (系统管理): accounts, partner systems' API keys and the security administrator's page (三员分立, docs/deployment.md).</summary>
public sealed class AdminModule : IModule
{
    /// <summary>The history names accounts and API clients, and links them to their pages here.</summary>
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddAuditNames<QualisUser, string>(u => u.Id, u => u.DisplayName, u => "/Admin/Users/" + u.Id);
        services.AddAuditNames<ApiClient, Guid>(c => c.Id, c => c.Name, c => "/Admin/ApiClients/" + c.Id);
        services.AddAuditReference(null, "UserId", nameof(QualisUser));
        services.AddAuditReference(null, "ClientId", nameof(ApiClient));
        services.AddAuditReference(nameof(ApiClient), nameof(ApiClient.CreatedBy), AuditReference.Person);
        services.AddAuditValueTexts(nameof(QualisUser), nameof(QualisUser.Role), "role.");
    }

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("/Admin/Users", "nav.users", Policies.AccountAdministrators),
        new("/Admin/Security", "nav.security", Policies.SecurityAdministrators),
        new("/Admin/ApiClients", "nav.api_clients", Policies.Administrators),
    ];
}
