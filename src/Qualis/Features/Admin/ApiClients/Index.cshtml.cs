using System.ComponentModel.DataAnnotations;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Modules;
using Qualis.Platform.Web;

namespace Qualis.Features.Admin.ApiClients;

/// <summary>API keys for partner departments' systems (协作部门): create (the key is shown once), list, revoke.</summary>
[Authorize(Policy = Policies.Administrators)]
public sealed class IndexModel(QualisDb db, IStringLocalizer l, ModuleCatalog modules, ApiClientCache clients) : PageModel
{
    [BindProperty, Display(Name = "api.name")] public string Name { get; set; } = "";
    [BindProperty, Display(Name = "api.department")] public string Department { get; set; } = "";
    [BindProperty, Display(Name = "user.region")] public string RegionCode { get; set; } = "";
    [BindProperty, Display(Name = "api.scopes")] public List<string> Scopes { get; set; } = [];

    public string? NewKey { get; private set; }
    public List<ApiClient> Clients { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    /// <summary>The scopes the modules declare, in their order.</summary>
    public IReadOnlyList<string> KnownScopes => modules.ApiScopes;

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;

    /// <summary>The client whose revocation was refused, the reason typed in its row and why it was refused.</summary>
    public Guid? RevokingId { get; private set; }
    public string? RevokeReason { get; private set; }
    public string? RevokeError { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (string.IsNullOrWhiteSpace(Name)) ModelState.AddModelError(nameof(Name), l["validation.required", l["api.name"]]);
        if (string.IsNullOrWhiteSpace(Department)) ModelState.AddModelError(nameof(Department), l["validation.required", l["api.department"]]);
        if (Scopes.Count == 0) ModelState.AddModelError(nameof(Scopes), l["api.scopes_required"]);
        if (Scopes.Except(modules.ApiScopes).FirstOrDefault() is { } unknown) ModelState.AddModelError(nameof(Scopes), l["api.scope_unknown", unknown]);
        var region = await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.Code == RegionCode);
        if (region is null) ModelState.AddModelError(nameof(RegionCode), l["user.region_unknown"]);
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }

        // A system has one key in use under its name: a second request (a double click, at once or after) is told so, and
        // the key the first one showed stays the only one.
        var name = Name.Trim();
        if (await db.Set<ApiClient>().AnyAsync(c => c.Name == name && c.RevokedAt == null)) return await NameTakenAsync();
        var (client, key) = ApiClient.Issue(name, Department.Trim(), region!.RegionPath, Scopes, User.Identity?.Name);
        db.Set<ApiClient>().Add(client);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (OneEffect.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return await NameTakenAsync();
        }
        NewKey = key;
        Name = Department = "";
        Scopes = [];
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, [Display(Name = "api.revoke_reason")] string? reason)
    {
        var client = await db.Set<ApiClient>().SingleOrDefaultAsync(c => c.Id == id);
        if (client is null) return NotFound();
        (RevokingId, RevokeReason) = (id, reason);
        // The page asks for a reason (the client's owner is told why): an empty one is refused, not recorded as none.
        if (string.IsNullOrWhiteSpace(reason)) ModelState.AddModelError(nameof(reason), l["validation.required", l["api.revoke_reason"]]);
        if (!ModelState.IsValid)
        {
            // The reason is typed in the list's row: its message shows above the list, not in the new-client form's summary.
            RevokeError = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct());
            await LoadAsync();
            return Page();
        }
        var name = client.Name;
        if (client.RevokedAt is not null) return this.AlreadyDoneAt(Url.Page("Index")!, l["api.revoked_done", name].Value);
        client.RevokedAt = DateTime.UtcNow;
        client.RevokedReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        // Revoked twice at once: the second UPDATE finds the key revoked already and is shown the list as the first left it.
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync();
            clients.Forget(client.KeyPrefix);
            TempData["Message"] = l["api.revoked_done", name].Value;
            return RedirectToPage();
        }, () => Task.FromResult(this.AlreadyDoneAt(Url.Page("Index")!, l["api.revoked_done", name].Value)));
    }

    private async Task<IActionResult> NameTakenAsync()
    {
        ModelState.AddModelError(nameof(Name), l["api.name_taken"]);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Clients = await db.Set<ApiClient>().AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync();
        Regions = await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture));
        if (RegionCode.Length == 0 && Regions.Count > 0) RegionCode = Regions[0].Code;
    }
}
