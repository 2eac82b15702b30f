namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>How statuses and verdicts look on the pages: the same colours on the dashboard, the list and the check.</summary>
public static class CheckDisplay
{
    public static string StatusClass(SpotCheckStatus s) => s switch
    {
        SpotCheckStatus.ToSample => "text-bg-secondary",
        SpotCheckStatus.Sampled => "text-bg-info",
        SpotCheckStatus.Tested => "text-bg-warning",
        SpotCheckStatus.Final => "text-bg-primary",
        _ => "text-bg-success",
    };

    public static string ResultClass(CheckResult? r) => r switch
    {
        CheckResult.Pass => "text-bg-success",
        CheckResult.Fail => "text-bg-danger",
        _ => "text-bg-light",
    };

    /// <summary>A result counts once it is final (结果确定 or 已公示); before that it may still change by a re-test.</summary>
    public static bool IsFinal(SpotCheck c) => c.Status is SpotCheckStatus.Final or SpotCheckStatus.Published;

    public static string Day(DateOnly? d) => d is { } day ? SpotCheckRules.Day(day) : "—";

    /// <summary>The product as sampled, or before sampling the category the draw named, by its name.</summary>
    public static string Product(SpotCheck c, IReadOnlyDictionary<string, string> categoryNames) =>
        c.ProductName ?? (c.ProductCategoryCode is null ? "—" : categoryNames.GetValueOrDefault(c.ProductCategoryCode, c.ProductCategoryCode));
}

/// <summary>A short table of checks (the dashboard's blocks).</summary>
public sealed record CheckTableView(IReadOnlyList<SpotCheck> Checks, IReadOnlyDictionary<string, string> CategoryNames)
{
    public string Product(SpotCheck c) => CheckDisplay.Product(c, CategoryNames);
}

/// <summary>A result form (检验结果 or 复检结果) on the check page: which of the page's forms, posted to which handler.</summary>
public sealed record ResultFormView(DetailModel Page, ResultForm Form, string Prefix, string Handler, string Id, string TitleKey, string SubmitKey)
{
    /// <summary>The rows offered: those entered and at least one empty one (three at first); a script adds more.</summary>
    public int Rows => Math.Max(3, Form.Failures.Count + 1);
    public FailedItemForm Row(int i) => i < Form.Failures.Count ? Form.Failures[i] : new();
}
