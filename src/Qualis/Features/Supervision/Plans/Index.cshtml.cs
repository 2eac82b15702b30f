using System.ComponentModel.DataAnnotations;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.Plans;

/// <summary>The area's yearly random-inspection plans (年度双随机抽查计划), with their batches and draws at a glance.</summary>
[Authorize(Policy = Policies.Officials)]
public sealed class IndexModel(QualisDb db, PeopleClock clock, IStringLocalizer l) : PageModel
{
    public sealed record Row(SamplingPlan Plan, string RegionName, bool ReadOnly, int Batches, int Drawn, int Committed);

    [BindProperty, Range(2000, 2100, ErrorMessage = "plan.year_range"), Display(Name = "plan.year")]
    public int Year { get; set; } = clock.Today.Year;
    [BindProperty, Required(ErrorMessage = "validation.required"), StringLength(200, ErrorMessage = "validation.max_length"), Display(Name = "plan.name")]
    public string Name { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "validation.required"), Display(Name = "user.region")]
    public string RegionCode { get; set; } = "";

    public List<Row> Rows { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        // The area filter hides regions outside the official's own: such a code is simply unknown here.
        var region = await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.Code == RegionCode);
        if (region is null) ModelState.AddModelError(nameof(RegionCode), l["user.region_unknown"]);
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }
        var plan = new SamplingPlan { Year = Year, Name = Name.Trim(), RegionCode = region!.Code, RegionPath = region.RegionPath, CreatedAt = DateTime.UtcNow };
        // The same plan submitted again (a double click, at once or after): its unique index keeps one, and the request is shown it.
        if (await ExistingAsync(plan) is { } existing) return this.AlreadyDoneAt($"/Supervision/Plans/{existing}", l["plan.exists"].Value);
        db.Set<SamplingPlan>().Add(plan);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync();
            return Redirect($"/Supervision/Plans/{plan.Id}");
        }, async () => this.AlreadyDoneAt($"/Supervision/Plans/{await ExistingAsync(plan)}", l["plan.exists"].Value));
    }

    private Task<Guid?> ExistingAsync(SamplingPlan plan) =>
        db.Set<SamplingPlan>().AsNoTracking().Where(p => p.RegionCode == plan.RegionCode && p.Year == plan.Year && p.Name == plan.Name)
            .Select(p => (Guid?)p.Id).FirstOrDefaultAsync();

    private async Task LoadAsync()
    {
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        if (RegionCode.Length == 0 && Regions.Count > 0) RegionCode = Regions[0].Code;
        // The area's plans and, read-only, the plans above that cover it (a county sees the city's plan).
        // The area's own plans first (the ones the reader works on), then those above, each by year and area.
        var plans = (await PlanCoverage.Readable(db).AsNoTracking().OrderByDescending(p => p.Year).ThenBy(p => p.RegionPath).ThenBy(p => p.Name).ToListAsync())
            .OrderBy(p => !PlanCoverage.CanEdit(db, p)).ToList();
        var ids = plans.Select(p => p.Id).ToList();
        var covering = await PlanCoverage.BatchesAsync(db, ids);
        var batches = covering.GroupBy(b => b.PlanId).ToDictionary(g => g.Key, g => g.Count());
        var batchIds = covering.Select(b => b.Id).ToHashSet();
        var draws = (await PlanCoverage.Draws(db, ids).Select(d => new { d.PlanId, d.BatchId, d.Status }).ToListAsync()).Where(d => batchIds.Contains(d.BatchId)).ToList();
        var names = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.DisplayName(english));
        Rows = plans.Select(p => new Row(p, names.GetValueOrDefault(p.RegionCode, p.RegionCode), !PlanCoverage.CanEdit(db, p), batches.GetValueOrDefault(p.Id),
            draws.Count(d => d.PlanId == p.Id && d.Status == DrawStatus.Drawn), draws.Count(d => d.PlanId == p.Id && d.Status == DrawStatus.Committed))).ToList();
    }
}
