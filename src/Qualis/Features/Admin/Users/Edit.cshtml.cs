using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Qualis.Features.Audit;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Admin.Users;

/// <summary>
/// An account's page, shared by the system and the security administrator (三员分立, docs/deployment.md): the system
/// administrator keeps the account's particulars, disables, enables and resets its password; the security administrator
/// changes its role and region, unlocks it, resets its second factor and ends its sessions. Each handler refuses the
/// other's duty, and nobody changes their own role or region.
/// </summary>
[Authorize(Policy = Policies.AccountAdministrators)]
[RecordPage(typeof(QualisUser))]
public sealed class EditModel(QualisDb db, UserManager<QualisUser> users, IStringLocalizer l) : PageModel
{
    [BindProperty] public UserForm Form { get; set; } = new();
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public bool IsDisabled { get; private set; }
    public bool LockedOut { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public bool IsSystemAdministrator => User.IsInRole(Roles.Administrator);
    public bool IsSecurityAdministrator => User.IsInRole(Roles.SecurityAdministrator);
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
        // Each administrator changes only the fields of their own duty; a field of the other's duty posted changed is
        // refused with a message, not quietly ignored. Fields not posted (shown disabled) keep their stored values.
        var posted = Form;
        Form = UserForm.From(user);
        ModelState.Clear();
        foreach (var field in UserForm.AccessFields.Concat(UserForm.ProfileFields).Where(f => Request.Form.ContainsKey("Form." + f) && Form.Differs(posted, f)))
        {
            var access = UserForm.AccessFields.Contains(field);
            if (access ? !IsSecurityAdministrator : !IsSystemAdministrator)
                ModelState.AddModelError($"Form.{field}", l[access ? "user.access_is_security_duty" : "user.profile_is_system_duty"]);
            else if (access && user.Id == db.Actor.UserId)
                ModelState.AddModelError($"Form.{field}", l["user.cannot_change_own_access"]);
            else Form.Take(posted, field);
        }
        if (!ModelState.IsValid) return await ShowAsync(user);
        TryValidateModel(Form, nameof(Form));
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
        if (!IsSystemAdministrator) return Forbid();
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        if (user.Id == db.Actor.UserId) return await Refused(user, "user.cannot_disable_self");
        // Disabled already (a double click): nothing to change, and the sessions were ended by the first request.
        if (user.IsDisabled) return Done("user.disabled_done", id);
        user.IsDisabled = true;
        await users.UpdateSecurityStampAsync(user);
        return Done("user.disabled_done", id);
    }

    public async Task<IActionResult> OnPostEnableAsync(string id)
    {
        if (!IsSystemAdministrator) return Forbid();
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        user.IsDisabled = false;
        await users.UpdateAsync(user);
        return Done("user.enabled_done", id);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (!IsSecurityAdministrator) return Forbid();
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return Done("user.unlocked_done", id);
    }

    /// <summary>
    /// A lost authenticator (重置第二因素): the account enrols again at its next sign-in. The security administrator's,
    /// not the system administrator's, so that whoever resets a password cannot also get past the second factor.
    /// </summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id)
    {
        if (!IsSecurityAdministrator) return Forbid();
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        if (user.Id == db.Actor.UserId) return await Refused(user, "user.cannot_reset_own_two_factor");
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        return Done("user.two_factor_reset_done", id);
    }

    /// <summary>Ends every session of the account at once (强制下线), on every instance.</summary>
    public async Task<IActionResult> OnPostEndSessionsAsync(string id, string? stamp)
    {
        if (!IsSecurityAdministrator) return Forbid();
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        if (ChangedMeanwhile(user, stamp) is { } done) return done;
        await users.UpdateSecurityStampAsync(user);
        return Done("user.sessions_ended", id);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, [Display(Name = "user.new_password")] string? newPassword, string? stamp)
    {
        if (!IsSystemAdministrator) return Forbid();
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        if (ChangedMeanwhile(user, stamp) is { } done) return done;
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

    /// <summary>
    /// One click, one effect for the steps that rotate the account's stamp (a password reset, ending its sessions): the
    /// form carries the stamp the page was shown with, and a second submission finds it changed by the first.
    /// </summary>
    private IActionResult? ChangedMeanwhile(QualisUser user, string? stamp) =>
        stamp is not null && stamp != user.ConcurrencyStamp ? this.AlreadyDoneAt($"/Admin/Users/Edit/{user.Id}", l["one_effect.changed_meanwhile"].Value) : null;

    public string Stamp { get; private set; } = "";

    private Task<PageResult> Refused(QualisUser user, string messageKey)
    {
        ModelState.AddModelError("", l[messageKey]);
        Form = UserForm.From(user);
        return ShowAsync(user);
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
        TwoFactorEnabled = user.TwoFactorEnabled;
        Stamp = user.ConcurrencyStamp ?? "";
        Fields = new UserFieldsView(Form, await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture)), ModelState,
            Roles.All, Profile: IsSystemAdministrator, Access: IsSecurityAdministrator && user.Id != db.Actor.UserId);
        History = await AuditHistory.ForAsync(db, nameof(QualisUser), user.Id);
        return Page();
    }
}
