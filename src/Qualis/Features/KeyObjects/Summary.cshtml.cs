using System.Text.Json;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.KeyObjects;

/// <summary>
/// 重点对象汇总: each city of the caller's area against the four kinds, the number of enrolments of the year active now
/// (a county officer sees the enrolments of their county, under the city that made them), with a bar chart per kind.
/// </summary>
[Authorize(Policy = KeyObjectsModule.ReadersPolicy)]
public sealed class SummaryModel(QualisDb db, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public sealed record Line(string Code, string Name, IReadOnlyDictionary<KeyObjectKind, int> Counts);

    public int ShownYear => Year ?? clock.Today.Year;
    public List<Line> Lines { get; private set; } = [];
    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var cities = await db.Set<Region>().AsNoTracking().Where(r => r.Level == RegionLevel.City).OrderBy(r => r.Code).ToListAsync(ct);
        // A county officer's area holds no city: their own region is the one line.
        if (cities.Count == 0 && db.Actor.RegionPath is { } own)
            cities = await db.Set<Region>().AsNoTracking().Where(r => r.RegionPath == own).ToListAsync(ct);
        var counts = await KeyObjectCounts.ByRegionAsync(db, ShownYear, clock.StartOfDayUtc(Today.AddDays(1)), null, ct);
        Lines = cities.Select(c => new Line(c.Code, c.DisplayName(english), Enum.GetValues<KeyObjectKind>().ToDictionary(k => k,
            k => counts.Where(x => x.Kind == k && x.RegionPath.StartsWith(c.RegionPath, StringComparison.Ordinal)).Sum(x => x.Count)))).ToList();
    }

    public string Link(string region, KeyObjectKind kind) => KeyObjectCounts.ListLink(ShownYear, kind, region, Today);

    /// <summary>The chart's data for wwwroot/js/keyobjects.js (read from a data attribute: the CSP forbids inline scripts).</summary>
    public string ChartData => JsonSerializer.Serialize(new
    {
        title = l["keyobjects.chart_title", ShownYear].Value,
        labels = Lines.Select(x => x.Name),
        series = Enum.GetValues<KeyObjectKind>().Select(k => new { name = l[k.TextKey()].Value, data = Lines.Select(x => x.Counts[k]) }),
    });
}
