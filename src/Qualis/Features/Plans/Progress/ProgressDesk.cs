using Qualis.Features.Departments;
using Qualis.Platform.Accounts;
using Qualis.Platform.Desk;

namespace Qualis.Features.Plans.Progress;

/// <summary>
/// What departments' progress puts on desks: a department's account sees each measure it leads or shares that is due this
/// quarter (or returned, or in a quarter the plan's office reopened) and not yet reported, due on the quarter's last day;
/// the plan's office sees the reports waiting to be read.
/// </summary>
public sealed class ProgressDesk(QualisDb db) : IDeskSource
{
    public const string ReportDue = "todo.plans.progress";
    public const string Read = "todo.plans.progress_read";

    public async Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct)
    {
        var found = new List<ToDo>();
        if (ctx.Role == Roles.PartnerDepartment)
        {
            if (await DepartmentsFace.OfAccountAsync(db, ctx.UserId, ct) is not { } mine) return found;
            var involved = await db.Set<MeasureDepartment>().AsNoTracking().Where(d => d.DepartmentId == mine.Id).Select(d => d.PlanId).Distinct().ToListAsync(ct);
            var plans = await PlanAccess.Readable(db).AsNoTracking()
                .Where(p => involved.Contains(p.Id) && p.Status == PlanStatus.Issued && p.PeriodStart <= ctx.Today && ctx.Today <= p.PeriodEnd).ToListAsync(ct);
            foreach (var plan in plans)
            {
                var planId = plan.Id;
                var reopened = await db.Set<PeriodReopening>().AsNoTracking().Where(r => r.PlanId == planId).Select(r => r.Period).ToListAsync(ct);
                var periods = ProgressAccess.BegunPeriods(plan, ctx.Today).Where(p => p == PlanAccess.PeriodOf(ctx.Today) || reopened.Contains(p));
                foreach (var period in periods)
                {
                    var matrix = await ProgressMatrix.BuildAsync(db, plan, period, mine.Id, ctx.Today, ct);
                    var due = PlanAccess.PeriodDates(period)!.Value.End;
                    foreach (var row in matrix.Rows)
                        if (matrix.At(row.MeasureId, mine.Id).Status is ProgressCell.Due or ProgressCell.Returned or ProgressCell.Overdue)
                            found.Add(new ToDo(ReportDue, $"progress:{row.MeasureId}:{mine.Id}:{period}", $"{ProgressView.Short(row.Number, row.Text, 30)}（{period}）",
                                $"/Plans/Progress/Report/{row.MeasureId}?period={period}", due));
                }
            }
            return found;
        }
        if (!ctx.IsOfficial) return found;
        var waiting = await db.Set<DepartmentReport>().AsNoTracking().Where(r => r.Status == ProgressStatus.Submitted && r.RegionPath == ctx.RegionPath)
            .OrderBy(r => r.ReportedAt).Take(200).Select(r => new { r.Id, r.DepartmentId, r.MeasureId, r.Period }).ToListAsync(ct);
        if (waiting.Count == 0) return found;
        var names = await DepartmentsFace.NamesAsync(db, waiting.Select(w => w.DepartmentId).Distinct().ToList(), ct);
        var measureIds = waiting.Select(w => w.MeasureId).Distinct().ToList();
        var numbers = await db.Set<PlanMeasure>().AsNoTracking().Where(m => measureIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Number, ct);
        found.AddRange(waiting.Select(w => new ToDo(Read, "progress-read:" + w.Id,
            $"{names.GetValueOrDefault(w.DepartmentId, "—")} · {numbers.GetValueOrDefault(w.MeasureId, "")}（{w.Period}）", "/Plans/Progress/" + w.Id, null)));
        return found;
    }

    public Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct) => Task.FromResult<IReadOnlyList<DeskCard>>([]);
}
