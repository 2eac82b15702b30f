using System.Text.Json;
using Qualis.Features.Registry;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.PassRates;

/// <summary>合格率统计: batch pass rate and failure-discovery rate of the caller's area, grouped, charted, drillable, exportable.</summary>
[Authorize(Policy = Policies.Officials)]
public sealed class IndexModel(QualisDb db, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? By { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }

    public PassRateFilter Filter { get; private set; } = null!;
    public PassRateReport Report { get; private set; } = null!;
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public List<(string Code, string Label)> Categories { get; private set; } = [];

    /// <summary>The groupings offered, by dimension (产品、行业、区域、期间).</summary>
    public static readonly (string TextKey, PassRateGrouping[] Groupings)[] Groupings =
    [
        ("stats.dimension.category", [PassRateGrouping.Category, PassRateGrouping.Product]),
        ("stats.dimension.industry", [PassRateGrouping.Section, PassRateGrouping.Division]),
        ("stats.dimension.region", [PassRateGrouping.City, PassRateGrouping.County]),
        ("stats.dimension.period", [PassRateGrouping.Year, PassRateGrouping.Quarter, PassRateGrouping.Month]),
    ];

    public string ExportLink(string format)
    {
        var query = Request.Query.Where(kv => kv.Key != "format").ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        query["by"] = Filter.By.ToString().ToLowerInvariant();
        query["format"] = format;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Supervision/PassRates/Export", query);
    }

    /// <summary>The chart's data for wwwroot/js/charts.js (read from a data attribute: the CSP forbids inline scripts).</summary>
    public string ChartData => JsonSerializer.Serialize(new
    {
        title = l["stats.chart_title"].Value,
        series = l["stats.pass_rate"].Value,
        labels = Report.Lines.Select(x => x.Label),
        rates = Report.Lines.Select(x => x.Figures.PassRate is { } r ? Math.Round(r * 100, 1) : (decimal?)null),
        passed = Report.Lines.Select(x => x.Figures.Passed),
        @checked = Report.Lines.Select(x => x.Figures.Checked),
        noData = l["stats.no_checks"].Value,
    });

    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        Filter = PassRateFilter.FromQuery(By, From, To, Region, Category, db.Actor.RegionPath);
        Report = await PassRateQuery.RunAsync(db, Filter, l, english, ct);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        Categories = (await RegistryFace.ProductCategoriesAsync(db, ct))
            .Select(c => (c.Code, (c.ParentCode is null ? "" : "\u3000") + c.Code + " " + c.Name)).ToList();
    }
}
