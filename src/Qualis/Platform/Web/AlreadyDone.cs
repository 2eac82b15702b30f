namespace Qualis.Platform.Web;

/// <summary>
/// The page side of <see cref="OneEffect"/>: the answer to a request whose step a double click or another instance
/// already took is the outcome page that step led to, with a notice (in the reader's language) that it was done already.
/// </summary>
public static class AlreadyDone
{
    /// <summary>The TempData key the layout shows as an information notice.</summary>
    public const string NoticeKey = "Notice";

    public static IActionResult AlreadyDoneAt(this PageModel page, string url, string notice)
    {
        page.TempData[NoticeKey] = notice;
        return new RedirectResult(url);
    }
}
