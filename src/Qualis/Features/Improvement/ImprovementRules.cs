using Qualis.Features.Improvement.Tasks;

namespace Qualis.Features.Improvement;

/// <summary>A problem with one field: the field, its text key and the key's arguments.</summary>
public sealed record ImprovementProblem(string Field, string Key, params object[] Args);

/// <summary>How an indicator's gap to its benchmark moved over the years (趋势).</summary>
[TextKeys("improvement.trend.", lowerCase: true)]
public enum GapTrend
{
    Narrowing = 1,
    Widening = 2,
    Steady = 3,
}

/// <summary>One year of an indicator's comparison: the values, the gap (positive: ahead of the benchmark) and whether it meets it.</summary>
public sealed record ComparisonPoint(int Year, decimal? Value, decimal? Benchmark, decimal? Gap, bool? Meets);

/// <summary>
/// The rules of projects and tasks, without ASP.NET or EF: dates in order, what closing a task, finishing a project and
/// publishing a typical case need, when a task is overdue, and the comparison's gap, trend and aggregates.
/// </summary>
public static class ImprovementRules
{
    /// <summary>An end before the start is refused on the end.</summary>
    public static ImprovementProblem? Dates(DateOnly? start, DateOnly? end, string endField = "EndOn") =>
        start is { } s && end is { } e && e < s ? new(endField, "improvement.error.end_before_start", s.ToString("yyyy-MM-dd"), e.ToString("yyyy-MM-dd")) : null;

    /// <summary>An open task is overdue once its deadline has passed (the deadline day itself is still in time).</summary>
    public static bool IsOverdue(ImprovementTask t, DateOnly today) => t.Status == TaskState.Open && t.Deadline < today;

    /// <summary>
    /// Closes a task on a day, or says why not: closed already, no evidence (a task is closed only with at least one
    /// evidence file, 佐证材料), a day before the task was created. Nothing changes when a problem is returned.
    /// </summary>
    public static List<ImprovementProblem> Close(ImprovementTask t, int evidenceFiles, DateOnly on, DateOnly createdOn, string by)
    {
        if (t.Status == TaskState.Closed) return [new("Status", "improvement.error.task_closed")];
        if (evidenceFiles <= 0) return [new("Files", "improvement.error.close_without_evidence")];
        if (on < createdOn) return [new("On", "improvement.error.close_before_created", createdOn.ToString("yyyy-MM-dd"))];
        t.Status = TaskState.Closed;
        t.ClosedOn = on;
        t.ClosedBy = by;
        return [];
    }

    /// <summary>Finishes an open project with its result on a day not before its start; nothing changes on a problem.</summary>
    public static List<ImprovementProblem> Finish(ImprovementProject p, string? result, DateOnly on, int openTasks)
    {
        if (p.Status != ProjectStatus.Open) return [new("Result", "improvement.error.not_open")];
        var problems = new List<ImprovementProblem>();
        if (string.IsNullOrWhiteSpace(result)) problems.Add(new("Result", "improvement.error.result_required"));
        if (openTasks > 0) problems.Add(new("Result", "improvement.error.open_tasks", openTasks));
        if (on < p.StartOn) problems.Add(new("On", "improvement.error.finish_before_start", p.StartOn.ToString("yyyy-MM-dd")));
        if (problems.Count > 0) return problems;
        p.Status = ProjectStatus.Finished;
        p.Result = result!.Trim();
        p.FinishedOn = on;
        return [];
    }

    /// <summary>Publishes a finished project as a typical case (典型案例); a help plan is no case, and a case is published once.</summary>
    public static List<ImprovementProblem> Publish(ImprovementProject p, DateTime at, string by)
    {
        if (p.Kind != ProjectKind.Improvement) return [new("Publish", "improvement.error.help_plan_not_case")];
        if (p.Status != ProjectStatus.Finished) return [new("Publish", "improvement.error.publish_unfinished")];
        if (p.PublishedAt is not null) return [new("Publish", "improvement.error.published_already")];
        p.PublishedAt = at;
        p.PublishedBy = by;
        return [];
    }

    /// <summary>
    /// A value as typed or imported: a number (a comma or a trailing % allowed), or the problem naming the field and what
    /// was given. Empty is no value.
    /// </summary>
    public static (decimal? Value, ImprovementProblem? Problem) ParseValue(string? text, string field)
    {
        var t = text?.Trim().TrimEnd('%').Replace(",", "", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(t)) return (null, null);
        return decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && Math.Abs(v) < 100_000_000_000_000m
            ? (v, null) : (null, new(field, "improvement.error.value_not_number", text!.Trim()));
    }

    /// <summary>The gap to the benchmark, positive when the value is better: value − benchmark, or benchmark − value when lower is better.</summary>
    public static decimal? Gap(decimal? value, decimal? benchmark, bool higherIsBetter) =>
        value is { } v && benchmark is { } b ? (higherIsBetter ? v - b : b - v) : null;

    public static ComparisonPoint Point(int year, decimal? value, decimal? benchmark, bool higherIsBetter)
    {
        var gap = Gap(value, benchmark, higherIsBetter);
        return new(year, value, benchmark, gap, gap is { } g ? g >= 0 : null);
    }

    /// <summary>
    /// The trend of the gaps over the years given (in year order): narrowing when the last gap is better than the first, widening
    /// when worse, steady when equal; null with fewer than two years that have both values.
    /// </summary>
    public static GapTrend? Trend(IEnumerable<ComparisonPoint> points)
    {
        var gaps = points.Where(p => p.Gap is not null).OrderBy(p => p.Year).Select(p => p.Gap!.Value).ToList();
        if (gaps.Count < 2) return null;
        return gaps[^1] > gaps[0] ? GapTrend.Narrowing : gaps[^1] < gaps[0] ? GapTrend.Widening : GapTrend.Steady;
    }

    /// <summary>The median of the values (the mean of the two middle ones for an even count); null for none.</summary>
    public static decimal? Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The share (0–100, one decimal) of the points with both values that meet their benchmark; null for none.</summary>
    public static decimal? ShareMeeting(IEnumerable<ComparisonPoint> points)
    {
        var judged = points.Where(p => p.Meets is not null).ToList();
        return judged.Count == 0 ? null : Math.Round(100m * judged.Count(p => p.Meets == true) / judged.Count, 1);
    }

    /// <summary>
    /// Whether an official of <paramref name="actorPath"/> answers for a record of the office <paramref name="officeCode"/>
    /// held in <paramref name="regionPath"/>: the office itself or one above it. A null path (tools) is unrestricted.
    /// </summary>
    public static bool Answers(string? actorPath, string officeCode, string regionPath)
    {
        if (actorPath is null) return true;
        var at = regionPath.IndexOf("/" + officeCode + "/", StringComparison.Ordinal);
        return at >= 0 && regionPath[..(at + officeCode.Length + 2)].StartsWith(actorPath, StringComparison.Ordinal);
    }

    /// <summary>The region code an official's path ends in (their own office).</summary>
    public static string OfficeOf(string? actorPath) => actorPath?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
}
