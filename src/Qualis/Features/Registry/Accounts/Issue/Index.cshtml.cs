using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Industries;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Accounts.Issue;

/// <summary>
/// 批量开通企业账户: the enterprise list's filters (<see cref="EnterpriseFilter"/>), how many of the matching firms have
/// no account yet, and one step that opens theirs and gives the letters to print. Running it again for the same filter
/// opens none twice: it takes only the firms still without an account.
/// </summary>
[Authorize(Policy = Policies.Officials)]
public sealed class IndexModel(QualisDb db, EnterpriseAccounts accounts, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true), Display(Name = "enterprise.name")] public string? Name { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "enterprise.code")] public string? Code { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "user.region")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "enterprise.industry")] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "enterprise.size")] public EnterpriseSize? Size { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "enterprise.status")] public EnterpriseStatus? Status { get; set; }

    public EnterpriseFilter Filter => new(Name, Code, Region, Industry, Size, Status);
    public int Matching { get; private set; }
    public int WithoutAccount { get; private set; }
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public List<(string Code, string Label)> Industries { get; private set; } = [];
    public List<AccountIssueRun> Runs { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A filter value that did not bind would widen the filter: issue nothing, say what was wrong.
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        try
        {
            if (await accounts.IssueAsync(Filter, FilterText(), ct) is { } run) return Redirect($"/Registry/Accounts/Issue/Letters/{run.Id}");
            ModelState.AddModelError("", l["account_issue.none_left"]);
            await LoadAsync();
            return Page();
        }
        catch (ConcurrentIssueException)
        {
            ModelState.AddModelError("", l["account_issue.concurrent"]);
            await LoadAsync();
            return Page();
        }
    }

    /// <summary>The filter as the enterprise list's query string, kept with the run.</summary>
    private string FilterText()
    {
        var parts = new List<string>();
        void Add(string key, object? value) { if (value is not null && value.ToString() is { Length: > 0 } v) parts.Add($"{key}={Uri.EscapeDataString(v)}"); }
        Add("name", Name); Add("code", Code); Add("region", Region); Add("industry", Industry); Add("size", Size); Add("status", Status);
        return string.Join("&", parts);
    }

    private async Task LoadAsync()
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        Industries = await IndustryDirectory.FilterChoicesAsync(db, english);
        Matching = await (await Filter.WhereAsync(db)).CountAsync();
        WithoutAccount = await (await accounts.WithoutAccountAsync(Filter)).CountAsync();
        Runs = await db.Set<AccountIssueRun>().AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(10).ToListAsync();
    }
}
