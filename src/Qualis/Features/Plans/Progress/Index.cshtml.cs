using Qualis.Features.Departments;
using Qualis.Features.Shared;
using Qualis.Platform.Time;

namespace Qualis.Features.Plans.Progress;

/// <summary>
/// Departments' progress reports (部门工作进展), newest first, paged: a department's account sees its own department's reports
/// and, above them, its measures of the current quarter with their state and a link to report; officials see the reports of
/// the plans of their area, filtered by plan, state and quarter.
/// </summary>
[Authorize(Policy = PlansModule.ProgressPolicy)]
public sealed class IndexModel(QualisDb db, PeopleClock clock) : PageModel
{
    private static readonly ListSort<DepartmentReport>[] Sorts =
        [ListSort<DepartmentReport>.By("reported", r => r.ReportedAt, descending: true).ThenBy(r => r.Id, descending: true)];

    [BindProperty(SupportsGet = true)] public Guid? Plan { get; set; }
    [BindProperty(SupportsGet = true)] public ProgressStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }

    public sealed record Line(DepartmentReport Report, string PlanTitle, string Measure, string Department);
    public sealed record MyMeasure(Guid MeasureId, Guid PlanId, string PlanTitle, string Measure, MeasureRole Role, string Period, ProgressMatrix.Cell Cell);

    public List<Line> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public List<(Guid Id, string Title)> Plans { get; private set; } = [];
    public DepartmentEntry? Mine { get; private set; }
    public bool IsDepartment { get; private set; }
    public List<MyMeasure> MyMeasures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsDepartment = !PlanAccess.IsOfficial(User);
        Mine = await ProgressAccess.MineAsync(db, User, ct);
        var plans = await ProgressAccess.Plans(db, User).AsNoTracking().OrderByDescending(p => p.Year).ThenBy(p => p.RegionPath).ThenBy(p => p.Title).Take(200).ToListAsync(ct);
        Plans = plans.Select(p => (p.Id, $"{p.Year} · {p.Title}")).ToList();

        var q = ProgressAccess.Reports(db, User, Mine);
        if (Plan is { } plan) q = q.Where(r => r.PlanId == plan);
        if (Status is { } status) q = q.Where(r => r.Status == status);
        if (Period?.Trim() is { Length: > 0 } period) q = q.Where(r => r.Period == period);
        var page = await q.PageAsync(ListRequest.From(Request, 25), Sorts, r => r, ct: ct);
        Paging = page.Pager(Request);
        var measureIds = page.Rows.Select(r => r.MeasureId).Distinct().ToList();
        var measures = await db.Set<PlanMeasure>().AsNoTracking().Where(m => measureIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => ProgressView.Short(m.Number, m.Text), ct);
        var names = await DepartmentsFace.NamesAsync(db, page.Rows.Select(r => r.DepartmentId).Distinct().ToList(), ct);
        var titles = plans.ToDictionary(p => p.Id, p => p.Title);
        Rows = page.Rows.Select(r => new Line(r, titles.GetValueOrDefault(r.PlanId, "—"), measures.GetValueOrDefault(r.MeasureId, "—"), names.GetValueOrDefault(r.DepartmentId, "—"))).ToList();

        // A department's measures of each running plan, in this quarter: what it owes now.
        if (Mine is { } mine)
            foreach (var p in plans.Where(p => p.Status == PlanStatus.Issued && p.PeriodStart <= clock.Today && clock.Today <= p.PeriodEnd))
            {
                var matrix = await ProgressMatrix.BuildAsync(db, p, ProgressAccess.DefaultPeriod(p, clock.Today), mine.Id, clock.Today, ct);
                MyMeasures.AddRange(matrix.Rows.Select(row => (row, cell: matrix.At(row.MeasureId, mine.Id))).Where(x => x.cell.Role is not null)
                    .Select(x => new MyMeasure(x.row.MeasureId, p.Id, p.Title, ProgressView.Short(x.row.Number, x.row.Text), x.cell.Role!.Value, matrix.Period, x.cell)));
            }
    }
}
