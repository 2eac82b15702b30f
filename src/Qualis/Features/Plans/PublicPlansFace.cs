using Qualis.Features.Departments;
using Qualis.Platform.Indicators;
using Qualis.Platform.Modules;

namespace Qualis.Features.Plans;

/// <summary>How a target's figures and statuses show, on the officials' scoreboard and on the public side alike.</summary>
[ModuleFace]
public static class TargetDisplay
{
    /// <summary>A figure as shown: whole numbers without decimals, others to two places, a rate with its percent sign when asked; a dash for none.</summary>
    public static string Figure(decimal? value, bool percent = false) =>
        value is { } v ? v.ToString(v == decimal.Truncate(v) ? "0" : "0.##", CultureInfo.InvariantCulture) + (percent ? "%" : "") : "—";

    /// <summary>
    /// The figure a region's value is held against, the same on every page: a growth target's baseline grown by its
    /// percent (none while the baseline is unknown — the percent is the rule, not a figure to reach), none for a
    /// deadline, else the region's quota (the target's own figure where it has none).
    /// </summary>
    public static decimal? Required(TargetKind kind, decimal targetValue, RegionTargetValue v) => kind switch
    {
        TargetKind.Growth => v.Evaluation.Required,
        TargetKind.Deadline => null,
        _ => v.Quota ?? targetValue,
    };

    /// <summary>Progress towards the figure required, in percent (none without a value or a figure required).</summary>
    public static decimal? Progress(TargetKind kind, decimal targetValue, RegionTargetValue? v) =>
        v is { Value: { } value } && Required(kind, targetValue, v) is { } required && required != 0 ? Math.Round(value / required * 100, 1) : null;

    /// <summary>The badge colour of a status: green met, blue on track, amber at risk, red missed.</summary>
    public static string StatusClass(TargetStatus status) => status switch
    {
        TargetStatus.Met => "text-bg-success",
        TargetStatus.OnTrack => "text-bg-info",
        TargetStatus.AtRisk => "text-bg-warning",
        _ => "text-bg-danger",
    };
}

/// <summary>An issued plan as the public reads it: title, 文号, issuing body and date.</summary>
[ModuleFace]
public sealed record PublicPlanSummary(Guid Id, int Year, string Title, string? DocumentNumber, string IssuingBody, DateOnly? IssuedOn);

/// <summary>A measure of the plan in its numbering, with the names of its lead departments (牵头单位).</summary>
[ModuleFace]
public sealed record PublicMeasure(string Number, string Text, int Depth, IReadOnlyList<string> LeadDepartments);

/// <summary>A published target: its measure's number, its name, whether its figure is a percent, whether it is a deliverable (no figure).</summary>
[ModuleFace]
public sealed record PublicTarget(string MeasureNumber, string Name, bool Percent, bool Deliverable);

/// <summary>A city's standing on a published target: its figure, the figure required, the status.</summary>
[ModuleFace]
public sealed record PublicCell(decimal? Value, decimal? Required, TargetStatus Status);

/// <summary>A city's row of the public progress table, with its worst status over the published targets (the tile's colour).</summary>
[ModuleFace]
public sealed record PublicCity(string Name, IReadOnlyList<PublicCell?> Cells, TargetStatus? Worst);

/// <summary>What the public side shows of an issued plan: the plan, its measures with their lead departments, the published targets and each city's progress on them.</summary>
[ModuleFace]
public sealed record PublicPlan(PublicPlanSummary Plan, IReadOnlyList<PublicMeasure> Measures, IReadOnlyList<PublicTarget> Targets, IReadOnlyList<PublicCity> Cities);

/// <summary>
/// The action plans on the login-free site (信息公开): only the top plans (the province's) once issued — never a draft,
/// never a city's own plan — and of their targets only those the plan's office published. Nothing else leaves: no
/// reports, notes or evidence, no officials, no indicator keys, no links to internal pages. The figures are the
/// scoreboard's (<see cref="PlansFace.TargetValuesAsync"/>), read as an anonymous visitor reads them: every city, whoever is signed in.
/// </summary>
[ModuleFace]
public static class PublicPlansFace
{
    private static IQueryable<ActionPlan> Public(QualisDb db) =>
        db.Set<ActionPlan>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Where(p => p.ParentPlanId == null && p.Status != PlanStatus.Draft);

    /// <summary>The issued top plans, latest year first.</summary>
    public static Task<List<PublicPlanSummary>> PlansAsync(QualisDb db, CancellationToken ct = default) =>
        Public(db).OrderByDescending(p => p.Year).ThenBy(p => p.Title)
            .Select(p => new PublicPlanSummary(p.Id, p.Year, p.Title, p.DocumentNumber, p.IssuingBody, p.IssuedOn)).ToListAsync(ct);

    /// <summary>The issued top plan <paramref name="id"/> as the public sees it on <paramref name="today"/>; null for a draft, a city's plan or none.</summary>
    /// <remarks>
    /// The figures are the public's, the same for whoever reads them: they are computed in a scope of their own, as an
    /// anonymous visitor reads them (every city of the plan), not through the signed-in reader's area — a city officer
    /// on the public side sees every city, not its own row.
    /// </remarks>
    public static async Task<PublicPlan?> PlanAsync(QualisDb db, IServiceScopeFactory scopes, IndicatorCatalog catalog, Guid id, DateOnly today, bool english, CancellationToken ct = default)
    {
        if (await Public(db).SingleOrDefaultAsync(p => p.Id == id, ct) is not { } plan) return null;
        var summary = new PublicPlanSummary(plan.Id, plan.Year, plan.Title, plan.DocumentNumber, plan.IssuingBody, plan.IssuedOn);

        var measures = await db.Set<PlanMeasure>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Where(m => m.PlanId == plan.Id).ToListAsync(ct);
        var leads = await db.Set<MeasureDepartment>().OutsideArea(AreaReason.PublicRecord).AsNoTracking()
            .Where(d => d.PlanId == plan.Id && d.Role == MeasureRole.Lead).ToListAsync(ct);
        var names = await DepartmentsFace.NamesAsync(db, leads.Select(d => d.DepartmentId).Distinct().ToList(), ct);
        var tree = new List<PublicMeasure>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var m in measures.Where(m => m.ParentId == parent).OrderBy(m => m.Order).ThenBy(m => m.Id))
            {
                tree.Add(new PublicMeasure(m.Number, m.Text, depth,
                    leads.Where(d => d.MeasureId == m.Id).Select(d => names.GetValueOrDefault(d.DepartmentId)).OfType<string>().ToList()));
                if (depth < 6) Walk(m.Id, depth + 1);
            }
        }
        Walk(null, 0);

        List<TargetValues> published;
        using (var visitor = scopes.CreateScope())
            published = (await PlansFace.TargetValuesAsync(visitor.ServiceProvider.GetRequiredService<QualisDb>(), catalog, plan.Year, today, plan.Id, ct) ?? [])
                .Where(t => t.Published).ToList();
        var targets = published.Select(t => new PublicTarget(t.MeasureNumber, t.Name, t.Kind is TargetKind.Rate, t.Kind is TargetKind.Deadline)).ToList();
        var codes = published.SelectMany(t => t.Regions).Where(r => r.ParentCode is null).Select(r => r.RegionCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var regionNames = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => codes.Contains(r.Code)).ToListAsync(ct))
            .ToDictionary(r => r.Code, r => r.DisplayName(english));
        var cities = codes.Select(code =>
        {
            var cells = published.Select(t => t.Regions.FirstOrDefault(r => r.RegionCode == code) is { } v
                ? new PublicCell(v.Value, TargetDisplay.Required(t.Kind, t.Value, v), v.Evaluation.Status) : null).ToList();
            var statuses = cells.OfType<PublicCell>().Select(c => c.Status).ToList();
            return new PublicCity(regionNames.GetValueOrDefault(code, code), cells, statuses.Count == 0 ? null : statuses.Max());
        }).ToList();
        return new PublicPlan(summary, tree, targets, cities);
    }
}
