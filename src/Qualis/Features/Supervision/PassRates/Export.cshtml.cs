using Qualis.Features.Shared;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.PassRates;

/// <summary>The pass-rate table with the page's filters, as CSV or XLSX. Rates are percentages; a group with nothing checked leaves them empty.</summary>
[Authorize(Policy = Policies.Officials)]
public sealed class ExportModel(QualisDb db, IStringLocalizer l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? by, DateOnly? from, DateOnly? to, string? region, string? category, string? format, CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var filter = PassRateFilter.FromQuery(by, from, to, region, category, db.Actor.RegionPath);
        var report = await PassRateQuery.RunAsync(db, filter, l, english, ct);
        string[] headers =
        [
            l["stats.col.key"], l["stats.grouping." + filter.By.ToString().ToLowerInvariant()], l["stats.checked"], l["stats.passed"], l["stats.failed"],
            l["stats.col.pass_rate_pct"], l["stats.col.failure_rate_pct"],
        ];
        var rows = report.Lines.Append(report.Total).Select(x => new object?[]
        {
            x == report.Total ? null : x.Key, x.Label, x.Figures.Checked, x.Figures.Passed, x.Figures.Failed,
            Percent(x.Figures.PassRate), Percent(x.Figures.FailureRate),
        }).ToAsyncEnumerable();
        return Download.Table(format, english ? "pass-rates" : "合格率统计", headers, rows);
    }

    private static decimal? Percent(decimal? rate) => rate is { } r ? Math.Round(r * 100, 2) : null;
}
