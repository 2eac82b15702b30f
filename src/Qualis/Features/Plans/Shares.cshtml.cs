using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>
/// The split of a target (指标分解): the plan's office gives each city its quota (a per-city target defaults to the same
/// figure for every city; a total is split by quotas that must add up to it); a city splits its own share among its
/// counties the same way, the counties' quotas adding up to the city's.
/// </summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(PlanTarget))]
public sealed class SharesModel(QualisDb db, PlanSteps steps, IStringLocalizer l) : PageModel
{
    public sealed record Row(string Code, string Name, decimal? Quota);

    /// <summary>The quotas as typed, by region code: read as numbers here, so a wrong one is named on its own row.</summary>
    [BindProperty, Display(Name = "plans.quota")] public Dictionary<string, string?> Quotas { get; set; } = [];
    [BindProperty, Display(Name = "plans.reason"), StringLength(PlanRevision.ReasonLength)] public string? Reason { get; set; }

    public ActionPlan Plan { get; private set; } = null!;
    public PlanTarget Target { get; private set; } = null!;
    public string SplitRegion { get; private set; } = "";
    public string SplitRegionName { get; private set; } = "";
    /// <summary>The figure the quotas split: the target's own at the plan's level, the region's quota below it.</summary>
    public decimal? Total { get; private set; }
    /// <summary>Whether the quotas must add up to <see cref="Total"/>.</summary>
    public bool MustSum { get; private set; }
    public bool CanEdit { get; private set; }
    public bool NeedsReason => SplitRegion == Plan.RegionCode && Plan.Status == PlanStatus.Issued;
    public List<Row> Rows { get; private set; } = [];

    private async Task<IActionResult?> LoadAsync(Guid targetId, string? region, CancellationToken ct)
    {
        if (await db.Set<PlanTarget>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, ct) is not { } target) return NotFound();
        if (await PlanAccess.FindAsync(db, target.PlanId, ct) is not { } plan) return NotFound();
        Plan = plan;
        Target = target;
        SplitRegion = string.IsNullOrEmpty(region) ? plan.RegionCode : region;
        var splitRegion = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().SingleOrDefaultAsync(r => r.Code == SplitRegion, ct);
        // Only the plan's region or a region directly below it is split here, and only by a reader who may see it.
        if (splitRegion is null || (splitRegion.Code != plan.RegionCode && splitRegion.ParentCode != plan.RegionCode)) return NotFound();
        if (splitRegion.Code != plan.RegionCode && !db.Actor.CanReach(splitRegion.RegionPath)) return NotFound();
        SplitRegionName = splitRegion.DisplayName(Texts.IsEnglish(CultureInfo.CurrentUICulture));
        CanEdit = plan.Status != PlanStatus.Frozen && target.Kind != TargetKind.Deadline
                  && (db.Actor.RegionPath is null ? splitRegion.Code == plan.RegionCode : db.Actor.RegionPath == splitRegion.RegionPath);
        var children = await PlanPages.ChildrenAsync(db, SplitRegion, ct);
        var codes = children.Select(c => c.Code).ToList();
        var shares = await db.Set<TargetShare>().OutsideArea(AreaReason.IssuedPlanAbove).AsNoTracking()
            .Where(s => s.TargetId == targetId && (codes.Contains(s.RegionCode) || s.RegionCode == SplitRegion)).ToListAsync(ct);
        if (SplitRegion == plan.RegionCode)
        {
            Total = target.Value;
            MustSum = !target.PerCity;
        }
        else
        {
            Total = TargetSplit.QuotaOf(target.PerCity, target.Value, shares.Where(s => s.RegionCode == SplitRegion).ToDictionary(s => s.RegionCode, s => s.Quota), SplitRegion);
            MustSum = Total is not null;
        }
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        Rows = children.Select(c => new Row(c.Code, c.DisplayName(english), shares.FirstOrDefault(s => s.RegionCode == c.Code)?.Quota)).ToList();
        return null;
    }

    public async Task<IActionResult> OnGetAsync(Guid targetId, string? region, CancellationToken ct) =>
        await LoadAsync(targetId, region, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid targetId, string? region, CancellationToken ct)
    {
        if (await LoadAsync(targetId, region, ct) is { } refused) return refused;
        if (!CanEdit) return Forbid();
        var wanted = new Dictionary<string, decimal>();
        foreach (var row in Rows)
        {
            if (Quotas.GetValueOrDefault(row.Code)?.Trim() is not { Length: > 0 } text) continue;
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var q))
            {
                ModelState.AddModelError($"Quotas[{row.Code}]", l["plans.error.quota_number"]);
                continue;
            }
            if (q < 0) ModelState.AddModelError($"Quotas[{row.Code}]", l["plans.error.value_negative"]);
            else if (Target.Kind == TargetKind.Rate && q > 100) ModelState.AddModelError($"Quotas[{row.Code}]", l["plans.error.rate_range"]);
            wanted[row.Code] = q;
        }
        if (MustSum && Total is { } total && TargetSplit.WrongSum(false, total, wanted.Values) is { } sum)
            ModelState.AddModelError("", l["plans.error.quota_sum", Num(sum), Num(total)]);
        if (!ModelState.IsValid) return Page();

        var codes = Rows.Select(r => r.Code).ToList();
        var existing = await db.Set<TargetShare>().Where(s => s.TargetId == targetId && codes.Contains(s.RegionCode)).ToListAsync(ct);
        var back = "/Plans/Shares/" + targetId + (SplitRegion == Plan.RegionCode ? "" : "?region=" + SplitRegion);
        // Nothing changed (a repeated post finds its own quotas): no revision, no write.
        if (existing.Count == wanted.Count && existing.All(e => wanted.TryGetValue(e.RegionCode, out var w) && w == e.Quota))
            return this.AlreadyDoneAt(back, l["plans.already_done"].Value);
        if (NeedsReason)
        {
            try { steps.Revise(Plan, l["plans.revision.shares", Target.Name].Value, Reason); }
            catch (PlanRefusedException e) { ModelState.Refused(l, e, ""); return Page(); }
        }
        var paths = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.RegionPath, ct);
        foreach (var share in existing)
        {
            if (wanted.TryGetValue(share.RegionCode, out var q)) share.Quota = q;
            else db.Remove(share);
        }
        foreach (var (code, q) in wanted.Where(w => existing.All(e => e.RegionCode != w.Key)))
            db.Set<TargetShare>().Add(new TargetShare { TargetId = targetId, RegionCode = code, RegionPath = paths[code], Quota = q });
        if (!await db.OrFirstResultAsync(async () => { await db.SaveChangesAsync(ct); return true; }, () => Task.FromResult(false)))
            return this.AlreadyDoneAt(back, l["plans.already_done"].Value);
        TempData["Message"] = l["user.saved"].Value;
        return Redirect(back);
    }

    public static string Num(decimal v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
