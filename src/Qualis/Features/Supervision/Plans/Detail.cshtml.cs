using Qualis.Features.Audit;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.Plans;

/// <summary>A plan with its batches and each batch's draws (the annulled ones too: a redraw never hides the first).</summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(SamplingPlan))]
public sealed class DetailModel(QualisDb db) : PageModel
{
    public SamplingPlan Plan { get; private set; } = null!;
    public List<(PlanBatch Batch, List<Draw> Draws)> Batches { get; private set; } = [];
    public AuditHistoryView History { get; private set; } = null!;
    /// <summary>The plan's region by name (a plan's subtitle reads "2026 · 芜湖市", not its code).</summary>
    public string RegionName { get; private set; } = "";
    /// <summary>The plan's own area changes it; an office below that it covers reads it (no buttons), see <see cref="PlanCoverage"/>.</summary>
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await PlanCoverage.Readable(db).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is not { } plan) return NotFound();
        Plan = plan;
        CanEdit = PlanCoverage.CanEdit(db, plan);
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        RegionName = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => r.Code == plan.RegionCode)
            .Select(r => english && r.NameEn != null ? r.NameEn : r.Name).SingleOrDefaultAsync() ?? plan.RegionCode;
        var batches = (await PlanCoverage.BatchesAsync(db, [id])).OrderBy(b => b.Number).ToList();
        var draws = await PlanCoverage.Draws(db, [id]).OrderBy(d => d.Number).ToListAsync();
        Batches = batches.Select(b => (b, draws.Where(d => d.BatchId == b.Id).ToList())).ToList();
        History = await AuditHistory.ForAsync(db, nameof(SamplingPlan), id.ToString());
        return Page();
    }
}
