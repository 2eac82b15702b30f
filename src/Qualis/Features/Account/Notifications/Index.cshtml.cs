using System.Security.Claims;
using Qualis.Features.Shared;
using Qualis.Platform.Notifications;

namespace Qualis.Features.Account.Notifications;

/// <summary>
/// My messages (我的消息): the signed-in person's notifications, newest first, paged; opening one marks it read and goes
/// to its item; "mark all read" is a form post, and a second one finds nothing left to mark.
/// </summary>
[Authorize]
public sealed class IndexModel(QualisDb db, Qualis.Platform.Time.PeopleClock clock, IStringLocalizer l) : PageModel
{
    private const int PageSize = 30;

    private static readonly ListSort<Notification>[] Sorts =
        [ListSort<Notification>.By("-time", n => n.CreatedAt, descending: true).ThenBy(n => n.Due).ThenBy(n => n.Id)];
    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }

    public List<Notification> Rows { get; private set; } = [];
    public int UnreadCount { get; private set; }
    public Paging Paging { get; private set; } = null!;

    /// <summary>Today in the display zone: a reminder whose due day has passed reads "overdue".</summary>
    public DateOnly Today => clock.Today;

    public string Time(DateTime utc) => clock.Format(utc);

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = Inbox.Of(db, UserId);
        if (Unread) q = q.Where(n => n.ReadAt == null);
        var page = await q.PageAsync(ListRequest.From(Request, PageSize), Sorts, x => x, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        UnreadCount = await Inbox.UnreadCountAsync(db, UserId, ct);
    }

    /// <summary>Opens a notification: marks it read and goes to its item (a link inside the platform only).</summary>
    public async Task<IActionResult> OnGetOpenAsync(Guid id, CancellationToken ct)
    {
        var link = await Inbox.OpenAsync(db, UserId, id, clock.UtcNow, ct);
        if (link is null) return NotFound();
        return Url.IsLocalUrl(link) ? LocalRedirect(link) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostMarkAllAsync(CancellationToken ct)
    {
        var marked = await Inbox.MarkAllReadAsync(db, UserId, clock.UtcNow, ct);
        TempData["Message"] = marked > 0 ? l["notify.marked_all", marked].Value : l["notify.none_unread"].Value;
        return RedirectToPage();
    }
}
