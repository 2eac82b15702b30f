using Qualis.Platform.Modules;
using Qualis.Platform.Web;

namespace Qualis.Features.Admin;

/// <summary>Administration (系统管理): accounts and partner systems' API keys.</summary>
public sealed class AdminModule : IModule
{
    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("/Admin/Users", "nav.users", Policies.Administrators),
        new("/Admin/ApiClients", "nav.api_clients", Policies.Administrators),
    ];
}
