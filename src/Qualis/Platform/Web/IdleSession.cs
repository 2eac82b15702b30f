using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Qualis.Platform.Web;

/// <summary>
/// The idle expiry as the pages see it: every signed-in page carries the expiry in minutes (from the sign-in cookie's own
/// setting, Security:IdleTimeoutMinutes) and wwwroot/js/site.js warns some minutes before it runs out. "继续使用" posts
/// to <see cref="KeepAlivePath"/>, which renews the cookie without reloading the page, so nothing typed is lost.
/// </summary>
public static class IdleSession
{
    public const string KeepAlivePath = "/Account/KeepAlive";

    /// <summary>The idle expiry of the sign-in cookie, in minutes.</summary>
    public static double Minutes(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan.TotalMinutes;

    /// <summary>
    /// POST with the antiforgery token in the X-CSRF-TOKEN header: 204 and a renewed cookie for a signed-in user (every
    /// request renews it, see SecuritySetup); an expired session is sent to sign in like any other request.
    /// </summary>
    public static void MapKeepAlive(this IEndpointRouteBuilder app) =>
        app.MapPost(KeepAlivePath, async (HttpContext http, IAntiforgery antiforgery) =>
            await antiforgery.IsRequestValidAsync(http) ? Results.NoContent() : Results.BadRequest())
            .ExcludeFromDescription();
}
