using Qualis.Platform.Accounts;

namespace Qualis.Features.Plans;

/// <summary>
/// Which plans a person reads and changes. Officials read the plans of their own area and the issued plans of the
/// offices above them (a city works under the province's plan: <see cref="AreaReason.IssuedPlanAbove"/>); they change
/// only the plans of their own office, until frozen; they acknowledge and report on the plan of the office directly above.
/// </summary>
public static class PlanAccess
{
    /// <summary>The plans the actor reads: its area's, and the issued (or frozen) plans of the areas above it.</summary>
    public static IQueryable<ActionPlan> Readable(QualisDb db)
    {
        if (db.Actor.RegionPath is not { } own) return db.Set<ActionPlan>();
        var above = Region.PathsAbove(own);
        var end = own + RegionRange.End;
        return db.Set<ActionPlan>().OutsideArea(AreaReason.IssuedPlanAbove).Where(p =>
            (string.Compare(p.RegionPath, own) >= 0 && string.Compare(p.RegionPath, end) < 0)
            || (above.Contains(p.RegionPath) && p.Status != PlanStatus.Draft));
    }

    public static Task<ActionPlan?> FindAsync(QualisDb db, Guid id, CancellationToken ct = default) =>
        Readable(db).SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>The plan's own office (or an unrestricted actor) changes it, until it is frozen.</summary>
    public static bool CanEdit(QualisDb db, ActionPlan plan) =>
        plan.Status != PlanStatus.Frozen && (db.Actor.RegionPath is null || db.Actor.RegionPath == plan.RegionPath);

    /// <summary>Whether the actor's office sits directly below the plan's region (it acknowledges the plan and reports on its targets).</summary>
    public static bool IsOfficeBelow(QualisDb db, ActionPlan plan) =>
        db.Actor.RegionPath is { } own && Region.PathsAbove(own).LastOrDefault() == plan.RegionPath;

    public static string CodeOf(string regionPath) => regionPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Last();

    /// <summary>The quarters a plan's reports are made for: "2018Q1" … "2018Q4".</summary>
    public static IReadOnlyList<string> Periods(int year) => [.. Enumerable.Range(1, 4).Select(q => $"{year}Q{q}")];

    public static (DateOnly Start, DateOnly End)? PeriodDates(string period)
    {
        if (period.Length != 6 || period[4] != 'Q' || !int.TryParse(period[..4], CultureInfo.InvariantCulture, out var year)
            || period[5] is < '1' or > '4') return null;
        var q = period[5] - '0';
        var start = new DateOnly(year, q * 3 - 2, 1);
        return (start, start.AddMonths(3).AddDays(-1));
    }

    /// <summary>
    /// Why a quarter of the plan takes no report (a text key with the period as its argument), or null: the plan frozen, the
    /// quarter not begun, or over (after its last day, China date) and not reopened by the plan's office (<see cref="PeriodReopening"/>).
    /// Cities' values and departments' progress reports follow this one rule.
    /// </summary>
    public static async Task<string?> ClosedAsync(QualisDb db, ActionPlan plan, string period, DateOnly today, CancellationToken ct = default)
    {
        if (plan.Status == PlanStatus.Frozen) return "plans.error.period_closed";
        var (start, end) = PeriodDates(period)!.Value;
        if (start > today) return "plans.error.period_not_begun";
        if (end >= today) return null;
        var planId = plan.Id;
        return await db.Set<PeriodReopening>().AnyAsync(r => r.PlanId == planId && r.Period == period, ct) ? null : "plans.error.period_closed";
    }

    /// <summary>The quarter a day falls in.</summary>
    public static string PeriodOf(DateOnly day) => $"{day.Year}Q{(day.Month + 2) / 3}";

    /// <summary>The officials' roles that act on plans.</summary>
    public static bool IsOfficial(System.Security.Claims.ClaimsPrincipal user) => Roles.Officials.Split(',').Any(user.IsInRole);
}
