using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Qualis.Platform.Modules;

/// <summary>
/// A module (业务模块) declares itself in one class: its services, endpoints, authorization policies, API scopes and
/// navigation entries. Program.cs adds each module with one line; Platform runs what the modules declare and never
/// names a module itself. Its pages are found by Razor Pages under /Features/&lt;Module&gt;, its texts in the
/// texts.tsv files of its folder.
/// </summary>
public interface IModule
{
    void AddServices(IServiceCollection services, IConfiguration config) { }

    /// <summary>Authorization policies by name, for its pages' [Authorize(Policy = …)] and its navigation entries.</summary>
    IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>();

    /// <summary>API scopes a partner system's key can be granted; each gets the policy <c>ApiScopes.Policy(scope)</c>.</summary>
    IReadOnlyList<string> ApiScopes => [];

    /// <summary>Its entries in the top bar and in its own menus, in order.</summary>
    IReadOnlyList<NavEntry> Navigation => [];

    /// <summary>Page conventions, e.g. which of its pages are open without signing in.</summary>
    void ConfigurePages(PageConventionCollection pages) { }

    void MapEndpoints(IEndpointRouteBuilder app) { }
}

/// <summary>
/// A link in a menu, shown to whoever satisfies <paramref name="Policy"/> (to everyone, signed in or not, when null)
/// so a menu never keeps a second list of roles. <see cref="Id"/> names a tab for the page that marks it current.
/// </summary>
public sealed record NavEntry(string Path, string TextKey, string? Policy)
{
    /// <summary>The top bar of every page.</summary>
    public const string TopBar = "top";

    /// <summary>The cards of the public side's index (信息公开): a module that offers something without signing in adds one.</summary>
    public const string PublicSide = "public";

    public string Menu { get; init; } = TopBar;
    public string? Id { get; init; }
    /// <summary>A sentence under the entry where a menu shows one (the public side's cards).</summary>
    public string? DescriptionKey { get; init; }
    /// <summary>
    /// The text key of a drop-down of the top bar that holds this entry with the others of the same group, where the
    /// group's first entry stands: the quality-improvement action's plans, key objects and assessment share 质量提升,
    /// so the top bar keeps to one line at 1366 px.
    /// </summary>
    public string? Group { get; init; }

    /// <summary>The drop-down of the quality-improvement action (质量提升行动).</summary>
    public const string ActionGroup = "nav.group.action";
}

/// <summary>The modules Program.cs added, in its order, with what they declare.</summary>
public sealed class ModuleCatalog
{
    private readonly List<IModule> _modules = [];
    private readonly List<string> _apiScopes = [];
    private readonly List<NavEntry> _navigation = [];
    private readonly HashSet<string> _policies =
        [Web.Policies.Officials, Web.Policies.Administrators, Web.Policies.SecurityAdministrators, Web.Policies.AccountAdministrators, Web.Policies.AuditAdministrators];

    public IReadOnlyList<IModule> Modules => _modules;
    public IReadOnlyList<string> ApiScopes => _apiScopes;
    public IReadOnlyList<NavEntry> Navigation => _navigation;

    internal void Add(IModule module)
    {
        var name = module.GetType().Name;
        if (_modules.Any(m => m.GetType() == module.GetType())) throw new InvalidOperationException($"{name} is added twice.");
        foreach (var policy in module.Policies.Keys)
            if (!_policies.Add(policy)) throw new InvalidOperationException($"{name} declares the policy '{policy}', which is already declared.");
        foreach (var scope in module.ApiScopes)
            if (_apiScopes.Contains(scope)) throw new InvalidOperationException($"{name} declares the API scope '{scope}', which is already declared.");
            else _apiScopes.Add(scope);
        _navigation.AddRange(module.Navigation);
        _modules.Add(module);
    }
}
