using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Qualis.Platform.Accounts;

/// <summary>
/// Server-side session validation (会话校验): every request signed in by cookie is checked against the account's
/// security stamp in the database, so logout, a password change or reset, disabling the account and a change of role or
/// region end every session of that account at once, on every instance. Each of those rotates the stamp; a cookie that
/// carries an older stamp is refused on its next request.
/// <para>
/// The check is one primary-key read of two columns, made on every request and never cached: a cache of even a few
/// seconds would let a cookie replayed right after logout through (docs/benchmarks.md, "Sign-in", gives its cost).
/// It replaces Identity's own validator, which checks once a minute and then rebuilds the whole principal.
/// </para>
/// </summary>
public static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var stampClaim = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(stampClaim);
        if (id is not null && stamp is not null)
        {
            var db = http.RequestServices.GetRequiredService<QualisDb>();
            var account = await db.Users.OutsideArea(AreaReason.SignIn).AsNoTracking()
                .Where(u => u.Id == id).Select(u => new { u.SecurityStamp, u.IsDisabled }).SingleOrDefaultAsync(http.RequestAborted);
            if (account is { IsDisabled: false } && account.SecurityStamp == stamp) return;
        }
        context.RejectPrincipal();
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>
    /// Ends every session of the account (logout does this): a new stamp, written directly so that signing out leaves no
    /// entry in the account's history.
    /// </summary>
    public static Task EndAllAsync(QualisDb db, string userId) =>
        db.Users.OutsideArea(AreaReason.SignIn).Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N").ToUpperInvariant()));
}
