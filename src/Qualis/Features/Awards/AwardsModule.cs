using Qualis.Features.Registry;
using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Desk;
using Qualis.Platform.Modules;
using Qualis.Platform.Operations;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Qualis.Features.Awards;

/// <summary>
/// Government quality awards (政府质量奖评选) at province, city and county level as a full process: the office's call
/// (year, categories, quotas, deadline, stages with weights, the performance-excellence model as data), the enterprise's
/// application in its own account, recommendation county → city → province where the award requires it, the eligibility
/// check from the platform's own spot checks, the expert draw from the expert directory under 回避 from a published
/// commitment, each expert's fairness statement and scores, the committee's ranking, the 公示 with public objections, and
/// the grant, which writes the title into the recognition register so it counts into the plan targets.
/// </summary>
public sealed class AwardsModule : IModule
{
    /// <summary>Who reads rounds and applications: officials, within their area (and the calls of the offices above).</summary>
    public const string ReadersPolicy = "award-readers";
    /// <summary>Who opens rounds, recommends, checks, draws, decides and grants: provincial, city and county officers, and administrators.</summary>
    public const string EditorsPolicy = "award-editors";
    /// <summary>Who applies: an enterprise, in its own account.</summary>
    public const string ApplicantsPolicy = "award-applicants";
    /// <summary>Who opens "my awards" and a round's review page: officials, enterprises and the accounts experts are linked to.</summary>
    public const string ParticipantsPolicy = "award-participants";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IDemoSeeder, AwardDemoData>();
        services.AddScoped<IDeskSource, AwardDesk>();
        services.AddScoped<AwardSteps>();
        services.AddAuditNames<AwardRound, Guid>(r => r.Id, r => r.Title, r => "/Awards/" + r.Id);
        services.AddAuditNames<AwardApplication, Guid>(a => a.Id, a => a.EnterpriseName, a => "/Awards/" + a.RoundId);
        services.AddAuditReference(nameof(AwardRound), nameof(AwardRound.CreatedBy), AuditReference.Person);
        services.AddAuditReference(nameof(AwardApplication), nameof(AwardApplication.SubmittedBy), AuditReference.Person);
        services.AddAuditReference(nameof(AwardApplication), nameof(AwardApplication.CreditCode), RegistryFace.EnterpriseByCreditCode);
        services.AddAuditReference(nameof(AwardObjection), nameof(AwardObjection.ResolvedBy), AuditReference.Person);
        services.AddAuditReference(nameof(AwardEvidence), nameof(AwardEvidence.UploadedBy), AuditReference.Person);
        // An on-site file names the expert's assignment it came with, by the expert's name.
        services.AddAuditNames<AwardReviewer, Guid>(r => r.Id, r => r.ExpertName, r => "/Awards/" + r.RoundId);
        services.AddAuditReference(nameof(AwardEvidence), nameof(AwardEvidence.ReviewerId), nameof(AwardReviewer));
    }

    public IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>
    {
        [ReadersPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.Officials.Split(',')).Build(),
        [EditorsPolicy] = new AuthorizationPolicyBuilder()
            .RequireRole(Roles.ProvincialOfficer, Roles.CityOfficer, Roles.CountyOfficer, Roles.Administrator).Build(),
        [ApplicantsPolicy] = new AuthorizationPolicyBuilder().RequireRole(Roles.EnterpriseUser).Build(),
        [ParticipantsPolicy] = new AuthorizationPolicyBuilder()
            .RequireRole([.. Roles.Officials.Split(','), Roles.EnterpriseUser, Roles.PartnerDepartment, Roles.TestingAgency, Roles.Inspector]).Build(),
    };

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("/Awards", "nav.awards", ReadersPolicy) { Group = NavEntry.ActionGroup },
        new("/Awards/Mine", "nav.awards.mine", ParticipantsPolicy) { Group = NavEntry.ActionGroup },
        new("/Public/Awards", "award.public.title", Policy: null) { Menu = NavEntry.PublicSide, DescriptionKey = "award.public.card" },
    ];

    /// <summary>The 公示 and the winners are public (信息公开): their pages open without signing in.</summary>
    public void ConfigurePages(PageConventionCollection pages)
    {
        pages.AllowAnonymousToPage("/Awards/Public/Index");
        pages.AllowAnonymousToPage("/Awards/Public/Detail");
    }
}
