using Qualis.Platform.Time;

namespace Qualis.Features.Plans;

/// <summary>A step refused, with the text key (and argument) that says why in the reader's language.</summary>
public sealed class PlanRefusedException(string field, string key, params object[] args) : Exception(key)
{
    public string Field { get; } = field;
    public string Key { get; } = key;
    public object[] Args { get; } = args;
}

/// <summary>
/// The lifecycle steps of a plan: issue (下发), acknowledge (签收), freeze (冻结), copy forward to the next year, and the
/// revision (修订) every change of an issued plan records. Each checks the state it expects in its own save (the plan's
/// version, unique indexes), so a double submission has one effect.
/// </summary>
public sealed class PlanSteps(QualisDb db, TimeProvider time, PeopleClock clock)
{
    private string Who => db.Actor.UserName ?? "system";

    public async Task IssueAsync(ActionPlan plan, CancellationToken ct)
    {
        if (!PlanAccess.CanEdit(db, plan)) throw new PlanRefusedException("", "plans.error.not_yours");
        if (plan.Status != PlanStatus.Draft) throw new PlanRefusedException("", "plans.error.already_issued");
        plan.Status = PlanStatus.Issued;
        plan.IssuedBy = Who;
        plan.IssuedAt = time.GetUtcNow().UtcDateTime;
        plan.IssuedOn ??= clock.Today;
        await db.SaveChangesAsync(ct);
    }

    public async Task FreezeAsync(ActionPlan plan, CancellationToken ct)
    {
        if (db.Actor.RegionPath is { } own && own != plan.RegionPath) throw new PlanRefusedException("", "plans.error.not_yours");
        if (plan.Status != PlanStatus.Issued) throw new PlanRefusedException("", plan.Status == PlanStatus.Frozen ? "plans.error.frozen" : "plans.error.not_issued");
        if (clock.Today <= plan.PeriodEnd) throw new PlanRefusedException("", "plans.error.freeze_early", plan.PeriodEnd.ToString(PeopleClock.DateFormat, CultureInfo.InvariantCulture));
        plan.Status = PlanStatus.Frozen;
        plan.FrozenBy = Who;
        plan.FrozenAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The actor's office acknowledges the issued plan of the office directly above it; a repeat meets the unique index.</summary>
    public async Task AcknowledgeAsync(ActionPlan plan, string? displayName, CancellationToken ct)
    {
        if (plan.Status == PlanStatus.Draft || !PlanAccess.IsOfficeBelow(db, plan)) throw new PlanRefusedException("", "plans.error.cannot_acknowledge");
        var own = db.Actor.RegionPath!;
        var code = PlanAccess.CodeOf(own);
        if (await db.Set<PlanAcknowledgement>().AnyAsync(a => a.PlanId == plan.Id && a.RegionCode == code, ct))
            throw new PlanRefusedException("", "plans.error.already_acknowledged");
        db.Set<PlanAcknowledgement>().Add(new PlanAcknowledgement
        {
            PlanId = plan.Id, RegionCode = code, RegionPath = own, UserName = Who, DisplayName = displayName, At = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Records a change of an issued plan (修订) with its reason and checks the plan's version in the same save: call
    /// before SaveChanges of the change itself. A draft needs no reason; a frozen plan takes no change.
    /// </summary>
    public void Revise(ActionPlan plan, string summary, string? reason)
    {
        if (plan.Status == PlanStatus.Frozen) throw new PlanRefusedException("", "plans.error.frozen");
        if (!PlanAccess.CanEdit(db, plan)) throw new PlanRefusedException("", "plans.error.not_yours");
        if (plan.Status == PlanStatus.Draft) return;
        var text = reason?.Trim() ?? "";
        if (text.Length == 0) throw new PlanRefusedException("Reason", "plans.error.reason_required");
        if (text.Length > PlanRevision.ReasonLength) throw new PlanRefusedException("Reason", "plans.error.reason_too_long", PlanRevision.ReasonLength);
        db.Set<PlanRevision>().Add(new PlanRevision
        {
            PlanId = plan.Id, At = time.GetUtcNow().UtcDateTime, UserName = Who, Summary = summary.Length > 500 ? summary[..500] : summary, Reason = text,
        });
        db.Touch(plan);
    }

    /// <summary>The title of the copy: the year in it moved on by one ("2018年…" → "2019年…").</summary>
    public static string NextTitle(string title, int year) =>
        title.Contains(year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? title.Replace(year.ToString(CultureInfo.InvariantCulture), (year + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : title;

    /// <summary>
    /// A new draft for the next year with the same measures, departments, targets and quotas. The copy's region, year and
    /// title are unique, so a second copy of the same plan meets the unique index (the caller answers with the first copy).
    /// </summary>
    public Task<ActionPlan> CopyForwardAsync(ActionPlan plan, CancellationToken ct) =>
        CopyForwardAsync(plan, 1, NextTitle(plan.Title, plan.Year), null, ct);

    /// <summary>
    /// The copy <paramref name="years"/> on, titled <paramref name="title"/>: dates, due days and baseline years move on by
    /// as many years; <paramref name="adjust"/> may change the copy, its measures and targets before they are saved (the
    /// demo's current-year action rewrites a measure's text, moves a total's due day and issues the copy).
    /// </summary>
    public async Task<ActionPlan> CopyForwardAsync(ActionPlan plan, int years, string title,
        Action<ActionPlan, IReadOnlyList<PlanMeasure>, IReadOnlyList<PlanTarget>>? adjust, CancellationToken ct)
    {
        if (db.Actor.RegionPath is { } own && own != plan.RegionPath) throw new PlanRefusedException("", "plans.error.not_yours");
        var year = plan.Year + years;
        if (await db.Set<ActionPlan>().AnyAsync(p => p.RegionCode == plan.RegionCode && p.Year == year && p.Title == title, ct))
            throw new PlanRefusedException("", "plans.error.copy_exists", year);
        var parentPath = Region.PathsAbove(plan.RegionPath).LastOrDefault();
        Guid? parent = parentPath is null ? null : await db.Set<ActionPlan>().OutsideArea(AreaReason.IssuedPlanAbove)
            .Where(p => p.RegionPath == parentPath && p.Year == year && p.Status != PlanStatus.Draft)
            .OrderByDescending(p => p.IssuedAt).ThenBy(p => p.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        var copy = new ActionPlan
        {
            Year = year, RegionCode = plan.RegionCode, RegionPath = plan.RegionPath, ParentPlanId = parent, CopiedFromId = plan.Id, Title = title,
            DocumentNumber = null, IssuingBody = plan.IssuingBody, PeriodStart = plan.PeriodStart.AddYears(years), PeriodEnd = plan.PeriodEnd.AddYears(years),
        };
        db.Set<ActionPlan>().Add(copy);
        var measures = await db.Set<PlanMeasure>().AsNoTracking().Where(m => m.PlanId == plan.Id).ToListAsync(ct);
        var ids = measures.ToDictionary(m => m.Id, _ => Guid.CreateVersion7());
        var newMeasures = measures.Select(m => new PlanMeasure
        {
            Id = ids[m.Id], PlanId = copy.Id, ParentId = m.ParentId is { } p ? ids[p] : null, Number = m.Number, Text = m.Text, Order = m.Order,
        }).ToList();
        db.Set<PlanMeasure>().AddRange(newMeasures);
        db.Set<MeasureDepartment>().AddRange((await db.Set<MeasureDepartment>().AsNoTracking().Where(d => d.PlanId == plan.Id).ToListAsync(ct))
            .Select(d => new MeasureDepartment { PlanId = copy.Id, MeasureId = ids[d.MeasureId], DepartmentId = d.DepartmentId, Role = d.Role }));
        var targets = await db.Set<PlanTarget>().AsNoTracking().Where(t => t.PlanId == plan.Id).ToListAsync(ct);
        var targetIds = targets.ToDictionary(t => t.Id, _ => Guid.CreateVersion7());
        var newTargets = targets.Select(t => new PlanTarget
        {
            Id = targetIds[t.Id], PlanId = copy.Id, MeasureId = ids[t.MeasureId], Name = t.Name, Kind = t.Kind, PerCity = t.PerCity, Value = t.Value,
            // The baseline moves on with the year (growth over the year before stays growth over the year before).
            BaselineYear = t.BaselineYear + years, DueOn = t.DueOn?.AddYears(years), Tolerance = t.Tolerance, Source = t.Source, IndicatorKey = t.IndicatorKey, Order = t.Order,
            // What the province chose to publish stays published: the public side shows it once the copy is issued.
            Published = t.Published,
        }).ToList();
        db.Set<PlanTarget>().AddRange(newTargets);
        adjust?.Invoke(copy, newMeasures, newTargets);
        var oldIds = targetIds.Keys.ToList();
        db.Set<TargetShare>().AddRange((await db.Set<TargetShare>().AsNoTracking().Where(s => oldIds.Contains(s.TargetId)).ToListAsync(ct))
            .Select(s => new TargetShare { TargetId = targetIds[s.TargetId], RegionCode = s.RegionCode, RegionPath = s.RegionPath, Quota = s.Quota }));
        await db.SaveChangesAsync(ct);
        return copy;
    }
}
