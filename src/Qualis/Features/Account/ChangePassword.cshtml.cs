using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Qualis.Platform.Accounts;

namespace Qualis.Features.Account;

/// <summary>
/// 修改密码, for every signed-in user. The account's password rules (Identity's validators) say what a new password
/// needs, in the user's language; the change is audited through the account's record and renews the sign-in, which also
/// lifts the must-change flag of a one-time password.
/// </summary>
public sealed class ChangePasswordModel(QualisDb db, UserManager<QualisUser> users, SignInManager<QualisUser> signIn, IStringLocalizer l,
    ILogger<ChangePasswordModel> log) : PageModel
{
    [BindProperty, Required(ErrorMessage = "validation.required"), DataType(DataType.Password), Display(Name = "password.current")]
    public string CurrentPassword { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "validation.required"), DataType(DataType.Password), Display(Name = "password.new")]
    public string NewPassword { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "validation.required"), DataType(DataType.Password), Display(Name = "password.confirm")]
    public string ConfirmPassword { get; set; } = "";

    public bool Required { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await CurrentAsync();
        if (user is null) return Challenge();
        Required = user.MustChangePassword;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CurrentAsync();
        if (user is null) return Challenge();
        Required = user.MustChangePassword;
        if (!string.IsNullOrEmpty(NewPassword) && !string.IsNullOrEmpty(ConfirmPassword) && NewPassword != ConfirmPassword)
            ModelState.AddModelError(nameof(ConfirmPassword), l["password.confirm_differs"]);
        if (!string.IsNullOrEmpty(NewPassword) && NewPassword == CurrentPassword)
            ModelState.AddModelError(nameof(NewPassword), l["password.same_as_current"]);
        // The rules are checked with the other fields, so every problem shows at once.
        if (!string.IsNullOrEmpty(NewPassword))
            foreach (var validator in users.PasswordValidators)
                foreach (var e in (await validator.ValidateAsync(users, user, NewPassword)).Errors)
                    ModelState.AddModelError(nameof(NewPassword), e.Description);
        if (!ModelState.IsValid) return Page();

        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(CurrentPassword) : nameof(NewPassword), e.Description);
            return Page();
        }
        log.LogInformation("{User} changed the password", user.UserName);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = l["password.changed"].Value;
        return LocalRedirect("/");
    }

    private async Task<QualisUser?> CurrentAsync() =>
        db.Actor.UserId is { } id ? await db.Users.SingleOrDefaultAsync(u => u.Id == id) : null;
}
