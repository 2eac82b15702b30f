using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Items;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Audit;

namespace Qualis.Features.Supervision;

/// <summary>How the history names supervision's records (a spot check by its enterprise, a plan by year and name), and which of their fields name other records.</summary>
internal static class SupervisionAuditNames
{
    public static void AddSupervisionAuditNames(this IServiceCollection services)
    {
        services.AddAuditNames<SpotCheck, Guid>(c => c.Id, c => c.EnterpriseName, c => "/Supervision/Checks/" + c.Id);
        services.AddAuditNames<SamplingPlan, Guid>(p => p.Id, p => p.Year + " " + p.Name, p => "/Supervision/Plans/" + p.Id);
        services.AddAuditNames<PlanBatch, Guid>(b => b.Id, b => b.Name, b => "/Supervision/Plans/Batch/" + b.Id);
        services.AddAuditNames<Draw, Guid>(d => d.Id, d => "#" + d.Number, d => "/Supervision/Draws/" + d.Id);
        services.AddAuditNames<DrawTarget, Guid>(t => t.Id, t => t.EnterpriseName);
        // A check's child rows are named by what they hold and lead to the check's page.
        services.AddAuditNames<SpotCheckFailure, Guid>(f => f.Id, f => f.Item, f => "/Supervision/Checks/" + f.SpotCheckId);
        services.AddAuditNames<SpotCheckAttachment, Guid>(a => a.Id, a => a.FileName, a => "/Supervision/Checks/" + a.SpotCheckId);
        services.AddAuditNames<ResultCorrection, Guid>(c => c.Id, c => c.Reason, c => "/Supervision/Checks/" + c.SpotCheckId);
        services.AddAuditNames<TeamSubstitution, Guid>(s => s.Id, s => (s.OutName ?? "—") + " → " + s.InName, s => "/Supervision/Checks/" + s.SpotCheckId);
        services.AddAuditNames<Recusal, Guid>(r => r.Id, r => r.CreditCode);
        services.AddAuditNames<InspectionItem, Guid>(i => i.Id, i => i.Code + " " + i.Name);

        services.AddAuditReference(null, "SpotCheckId", nameof(SpotCheck));
        services.AddAuditReference(null, "PlanId", nameof(SamplingPlan));
        services.AddAuditReference(null, "BatchId", nameof(PlanBatch));
        services.AddAuditReference(null, "DrawId", nameof(Draw));
        services.AddAuditReference(null, "DrawTargetId", nameof(DrawTarget));
        // The laboratory's reports by their file names; a substitution's inspectors by name.
        services.AddAuditReference(nameof(SpotCheck), nameof(SpotCheck.TestReportId), nameof(SpotCheckAttachment));
        services.AddAuditReference(nameof(SpotCheck), nameof(SpotCheck.RetestReportId), nameof(SpotCheckAttachment));
        services.AddAuditReference(nameof(TeamSubstitution), nameof(TeamSubstitution.OutInspectorId), "Inspector");
        services.AddAuditReference(nameof(TeamSubstitution), nameof(TeamSubstitution.InInspectorId), "Inspector");
        // Who took a step, by sign-in name: shown as the person.
        foreach (var (type, field) in new[]
                 {
                     (nameof(SpotCheck), nameof(SpotCheck.ResultBy)), (nameof(SpotCheckAttachment), nameof(SpotCheckAttachment.UploadedBy)),
                     (nameof(ResultCorrection), nameof(ResultCorrection.By)), (nameof(TeamSubstitution), nameof(TeamSubstitution.By)), (nameof(Draw), nameof(Draw.CommittedBy)),
                     (nameof(Draw), nameof(Draw.DrawnBy)), (nameof(Draw), nameof(Draw.AnnulledBy)),
                 })
            services.AddAuditReference(type, field, AuditReference.Person);
        // A correction names the field it corrected by the field's text, as the correction form does.
        services.AddAuditValueTexts(nameof(ResultCorrection), nameof(ResultCorrection.Field), "check.field.");
        foreach (var type in new[] { nameof(SpotCheck), nameof(DrawTarget), nameof(Recusal) })
            services.AddAuditReference(type, "CreditCode", RegistryFace.EnterpriseByCreditCode);
    }
}
