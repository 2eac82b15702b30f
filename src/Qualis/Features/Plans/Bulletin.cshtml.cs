using System.Text.RegularExpressions;
using Qualis.Features.Shared;
using Qualis.Platform.Indicators;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Plans;

/// <summary>
/// 目标进展情况通报: the year's results as a document in the official register — title, a 文号 to be numbered (the plan's
/// issuing office and year), the table of cities by status, the cities at risk and missed named with their targets, the
/// issuing body and the date in Chinese form — printed through the shared print mechanism (the printable trail), and
/// the same table as XLSX. The figures are the scoreboard's (<see cref="PlansFace.TargetValuesAsync"/>) on the day.
/// </summary>
[Authorize(Policy = Policies.Officials)]
public sealed partial class BulletinModel(QualisDb db, IndicatorCatalog catalog, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    /// <summary>A city's line: how many targets stand at each status, its worst, and the names of the targets at risk or missed.</summary>
    public sealed record Row(string Code, string Name, int Met, int OnTrack, int AtRisk, int Missed, TargetStatus? Worst, List<string> Behind);

    public int ShownYear { get; private set; }
    public ActionPlan? Plan { get; private set; }
    public int TargetCount { get; private set; }
    public List<Row> Rows { get; private set; } = [];
    public string NumberToFill { get; private set; } = "";
    public string Dated { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The bulletin's table as XLSX (or CSV).</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        await LoadAsync(ct);
        string[] headers = ["plans.scoreboard.city", "plans.status.Met", "plans.status.OnTrack", "plans.status.AtRisk", "plans.status.Missed", "plans.bulletin.overall", "plans.bulletin.behind"];
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        return Download.Table(format, (english ? "bulletin-" : "目标进展情况通报-") + ShownYear, headers.Select(h => l[h].Value).ToList(),
            Rows.Select(r => new object?[] { r.Name, r.Met, r.OnTrack, r.AtRisk, r.Missed, r.Worst is { } w ? l["plans.status." + w].Value : null,
                string.Join(l["plans.bulletin.separator"].Value, r.Behind) }).ToAsyncEnumerable());
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        (_, ShownYear) = await ScoreboardModel.YearsAsync(db, clock, Year, ct);
        var targets = await PlansFace.TargetValuesAsync(db, catalog, ShownYear, clock.Today, ct: ct) ?? [];
        TargetCount = targets.Count;
        if (targets.Count > 0) Plan = await PlanAccess.FindAsync(db, targets[0].PlanId, ct);
        Rows = (await ScoreboardModel.RowsAsync(db, targets, ct)).Where(c => c.Parent is null).Select(c =>
        {
            int Count(TargetStatus s) => c.Cells.Count(v => v?.Evaluation.Status == s);
            var behind = targets.Zip(c.Cells).Where(x => x.Second?.Evaluation.Status is TargetStatus.AtRisk or TargetStatus.Missed).Select(x => x.First.Name).ToList();
            return new Row(c.Code, c.Name, Count(TargetStatus.Met), Count(TargetStatus.OnTrack), Count(TargetStatus.AtRisk), Count(TargetStatus.Missed), c.Worst, behind);
        }).ToList();
        NumberToFill = NumberOf(Plan?.DocumentNumber, ShownYear);
        Dated = DateOf(clock.Today, Texts.IsEnglish(CultureInfo.CurrentUICulture));
    }

    public IEnumerable<Row> At(TargetStatus status) => Rows.Where(r => r.Worst == status);

    [GeneratedRegex(@"^(.*?)〔\d{4}〕\s*\d*\s*号$")]
    private static partial Regex NumberPattern();

    /// <summary>The bulletin's 文号 left to be numbered: the plan's office abbreviation with the year, e.g. 皖质提办〔2018〕　　号.</summary>
    public static string NumberOf(string? planNumber, int year) =>
        (planNumber is not null && NumberPattern().Match(planNumber) is { Success: true } m ? m.Groups[1].Value : "") + $"〔{year}〕　　号";

    /// <summary>A date as an official document writes it: 2018年12月6日 (in English: 6 December 2018).</summary>
    public static string DateOf(DateOnly day, bool english) =>
        english ? day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : $"{day.Year}年{day.Month}月{day.Day}日";
}
