using Qualis.Platform.Modules;

namespace Qualis.Tests.Support;

/// <summary>Every module class of the application, made fresh: what a module declares needs no running application.</summary>
public static class DeclaredModules
{
    public static IReadOnlyList<IModule> All { get; } = typeof(Program).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(IModule).IsAssignableFrom(t))
        .Select(t => (IModule)Activator.CreateInstance(t)!)
        .ToList();

    public static IEnumerable<string> ApiScopes => All.SelectMany(m => m.ApiScopes);
}
