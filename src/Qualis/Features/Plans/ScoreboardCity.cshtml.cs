using System.Text.Json;
using Qualis.Platform.Indicators;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>
/// 单个城市的目标进展: one city's (or county's) targets of the year over time — each target's figure at every quarter's
/// end so far and today, as <see cref="PlansFace.TrendAsync"/> recomputes it from the dated records — as a line chart of
/// the progress towards each target and, below it, the same figures in a table, each linked to the records behind it.
/// Only a region the official's scoreboard shows opens (a city officer: its own city and its counties).
/// </summary>
[Authorize(Policy = Policies.Officials)]
public sealed class ScoreboardCityModel(QualisDb db, IndicatorCatalog catalog, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    /// <summary>A target with the region's standing at each point of the trend (null where the region has no figure).</summary>
    public sealed record Line(TargetValues Target, IReadOnlyList<RegionTargetValue?> Points);

    public int ShownYear { get; private set; }
    public List<int> Years { get; private set; } = [];
    public string RegionName { get; private set; } = "";
    public List<(string Code, string Name)> Choices { get; private set; } = [];
    public List<DateOnly> Days { get; private set; } = [];
    public List<Line> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        (Years, ShownYear) = await ScoreboardModel.YearsAsync(db, clock, Year, ct);
        var trend = await PlansFace.TrendAsync(db, catalog, ShownYear, clock.Today, ct: ct) ?? [];
        if (trend.Count == 0) return Page();
        var rows = await ScoreboardModel.RowsAsync(db, trend[^1].Targets, ct);
        Choices = rows.Select(r => (r.Code, r.Parent is null ? r.Name : "　" + r.Name)).ToList();
        var own = db.Actor.RegionPath is { } path ? PlanAccess.CodeOf(path) : null;
        Region ??= rows.Any(r => r.Code == own) ? own : rows.FirstOrDefault()?.Code;
        if (rows.FirstOrDefault(r => r.Code == Region) is not { } row) return NotFound();
        RegionName = row.Name;
        Days = trend.Select(p => p.AsOf).ToList();
        Lines = trend[^1].Targets.Select(t => new Line(t, trend.Select(p =>
                p.Targets.FirstOrDefault(x => x.TargetId == t.TargetId)?.Regions.FirstOrDefault(r => r.RegionCode == Region)).ToList()))
            .Where(line => line.Points.Any(p => p is not null)).ToList();
        return Page();
    }


    /// <summary>The chart's data for wwwroot/js/scoreboard.js (a data attribute: the CSP forbids inline scripts).</summary>
    public string ChartData => JsonSerializer.Serialize(new
    {
        title = l["plans.city_trend.chart", RegionName, ShownYear].Value,
        axis = l["plans.city_trend.axis"].Value,
        days = Days.Select(d => l["plans.city_trend.day", d.Month, d.Day].Value),
        series = Lines.Where(line => line.Target.Kind != TargetKind.Deadline && line.Points.Any(p => TargetDisplay.Progress(line.Target.Kind, line.Target.Value, p) is not null))
            .Select(line => new { name = line.Target.Name, data = line.Points.Select(p => TargetDisplay.Progress(line.Target.Kind, line.Target.Value, p)) }),
    });
}
