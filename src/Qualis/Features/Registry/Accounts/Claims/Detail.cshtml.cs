using System.ComponentModel.DataAnnotations;
using Qualis.Features.Audit;
using Qualis.Platform.Attachments;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Accounts.Claims;

/// <summary>
/// One claim of the official's area: the licence beside what the enterprise said and what the registry holds; approve
/// (the account is opened and its letter shown this once) or reject with a reason. Both are audited with the claim.
/// </summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(AccountClaim))]
public sealed class DetailModel(QualisDb db, EnterpriseAccounts accounts, AttachmentStore store, IStringLocalizer l) : PageModel
{
    public AccountClaim Claim { get; private set; } = null!;
    public string RegionName { get; private set; } = "";
    public AuditHistoryView History { get; private set; } = null!;
    /// <summary>The letter of the account just opened: shown in this response only.</summary>
    public AccountLetter? Letter { get; private set; }

    [BindProperty, StringLength(500, ErrorMessage = "validation.max_length"), Display(Name = "account_claim.rejection_reason")]
    public string? RejectionReason { get; set; }

    private Task<AccountClaim?> FindAsync(Guid id) => db.Set<AccountClaim>().SingleOrDefaultAsync(c => c.Id == id);

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await FindAsync(id) is { } claim ? await ShowAsync(claim) : NotFound();

    /// <summary>The licence image or PDF, served with the type its bytes showed at upload.</summary>
    public async Task<IActionResult> OnGetLicenceAsync(Guid id)
    {
        if (await FindAsync(id) is not { } claim || store.OpenRead(claim.LicenceStoredPath) is not { } content) return NotFound();
        return File(content, claim.LicenceContentType, claim.LicenceContentType.StartsWith("image/", StringComparison.Ordinal) ? null : claim.LicenceFileName);
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        switch (await accounts.ApproveAsync(id))
        {
            case null:
                return NotFound();
            case ApprovalOutcome.Opened opened:
                Letter = opened.Letter;
                break;
            case ApprovalOutcome.AlreadyDecided:
                ModelState.AddModelError("", l["account_claim.already_decided"]);
                break;
            case ApprovalOutcome.HasAccount:
                ModelState.AddModelError("", l["account_claim.has_account_now"]);
                break;
        }
        db.ChangeTracker.Clear();
        return await FindAsync(id) is { } claim ? await ShowAsync(claim) : NotFound();
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id)
    {
        if (await FindAsync(id) is not { } claim) return NotFound();
        if (string.IsNullOrWhiteSpace(RejectionReason))
            ModelState.AddModelError(nameof(RejectionReason), l["validation.required", l["account_claim.rejection_reason"]]);
        if (!ModelState.IsValid) return await ShowAsync(claim);
        if (!await accounts.RejectAsync(claim, RejectionReason!))
        {
            ModelState.AddModelError("", l["account_claim.already_decided"]);
            db.ChangeTracker.Clear();
            return await FindAsync(id) is { } now ? await ShowAsync(now) : NotFound();
        }
        TempData["Message"] = l["account_claim.rejected_done"].Value;
        return Redirect($"/Registry/Accounts/Claims/Detail/{id}");
    }

    private async Task<IActionResult> ShowAsync(AccountClaim claim)
    {
        Claim = claim;
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        RegionName = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().SingleOrDefaultAsync(r => r.Code == claim.RegionCode))?.DisplayName(english)
                     ?? claim.RegionCode;
        History = await AuditHistory.ForAsync(db, nameof(AccountClaim), claim.Id.ToString());
        return Page();
    }
}
