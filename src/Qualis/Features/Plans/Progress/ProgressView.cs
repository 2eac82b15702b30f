namespace Qualis.Features.Plans.Progress;

/// <summary>How the progress pages show a cell: its badge colour, and a measure's text cut to fit a table row.</summary>
public static class ProgressView
{
    public static string Badge(ProgressCell cell) => cell switch
    {
        ProgressCell.Reported => "text-bg-success",
        ProgressCell.Returned => "text-bg-warning",
        ProgressCell.Overdue => "text-bg-danger",
        ProgressCell.Due => "text-bg-secondary",
        _ => "text-bg-light",
    };

    public static string Short(string number, string text, int length = 40) => number + " " + (text.Length <= length ? text : text[..length] + "…");
}
