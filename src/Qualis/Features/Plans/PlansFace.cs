using Qualis.Platform.Indicators;
using Qualis.Platform.Modules;

namespace Qualis.Features.Plans;

/// <summary>A measure as a department sees it: the plan it belongs to, its number and text, and the department's part.</summary>
[ModuleFace]
public sealed record DepartmentMeasure(Guid PlanId, string PlanTitle, int Year, string RegionCode, Guid MeasureId, string Number, string Text, MeasureRole Role);

/// <summary>One region's standing on one target: its quota, value (and baseline for growth), the rule's verdict and where the figure comes from.</summary>
[ModuleFace]
public sealed record RegionTargetValue(string RegionCode, decimal? Quota, decimal? Value, decimal? Baseline, TargetEvaluation Evaluation, string? Link, Guid? ReportId);

/// <summary>A target of the year's plan with every city's standing on it (the scoreboard's row source).</summary>
[ModuleFace]
public sealed record TargetValues(
    Guid TargetId, Guid PlanId, Guid MeasureId, string MeasureNumber, string Name, TargetKind Kind, bool PerCity, decimal Value,
    int? BaselineYear, DateOnly? DueOn, TargetSource Source, string? IndicatorKey, IReadOnlyList<RegionTargetValue> Regions);

/// <summary>
/// What other modules read of the action plans (质量提升行动方案): the measures of a department (for its progress reports,
/// to come), and each target of a year's plan with every city's value and status (for the scoreboard). Reads keep the
/// area filter, except the issued plan above the reader's office, which the reader works under.
/// </summary>
[ModuleFace]
public static class PlansFace
{
    /// <summary>
    /// The measures a department leads or shares in the issued (or frozen) plans of a year that the caller may read, in
    /// plan then measure order. The seam for departments' progress reports and the measures × departments matrix.
    /// </summary>
    public static async Task<List<DepartmentMeasure>> MeasuresOfDepartmentAsync(QualisDb db, Guid departmentId, int year, CancellationToken ct = default)
    {
        var plans = await PlanAccess.Readable(db).AsNoTracking().Where(p => p.Year == year && p.Status != PlanStatus.Draft)
            .Select(p => new { p.Id, p.Title, p.Year, p.RegionCode, p.RegionPath }).ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var rows = await db.Set<MeasureDepartment>().AsNoTracking().Where(d => d.DepartmentId == departmentId && ids.Contains(d.PlanId))
            .Join(db.Set<PlanMeasure>(), d => d.MeasureId, m => m.Id, (d, m) => new { d.PlanId, d.Role, m.Id, m.Number, m.Text, m.Order })
            .ToListAsync(ct);
        var byId = plans.ToDictionary(p => p.Id);
        return rows.OrderBy(r => byId[r.PlanId].RegionPath, StringComparer.Ordinal).ThenBy(r => r.Order)
            .Select(r => new DepartmentMeasure(r.PlanId, byId[r.PlanId].Title, year, byId[r.PlanId].RegionCode, r.Id, r.Number, r.Text, r.Role)).ToList();
    }

    /// <summary>
    /// The targets of a plan of <paramref name="year"/> — <paramref name="planId"/>, or else the top plan the caller reads
    /// (the province's issued plan, the latest issued if there are several) — each with every city under it that the caller may see: quota, current value
    /// — from the indicator (one call per indicator key for all cities) or the latest approved report (one query for all
    /// reported targets) — and the status <see cref="TargetRules"/> gives on <paramref name="today"/>. Null when the year has no plan.
    /// </summary>
    public static async Task<List<TargetValues>?> TargetValuesAsync(QualisDb db, IndicatorCatalog catalog, int year, DateOnly today, Guid? planId = null, CancellationToken ct = default)
    {
        var plan = await PlanAccess.Readable(db).AsNoTracking().Where(p => p.Year == year && p.Status != PlanStatus.Draft && (planId == null || p.Id == planId))
            .OrderBy(p => p.RegionPath.Length).ThenByDescending(p => p.IssuedAt).ThenBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (plan is null) return null;
        var targets = await db.Set<PlanTarget>().AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.Order).ToListAsync(ct);
        var measures = await db.Set<PlanMeasure>().AsNoTracking().Where(m => m.PlanId == plan.Id).ToDictionaryAsync(m => m.Id, m => m.Number, ct);
        var cities = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking()
                .Where(r => r.ParentCode == plan.RegionCode).OrderBy(r => r.Code).Select(r => new { r.Code, r.RegionPath }).ToListAsync(ct))
            .Where(r => db.Actor.CanReach(r.RegionPath) || (db.Actor.RegionPath is { } own && own.StartsWith(r.RegionPath, StringComparison.Ordinal)))
            .Select(r => r.Code).ToList();
        var targetIds = targets.Select(t => t.Id).ToList();
        var shares = (await db.Set<TargetShare>().OutsideArea(AreaReason.IssuedPlanAbove).AsNoTracking()
                .Where(s => targetIds.Contains(s.TargetId) && cities.Contains(s.RegionCode)).ToListAsync(ct))
            .GroupBy(s => s.TargetId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, decimal>)g.ToDictionary(s => s.RegionCode, s => s.Quota));

        // Indicator values: one call per indicator key and year (the baseline year for growth), for every city at once.
        var indicatorValues = new Dictionary<(string Key, int Year), IReadOnlyDictionary<string, IndicatorValue>>();
        foreach (var (key, y) in targets.Where(t => t.Source == TargetSource.Indicator && t.IndicatorKey is not null)
                     .SelectMany(t => t.Kind == TargetKind.Growth && t.BaselineYear is { } b ? new[] { (t.IndicatorKey!, year), (t.IndicatorKey!, b) } : [(t.IndicatorKey!, year)])
                     .Distinct())
        {
            if (catalog.Find(key) is not { } indicator) continue;
            var asOf = y == year ? (today < plan.PeriodEnd ? today : plan.PeriodEnd) : new DateOnly(y, 12, 31);
            indicatorValues[(key, y)] = await indicator.ValuesAsync(db, y, cities, asOf, ct);
        }

        // Reported values: the latest approved report of each reported target and city, in one query.
        var reportedIds = targets.Where(t => t.Source == TargetSource.Reported).Select(t => t.Id).ToList();
        var reports = reportedIds.Count == 0 ? [] : (await db.Set<TargetReport>().OutsideArea(AreaReason.IssuedPlanAbove).AsNoTracking()
                .Where(r => reportedIds.Contains(r.TargetId) && r.Status == ReportStatus.Approved && cities.Contains(r.RegionCode))
                .Select(r => new { r.Id, r.TargetId, r.RegionCode, r.Period, r.Value, r.Baseline, r.DeliveredOn, r.DecidedAt }).ToListAsync(ct))
            .GroupBy(r => (r.TargetId, r.RegionCode))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenByDescending(r => r.DecidedAt).First());

        var result = new List<TargetValues>();
        foreach (var t in targets)
        {
            var definition = t.Definition(plan);
            var own = shares.GetValueOrDefault(t.Id) ?? new Dictionary<string, decimal>();
            var regions = new List<RegionTargetValue>();
            foreach (var city in cities)
            {
                var quota = TargetSplit.QuotaOf(t.PerCity, t.Value, own, city);
                // A growth target grows each city's own baseline; the others are judged against the city's quota.
                var cityDefinition = quota is { } q && t.Kind != TargetKind.Growth && t.Kind != TargetKind.Deadline ? definition with { Value = q } : definition;
                decimal? value = null, baseline = null;
                DateOnly? delivered = null;
                string? link = null;
                Guid? reportId = null;
                if (t.Source == TargetSource.Indicator && t.IndicatorKey is { } key)
                {
                    if (indicatorValues.GetValueOrDefault((key, year))?.GetValueOrDefault(city) is { } v) { value = v.Value; link = v.Link; }
                    if (t.BaselineYear is { } by && indicatorValues.GetValueOrDefault((key, by))?.GetValueOrDefault(city) is { } bv) baseline = bv.Value;
                }
                else if (reports.GetValueOrDefault((t.Id, city)) is { } r)
                {
                    value = r.Value;
                    baseline = r.Baseline;
                    delivered = r.DeliveredOn;
                    reportId = r.Id;
                    link = "/Plans/Reports/" + r.Id;
                }
                regions.Add(new RegionTargetValue(city, quota, value, baseline, TargetRules.Evaluate(cityDefinition, value, baseline, today, delivered), link, reportId));
            }
            result.Add(new TargetValues(t.Id, plan.Id, t.MeasureId, measures.GetValueOrDefault(t.MeasureId, ""), t.Name, t.Kind, t.PerCity, t.Value,
                t.BaselineYear, t.DueOn, t.Source, t.IndicatorKey, regions));
        }
        return result;
    }
}
