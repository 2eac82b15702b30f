using Qualis.Features.Audit;
using Qualis.Platform.Import;
using Qualis.Platform.Operations;
using Qualis.Features.Registry.Directories;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Registry.ProductCategories;
using Qualis.Features.Registry.TestingAgencies;
using Qualis.Features.Registry.Regions;
using Qualis.Features.Supervision;

namespace Qualis.Features;

/// <summary>Each feature's services and API routes; its pages are found by Razor Pages under /Features.</summary>
public static class FeatureSetup
{
    public static void AddFeatures(this IServiceCollection services, IConfiguration config)
    {
        // Supervision (监督抽查): the working-day calendar the deadlines count on, the draw rules' settings, the draw.
        services.AddSingleton(Platform.Calendar.WorkingCalendar.FromConfiguration(config));
        services.AddSingleton(Supervision.Draws.SupervisionSettings.From(config));
        services.AddScoped<Supervision.Draws.DrawService>();
        services.AddSingleton<ICommand, Supervision.Draws.VerifyDrawCommand>();
        Supervision.SpotChecks.SpotCheckSetup.AddSpotChecks(services, config);
        services.AddSingleton<IImportKind, EnterpriseImport>();
        // Reference catalogues (GB/T 4754 industries; product categories with their sampling rules), loaded into
        // their tables at start when those are empty, after the regions.
        services.AddSingleton<IReferenceData, IndustryCatalog>();
        services.AddSingleton<IReferenceData, ProductCategoryCatalog>();
        services.AddSingleton<ICommand, GenerateEnterprisesCommand>();
        services.AddSingleton<IDemoSeeder, Registry.RegistryDemoData>();
        services.AddSingleton<IDemoSeeder, Supervision.SupervisionDemoData>();
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

    public static void MapFeatures(this IEndpointRouteBuilder app)
    {
        app.MapRegionsApi();
        app.MapEnterprisesApi();
        app.MapAuditApi();
        app.MapSupervisionApi();
    }
}
