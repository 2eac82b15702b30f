using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Qualis.Features.Audit;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Admin.Users;

[Authorize(Policy = Policies.Administrators)]
[RecordPage(typeof(QualisUser))]
public sealed class EditModel(QualisDb db, UserManager<QualisUser> users, IStringLocalizer l) : PageModel
{
    [BindProperty] public UserForm Form { get; set; } = new();
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public bool IsDisabled { get; private set; }
    public bool LockedOut { get; private set; }
    public UserFieldsView Fields { get; private set; } = null!;
    public AuditHistoryView History { get; private set; } = null!;

    /// <summary>The query filter hides accounts outside the administrator's area: they are simply not found.</summary>
    private Task<QualisUser?> FindAsync(string id) => db.Users.SingleOrDefaultAsync(u => u.Id == id);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        Form = UserForm.From(user);
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostSaveAsync(string id)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        var region = await Form.ValidateAsync(db, (field, key) => ModelState.AddModelError($"Form.{field}", l[key]));
        if (!ModelState.IsValid || region is null) return await ShowAsync(user);
        var roleOrRegionChanged = user.Role != Form.Role || user.RegionCode != region.Code;
        Form.ApplyTo(user, region);
        // A new security stamp signs the account out everywhere, so a changed role or region takes effect at once.
        if (roleOrRegionChanged) await users.UpdateSecurityStampAsync(user);
        else await db.SaveChangesAsync();
        return Done("user.saved", id);
    }

    public async Task<IActionResult> OnPostDisableAsync(string id)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        if (user.Id == db.Actor.UserId)
        {
            ModelState.AddModelError("", l["user.cannot_disable_self"]);
            Form = UserForm.From(user);
            return await ShowAsync(user);
        }
        // Disabled already (a double click): nothing to change, and the sessions were ended by the first request.
        if (user.IsDisabled) return Done("user.disabled_done", id);
        user.IsDisabled = true;
        await users.UpdateSecurityStampAsync(user);
        return Done("user.disabled_done", id);
    }

    public async Task<IActionResult> OnPostEnableAsync(string id)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        user.IsDisabled = false;
        await users.UpdateAsync(user);
        return Done("user.enabled_done", id);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return Done("user.unlocked_done", id);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, [Display(Name = "user.new_password")] string? newPassword)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        Form = UserForm.From(user);
        // Only this form's field counts here: the account form is not posted with it (and binds to nothing, with its own complaints).
        var own = ModelState.Where(e => e.Key.Equals("newPassword", StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage).ToList();
        ModelState.Clear();
        if (own.Count > 0)
        {
            foreach (var message in own) ModelState.AddModelError("NewPassword", message);
            return await ShowAsync(user);
        }
        if (string.IsNullOrWhiteSpace(newPassword))
        {
            ModelState.AddModelError("NewPassword", l["validation.required", l["user.new_password"]]);
            return await ShowAsync(user);
        }
        // The administrator knows this password: the user must choose a new one at the next sign-in.
        user.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("NewPassword", e.Description);
            return await ShowAsync(user);
        }
        return Done("user.password_reset_done", id);
    }

    private IActionResult Done(string messageKey, string id)
    {
        TempData["Message"] = l[messageKey].Value;
        return Redirect($"/Admin/Users/Edit/{id}");
    }

    private async Task<PageResult> ShowAsync(QualisUser user)
    {
        UserName = user.UserName!;
        DisplayName = user.DisplayName;
        IsDisabled = user.IsDisabled;
        LockedOut = user.LockoutEnd > DateTimeOffset.UtcNow;
        Fields = new UserFieldsView(Form, await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture)), ModelState);
        History = await AuditHistory.ForAsync(db, nameof(QualisUser), user.Id);
        return Page();
    }
}
