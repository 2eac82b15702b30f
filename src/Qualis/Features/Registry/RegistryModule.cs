using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Qualis.Features.Registry.Accounts;
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
    /// <summary>The tabs of the enterprise accounts pages (企业账户: claims, batch issue).</summary>
    public const string AccountsMenu = "registry-accounts";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(LegacyCodeRule.From(config));
        services.AddSingleton<EnterpriseImport>();
        services.AddSingleton<IImportKind>(sp => sp.GetRequiredService<EnterpriseImport>());
        // Reference catalogues (GB/T 4754 industries; product categories with their sampling rules), loaded into
        // their tables at start when those are empty, after the regions.
        services.AddSingleton<IReferenceData, IndustryCatalog>();
        services.AddSingleton<IReferenceData, ProductCategoryCatalog>();
        services.AddSingleton<ICommand, GenerateEnterprisesCommand>();
        services.AddSingleton<IDemoSeeder, RegistryDemoData>();
        services.AddRegistryAuditNames();
        services.AddScoped<IDeskSource, Desk.RegistryDesk>();
        services.AddScoped<EnterpriseAccounts>();
        services.AddSingleton<Enterprises.CommonNamePages>();
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
        new(AccountClaimsFace.ListPath, "account_claim.list_title", Platform.Web.Policies.Officials) { Menu = AccountsMenu, Id = "claims" },
        new("/Registry/Accounts/Issue", "account_issue.title", Platform.Web.Policies.Officials) { Menu = AccountsMenu, Id = "issue" },
        // The public side's card: an enterprise claims its account there without signing in.
        new("/Public/Claim", "public.claim.title", Policy: null) { Menu = NavEntry.PublicSide, DescriptionKey = "public.claim.intro" },
    ];

    /// <summary>The claim form is on the public site: no sign-in.</summary>
    public void ConfigurePages(PageConventionCollection pages) => pages.AllowAnonymousToPage("/Registry/Accounts/Claim");

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapRegionsApi();
        app.MapEnterprisesApi();
    }
}
