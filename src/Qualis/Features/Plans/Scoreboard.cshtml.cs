using System.Text.Json;
using Qualis.Features.Shared;
using Qualis.Platform.Indicators;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>
/// 目标进展看板: every city the official may see (rows) against every target of the year's top plan (columns) — value,
/// quota, status and gap as <see cref="PlansFace.TargetValuesAsync"/> computes them, each figure linked to its records —
/// with a tile grid of the cities by their worst status, the progress of each target across cities, and an XLSX export.
/// The face reads through the area filter: a city officer gets its own row only.
/// </summary>
[Authorize(Policy = Policies.Officials)]
public sealed class ScoreboardModel(QualisDb db, IndicatorCatalog catalog, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    /// <summary>A row: a city, or (for the city's own officer) one of its counties, with <see cref="Parent"/> the city.</summary>
    public sealed record City(string Code, string Name, IReadOnlyList<RegionTargetValue?> Cells, TargetStatus? Worst, string? Parent = null);

    public int ShownYear { get; private set; }
    public List<int> Years { get; private set; } = [];
    public List<TargetValues> Targets { get; private set; } = [];
    public List<City> Cities { get; private set; } = [];
    private string? _chartData;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The table as XLSX (or CSV): one row per city, value / quota / status / gap per target.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        await LoadAsync(ct);
        var headers = new List<string> { l["plans.scoreboard.city"].Value };
        foreach (var t in Targets)
            headers.AddRange([t.Name + " · " + l["plans.value"].Value, t.Name + " · " + l["plans.quota"].Value,
                t.Name + " · " + l["plans.state"].Value, t.Name + " · " + l["plans.scoreboard.gap"].Value]);
        var rows = Cities.Select(c => new object?[] { c.Name }.Concat(c.Cells.SelectMany((v, i) => new object?[]
            { v?.Value, v is null ? null : TargetDisplay.Required(Targets[i].Kind, Targets[i].Value, v), v is null ? null : l["plans.status." + v.Evaluation.Status].Value, v?.Evaluation.Gap }))
            .ToArray()).ToAsyncEnumerable();
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        return Download.Table(format, (english ? "scoreboard-" : "目标进展看板-") + ShownYear, headers, rows);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        (Years, ShownYear) = await YearsAsync(db, clock, Year, ct);
        Targets = await PlansFace.TargetValuesAsync(db, catalog, ShownYear, clock.Today, ct: ct) ?? [];
        Cities = await RowsAsync(db, Targets, ct);
    }

    /// <summary>The years with an issued plan the official reads (latest first) and the year shown: the one asked, else this year, else the latest.</summary>
    public static async Task<(List<int> Years, int Shown)> YearsAsync(QualisDb db, PeopleClock clock, int? year, CancellationToken ct)
    {
        var years = await PlanAccess.Readable(db).AsNoTracking().Where(p => p.Status != PlanStatus.Draft).Select(p => p.Year).Distinct().ToListAsync(ct);
        years.Sort((a, b) => b.CompareTo(a));
        return (years, year ?? (years.Contains(clock.Today.Year) || years.Count == 0 ? clock.Today.Year : years[0]));
    }

    /// <summary>One row per region of the figures (cities, a city's counties under it), named, with each target's cell and the worst status.</summary>
    public static async Task<List<City>> RowsAsync(QualisDb db, IReadOnlyList<TargetValues> targets, CancellationToken ct)
    {
        var regions = targets.SelectMany(t => t.Regions).DistinctBy(r => r.RegionCode).OrderBy(r => r.RegionCode, StringComparer.Ordinal).ToList();
        var names = await PlanPages.RegionNamesAsync(db, regions.Select(r => r.RegionCode), ct);
        return regions.Select(region =>
        {
            var cells = targets.Select(t => t.Regions.FirstOrDefault(r => r.RegionCode == region.RegionCode)).ToList();
            var statuses = cells.Where(c => c is not null).Select(c => c!.Evaluation.Status).ToList();
            return new City(region.RegionCode, names.GetValueOrDefault(region.RegionCode, region.RegionCode), cells, statuses.Count == 0 ? null : statuses.Max(), region.ParentCode);
        }).ToList();
    }

    /// <summary>A figure as shown: whole numbers without decimals, others to two places.</summary>
    public static string Figure(decimal? value) => TargetDisplay.Figure(value);

    public static string StatusClass(TargetStatus status) => TargetDisplay.StatusClass(status);

    /// <summary>The rule beside a target's name where its figure is no count to reach: a growth's percent over its baseline year.</summary>
    public static string? Rule(IStringLocalizer l, TargetValues t) =>
        t.Kind == TargetKind.Growth ? l["plans.scoreboard.growth_rule", TargetDisplay.Figure(t.Value), t.BaselineYear ?? 0].Value
        : t.Kind == TargetKind.Deadline && t.DueOn is { } due ? l["plans.scoreboard.due_rule", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value : null;

    /// <summary>The charts' data for wwwroot/js/scoreboard.js (read from a data attribute: the CSP forbids inline scripts); both charts read the same, made once.</summary>
    public string ChartData => _chartData ??= JsonSerializer.Serialize(new
    {
        tilesTitle = l["plans.scoreboard.tiles", ShownYear].Value,
        progressTitle = l["plans.scoreboard.progress", ShownYear].Value,
        tiles = Cities.Where(c => c.Parent is null).Select(c => new { name = c.Name, status = c.Worst?.ToString(), label = c.Worst is { } w ? l["plans.status." + w].Value : "—" }),
        targets = Targets.Select(t => t.Name),
        series = Cities.Where(c => c.Parent is null).Select(c => new
        {
            name = c.Name,
            data = c.Cells.Select((v, i) => TargetDisplay.Progress(Targets[i].Kind, Targets[i].Value, v)),
        }),
    });
}
