using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Desk;
using Qualis.Platform.Modules;
using Qualis.Platform.Operations;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>
/// The quality-improvement action plans (质量提升行动方案): a plan per year and region with its measures, their
/// departments and targets, the split of targets to cities and counties, acknowledgements, revisions and reported values.
/// </summary>
public sealed class PlansModule : IModule
{
    /// <summary>Departments' progress reports (部门工作进展): officials, and the partner departments that report them.</summary>
    public const string ProgressPolicy = "plans-progress";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<PlanSteps>();
        services.AddScoped<IDeskSource, PlansDesk>();
        services.AddSingleton<IDemoSeeder, PlansDemoData>();
        services.AddScoped<IDeskSource, Progress.ProgressDesk>();
        services.AddSingleton<IDemoSeeder, Progress.ProgressDemoData>();
        services.AddAuditNames<Progress.DepartmentReport, Guid>(r => r.Id, r => r.Period, r => "/Plans/Progress/" + r.Id);
        services.AddAuditReference(nameof(Progress.DepartmentReport), nameof(Progress.DepartmentReport.PlanId), nameof(ActionPlan));
        services.AddAuditReference(nameof(Progress.DepartmentReport), nameof(Progress.DepartmentReport.MeasureId), nameof(PlanMeasure));
        services.AddAuditReference(nameof(Progress.DepartmentReport), nameof(Progress.DepartmentReport.DepartmentId), "Department");
        services.AddAuditReference(nameof(Progress.DepartmentReportEvidence), nameof(Progress.DepartmentReportEvidence.ReportId), nameof(Progress.DepartmentReport));
        services.AddAuditReference(nameof(Progress.DepartmentReport), nameof(Progress.DepartmentReport.ReportedBy), AuditReference.Person);
        services.AddAuditReference(nameof(Progress.DepartmentReport), nameof(Progress.DepartmentReport.DecidedBy), AuditReference.Person);
        services.AddSingleton<IDemoSeeder, PlansDemoProgress>();

        services.AddAuditNames<ActionPlan, Guid>(p => p.Id, p => p.Title, p => "/Plans/" + p.Id);
        services.AddAuditNames<PlanMeasure, Guid>(m => m.Id, m => m.Number + " " + m.Text.Substring(0, 30), m => "/Plans/" + m.PlanId);
        services.AddAuditNames<PlanTarget, Guid>(t => t.Id, t => t.Name, t => "/Plans/" + t.PlanId);
        // A target's indicator by its name (indicator.{key} is the indicator's text key).
        services.AddAuditValueTexts(nameof(PlanTarget), nameof(PlanTarget.IndicatorKey), "indicator.");
        services.AddAuditNames<TargetReport, Guid>(r => r.Id, r => r.Period, r => "/Plans/Reports/" + r.Id);
        foreach (var type in new[] { nameof(PlanMeasure), nameof(MeasureDepartment), nameof(PlanTarget), nameof(PlanAcknowledgement), nameof(PlanRevision),
                     nameof(PeriodReopening), nameof(TargetReport) })
            services.AddAuditReference(type, "PlanId", nameof(ActionPlan));
        services.AddAuditReference(nameof(ActionPlan), nameof(ActionPlan.ParentPlanId), nameof(ActionPlan));
        services.AddAuditReference(nameof(ActionPlan), nameof(ActionPlan.CopiedFromId), nameof(ActionPlan));
        services.AddAuditReference(nameof(PlanMeasure), nameof(PlanMeasure.ParentId), nameof(PlanMeasure));
        foreach (var type in new[] { nameof(MeasureDepartment), nameof(PlanTarget) })
            services.AddAuditReference(type, "MeasureId", nameof(PlanMeasure));
        services.AddAuditReference(nameof(MeasureDepartment), nameof(MeasureDepartment.DepartmentId), "Department");
        foreach (var type in new[] { nameof(TargetShare), nameof(TargetReport) })
            services.AddAuditReference(type, "TargetId", nameof(PlanTarget));
        services.AddAuditReference(nameof(ReportEvidence), nameof(ReportEvidence.ReportId), nameof(TargetReport));
        foreach (var (type, field) in new[]
                 {
                     (nameof(ActionPlan), nameof(ActionPlan.IssuedBy)), (nameof(ActionPlan), nameof(ActionPlan.FrozenBy)),
                     (nameof(PlanAcknowledgement), nameof(PlanAcknowledgement.UserName)), (nameof(PlanRevision), nameof(PlanRevision.UserName)),
                     (nameof(PeriodReopening), nameof(PeriodReopening.UserName)), (nameof(TargetReport), nameof(TargetReport.ReportedBy)),
                     (nameof(TargetReport), nameof(TargetReport.DecidedBy)),
                 })
            services.AddAuditReference(type, field, AuditReference.Person);
    }

    public IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>
    {
        [ProgressPolicy] = new AuthorizationPolicyBuilder().RequireRole([.. Roles.Officials.Split(','), Roles.PartnerDepartment]).Build(),
    };

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("/Plans", "nav.plans", Qualis.Platform.Web.Policies.Officials) { Group = NavEntry.ActionGroup },
        new("/Plans/Progress", "nav.plans_progress", ProgressPolicy) { Group = NavEntry.ActionGroup },
    ];
}
