using System.Security.Claims;
using Qualis.Features.Departments;
using Qualis.Platform.Accounts;

namespace Qualis.Features.Plans.Progress;

/// <summary>
/// Who reads and writes departments' progress reports. A partner-department account reports only for its own department
/// (<see cref="DepartmentsFace.OfAccountAsync"/>) on the measures that department leads or shares, of issued plans of its
/// area, and reads its own department's reports only; officials read the reports of the plans of their area, and the
/// plan's own office accepts or returns them.
/// </summary>
public static class ProgressAccess
{
    /// <summary>The department the signed-in account acts for, or null (an official, or an organisation the directory does not know).</summary>
    public static Task<DepartmentEntry?> MineAsync(QualisDb db, ClaimsPrincipal user, CancellationToken ct) =>
        user.IsInRole(Roles.PartnerDepartment) ? DepartmentsFace.OfAccountAsync(db, user.FindFirstValue(ClaimTypes.NameIdentifier), ct) : Task.FromResult<DepartmentEntry?>(null);

    /// <summary>The plans the reader sees reports of: an official's readable plans; a department's issued plans of its area.</summary>
    public static IQueryable<ActionPlan> Plans(QualisDb db, ClaimsPrincipal user) =>
        PlanAccess.IsOfficial(user) ? PlanAccess.Readable(db) : PlanAccess.Readable(db).Where(p => p.Status != PlanStatus.Draft);

    /// <summary>The reports the reader sees: an official's area's; a department's own (none when its department is unknown).</summary>
    public static IQueryable<DepartmentReport> Reports(QualisDb db, ClaimsPrincipal user, DepartmentEntry? mine)
    {
        var reports = db.Set<DepartmentReport>().AsNoTracking();
        if (PlanAccess.IsOfficial(user)) return reports;
        var id = mine?.Id ?? Guid.Empty;
        return reports.Where(r => r.DepartmentId == id);
    }

    /// <summary>Whether the reader is the plan's own office (it accepts and returns reports).</summary>
    public static bool IsPlanOffice(QualisDb db, ClaimsPrincipal user, ActionPlan plan) =>
        PlanAccess.IsOfficial(user) && (db.Actor.RegionPath is null || db.Actor.RegionPath == plan.RegionPath);

    /// <summary>The quarters of the plan that have begun by today (at least the first), in order.</summary>
    public static List<string> BegunPeriods(ActionPlan plan, DateOnly today)
    {
        var periods = PlanAccess.Periods(plan.Year).Where(p => PlanAccess.PeriodDates(p)!.Value.Start <= today).ToList();
        return periods.Count > 0 ? periods : [PlanAccess.Periods(plan.Year)[0]];
    }

    /// <summary>The quarter a page shows unless one is chosen: today's, or the latest begun quarter of the plan.</summary>
    public static string DefaultPeriod(ActionPlan plan, DateOnly today) =>
        BegunPeriods(plan, today) is var begun && begun.Contains(PlanAccess.PeriodOf(today)) ? PlanAccess.PeriodOf(today) : begun[^1];
}

/// <summary>The measures × departments matrix of one plan and quarter (部门工作进展矩阵).</summary>
public sealed record ProgressMatrix(
    string Period, List<ProgressMatrix.Row> Rows, List<ProgressMatrix.Column> Columns, Dictionary<(Guid Measure, Guid Department), ProgressMatrix.Cell> Cells)
{
    public sealed record Row(Guid MeasureId, string Number, string Text, int Depth);
    public sealed record Column(Guid DepartmentId, string Name, bool LeadsAny);
    public sealed record Cell(ProgressCell Status, MeasureRole? Role, Guid? ReportId, DateTime? ReportedAt);

    public Cell At(Guid measure, Guid department) => Cells.GetValueOrDefault((measure, department)) ?? new Cell(ProgressCell.NotInvolved, null, null, null);
    public int Count(ProgressCell status, Guid? department = null) => Cells.Count(c => c.Value.Status == status && (department is null || c.Key.Department == department));

    /// <summary>
    /// The plan's measures in the notice's numbering (the tree walked in order), the departments named on any of them (one
    /// column each, or only <paramref name="department"/>), and for each pair the cell by <see cref="ProgressRule.Cell"/>
    /// with its latest report of the quarter.
    /// </summary>
    public static async Task<ProgressMatrix> BuildAsync(QualisDb db, ActionPlan plan, string period, Guid? department, DateOnly today, CancellationToken ct)
    {
        var measures = await db.Set<PlanMeasure>().AsNoTracking().Where(m => m.PlanId == plan.Id).ToListAsync(ct);
        var parts = await db.Set<MeasureDepartment>().AsNoTracking().Where(d => d.PlanId == plan.Id).ToListAsync(ct);
        if (department is { } only) parts = parts.Where(p => p.DepartmentId == only).ToList();
        var names = await DepartmentsFace.NamesAsync(db, parts.Select(p => p.DepartmentId).Distinct().ToList(), ct);
        var planId = plan.Id;
        var reports = await db.Set<DepartmentReport>().AsNoTracking().Where(r => r.PlanId == planId && r.Period == period)
            .Select(r => new { r.Id, r.MeasureId, r.DepartmentId, r.Status, r.ReportedAt }).ToListAsync(ct);
        var reopened = await db.Set<PeriodReopening>().AsNoTracking().AnyAsync(r => r.PlanId == planId && r.Period == period, ct);
        var end = PlanAccess.PeriodDates(period)!.Value.End;

        var rows = new List<Row>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var m in measures.Where(m => m.ParentId == parent).OrderBy(m => m.Order).ThenBy(m => m.Id))
            {
                rows.Add(new Row(m.Id, m.Number, m.Text, depth));
                if (depth < 6) Walk(m.Id, depth + 1);
            }
        }
        Walk(null, 0);
        var columns = parts.GroupBy(p => p.DepartmentId)
            .Select(g => new Column(g.Key, names.GetValueOrDefault(g.Key, "—"), g.Any(p => p.Role == MeasureRole.Lead)))
            .OrderBy(c => c.LeadsAny ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        var cells = new Dictionary<(Guid, Guid), Cell>();
        foreach (var p in parts)
        {
            var latest = reports.Where(r => r.MeasureId == p.MeasureId && r.DepartmentId == p.DepartmentId).MaxBy(r => r.ReportedAt);
            cells[(p.MeasureId, p.DepartmentId)] = new Cell(ProgressRule.Cell(true, latest?.Status, end, today, reopened, plan.Status == PlanStatus.Frozen),
                p.Role, latest?.Id, latest?.ReportedAt);
        }
        return new ProgressMatrix(period, rows, columns, cells);
    }
}
