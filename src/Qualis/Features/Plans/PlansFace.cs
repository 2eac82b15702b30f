using Qualis.Platform.Indicators;
using Qualis.Platform.Modules;

namespace Qualis.Features.Plans;

/// <summary>A measure as a department sees it: the plan it belongs to, its number and text, and the department's part.</summary>
[ModuleFace]
public sealed record DepartmentMeasure(Guid PlanId, string PlanTitle, int Year, string RegionCode, Guid MeasureId, string Number, string Text, MeasureRole Role);

/// <summary>One region's standing on one target: its quota, value (and baseline for growth), the rule's verdict, where the figure comes from, and for a county the city above it.</summary>
[ModuleFace]
public sealed record RegionTargetValue(string RegionCode, decimal? Quota, decimal? Value, decimal? Baseline, TargetEvaluation Evaluation, string? Link, Guid? ReportId, string? ParentCode = null);

/// <summary>A target of the year's plan with every city's standing on it (the scoreboard's row source).</summary>
[ModuleFace]
public sealed record TargetValues(
    Guid TargetId, Guid PlanId, Guid MeasureId, string MeasureNumber, string Name, TargetKind Kind, bool PerCity, decimal Value,
    int? BaselineYear, DateOnly? DueOn, TargetSource Source, string? IndicatorKey, IReadOnlyList<RegionTargetValue> Regions)
{
    /// <summary>Whether the province publishes the target's progress on the public side (公开).</summary>
    public bool Published { get; init; }
}

/// <summary>The figures of a plan's targets as they stood at the end of one China date (a point of the trend).</summary>
[ModuleFace]
public sealed record TrendPoint(DateOnly AsOf, IReadOnlyList<TargetValues> Targets);

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
    /// A city's officer gets its own row and, after it, the rows of its counties that have a share of a target (the city's
    /// split, 指标分解到县), each such cell judged against the county's share.
    /// </summary>
    public static async Task<List<TargetValues>?> TargetValuesAsync(QualisDb db, IndicatorCatalog catalog, int year, DateOnly today, Guid? planId = null, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(db, year, planId, ct);
        return scope is null ? null : await ValuesAtAsync(db, catalog, scope, today, ct);
    }

    /// <summary>
    /// The trend since the start of the plan's period (进展趋势): the same figures as <see cref="TargetValuesAsync"/> as they
    /// stood at each quarter's end so far and on <paramref name="today"/> (<see cref="ScoreboardTrend.Points"/>), computed
    /// again from the dated records — enrolments counted at the end of that day, spot checks with a result date up to it,
    /// the latest approved report of a quarter up to it — not from stored snapshots, so a late correction shows in the past
    /// points too. Each point's statuses are the rules' verdict on that day. Null when the year has no plan.
    /// </summary>
    public static async Task<List<TrendPoint>?> TrendAsync(QualisDb db, IndicatorCatalog catalog, int year, DateOnly today, Guid? planId = null, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(db, year, planId, ct);
        if (scope is null) return null;
        var points = new List<TrendPoint>();
        // A closed period's last point is its final standing, judged as the scoreboard judges it today: missed, not at risk
        // (the figures stay those of the last day: indicators stop at the period's end, reports are the period's quarters).
        foreach (var day in ScoreboardTrend.Points(scope.Plan.PeriodStart, scope.Plan.PeriodEnd, today))
            points.Add(new TrendPoint(day, await ValuesAtAsync(db, catalog, scope, TargetRules.JudgedOn(day, scope.Plan.PeriodEnd, today), ct)));
        return points;
    }

    /// <summary>What a plan's figures are computed over: the plan, its targets, the rows (cities, a city's counties) and their shares, the approved reports.</summary>
    private sealed record Scope(
        ActionPlan Plan, List<PlanTarget> Targets, Dictionary<Guid, string> Measures, List<(string Code, string? Parent)> Rows,
        Dictionary<Guid, IReadOnlyDictionary<string, decimal>> Shares, List<ApprovedReport> Reports);

    private sealed record ApprovedReport(Guid Id, Guid TargetId, string RegionCode, string Period, decimal Value, decimal? Baseline, DateOnly? DeliveredOn, DateTime? DecidedAt);

    private static async Task<Scope?> ScopeAsync(QualisDb db, int year, Guid? planId, CancellationToken ct)
    {
        var plan = await PlanAccess.Readable(db).AsNoTracking().Where(p => p.Year == year && p.Status != PlanStatus.Draft && (planId == null || p.Id == planId))
            .OrderBy(p => p.RegionPath.Length).ThenByDescending(p => p.IssuedAt).ThenBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (plan is null) return null;
        var targets = await db.Set<PlanTarget>().AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.Order).ToListAsync(ct);
        var measures = await db.Set<PlanMeasure>().AsNoTracking().Where(m => m.PlanId == plan.Id).ToDictionaryAsync(m => m.Id, m => m.Number, ct);
        var cityRows = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking()
                .Where(r => r.ParentCode == plan.RegionCode).OrderBy(r => r.Code).Select(r => new { r.Code, r.RegionPath }).ToListAsync(ct))
            .Where(r => db.Actor.CanReach(r.RegionPath) || (db.Actor.RegionPath is { } own && own.StartsWith(r.RegionPath, StringComparison.Ordinal)))
            .ToList();
        // A city's own officer also reads its counties (the city's split of the targets); the province reads cities only.
        var ownCity = db.Actor.RegionPath is { } path ? cityRows.FirstOrDefault(r => r.RegionPath == path)?.Code : null;
        var counties = ownCity is null ? [] : await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking()
            .Where(r => r.ParentCode == ownCity).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
        var codes = cityRows.Select(r => r.Code).Concat(counties).ToList();
        var targetIds = targets.Select(t => t.Id).ToList();
        var shareRows = await db.Set<TargetShare>().OutsideArea(AreaReason.IssuedPlanAbove).AsNoTracking()
            .Where(s => targetIds.Contains(s.TargetId) && codes.Contains(s.RegionCode)).ToListAsync(ct);
        var shares = shareRows.GroupBy(s => s.TargetId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, decimal>)g.ToDictionary(s => s.RegionCode, s => s.Quota));
        var rows = new List<(string Code, string? Parent)>();
        foreach (var city in cityRows)
        {
            rows.Add((city.Code, null));
            if (city.Code == ownCity)
                rows.AddRange(counties.Where(c => shareRows.Any(s => s.RegionCode == c)).Select(c => (c, (string?)city.Code)));
        }
        var reportedIds = targets.Where(t => t.Source == TargetSource.Reported).Select(t => t.Id).ToList();
        var reports = reportedIds.Count == 0 ? [] : await db.Set<TargetReport>().OutsideArea(AreaReason.IssuedPlanAbove).AsNoTracking()
            .Where(r => reportedIds.Contains(r.TargetId) && r.Status == ReportStatus.Approved && codes.Contains(r.RegionCode))
            .Select(r => new ApprovedReport(r.Id, r.TargetId, r.RegionCode, r.Period, r.Value, r.Baseline, r.DeliveredOn, r.DecidedAt)).ToListAsync(ct);
        return new Scope(plan, targets, measures, rows, shares, reports);
    }

    /// <summary>Every row's standing on every target as of the end of <paramref name="asOf"/> (China date).</summary>
    private static async Task<List<TargetValues>> ValuesAtAsync(QualisDb db, IndicatorCatalog catalog, Scope scope, DateOnly asOf, CancellationToken ct)
    {
        var (plan, targets, year) = (scope.Plan, scope.Targets, scope.Plan.Year);
        var codes = scope.Rows.Select(r => r.Code).ToList();

        // Indicator values: one call per indicator key and year (the baseline year for growth), for every row at once.
        var indicatorValues = new Dictionary<(string Key, int Year), IReadOnlyDictionary<string, IndicatorValue>>();
        foreach (var (key, y) in targets.Where(t => t.Source == TargetSource.Indicator && t.IndicatorKey is not null)
                     .SelectMany(t => t.Kind == TargetKind.Growth && t.BaselineYear is { } b ? new[] { (t.IndicatorKey!, year), (t.IndicatorKey!, b) } : [(t.IndicatorKey!, year)])
                     .Distinct())
        {
            if (catalog.Find(key) is not { } indicator) continue;
            var on = y == year ? (asOf < plan.PeriodEnd ? asOf : plan.PeriodEnd) : new DateOnly(y, 12, 31);
            indicatorValues[(key, y)] = await indicator.ValuesAsync(db, y, codes, on, ct);
        }

        // Reported values: the latest approved report of each target and row for a quarter up to the day.
        var quarter = PlanAccess.PeriodOf(asOf);
        var reports = scope.Reports.Where(r => string.CompareOrdinal(r.Period, quarter) <= 0)
            .GroupBy(r => (r.TargetId, r.RegionCode))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenByDescending(r => r.DecidedAt).First());

        var result = new List<TargetValues>();
        foreach (var t in targets)
        {
            var definition = t.Definition(plan);
            var own = scope.Shares.GetValueOrDefault(t.Id) ?? new Dictionary<string, decimal>();
            var regions = new List<RegionTargetValue>();
            foreach (var (code, parent) in scope.Rows)
            {
                // A county is measured only on the targets its city split to it.
                if (parent is not null && !own.ContainsKey(code)) continue;
                var quota = TargetSplit.QuotaOf(t.PerCity, t.Value, own, code);
                // A growth target grows each city's own baseline; the others are judged against the city's quota.
                var cityDefinition = quota is { } q && t.Kind != TargetKind.Growth && t.Kind != TargetKind.Deadline ? definition with { Value = q } : definition;
                decimal? value = null, baseline = null;
                DateOnly? delivered = null;
                string? link = null;
                Guid? reportId = null;
                if (t.Source == TargetSource.Indicator && t.IndicatorKey is { } key)
                {
                    if (indicatorValues.GetValueOrDefault((key, year))?.GetValueOrDefault(code) is { } v) { value = v.Value; link = v.Link; }
                    if (t.BaselineYear is { } by && indicatorValues.GetValueOrDefault((key, by))?.GetValueOrDefault(code) is { } bv) baseline = bv.Value;
                }
                else if (reports.GetValueOrDefault((t.Id, code)) is { } r)
                {
                    value = r.Value;
                    baseline = r.Baseline;
                    delivered = r.DeliveredOn is { } d && d <= asOf ? d : null;
                    reportId = r.Id;
                    link = "/Plans/Reports/" + r.Id;
                }
                regions.Add(new RegionTargetValue(code, quota, value, baseline, TargetRules.Evaluate(cityDefinition, value, baseline, asOf, delivered), link, reportId, parent));
            }
            result.Add(new TargetValues(t.Id, plan.Id, t.MeasureId, scope.Measures.GetValueOrDefault(t.MeasureId, ""), t.Name, t.Kind, t.PerCity, t.Value,
                t.BaselineYear, t.DueOn, t.Source, t.IndicatorKey, regions) { Published = t.Published });
        }
        return result;
    }
}

/// <summary>The days a trend is shown for (进展趋势的时点), in China dates, with no database or web dependency.</summary>
public static class ScoreboardTrend
{
    /// <summary>
    /// The end of each calendar quarter of the period from <paramref name="start"/> to <paramref name="end"/> that has
    /// come by <paramref name="today"/> (the caller's China date: 31 March counts on 31 March, not before), then
    /// <paramref name="today"/> itself while the period runs and it is no quarter's end, and the period's last day once
    /// it is over. Empty before the period starts.
    /// </summary>
    public static List<DateOnly> Points(DateOnly start, DateOnly end, DateOnly today)
    {
        var last = today < end ? today : end;
        var points = new List<DateOnly>();
        if (last < start) return points;
        for (var month = new DateOnly(start.Year, (start.Month - 1) / 3 * 3 + 1, 1); ; month = month.AddMonths(3))
        {
            var quarterEnd = month.AddMonths(3).AddDays(-1);
            if (quarterEnd > last) break;
            if (quarterEnd >= start) points.Add(quarterEnd);
        }
        if (points.Count == 0 || points[^1] != last) points.Add(last);
        return points;
    }
}
