using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Qualis.Platform.Modules;

namespace Qualis.Features.Public;

/// <summary>What the public may see without signing in (信息公开): published draws and spot-check results, the quality-improvement action plans with their published progress, and the audit chain's seals.</summary>
public sealed class PublicModule : IModule
{
    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("/Public", "nav.public", Policy: null),
        new("/Public/Draws", "public.draws.title", Policy: null) { Menu = NavEntry.PublicSide, DescriptionKey = "public.draws.intro" },
        new("/Public/Results", "public.results.title", Policy: null) { Menu = NavEntry.PublicSide, DescriptionKey = "public.results.intro" },
        new("/Public/Plans", "public.plans.title", Policy: null) { Menu = NavEntry.PublicSide, DescriptionKey = "public.plans.card" },
        new("/Public/AuditSeals", "public.seals.title", Policy: null) { Menu = NavEntry.PublicSide, DescriptionKey = "public.seals.card" },
    ];

    public void ConfigurePages(PageConventionCollection pages) => pages.AllowAnonymousToFolder("/Public");
}
