using Qualis.Features.Registry.Directories;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Registry.ProductCategories;
using Qualis.Features.Registry.Regions;
using Qualis.Features.Registry.TestingAgencies;
using Qualis.Platform.Accounts;
using Qualis.Platform.Desk;
using Qualis.Platform.Import;
using Qualis.Platform.Modules;
using Qualis.Platform.Operations;

namespace Qualis.Features.Registry;

/// <summary>The registry (主体库): enterprises, the directories beside them, and their import.</summary>
public sealed class RegistryModule : IModule
{
    /// <summary>Who reads the registry: officials, inspectors and partner departments, each within their area.</summary>
    public const string ReadersPolicy = "registry-readers";
    public const string RegionsReadScope = "regions.read";
    public const string EnterprisesReadScope = "enterprises.read";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IImportKind, EnterpriseImport>();
        // Reference catalogues (GB/T 4754 industries; product categories with their sampling rules), loaded into
        // their tables at start when those are empty, after the regions.
        services.AddSingleton<IReferenceData, IndustryCatalog>();
        services.AddSingleton<IReferenceData, ProductCategoryCatalog>();
        services.AddSingleton<ICommand, GenerateEnterprisesCommand>();
        services.AddSingleton<IDemoSeeder, RegistryDemoData>();
        services.AddRegistryAuditNames();
        services.AddScoped<IDeskSource, Desk.RegistryDesk>();
        // Each directory is both a list (IDirectory) and an import kind.
        foreach (var directory in new IDirectory[]
                 {
                     new ParkDirectory(), new InspectorDirectory(), new TestingAgencyDirectory(),
                     new ProductCategoryDirectory(), new IndustryDirectory(), new RegionDirectory(),
                 })
        {
            services.AddSingleton(directory);
            services.AddSingleton<IImportKind>(directory);
        }
    }

    public IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>
    {
        [ReadersPolicy] = new AuthorizationPolicyBuilder().RequireRole([.. Roles.Officials.Split(','), Roles.Inspector, Roles.PartnerDepartment]).Build(),
    };

    public IReadOnlyList<string> ApiScopes => [RegionsReadScope, EnterprisesReadScope];

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("/Registry/Enterprises", "nav.enterprises", ReadersPolicy),
        new("/Registry/Directories", "nav.directories", ReadersPolicy),
        new("/Registry/Import", "nav.import", Platform.Web.Policies.Officials),
    ];

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapRegionsApi();
        app.MapEnterprisesApi();
    }
}
