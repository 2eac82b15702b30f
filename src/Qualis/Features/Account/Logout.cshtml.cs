using Microsoft.AspNetCore.Identity;
using Qualis.Platform.Accounts;

namespace Qualis.Features.Account;

public sealed class LogoutModel(SignInManager<QualisUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
