using Qualis.Platform.ApiKeys;

namespace Qualis.Platform.Modules;

public static class ModuleSetup
{
    /// <summary>Adds a module: its services, its policies and API scopes, its page conventions and its navigation.</summary>
    public static WebApplicationBuilder AddModule<TModule>(this WebApplicationBuilder builder) where TModule : IModule, new()
    {
        var services = builder.Services;
        var catalog = services.Select(d => d.ImplementationInstance).OfType<ModuleCatalog>().SingleOrDefault();
        if (catalog is null)
        {
            catalog = new ModuleCatalog();
            services.AddSingleton(catalog);
            services.AddScoped<Navigation>();
            services.AddScoped<Indicators.IndicatorCatalog>();
        }
        IModule module = new TModule();
        catalog.Add(module);
        module.AddServices(services, builder.Configuration);
        services.Configure<AuthorizationOptions>(o =>
        {
            foreach (var (name, policy) in module.Policies) o.AddPolicy(name, policy);
            foreach (var scope in module.ApiScopes) o.AddPolicy(ApiScopes.Policy(scope), ApiScopes.PolicyFor(scope));
        });
        services.Configure<RazorPagesOptions>(o => module.ConfigurePages(o.Conventions));
        return builder;
    }

    /// <summary>Maps each module's endpoints, in the order the modules were added.</summary>
    public static void MapModules(this IEndpointRouteBuilder app)
    {
        foreach (var module in app.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules) module.MapEndpoints(app);
    }
}
