using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Qualis.Platform.Modules;

namespace Qualis.Features.Public;

/// <summary>What the public may see without signing in (信息公开): published draws and spot-check results.</summary>
public sealed class PublicModule : IModule
{
    public IReadOnlyList<NavEntry> Navigation => [new("/Public", "nav.public", Policy: null)];

    public void ConfigurePages(PageConventionCollection pages) => pages.AllowAnonymousToFolder("/Public");
}
