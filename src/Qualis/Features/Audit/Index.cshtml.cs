using Qualis.Features.Shared;
using Qualis.Platform.Audit;
using Qualis.Platform.Web;

namespace Qualis.Features.Audit;

/// <summary>The audit trail (审计日志) of the official's area, filterable by record type, person and date.</summary>
[Authorize(Policy = Policies.Officials)]
public sealed class IndexModel(QualisDb db) : PageModel
{
    private const int PageSize = 50;
    /// <summary>The trail grows without end: beyond this the total reads "more than", the exact count a click away.</summary>
    private const int CountCap = 1_000;
    private static readonly ListSort<AuditEntry>[] Sorts = [ListSort<AuditEntry>.By("-time", e => e.Sequence, descending: true)];

    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserFilter { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public List<string> Types { get; private set; } = [];
    public List<AuditRow> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Types = await db.AuditEntries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync();
        var q = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrEmpty(Type)) q = q.Where(e => e.EntityType == Type);
        if (!string.IsNullOrWhiteSpace(UserFilter)) q = q.Where(e => e.UserName != null && e.UserName.Contains(UserFilter.Trim()));
        if (From is { } from) { var f = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); q = q.Where(e => e.At >= f); }
        if (To is { } to) { var t = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); q = q.Where(e => e.At < t); }
        var page = await q.PageAsync(ListRequest.From(Request, PageSize), Sorts, AuditHistory.Rows, CountCap, HttpContext.RequestAborted);
        Rows = page.Rows;
        Paging = page.Pager(Request);
    }
}
