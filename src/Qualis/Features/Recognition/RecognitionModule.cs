using Qualis.Features.Registry;
using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Desk;
using Qualis.Platform.Indicators;
using Qualis.Platform.Modules;
using Qualis.Platform.Operations;
using Qualis.Platform.Import;
using Qualis.Platform.Time;

namespace Qualis.Features.Recognition;

/// <summary>
/// The recognition register (认定管理): the five demonstrations, management adoption, government quality awards, famous
/// brands, chief quality officers and quality-strong regions, one record per recognition with its status, validity, granting
/// document and evidence; the indicators the action's targets count from it; the expiry reminders on the responsible
/// office's desk. Officials read within their area; provincial, city and county officers register and move records of
/// their area.
/// </summary>
public sealed class RecognitionModule : IModule
{
    /// <summary>Who reads the register: officials, within their area.</summary>
    public const string ReadersPolicy = "recognition-readers";
    /// <summary>Who registers recognitions and moves their status: provincial, city and county officers, and administrators.</summary>
    public const string EditorsPolicy = "recognition-editors";
    /// <summary>Enterprises registering their own chief quality officer (本企业首席质量官).</summary>
    public const string EnterprisePolicy = "recognition-enterprise";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IReferenceData, ProgrammeCatalog>();
        services.AddSingleton(CqoQualification.From(config));
        services.AddHostedService<RecognitionExpiryWorker>();
        // The registers provinces keep in spreadsheets, through the platform's import (/Registry/Import).
        services.AddSingleton(sp => Import.RecognitionImport.All(sp.GetRequiredService<PeopleClock>(), sp.GetRequiredService<CqoQualification>()).ToList());
        foreach (var kind in new[] { Import.RecognitionImport.Brands, Import.RecognitionImport.Awards, Import.RecognitionImport.Cqos })
            services.AddSingleton<IImportKind>(sp => sp.GetRequiredService<List<Import.RecognitionImport>>().Single(k => k.Kind == kind));
        services.AddSingleton<IDemoSeeder, RecognitionDemoData>();
        services.AddScoped<IDeskSource, RecognitionDesk>();
        services.AddAuditNames<Recognition, Guid>(r => r.Id, r => r.HolderName, r => "/Recognition/" + r.Id);
        services.AddAuditNames<RecognitionProgramme, string>(p => p.Code, p => p.NameZh);
        services.AddAuditReference(nameof(Recognition), nameof(Recognition.ProgrammeCode), nameof(RecognitionProgramme));
        services.AddAuditReference(nameof(Recognition), nameof(Recognition.CreditCode), RegistryFace.EnterpriseByCreditCode);
        services.AddAuditReference(nameof(Recognition), nameof(Recognition.CreatedBy), AuditReference.Person);
        services.AddAuditReference(nameof(Recognition), nameof(Recognition.PartnerCreditCode), RegistryFace.EnterpriseByCreditCode);
        services.AddAuditReference(nameof(Recognition), nameof(Recognition.RenewalOfId), nameof(Recognition));
        // A pairing's joint plan is a project of the improvement module: the trail names it by its title.
        services.AddAuditReference(nameof(Recognition), nameof(Recognition.ProjectId), nameof(Improvement.ImprovementProject));
        foreach (var family in Enum.GetValues<ProgrammeFamily>())
            foreach (var measure in Enum.GetValues<RecognitionMeasure>())
                services.AddScoped<IIndicator>(_ => new RecognitionIndicator(family, measure));
    }

    public IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>
    {
        [ReadersPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.Officials.Split(',')).Build(),
        [EditorsPolicy] = new AuthorizationPolicyBuilder()
            .RequireRole(Roles.ProvincialOfficer, Roles.CityOfficer, Roles.CountyOfficer, Roles.Administrator).Build(),
        [EnterprisePolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.EnterpriseUser).Build(),
    };

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("/Recognition", "nav.recognition", ReadersPolicy) { Group = NavEntry.ActionGroup },
        new("/Recognition/Cqo", "recognition.cqo.mine", EnterprisePolicy),
    ];
}
