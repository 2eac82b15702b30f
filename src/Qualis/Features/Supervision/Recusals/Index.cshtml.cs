using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry;
using Qualis.Features.Shared;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.Recusals;

/// <summary>
/// Conflicts of interest (回避) the draws respect: an inspector's declared conflict with an enterprise, or a unit linked
/// to it. Each entry names the enterprise and the reason; removing one is audited like adding it.
/// </summary>
[Authorize(Policy = Policies.Officials)]
public sealed class IndexModel(QualisDb db, IStringLocalizer l) : PageModel
{
    private const int PageSize = 50;
    /// <summary>The newest first.</summary>
    private static readonly ListSort<Recusal>[] Sorts = [ListSort<Recusal>.By("-time", r => r.DeclaredAt, descending: true).ThenBy(r => r.Id, descending: true)];
    public sealed record Row(Guid Id, string CreditCode, string? EnterpriseName, string Who, string Reason, DateTime At);

    [BindProperty, Display(Name = "enterprise.code")] public string? Code { get; set; }
    [BindProperty, Display(Name = "recusal.inspector")] public Guid? InspectorId { get; set; }
    [BindProperty, Display(Name = "recusal.unit")] public string? Unit { get; set; }
    [BindProperty, Display(Name = "recusal.reason")] public string? Reason { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public List<InspectorEntry> Inspectors { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Every matching recusal in the list's order.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format)
    {
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        var all = await Filtered().Ordered(null, Sorts).ToListAsync();
        var names = await RegistryFace.EnterpriseNamesAsync(db, all.Select(r => r.CreditCode).Distinct().ToList());
        var inspectors = (await RegistryFace.InspectorChoicesAsync(db)).ToDictionary(i => i.Id, i => $"{i.Name}（{i.Unit}）");
        var rows = all.Select(r => new object?[]
        {
            names.GetValueOrDefault(r.CreditCode), r.CreditCode,
            r.InspectorId is { } id ? inspectors.GetValueOrDefault(id, "") : l["recusal.unit_prefix", r.Unit ?? ""].Value, r.Reason,
            DateOnly.FromDateTime(r.DeclaredAt.ToLocalTime()),
        });
        string[] headers = ["enterprise.name", "enterprise.code", "recusal.who", "recusal.reason", "audit.at"];
        return Download.Table(format, english ? "recusals" : "回避名单", headers.Select(h => l[h].Value).ToList(), rows.ToAsyncEnumerable());
    }

    private IQueryable<Recusal> Filtered()
    {
        var q = db.Set<Recusal>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q)) { var c = Q.Trim().ToUpperInvariant(); q = q.Where(r => r.CreditCode.StartsWith(c) || (r.Unit != null && r.Unit.Contains(Q.Trim()))); }
        return q;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var check = CreditCode.Check(Code);
        // The enterprise must be in the official's area (the area filter decides); its region path scopes the entry.
        var enterprise = check.IsValid || check.OnlyCheckCharactersFail
            ? await RegistryFace.FindEnterpriseAsync(db, check.Normalised)
            : null;
        if (!check.IsValid && !check.OnlyCheckCharactersFail) ModelState.AddModelError(nameof(Code), l[check.Problem!.Key, check.Problem.Args]);
        else if (enterprise is null) ModelState.AddModelError(nameof(Code), l["recusal.enterprise_unknown", check.Normalised]);
        if (InspectorId is null && string.IsNullOrWhiteSpace(Unit)) ModelState.AddModelError(nameof(Unit), l["recusal.who_required"]);
        if (InspectorId is { } iid && !await RegistryFace.IsInspectorAsync(db, iid)) ModelState.AddModelError(nameof(InspectorId), l["recusal.inspector_unknown"]);
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), l["validation.required", l["recusal.reason"]]);
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }
        db.Set<Recusal>().Add(new Recusal
        {
            CreditCode = enterprise!.CreditCode, RegionPath = enterprise.RegionPath, InspectorId = InspectorId,
            Unit = InspectorId is null ? Unit!.Trim() : null, Reason = Reason!.Trim(), DeclaredAt = DateTime.UtcNow,
        });
        // The same declaration twice at once (a double click): its unique index keeps one, and the other is told so.
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync();
            TempData["Message"] = l["user.saved"].Value;
            return RedirectToPage();
        }, () => Task.FromResult(this.AlreadyDoneAt(Url.Page("Index")!, l["one_effect.changed_meanwhile"].Value)));
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id)
    {
        if (await db.Set<Recusal>().SingleOrDefaultAsync(r => r.Id == id) is not { } recusal) return NotFound();
        db.Remove(recusal);
        // Removed twice at once: the second delete finds nothing and is shown the list without it.
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync();
            TempData["Message"] = l["recusal.removed"].Value;
            return RedirectToPage();
        }, () => Task.FromResult(this.AlreadyDoneAt(Url.Page("Index")!, l["recusal.removed"].Value)));
    }

    private async Task LoadAsync()
    {
        Inspectors = await RegistryFace.InspectorChoicesAsync(db);
        var list = await Filtered().PageAsync(ListRequest.From(Request, PageSize), Sorts, o => o, ct: HttpContext.RequestAborted);
        var page = list.Rows;
        var codes = page.Select(r => r.CreditCode).Distinct().ToList();
        var names = await RegistryFace.EnterpriseNamesAsync(db, codes);
        var inspectorNames = Inspectors.ToDictionary(i => i.Id, i => $"{i.Name}（{i.Unit}）");
        Rows = page.Select(r => new Row(r.Id, r.CreditCode, names.GetValueOrDefault(r.CreditCode),
            r.InspectorId is { } id ? inspectorNames.GetValueOrDefault(id, id.ToString()) : l["recusal.unit_prefix", r.Unit ?? ""].Value, r.Reason, r.DeclaredAt)).ToList();
        Paging = list.Pager(Request);
    }
}
