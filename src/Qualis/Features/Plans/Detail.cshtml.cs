using Qualis.Platform.Indicators;
using Qualis.Features.Audit;
using Qualis.Features.Departments;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>
/// One plan: its measures as a tree with their departments and targets, the offices' acknowledgements, the targets
/// inherited from the plan above (a city's share), reports awaiting approval, revisions and history; and its steps:
/// issue, acknowledge, freeze, copy forward, reopen a reporting period. Printable.
/// </summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(ActionPlan))]
public sealed class DetailModel(QualisDb db, PlanSteps steps, TimeProvider time, IStringLocalizer l, IndicatorCatalog indicators) : PageModel
{
    public sealed record MeasureNode(PlanMeasure Measure, int Depth, List<(string Name, MeasureRole Role)> Departments, List<PlanTarget> Targets);
    public sealed record AckRow(string RegionCode, string RegionName, PlanAcknowledgement? Acknowledgement);
    public sealed record InheritedTarget(PlanTarget Target, decimal? Quota, bool Reported);

    public ActionPlan Plan { get; private set; } = null!;
    public string RegionName { get; private set; } = "";
    public ActionPlan? ParentPlan { get; private set; }
    public List<MeasureNode> Measures { get; private set; } = [];
    public List<AckRow> Acknowledgements { get; private set; } = [];
    public List<InheritedTarget> Inherited { get; private set; } = [];
    public List<PlanRevision> Revisions { get; private set; } = [];
    public List<TargetReport> Pending { get; private set; } = [];
    public List<PeriodReopening> Reopened { get; private set; } = [];
    public Dictionary<Guid, string> TargetNames { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public IndicatorCatalog Indicators => indicators;
    public bool CanEdit { get; private set; }
    public bool IsOwner { get; private set; }
    public bool CanAcknowledge { get; private set; }
    public bool IsOfficeBelow { get; private set; }
    public AuditHistoryView? History { get; private set; }

    [BindProperty, System.ComponentModel.DataAnnotations.Display(Name = "plans.period_quarter"), System.ComponentModel.DataAnnotations.StringLength(6)] public string? Period { get; set; }
    [BindProperty, System.ComponentModel.DataAnnotations.Display(Name = "plans.reason"), System.ComponentModel.DataAnnotations.StringLength(PlanRevision.ReasonLength)] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await PlanAccess.FindAsync(db, id, ct) is not { } plan) return NotFound();
        await LoadAsync(plan, ct);
        return Page();
    }

    private async Task LoadAsync(ActionPlan plan, CancellationToken ct)
    {
        Plan = plan;
        CanEdit = PlanAccess.CanEdit(db, plan);
        IsOwner = db.Actor.RegionPath is null || db.Actor.RegionPath == plan.RegionPath;
        IsOfficeBelow = PlanAccess.IsOfficeBelow(db, plan);
        var children = await PlanPages.ChildrenAsync(db, plan.RegionCode, ct);
        var names = await PlanPages.RegionNamesAsync(db, children.Select(c => c.Code).Append(plan.RegionCode), ct);
        RegionName = names.GetValueOrDefault(plan.RegionCode, plan.RegionCode);

        var measures = await db.Set<PlanMeasure>().AsNoTracking().Where(m => m.PlanId == plan.Id).ToListAsync(ct);
        var departments = await db.Set<MeasureDepartment>().AsNoTracking().Where(d => d.PlanId == plan.Id).ToListAsync(ct);
        var departmentNames = await DepartmentsFace.NamesAsync(db, departments.Select(d => d.DepartmentId).Distinct().ToList(), ct);
        var targets = await db.Set<PlanTarget>().AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.Order).ToListAsync(ct);
        TargetNames = targets.ToDictionary(t => t.Id, t => t.Name);
        void Walk(Guid? parent, int depth)
        {
            foreach (var m in measures.Where(m => m.ParentId == parent).OrderBy(m => m.Order).ThenBy(m => m.Id))
            {
                Measures.Add(new MeasureNode(m, depth,
                    departments.Where(d => d.MeasureId == m.Id).OrderBy(d => d.Role).Select(d => (departmentNames.GetValueOrDefault(d.DepartmentId, "—"), d.Role)).ToList(),
                    targets.Where(t => t.MeasureId == m.Id).ToList()));
                if (depth < 6) Walk(m.Id, depth + 1);
            }
        }
        Walk(null, 0);

        var acks = await db.Set<PlanAcknowledgement>().AsNoTracking().Where(a => a.PlanId == plan.Id).ToListAsync(ct);
        CanAcknowledge = IsOfficeBelow && plan.Status == PlanStatus.Issued && acks.All(a => a.RegionCode != PlanAccess.CodeOf(db.Actor.RegionPath!));
        Acknowledgements = children.Where(c => db.Actor.CanReach(c.RegionPath) || IsOwner)
            .Select(c => new AckRow(c.Code, names.GetValueOrDefault(c.Code, c.Code), acks.FirstOrDefault(a => a.RegionCode == c.Code))).ToList();

        if (plan.ParentPlanId is { } parentId && await PlanAccess.FindAsync(db, parentId, ct) is { } parent)
        {
            ParentPlan = parent;
            var inherited = await db.Set<PlanTarget>().AsNoTracking().Where(t => t.PlanId == parentId).OrderBy(t => t.Order).ToListAsync(ct);
            var ids = inherited.Select(t => t.Id).ToList();
            var quotas = await db.Set<TargetShare>().OutsideArea(AreaReason.IssuedPlanAbove).AsNoTracking()
                .Where(s => ids.Contains(s.TargetId) && s.RegionCode == plan.RegionCode).ToDictionaryAsync(s => s.TargetId, s => s.Quota, ct);
            Inherited = inherited.Select(t => new InheritedTarget(t, quotas.TryGetValue(t.Id, out var q) ? q : t.PerCity ? t.Value : null, t.Source == TargetSource.Reported)).ToList();
        }
        Revisions = await db.Set<PlanRevision>().AsNoTracking().Where(r => r.PlanId == plan.Id).OrderByDescending(r => r.At).ToListAsync(ct);
        Reopened = await db.Set<PeriodReopening>().AsNoTracking().Where(r => r.PlanId == plan.Id).OrderBy(r => r.Period).ToListAsync(ct);
        if (IsOwner)
        {
            Pending = await db.Set<TargetReport>().AsNoTracking().Where(r => r.PlanId == plan.Id && r.Status == ReportStatus.Submitted)
                .OrderBy(r => r.ReportedAt).ToListAsync(ct);
            RegionNames = await PlanPages.RegionNamesAsync(db, Pending.Select(r => r.RegionCode), ct);
            // The plan's history with its measures', targets' and departments' changes (the history filter keeps it to the reader's area).
            var childKeys = measures.Select(m => m.Id.ToString()).Concat(targets.Select(t => t.Id.ToString())).Concat(departments.Select(d => d.Id.ToString())).ToList();
            var key = plan.Id.ToString();
            string[] childTypes = [nameof(PlanMeasure), nameof(PlanTarget), nameof(MeasureDepartment)];
            var rows = await AuditHistory.Rows(db.AuditEntries
                .Where(e => (e.EntityType == nameof(ActionPlan) && e.EntityKey == key) || (childTypes.Contains(e.EntityType) && childKeys.Contains(e.EntityKey)))
                .OrderByDescending(e => e.Sequence).Take(200)).ToListAsync(ct);
            History = new AuditHistoryView(nameof(ActionPlan), key, rows);
        }
    }

    private async Task<IActionResult> StepAsync(Guid id, Func<ActionPlan, Task<string>> step, string doneKey, CancellationToken ct)
    {
        if (await PlanAccess.FindAsync(db, id, ct) is not { } plan) return NotFound();
        var page = "/Plans/" + id;
        try
        {
            var target = await db.OrFirstResultAsync(async () => await step(plan), () => Task.FromResult<string>(null!));
            if (target is null) return this.AlreadyDoneAt(page, l[doneKey].Value);
            TempData["Message"] = l["plans.done"].Value;
            return Redirect(target);
        }
        catch (PlanRefusedException e) when (e.Key is "plans.error.already_issued" or "plans.error.already_acknowledged" or "plans.error.copy_exists" or "plans.error.frozen" or "plans.error.already_reopened")
        {
            return this.AlreadyDoneAt(page, l[e.Key, e.Args].Value);
        }
        catch (PlanRefusedException e)
        {
            db.ChangeTracker.Clear();
            ModelState.Refused(l, e, "");
            await LoadAsync((await PlanAccess.FindAsync(db, id, ct))!, ct);
            return Page();
        }
    }

    public Task<IActionResult> OnPostIssueAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, async p => { await steps.IssueAsync(p, ct); return "/Plans/" + p.Id; }, "plans.error.already_issued", ct);

    public Task<IActionResult> OnPostFreezeAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, async p => { await steps.FreezeAsync(p, ct); return "/Plans/" + p.Id; }, "plans.error.frozen", ct);

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, async p => { await steps.AcknowledgeAsync(p, User.Identity?.Name, ct); return "/Plans/" + p.Id; },
            "plans.error.already_acknowledged", ct);

    public async Task<IActionResult> OnPostCopyForwardAsync(Guid id, CancellationToken ct)
    {
        if (await PlanAccess.FindAsync(db, id, ct) is not { } plan) return NotFound();
        var result = await StepAsync(id, async p => "/Plans/" + (await steps.CopyForwardAsync(p, ct)).Id, "plans.already_done", ct);
        if (result is RedirectResult { Url: var url } && url == "/Plans/" + id && TempData.Peek(AlreadyDone.NoticeKey) is not null)
        {
            // The copy a double click or an earlier click made: its page.
            var title = PlanSteps.NextTitle(plan.Title, plan.Year);
            var year = plan.Year + 1;
            if (await db.Set<ActionPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.RegionCode == plan.RegionCode && p.Year == year && p.Title == title, ct) is { } copy)
                return Redirect("/Plans/" + copy.Id);
        }
        return result;
    }

    /// <summary>The plan's own office opens a closed quarter again for reports (recorded with the reason).</summary>
    public Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, async p =>
        {
            if (!IsOwnerOf(p) || p.Status == PlanStatus.Draft) throw new PlanRefusedException("", "plans.error.not_yours");
            if (p.Status == PlanStatus.Frozen) throw new PlanRefusedException("", "plans.error.frozen");
            if (!ModelState.IsValid) throw new PlanRefusedException("Reason", "form.fix_errors");
            if (Period is null || !PlanAccess.Periods(p.Year).Contains(Period)) throw new PlanRefusedException("Period", "plans.error.period_unknown");
            var reason = Reason?.Trim() ?? "";
            if (reason.Length == 0) throw new PlanRefusedException("Reason", "plans.error.reason_required");
            if (reason.Length > PlanRevision.ReasonLength) throw new PlanRefusedException("Reason", "plans.error.reason_too_long", PlanRevision.ReasonLength);
            if (await db.Set<PeriodReopening>().AnyAsync(r => r.PlanId == p.Id && r.Period == Period, ct)) throw new PlanRefusedException("", "plans.error.already_reopened", Period);
            db.Set<PeriodReopening>().Add(new PeriodReopening { PlanId = p.Id, Period = Period, Reason = reason, UserName = db.Actor.UserName ?? "", At = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
            return "/Plans/" + p.Id;
        }, "plans.already_done", ct);

    /// <summary>
    /// The plan's own office publishes each city's progress on a target on the public side (公开), or takes it off; the
    /// flag is audited. Only a top plan (the province's) is public; a city's plan keeps its targets internal.
    /// </summary>
    public Task<IActionResult> OnPostPublishAsync(Guid id, Guid target, bool publish, CancellationToken ct) =>
        StepAsync(id, async p =>
        {
            if (!IsOwnerOf(p) || p.ParentPlanId is not null) throw new PlanRefusedException("", "plans.error.not_yours");
            var t = await db.Set<PlanTarget>().SingleOrDefaultAsync(x => x.Id == target && x.PlanId == p.Id, ct)
                    ?? throw new PlanRefusedException("", "plans.error.target_unknown");
            if (t.Published == publish) return null!;
            t.Published = publish;
            await db.SaveChangesAsync(ct);
            return "/Plans/" + p.Id + "#target-" + t.Id;
        }, publish ? "plans.published_already" : "plans.unpublished_already", ct);

    private bool IsOwnerOf(ActionPlan p) => db.Actor.RegionPath is null || db.Actor.RegionPath == p.RegionPath;
}
