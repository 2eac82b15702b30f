using Qualis.Features.Shared;
using Qualis.Platform.Web;
using Qualis.Platform.Time;

namespace Qualis.Features.Plans.Progress;

/// <summary>
/// The plan's measures × departments for one quarter (部门工作进展矩阵): each cell reported, returned, due, overdue or not
/// involved, with the latest report's date linking to it; the overdue count per department and in all; one department
/// on its own; XLSX export and print. A partner department opens the matrix of an issued plan of its area too, but sees
/// only its own department's column (its measures, its cells and reports), never another department's.
/// </summary>
[Authorize(Policy = PlansModule.ProgressPolicy)]
[RecordPage(typeof(ActionPlan))]
public sealed class MatrixModel(QualisDb db, PeopleClock clock, IStringLocalizer l) : PageModel
{
    public ActionPlan Plan { get; private set; } = null!;
    public ProgressMatrix Matrix { get; private set; } = null!;
    public List<string> Periods { get; private set; } = [];
    /// <summary>Every department of the plan's measures, for the filter.</summary>
    public List<ProgressMatrix.Column> AllDepartments { get; private set; } = [];
    public Guid? Department { get; private set; }

    /// <summary>The reader is a partner department: its own column only, no choice of department.</summary>
    public bool IsDepartment { get; private set; }

    private async Task<bool> LoadAsync(Guid id, string? period, Guid? department, CancellationToken ct)
    {
        IsDepartment = !PlanAccess.IsOfficial(User);
        if (await ProgressAccess.Plans(db, User).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } plan) return false;
        if (IsDepartment)
        {
            // A department reads its own column; one the directory does not know reads none.
            department = (await ProgressAccess.MineAsync(db, User, ct))?.Id ?? Guid.Empty;
        }
        Plan = plan;
        Periods = ProgressAccess.BegunPeriods(plan, clock.Today);
        var shown = period is not null && PlanAccess.Periods(plan.Year).Contains(period) ? period : ProgressAccess.DefaultPeriod(plan, clock.Today);
        var all = await ProgressMatrix.BuildAsync(db, plan, shown, null, clock.Today, ct);
        AllDepartments = all.Columns;
        Department = department is { } d && all.Columns.Any(c => c.DepartmentId == d) ? d : null;
        if (IsDepartment)
        {
            AllDepartments = all.Columns.Where(c => c.DepartmentId == department).ToList();
            Department = department;
        }
        Matrix = Department is null ? all : all with { Columns = all.Columns.Where(c => c.DepartmentId == Department).ToList(),
            Cells = all.Cells.Where(c => c.Key.Department == Department).ToDictionary() };
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, string? period, Guid? department, CancellationToken ct) =>
        await LoadAsync(id, period, department, ct) ? Page() : NotFound();

    /// <summary>The matrix as XLSX (or CSV): a row per measure, a column per department, each cell its state and latest report's date.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id, string? period, Guid? department, string? format, CancellationToken ct)
    {
        if (!await LoadAsync(id, period, department, ct)) return NotFound();
        var headers = new List<string> { l["plans.progress.measure"].Value };
        headers.AddRange(Matrix.Columns.Select(c => c.Name + (c.LeadsAny ? "（" + l["plans.progress.lead_mark"].Value + "）" : "")));
        var rows = Matrix.Rows.Select(r => new object?[] { r.Number + " " + r.Text }.Concat(Matrix.Columns.Select(c => Matrix.At(r.MeasureId, c.DepartmentId) is var cell
            && cell.Status == ProgressCell.NotInvolved ? (object?)null
            : l["plans.cell." + cell.Status].Value + (cell.Role == MeasureRole.Lead ? "（" + l["plans.progress.lead_mark"].Value + "）" : "")
              + (cell.ReportedAt is { } at ? " " + clock.FormatDate(at) : ""))).ToArray()).ToAsyncEnumerable();
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        return Download.Table(format, (english ? "department-progress-" : "部门工作进展-") + Matrix.Period, headers, rows);
    }
}
