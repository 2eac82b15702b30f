using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Indicators;
using Qualis.Platform.Modules;
using Qualis.Platform.Operations;
using Qualis.Platform.Time;

namespace Qualis.Features.KeyObjects;

/// <summary>
/// Key objects (四重: 重点园区、重点产品和服务、重点行业、重点企业): what each city enrols for the year in the
/// quality-improvement action, and the indicators the action's targets and the assessment count from them.
/// Enrolment belongs to the city: its officers enrol and withdraw, the province may do so on a city's behalf; county
/// officers read the enrolments of their own county (its enterprises and parks) and change nothing.
/// </summary>
public sealed class KeyObjectsModule : IModule
{
    /// <summary>Who reads the enrolments: officials, within their area.</summary>
    public const string ReadersPolicy = "keyobjects-readers";
    /// <summary>Who enrols and withdraws: city officers for their city, the province (and administrators) for any city.</summary>
    public const string EnrollersPolicy = "keyobjects-enrollers";

    /// <summary>The history's lookup of an enrolled object by the key the enrolment stores.</summary>
    private const string ObjectLookup = "KeyObjectByKey";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IDemoSeeder, KeyObjectsDemoData>();
        services.AddAuditNames<KeyObjectEnrolment, Guid>(e => e.Id, e => e.ObjectName, e => "/KeyObjects/" + e.Id);
        // The enrolled object by name (a park's key is its id, a product's its name, an enterprise's its credit code).
        services.AddAuditNames<KeyObjectEnrolment, string>(e => e.ObjectKey,
            e => e.Kind == KeyObjectKind.Enterprise ? e.ObjectKey + " " + e.ObjectName : e.ObjectName, lookup: ObjectLookup);
        services.AddAuditReference(nameof(KeyObjectEnrolment), nameof(KeyObjectEnrolment.ObjectKey), ObjectLookup);
        services.AddAuditReference(nameof(KeyObjectEnrolment), nameof(KeyObjectEnrolment.EnrolledBy), AuditReference.Person);
        services.AddAuditReference(nameof(KeyObjectEnrolment), nameof(KeyObjectEnrolment.WithdrawnBy), AuditReference.Person);
        foreach (var kind in Enum.GetValues<KeyObjectKind>())
            services.AddScoped<IIndicator>(sp => new KeyObjectsIndicator(kind, sp.GetRequiredService<PeopleClock>()));
    }

    public IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>
    {
        [ReadersPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.Officials.Split(',')).Build(),
        [EnrollersPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.ProvincialOfficer, Roles.CityOfficer, Roles.Administrator).Build(),
    };

    public IReadOnlyList<NavEntry> Navigation => [new("/KeyObjects", "nav.keyobjects", ReadersPolicy) { Group = NavEntry.ActionGroup }];
}
