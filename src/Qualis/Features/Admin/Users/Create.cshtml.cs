using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Admin.Users;

/// <summary>
/// A new account, the system administrator's duty. It is created with one of the working roles: the three
/// administrators' roles are granted only by the security administrator, on the account's page (三员分立).
/// </summary>
[Authorize(Policy = Policies.Administrators)]
public sealed class CreateModel(QualisDb db, UserManager<QualisUser> users, IStringLocalizer l) : PageModel
{
    [BindProperty, Required(ErrorMessage = "validation.required"), StringLength(64, MinimumLength = 3, ErrorMessage = "validation.length_range"), Display(Name = "user.user_name")]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "validation.required"), Display(Name = "user.initial_password")]
    public string Password { get; set; } = "";

    [BindProperty] public UserForm Form { get; set; } = new();

    public UserFieldsView Fields { get; private set; } = null!;

    private static readonly string[] WorkingRoles = [.. Roles.All.Where(r => !Roles.IsAdministrator(r))];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var region = await Form.ValidateAsync(db, (field, key) => ModelState.AddModelError($"Form.{field}", l[key]));
        if (Roles.IsAdministrator(Form.Role)) ModelState.AddModelError("Form.Role", l["user.access_is_security_duty"]);
        var user = new QualisUser { UserName = UserName.Trim(), CreatedAt = DateTime.UtcNow, Culture = Texts.DefaultCulture };
        // The password rules are checked in the same round as the other fields, so every problem shows at once.
        if (!string.IsNullOrEmpty(Password))
            foreach (var validator in users.PasswordValidators)
                foreach (var e in (await validator.ValidateAsync(users, user, Password)).Errors)
                    ModelState.AddModelError(nameof(Password), e.Description);
        if (!ModelState.IsValid || region is null) return await LoadAsync();

        Form.ApplyTo(user, region);
        // Two submissions of the same new account at once: the user name's unique index keeps one, and the other is shown it.
        var userName = user.UserName;
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, Password);
        }
        catch (DbUpdateException e) when (OneEffect.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            var existing = await users.FindByNameAsync(userName);
            if (existing is null) throw;
            return this.AlreadyDoneAt($"/Admin/Users/Edit/{existing.Id}", l["one_effect.changed_meanwhile"].Value);
        }
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Password) : nameof(UserName), e.Description);
            return await LoadAsync();
        }
        TempData["Message"] = l["user.created", user.UserName!].Value;
        return Redirect($"/Admin/Users/Edit/{user.Id}");
    }

    private async Task<PageResult> LoadAsync()
    {
        Fields = new UserFieldsView(Form, await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture)), ModelState,
            WorkingRoles, Profile: true, Access: true);
        return Page();
    }
}
