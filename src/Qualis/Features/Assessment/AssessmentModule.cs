using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Desk;
using Qualis.Platform.Modules;
using Qualis.Platform.Operations;

namespace Qualis.Features.Assessment;

/// <summary>
/// The assessment of the cities' quality work (质量工作考核 / 督察考核): the yearly scheme with its scoring sheet, the
/// calendar, each city's self-assessment with evidence, the scoring departments' review, the ranking and the bulletin.
/// </summary>
public sealed class AssessmentModule : IModule
{
    /// <summary>Who takes part: officials (the province runs it, each city fills its own) and the scoring departments.</summary>
    public const string ReadersPolicy = "assessment-readers";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AssessmentService>();
        services.AddSingleton(AssessmentSettings.From(config));
        services.AddScoped<IDeskSource, AssessmentDesk>();
        services.AddSingleton<IDemoSeeder, AssessmentDemoData>();
        services.AddAuditNames<AssessmentScheme, Guid>(s => s.Id, s => s.Title, s => "/Assessment/Schemes/" + s.Id);
        services.AddAuditValueTexts(nameof(SchemeItem), nameof(SchemeItem.IndicatorKey), "indicator.");
        services.AddAuditNames<CityAssessment, Guid>(c => c.Id, c => c.RegionCode, c => "/Assessment/Cities/" + c.Id);
        // The child records name their scheme and their city's assessment by name with a link, never by GUID.
        foreach (var type in new[] { nameof(SchemeItem), nameof(SchemeStep), nameof(SchemeVeto), nameof(SchemeResult), nameof(CityAssessment) })
            services.AddAuditReference(type, nameof(CityAssessment.SchemeId), nameof(AssessmentScheme));
        services.AddAuditReference(nameof(AssessmentScheme), nameof(AssessmentScheme.CopiedFromId), nameof(AssessmentScheme));
        foreach (var type in new[] { nameof(ItemScore), nameof(ItemEvidence), nameof(SiteCheck), nameof(CityVeto) })
            services.AddAuditReference(type, nameof(SiteCheck.CityAssessmentId), nameof(CityAssessment));
    }

    public IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>
    {
        [ReadersPolicy] = new AuthorizationPolicyBuilder().RequireRole([.. Roles.Officials.Split(','), Roles.PartnerDepartment]).Build(),
    };

    public IReadOnlyList<NavEntry> Navigation => [new("/Assessment", "nav.assessment", ReadersPolicy) { Group = NavEntry.ActionGroup }];
}

/// <summary>
/// Assessment:SummaryReminderWorkingDays (default 10): the work summary's to-do appears on the desk this many working
/// days before its due day, which makes the first notification; the second comes within the to-do kind's lead time
/// (Notifications:LeadWorkingDays:assessment.todo.summary, 3 by default), as the action asks: 10 and 3 working days before.
/// </summary>
public sealed record AssessmentSettings(int SummaryReminderWorkingDays)
{
    public static AssessmentSettings From(IConfiguration config)
    {
        var days = config.GetValue("Assessment:SummaryReminderWorkingDays", 10);
        if (days < 0) throw new SettingException("Assessment:SummaryReminderWorkingDays", days.ToString(CultureInfo.InvariantCulture), "must be 0 or more working days");
        return new(days);
    }
}
