using Microsoft.AspNetCore.WebUtilities;
using Qualis.Platform.Indicators;
using Qualis.Platform.Time;

namespace Qualis.Features.Improvement;

/// <summary>What the module counts for the action's targets (计入目标).</summary>
public enum ImprovementMeasure
{
    /// <summary>质量提升项目完成数: improvement projects finished in the year.</summary>
    ProjectsFinished = 1,
    /// <summary>典型案例发布数: typical cases published in the year.</summary>
    CasesPublished = 2,
    /// <summary>制定帮扶方案企业数: firms with a help plan started in the year.</summary>
    HelpPlanFirms = 3,
}

/// <summary>
/// How projects are counted, once, for the indicators and the list's drill-down: a finished improvement project counts in
/// the year of its finishing day, from that day; a typical case in the year it was published, from that instant; a firm
/// with a help plan in the year its plan starts, from the plan's creation, unless the plan was withdrawn.
/// </summary>
public static class ImprovementCounts
{
    /// <summary>The projects counted for a measure and year as it stood at the end of the China date <paramref name="asOf"/>.</summary>
    public static IQueryable<ImprovementProject> Counted(IQueryable<ImprovementProject> q, ImprovementMeasure measure, int year, DateOnly asOf, PeopleClock clock)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var endUtc = clock.StartOfDayUtc(asOf.AddDays(1));
        var yearStart = clock.StartOfDayUtc(first);
        var yearEnd = clock.StartOfDayUtc(first.AddYears(1));
        if (endUtc < yearEnd) yearEnd = endUtc;
        return measure switch
        {
            ImprovementMeasure.ProjectsFinished => q.Where(p => p.Kind == ProjectKind.Improvement && p.Status == ProjectStatus.Finished
                && p.FinishedOn >= first && p.FinishedOn <= last && p.FinishedOn <= asOf),
            ImprovementMeasure.CasesPublished => q.Where(p => p.PublishedAt >= yearStart && p.PublishedAt < yearEnd),
            _ => q.Where(p => p.Kind == ProjectKind.HelpPlan && p.Status != ProjectStatus.Cancelled && p.CreditCode != null
                && p.StartOn >= first && p.StartOn <= last && p.CreatedAt < endUtc),
        };
    }

    public static async Task<List<(string RegionPath, int Count)>> ByRegionAsync(QualisDb db, ImprovementMeasure measure, int year, DateOnly asOf, PeopleClock clock, CancellationToken ct)
    {
        var q = Counted(db.Set<ImprovementProject>().AsNoTracking(), measure, year, asOf, clock);
        var rows = measure == ImprovementMeasure.HelpPlanFirms
            ? await q.GroupBy(p => p.RegionPath).Select(g => new { Path = g.Key, Count = g.Select(p => p.CreditCode).Distinct().Count() }).ToListAsync(ct)
            : await q.GroupBy(p => p.RegionPath).Select(g => new { Path = g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => (r.Path, r.Count)).ToList();
    }

    /// <summary>The list of the projects behind a figure.</summary>
    public static string ListLink(ImprovementMeasure measure, int year, string regionCode, DateOnly on) =>
        QueryHelpers.AddQueryString("/Improvement", new Dictionary<string, string?>
        {
            ["counted"] = measure.ToString(), ["year"] = year.ToString(CultureInfo.InvariantCulture), ["region"] = regionCode,
            ["on"] = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
}

/// <summary>
/// <c>improvement.projects-finished</c>, <c>improvement.cases-published</c>, <c>improvement.help-plan-firms</c>: counted from
/// the records of the caller's area in one grouped query (a region's figure is the sum over the paths within it).
/// </summary>
public sealed class ImprovementIndicator(ImprovementMeasure measure, PeopleClock clock) : IIndicator
{
    public string Key => KeyOf(measure);

    public static string KeyOf(ImprovementMeasure measure) => measure switch
    {
        ImprovementMeasure.ProjectsFinished => "improvement.projects-finished",
        ImprovementMeasure.CasesPublished => "improvement.cases-published",
        _ => "improvement.help-plan-firms",
    };

    public string TextKey => TextKeyOf(measure);

    /// <summary>The indicator's name as a text key (indicator.{key}), spelled out so the texts test sees each.</summary>
    public static string TextKeyOf(ImprovementMeasure measure) => measure switch
    {
        ImprovementMeasure.ProjectsFinished => "indicator.improvement.projects-finished",
        ImprovementMeasure.CasesPublished => "indicator.improvement.cases-published",
        _ => "indicator.improvement.help-plan-firms",
    };

    public IndicatorUnit Unit => IndicatorUnit.Count;

    public Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(
        QualisDb db, int year, IReadOnlyList<string> regionCodes, DateOnly asOf, CancellationToken ct)
        => SubtreeCounts.ValuesAsync(db, regionCodes, c => ImprovementCounts.ByRegionAsync(db, measure, year, asOf, clock, c),
            code => ImprovementCounts.ListLink(measure, year, code, asOf), ct);
}
