using Qualis.Features.Improvement.Experts;
using Qualis.Features.Improvement.Tasks;
using Qualis.Features.Registry;
using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Desk;
using Qualis.Platform.Indicators;
using Qualis.Platform.Modules;
using Qualis.Platform.Operations;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Qualis.Features.Improvement;

/// <summary>
/// Improvement work (质量提升项目与帮扶): the expert directory (专家库); improvement projects for enrolled key objects and
/// chosen enterprises — quality comparison (质量比对), consultation (会商会诊), prescription (开出处方), tackling tasks
/// (质量攻关) with evidence, the outcome and its publication as a typical case (典型案例); help plans for small firms
/// (帮扶方案), which run the same way; the indicators the action's targets count from them; overdue tasks on desks; the
/// enterprise's and the expert's own view of their work; and the public list of typical cases.
/// </summary>
public sealed class ImprovementModule : IModule
{
    /// <summary>Who reads projects and the directory: officials, within their area.</summary>
    public const string ReadersPolicy = "improvement-readers";
    /// <summary>Who creates and runs projects and keeps the directory: provincial, city and county officers, and administrators.</summary>
    public const string EditorsPolicy = "improvement-editors";
    /// <summary>Who selects and publishes typical cases: the province (and administrators).</summary>
    public const string PublishersPolicy = "improvement-publishers";
    /// <summary>
    /// Who may open a project, a task and "my improvement work": officials, enterprises, partner departments, testing agencies
    /// and inspectors (not the security and audit administrators). The page shows an official what their area holds, an
    /// enterprise its own, anyone else the tasks they own or the projects they consulted on as an expert.
    /// </summary>
    public const string ParticipantsPolicy = "improvement-participants";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IDemoSeeder, ImprovementDemoData>();
        services.AddScoped<IDeskSource, ImprovementDesk>();
        services.AddAuditNames<Expert, Guid>(e => e.Id, e => e.Name, e => "/Improvement/Experts/" + e.Id);
        services.AddAuditNames<ImprovementProject, Guid>(p => p.Id, p => p.Title, p => "/Improvement/" + p.Id);
        services.AddAuditNames<ImprovementTask, Guid>(t => t.Id, t => t.Title, t => "/Improvement/Tasks/" + t.Id);
        services.AddAuditReference(nameof(Expert), nameof(Expert.CreatedBy), AuditReference.Person);
        services.AddAuditReference(nameof(Expert), nameof(Expert.UserName), AuditReference.Person);
        services.AddAuditReference(nameof(ImprovementProject), nameof(ImprovementProject.CreatedBy), AuditReference.Person);
        services.AddAuditReference(nameof(ImprovementProject), nameof(ImprovementProject.PublishedBy), AuditReference.Person);
        services.AddAuditReference(nameof(ImprovementProject), nameof(ImprovementProject.CreditCode), RegistryFace.EnterpriseByCreditCode);
        services.AddAuditReference(nameof(ImprovementTask), nameof(ImprovementTask.CreatedBy), AuditReference.Person);
        services.AddAuditReference(nameof(ImprovementTask), nameof(ImprovementTask.ClosedBy), AuditReference.Person);
        services.AddAuditReference(nameof(ImprovementTask), nameof(ImprovementTask.OwnerUserName), AuditReference.Person);
        services.AddAuditReference(nameof(ImprovementTask), nameof(ImprovementTask.CreditCode), RegistryFace.EnterpriseByCreditCode);
        services.AddAuditReference(nameof(TaskNote), nameof(TaskNote.By), AuditReference.Person);
        services.AddAuditReference(nameof(TaskEvidence), nameof(TaskEvidence.UploadedBy), AuditReference.Person);
        foreach (var measure in Enum.GetValues<ImprovementMeasure>())
            services.AddScoped<IIndicator>(sp => new ImprovementIndicator(measure, sp.GetRequiredService<Platform.Time.PeopleClock>()));
    }

    public IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>
    {
        [ReadersPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.Officials.Split(',')).Build(),
        [EditorsPolicy] = new AuthorizationPolicyBuilder()
            .RequireRole(Roles.ProvincialOfficer, Roles.CityOfficer, Roles.CountyOfficer, Roles.Administrator).Build(),
        [PublishersPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.ProvincialOfficer, Roles.Administrator).Build(),
        [ParticipantsPolicy] = new AuthorizationPolicyBuilder()
            .RequireRole([.. Roles.Officials.Split(','), Roles.EnterpriseUser, Roles.PartnerDepartment, Roles.TestingAgency, Roles.Inspector]).Build(),
    };

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("/Improvement", "nav.improvement", ReadersPolicy) { Group = NavEntry.ActionGroup },
        new("/Improvement/Experts", "nav.improvement.experts", ReadersPolicy) { Group = NavEntry.ActionGroup },
        new("/Improvement/Mine", "nav.improvement.mine", ParticipantsPolicy) { Group = NavEntry.ActionGroup },
        new("/Public/Cases", "improvement.cases.title", Policy: null) { Menu = NavEntry.PublicSide, DescriptionKey = "improvement.cases.card" },
    ];

    /// <summary>The typical cases are public (信息公开): their two pages open without signing in.</summary>
    public void ConfigurePages(PageConventionCollection pages)
    {
        pages.AllowAnonymousToPage("/Improvement/Cases/Index");
        pages.AllowAnonymousToPage("/Improvement/Cases/Detail");
    }
}
