using Microsoft.AspNetCore.Identity;
using Qualis.Platform.Accounts;

namespace Qualis.Features.Account;

/// <summary>Signing out ends every session of the account (SessionCheck), not only this browser's cookie.</summary>
public sealed class LogoutModel(SignInManager<QualisUser> signIn, QualisDb db) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (db.Actor.UserId is { } id) await SessionCheck.EndAllAsync(db, id);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
