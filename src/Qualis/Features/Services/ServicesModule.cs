using Qualis.Features.Registry;
using Qualis.Features.Services.Events;
using Qualis.Features.Services.Parks;
using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Desk;
using Qualis.Platform.Indicators;
using Qualis.Platform.Modules;
using Qualis.Platform.Operations;
using Qualis.Platform.Time;

namespace Qualis.Features.Services;

/// <summary>
/// Services to small and micro firms (服务零距离): the service-needs questionnaire the province defines and the cities send
/// to the small and micro firms of their area, answered by the firm in its own account or by an officer on a visit and
/// summarised by area, need and city; mobile quality clinics (质量流动诊所) and other service events with the firms that
/// came and what was diagnosed; quality-strong park programmes (质量强区/园区); each firm's service archive on its
/// registry page; the indicators the action's targets count from them.
/// </summary>
public sealed class ServicesModule : IModule
{
    /// <summary>Who reads the services of their area: officials.</summary>
    public const string ReadersPolicy = "services-readers";
    /// <summary>Who defines questionnaires: the province (and administrators).</summary>
    public const string DesignersPolicy = "services-designers";
    /// <summary>Who sends a questionnaire to the firms of their area: provincial and city officers, administrators.</summary>
    public const string SendersPolicy = "services-senders";
    /// <summary>Who records clinics, service events and park programmes, answers on a visit and reopens: officers of every level.</summary>
    public const string EditorsPolicy = "services-editors";
    /// <summary>Who answers a questionnaire: the firm in its own account, or an officer on a visit.</summary>
    public const string AnswerersPolicy = "services-answerers";
    /// <summary>The firm's own questionnaires: enterprise users.</summary>
    public const string EnterprisePolicy = "services-enterprise";
    /// <summary>The module's own tabs (_ServicesNav).</summary>
    public const string TabsMenu = "services-tabs";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<IDeskSource, ServicesDesk>();
        services.AddSingleton<IDemoSeeder, ServicesDemoData>();
        foreach (var measure in Enum.GetValues<ServicesMeasure>())
            services.AddScoped<IIndicator>(sp => new ServicesIndicator(measure, sp.GetRequiredService<PeopleClock>()));
        services.AddAuditNames<Questionnaire, Guid>(q => q.Id, q => q.Title, q => "/Services/Questionnaires/" + q.Id);
        services.AddAuditNames<QuestionnaireRecipient, Guid>(r => r.Id, r => r.EnterpriseName, r => "/Services/Answer/" + r.Id);
        services.AddAuditReference(nameof(QuestionnaireRecipient), nameof(QuestionnaireRecipient.CreditCode), RegistryFace.EnterpriseByCreditCode);
        services.AddAuditReference(nameof(QuestionnaireRecipient), nameof(QuestionnaireRecipient.QuestionnaireId), nameof(Questionnaire));
        services.AddAuditReference(nameof(QuestionnaireQuestion), nameof(QuestionnaireQuestion.QuestionnaireId), nameof(Questionnaire));
        services.AddAuditReference(nameof(QuestionnaireAnswer), nameof(QuestionnaireAnswer.QuestionnaireId), nameof(Questionnaire));
        services.AddAuditReference(nameof(QuestionnaireAnswer), nameof(QuestionnaireAnswer.RecipientId), nameof(QuestionnaireRecipient));
        foreach (var field in new[] { nameof(QuestionnaireRecipient.SentBy), nameof(QuestionnaireRecipient.AnsweredBy), nameof(QuestionnaireRecipient.ReopenedBy) })
            services.AddAuditReference(nameof(QuestionnaireRecipient), field, AuditReference.Person);
        services.AddAuditReference(nameof(Questionnaire), nameof(Questionnaire.CreatedBy), AuditReference.Person);
        services.AddAuditNames<ServiceEvent, Guid>(e => e.Id, e => e.Title, e => "/Services/Events/" + e.Id);
        services.AddAuditReference(nameof(ServiceEvent), nameof(ServiceEvent.CreatedBy), AuditReference.Person);
        services.AddAuditReference(nameof(ServiceEventFirm), nameof(ServiceEventFirm.EventId), nameof(ServiceEvent));
        services.AddAuditReference(nameof(ServiceEventFirm), nameof(ServiceEventFirm.CreditCode), RegistryFace.EnterpriseByCreditCode);
        services.AddAuditReference(nameof(ServiceEventFirm), nameof(ServiceEventFirm.AddedBy), AuditReference.Person);
        services.AddAuditNames<ParkProgramme, Guid>(p => p.Id, p => p.Title, p => "/Services/Parks/" + p.Id);
        services.AddAuditReference(nameof(ParkProgramme), nameof(ParkProgramme.CreatedBy), AuditReference.Person);
        services.AddAuditReference(nameof(ParkProgrammeMember), nameof(ParkProgrammeMember.ProgrammeId), nameof(ParkProgramme));
        services.AddAuditReference(nameof(ParkProgrammeMember), nameof(ParkProgrammeMember.CreditCode), RegistryFace.EnterpriseByCreditCode);
        services.AddAuditReference(nameof(ParkProgrammeMember), nameof(ParkProgrammeMember.AddedBy), AuditReference.Person);
        services.AddAuditReference(nameof(ParkProgrammeReport), nameof(ParkProgrammeReport.ProgrammeId), nameof(ParkProgramme));
        services.AddAuditReference(nameof(ParkProgrammeReport), nameof(ParkProgrammeReport.ReportedBy), AuditReference.Person);
    }

    public IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>
    {
        [ReadersPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.Officials.Split(',')).Build(),
        [DesignersPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.ProvincialOfficer, Roles.Administrator).Build(),
        [SendersPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.ProvincialOfficer, Roles.CityOfficer, Roles.Administrator).Build(),
        [EditorsPolicy] = new AuthorizationPolicyBuilder()
            .RequireRole(Roles.ProvincialOfficer, Roles.CityOfficer, Roles.CountyOfficer, Roles.Administrator).Build(),
        [AnswerersPolicy] = new AuthorizationPolicyBuilder()
            .RequireRole(Roles.ProvincialOfficer, Roles.CityOfficer, Roles.CountyOfficer, Roles.Administrator, Roles.EnterpriseUser).Build(),
        [EnterprisePolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.EnterpriseUser).Build(),
    };

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("/Services", "nav.services", ReadersPolicy) { Group = NavEntry.ActionGroup },
        new("/Services/Mine", "nav.services_mine", EnterprisePolicy),
        new("/Services", "services.tab.questionnaires", ReadersPolicy) { Menu = TabsMenu, Id = "questionnaires" },
        new("/Services/Events", "services.tab.events", ReadersPolicy) { Menu = TabsMenu, Id = "events" },
        new("/Services/Parks", "services.tab.parks", ReadersPolicy) { Menu = TabsMenu, Id = "parks" },
    ];
}
