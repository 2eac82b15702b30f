using System.Security.Claims;
using System.Text.Json;
using Qualis.Platform.Accounts;
using Qualis.Platform.Desk;

namespace Qualis.Features;

/// <summary>
/// Home as a work desk (工作台): what is waiting for this person (我的待办, most urgent first, with what is overdue or
/// due within five working days) and the cards of the modules (figures of the area for officials, its own record and
/// checks for an enterprise). Every module contributes through <see cref="IDeskSource"/>; all of it through the area filter.
/// </summary>
public sealed class IndexModel(QualisDb db, WorkDesk desk, IStringLocalizer l) : PageModel
{
    /// <summary>Enough for a desk; the modules' own lists hold the rest.</summary>
    public const int ShownToDos = 30;

    public string DisplayName { get; private set; } = "";
    public string RegionName { get; private set; } = "";
    public DateOnly Today { get; private set; }
    public IReadOnlyList<DeskItem> ToDos { get; private set; } = [];
    public IReadOnlyList<DeskCard> Cards { get; private set; } = [];
    public int Overdue => ToDos.Count(t => t.State == DueState.Overdue);
    public int DueSoon => ToDos.Count(t => t.State == DueState.Soon);

    public async Task OnGetAsync(CancellationToken ct)
    {
        DisplayName = User.Get(QualisClaims.DisplayName) ?? User.Identity?.Name ?? "";
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var code = User.Get(QualisClaims.RegionCode);
        var region = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        RegionName = region?.DisplayName(english) ?? code ?? "";
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        // The organisation is not a claim (an agency's checks are matched by it); the account's own row is in its own area.
        var organisation = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Organisation).SingleOrDefaultAsync(ct);
        Today = desk.Today;
        var ctx = new DeskContext(userId, User.Identity?.Name ?? "", User.FindFirstValue(ClaimTypes.Role) ?? "", code ?? "",
            db.Actor.RegionPath ?? "", User.Get(QualisClaims.EnterpriseCode), organisation?.Trim(), Today);
        ToDos = await desk.ToDosAsync(ctx, ct);
        Cards = await desk.CardsAsync(ctx, ct);
    }

    /// <summary>A trend's data for wwwroot/js/charts.js, as the pass-rate page gives it (the CSP forbids inline scripts).</summary>
    public string TrendData(DeskTrend t) => JsonSerializer.Serialize(new
    {
        title = l["desk.trend.title", t.Year].Value,
        series = l["desk.trend.series"].Value,
        labels = t.Months.Select(m => new DateOnly(t.Year, m, 1).ToString(l["desk.trend.month_format"].Value, CultureInfo.CurrentUICulture)),
        rates = t.Rates,
        passed = t.Passed,
        @checked = t.Checked,
        noData = l["desk.trend.no_data"].Value,
    });
}
