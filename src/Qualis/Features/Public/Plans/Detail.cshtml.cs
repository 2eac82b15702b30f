using System.Text.Json;
using Qualis.Features.Plans;
using Qualis.Platform.Indicators;
using Qualis.Platform.Time;

namespace Qualis.Features.Public.Plans;

/// <summary>
/// An issued plan on the public side: its title, 文号, issuing body and date, its measures with their lead departments,
/// and each city's progress on the targets the province published (value / figure required / status) with the tile
/// grid of the cities. A draft, a city's own plan or an unknown id is not found.
/// </summary>
public sealed class DetailModel(QualisDb db, IServiceScopeFactory scopes, IndicatorCatalog catalog, PeopleClock clock, IStringLocalizer l) : PageModel
{
    public PublicPlan Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await PublicPlansFace.PlanAsync(db, scopes, catalog, id, clock.Today, Texts.IsEnglish(CultureInfo.CurrentUICulture), ct) is not { } plan) return NotFound();
        Plan = plan;
        return Page();
    }

    /// <summary>The tile grid's data for wwwroot/js/scoreboard.js (a data attribute: the CSP forbids inline scripts).</summary>
    public string TilesData => JsonSerializer.Serialize(new
    {
        tilesTitle = l["public.plans.tiles", Plan.Plan.Year].Value,
        tiles = Plan.Cities.Select(c => new { name = c.Name, status = c.Worst?.ToString(), label = c.Worst is { } w ? l["plans.status." + w].Value : "—" }),
    });
}
