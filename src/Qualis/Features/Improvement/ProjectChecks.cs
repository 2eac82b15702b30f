using System.ComponentModel.DataAnnotations;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.KeyObjects;
using Qualis.Features.Registry;

namespace Qualis.Features.Improvement;

/// <summary>The fields of the new-project form, as posted.</summary>
public sealed class ProjectForm
{
    [Display(Name = "improvement.kind")]
    public ProjectKind Kind { get; set; } = ProjectKind.Improvement;
    [Display(Name = "improvement.key_object")]
    public Guid? KeyObjectId { get; set; }
    [Display(Name = "improvement.credit_code"), StringLength(18)]
    public string? CreditCode { get; set; }
    [Display(Name = "improvement.project_title"), StringLength(ImprovementProject.NameLength)]
    public string? Title { get; set; }
    [Display(Name = "improvement.goal"), StringLength(ImprovementProject.TextLength)]
    public string? Goal { get; set; }
    [Display(Name = "improvement.start_on")]
    public DateOnly? StartOn { get; set; }
    [Display(Name = "improvement.end_on")]
    public DateOnly? EndOn { get; set; }
    [Display(Name = "improvement.needs")]
    public List<ExpertField> Needs { get; set; } = [];
    [Display(Name = "improvement.helping_units"), StringLength(ImprovementProject.TextLength)]
    public string? HelpingUnits { get; set; }
}

/// <summary>
/// The checks of a new project on the server, whatever the form offered: a title, goal and dates in order; an improvement
/// project's subject is an active key object of the caller's area or an enterprise of it; a help plan's is an enterprise
/// of the area (one outside it is refused naming the firm), with at least one need chosen.
/// </summary>
public static class ProjectChecks
{
    public static async Task<(ImprovementProject? Project, List<ImprovementProblem> Problems)> CheckAsync(QualisDb db, ProjectForm f, CancellationToken ct)
    {
        var problems = new List<ImprovementProblem>();
        var title = f.Title?.Trim() ?? "";
        if (title.Length == 0) problems.Add(new(nameof(f.Title), "improvement.error.title_required"));
        if (string.IsNullOrWhiteSpace(f.Goal)) problems.Add(new(nameof(f.Goal), "improvement.error.goal_required"));
        if (f.StartOn is null) problems.Add(new(nameof(f.StartOn), "improvement.error.start_required"));
        if (f.EndOn is null) problems.Add(new(nameof(f.EndOn), "improvement.error.end_required"));
        if (ImprovementRules.Dates(f.StartOn, f.EndOn) is { } order) problems.Add(order);
        if (!Enum.IsDefined(f.Kind)) { problems.Add(new(nameof(f.Kind), "improvement.error.kind_unknown")); return (null, problems); }

        var p = new ImprovementProject { Kind = f.Kind, Title = title, Goal = f.Goal?.Trim() ?? "", StartOn = f.StartOn ?? default, EndOn = f.EndOn ?? default };
        var code = f.CreditCode?.Trim().ToUpperInvariant();
        if (f.Kind == ProjectKind.Improvement && f.KeyObjectId is { } keyId)
        {
            if (await KeyObjectsFace.FindActiveAsync(db, keyId, ct) is not { } k) problems.Add(new(nameof(f.KeyObjectId), "improvement.error.key_object_unknown"));
            else
            {
                p.KeyObjectId = k.Id;
                p.SubjectKind = Enum.Parse<SubjectKind>(k.Kind);
                (p.SubjectKey, p.SubjectName, p.RegionCode, p.RegionPath) = (k.ObjectKey, k.ObjectName, k.RegionCode, k.RegionPath);
                if (p.SubjectKind == SubjectKind.Enterprise)
                {
                    p.CreditCode = k.ObjectKey;
                    p.IndustryCode = (await RegistryFace.FindEnterpriseAsync(db, k.ObjectKey, ct))?.IndustryCode;
                }
                if (p.SubjectKind == SubjectKind.Industry) p.IndustryCode = k.ObjectKey;
            }
        }
        else if (string.IsNullOrEmpty(code))
            problems.Add(f.Kind == ProjectKind.HelpPlan ? new(nameof(f.CreditCode), "improvement.error.enterprise_required") : new(nameof(f.KeyObjectId), "improvement.error.subject_required"));
        else if (await RegistryFace.FindEnterpriseAsync(db, code, ct) is { } firm)
        {
            p.SubjectKind = SubjectKind.Enterprise;
            (p.SubjectKey, p.SubjectName, p.CreditCode, p.IndustryCode, p.RegionCode, p.RegionPath) = (firm.CreditCode, firm.Name, firm.CreditCode, firm.IndustryCode, firm.RegionCode, firm.RegionPath);
        }
        else if (await RegistryFace.EnterpriseNamedOfAnyAreaAsync(db, code, ct) is { } elsewhere)
            problems.Add(new(nameof(f.CreditCode), f.Kind == ProjectKind.HelpPlan ? "improvement.error.help_plan_outside_area" : "improvement.error.enterprise_outside_area_named", elsewhere.Name));
        else problems.Add(new(nameof(f.CreditCode), "improvement.error.enterprise_unknown", code));

        if (f.Kind == ProjectKind.HelpPlan)
        {
            var needs = f.Needs.Where(Enum.IsDefined).Distinct().ToList();
            if (needs.Count == 0) problems.Add(new(nameof(f.Needs), "improvement.error.needs_required"));
            p.Needs = string.Join(",", needs);
            p.HelpingUnits = string.IsNullOrWhiteSpace(f.HelpingUnits) ? null : f.HelpingUnits.Trim();
        }
        if (problems.Count > 0) return (null, problems);
        p.OfficeCode = db.Actor.RegionPath is { } path ? ImprovementRules.OfficeOf(path) : p.RegionPath.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? p.RegionCode;
        return (p, problems);
    }

    /// <summary>The needs of a help plan as fields.</summary>
    public static IEnumerable<ExpertField> NeedsOf(string? needs) =>
        (needs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => Enum.TryParse<ExpertField>(n, out var f) ? f : (ExpertField?)null).OfType<ExpertField>();
}
