using Qualis.Features.Shared;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Accounts.Issue;

/// <summary>
/// The result of a batch issue: the letters to print (one enterprise per sheet) and the same list as XLSX, read from
/// the run's sealed letters until the official destroys them or they expire.
/// </summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(AccountIssueRun))]
public sealed class LettersModel(QualisDb db, EnterpriseAccounts accounts, IStringLocalizer l) : PageModel
{
    public AccountIssueRun Run { get; private set; } = null!;
    public IReadOnlyList<AccountLetter>? Letters { get; private set; }

    private Task<AccountIssueRun?> FindAsync(Guid id) => db.Set<AccountIssueRun>().SingleOrDefaultAsync(r => r.Id == id);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await FindAsync(id) is not { } run) return NotFound();
        Run = run;
        Letters = await accounts.LettersOfAsync(run);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(Guid id)
    {
        if (await FindAsync(id) is not { } run || await accounts.LettersOfAsync(run) is not { } letters) return NotFound();
        var site = $"{Request.Scheme}://{Request.Host}/Account/Login";
        return Download.Table("xlsx", l["account_issue.file_name"],
            [l["account_letter.enterprise"], l["enterprise.code"], l["login.username"], l["account_letter.password"], l["account_letter.site"]],
            letters.Select(x => new object?[] { x.EnterpriseName, x.CreditCode, x.UserName, x.Password, site }).ToAsyncEnumerable());
    }

    public async Task<IActionResult> OnPostDestroyAsync(Guid id)
    {
        if (await FindAsync(id) is not { } run) return NotFound();
        await accounts.DestroyLettersAsync(run);
        TempData["Message"] = l["account_issue.destroyed_done"].Value;
        return Redirect($"/Registry/Accounts/Issue/Letters/{id}");
    }
}
