using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.RateLimiting;
using Qualis.Features.Registry.Enterprises;
using Qualis.Platform.Attachments;
using Qualis.Platform.Import;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Accounts;

/// <summary>
/// 企业账户认领, on the public site without signing in: the enterprise gives its credit code, its legal representative
/// (checked against the registry's record), a contact and its licence; the claim lands with the office of the
/// enterprise's region. Submissions count against the sign-in rate limit of the address they come from.
/// </summary>
[EnableRateLimiting(SecuritySetup.LoginRateLimit)]
public sealed class ClaimModel(QualisDb db, AttachmentStore store, EnterpriseAccounts accounts, IStringLocalizer l, TimeProvider clock) : PageModel
{
    public const long MaxLicenceBytes = 10 * 1024 * 1024;

    [BindProperty, Required(ErrorMessage = "validation.required"), StringLength(18, ErrorMessage = "validation.max_length"), Display(Name = "enterprise.code")]
    public string CreditCode { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "validation.required"), StringLength(64, ErrorMessage = "validation.max_length"), Display(Name = "account_claim.legal_rep")]
    public string LegalRepresentative { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "validation.required"), StringLength(64, ErrorMessage = "validation.max_length"), Display(Name = "account_claim.contact_name")]
    public string ContactName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "validation.required"), RegularExpression(@"^\+?[0-9][0-9 \-]{6,19}$", ErrorMessage = "account_claim.phone_format"),
     Display(Name = "account_claim.contact_phone")]
    public string ContactPhone { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "validation.required"), StringLength(128, ErrorMessage = "validation.max_length"),
     EmailAddress(ErrorMessage = "account_claim.email_format"), Display(Name = "account_claim.contact_email")]
    public string ContactEmail { get; set; } = "";

    [BindProperty, Display(Name = "account_claim.licence")]
    public IFormFile? Licence { get; set; }

    /// <summary>After a successful submission: the office the claim went to.</summary>
    public string? SubmittedTo { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Enterprise? enterprise = null;
        if (!string.IsNullOrWhiteSpace(CreditCode))
        {
            var check = Registry.CreditCode.Check(CreditCode);
            if (!check.IsValid && !check.OnlyCheckCharactersFail)
                ModelState.AddModelError(nameof(CreditCode), l[check.Problem!.Key, check.Problem.Args]);
            else
            {
                enterprise = await db.Set<Enterprise>().OutsideArea(AreaReason.AccountClaim).AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == check.Normalised, ct);
                // A legacy code whose check character fails is found when the registry accepted it; otherwise say what is wrong with it.
                if (enterprise is null) ModelState.AddModelError(nameof(CreditCode), check.IsValid ? l["account_claim.not_in_registry"] : l[check.Problem!.Key, check.Problem.Args]);
                else if (await accounts.HasAccountAsync(enterprise.CreditCode)) ModelState.AddModelError(nameof(CreditCode), l["account_claim.has_account"]);
                else if (await PendingAsync(enterprise.CreditCode, ct)) ModelState.AddModelError(nameof(CreditCode), l["account_claim.already_pending"]);
            }
        }
        // The registry's legal representative, when it has one, must be the one named (spaces and full-width forms aside).
        if (enterprise?.LegalRepresentative is { Length: > 0 } registered && !string.IsNullOrWhiteSpace(LegalRepresentative)
            && Fold(registered) != Fold(LegalRepresentative))
            ModelState.AddModelError(nameof(LegalRepresentative), l["account_claim.legal_rep_mismatch"]);
        if (Licence is null || Licence.Length == 0) ModelState.AddModelError(nameof(Licence), l["account_claim.licence_required"]);
        else if (Licence.Length > MaxLicenceBytes) ModelState.AddModelError(nameof(Licence), l["account_claim.licence_too_large", MaxLicenceBytes / 1024 / 1024]);
        if (!ModelState.IsValid || enterprise is null) return Page();

        var claim = new AccountClaim
        {
            CreditCode = enterprise.CreditCode, EnterpriseName = enterprise.Name, RegionCode = enterprise.RegionCode, RegionPath = enterprise.RegionPath,
            LegalRepresentative = LegalRepresentative.Trim(), ContactName = ContactName.Trim(), ContactPhone = ContactPhone.Trim(),
            ContactEmail = ContactEmail.Trim(), SubmittedAt = clock.GetUtcNow().UtcDateTime, SubmittedFrom = HttpContext.Connection.RemoteIpAddress?.ToString(),
        };
        StoredFile file;
        try
        {
            file = (await store.SaveAsync(claim.Id, [new IncomingFile(Licence!.FileName, Licence.Length, Licence.OpenReadStream)], MaxLicenceBytes, ct))[0];
        }
        catch (AttachmentRefusedException e)
        {
            ModelState.AddModelError(nameof(Licence), e.Problem switch
            {
                AttachmentProblem.TooLarge => l["account_claim.licence_too_large", MaxLicenceBytes / 1024 / 1024],
                AttachmentProblem.Empty => l["account_claim.licence_empty"],
                _ => l["account_claim.licence_not_what_it_says"],
            });
            return Page();
        }
        claim.LicenceFileName = file.FileName;
        claim.LicenceContentType = file.ContentType;
        claim.LicenceStoredPath = file.StoredPath;
        claim.LicenceSha256 = file.Sha256;
        claim.LicenceBytes = file.Bytes;
        db.Set<AccountClaim>().Add(claim);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two submissions at once: the unique index on pending claims kept one.
            store.Delete([file.StoredPath]);
            ModelState.AddModelError(nameof(CreditCode), l["account_claim.already_pending"]);
            return Page();
        }
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var region = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().SingleOrDefaultAsync(r => r.Code == enterprise.RegionCode, ct);
        SubmittedTo = l["account_claim.office_of", region?.DisplayName(english) ?? enterprise.RegionCode];
        return Page();
    }

    private Task<bool> PendingAsync(string code, CancellationToken ct) =>
        db.Set<AccountClaim>().OutsideArea(AreaReason.AccountClaim).AnyAsync(c => c.CreditCode == code && c.Status == AccountClaimStatus.Pending, ct);

    private static string Fold(string name) => new((CellText.Normalise(name) ?? "").Where(c => !char.IsWhiteSpace(c) && c != '·' && c != '•').ToArray());
}
