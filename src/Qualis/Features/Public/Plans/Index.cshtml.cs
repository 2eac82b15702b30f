using Qualis.Features.Plans;

namespace Qualis.Features.Public.Plans;

/// <summary>质量提升行动 on the public side: the issued plans of the province, latest year first.</summary>
public sealed class IndexModel(QualisDb db) : PageModel
{
    public List<PublicPlanSummary> Plans { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Plans = await PublicPlansFace.PlansAsync(db, ct);
}
