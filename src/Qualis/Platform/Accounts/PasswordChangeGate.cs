using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qualis.Platform.Accounts;

/// <summary>
/// An account whose password someone else set (<see cref="QualisUser.MustChangePassword"/>) opens only the change
/// password page, signing out and the language switch until it has chosen its own: every other page sends it there,
/// and the API refuses it.
/// </summary>
public static class PasswordChangeGate
{
    public const string PagePath = "/Account/ChangePassword";

    private static readonly string[] Open = [PagePath, "/Account/Logout", "/Account/Language", "/Account/Login", "/Account/AccessDenied", "/Error"];

    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) =>
        app.UseAccountGate(QualisClaims.MustChangePassword, PagePath, Open, "Password change required", "Change the one-time password on the website first.");

    /// <summary>
    /// Holds a signed-in account that carries <paramref name="claim"/> on <paramref name="pagePath"/>: pages outside
    /// <paramref name="open"/> send it there, the API refuses it, stylesheets, scripts and the health check pass.
    /// </summary>
    internal static IApplicationBuilder UseAccountGate(this IApplicationBuilder app, string claim, string pagePath, string[] open, string apiTitle, string apiDetail) =>
        app.Use((http, next) =>
        {
            if (http.User.Get(claim) is null) return next(http);
            var path = http.Request.Path;
            if (open.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))) return next(http);
            if (path.StartsWithSegments("/api"))
                return ApiKeys.ApiProblems.WriteAsync(http, StatusCodes.Status403Forbidden, apiTitle, apiDetail);
            // Only pages are held back.
            if (http.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null) return next(http);
            http.Response.Redirect(pagePath);
            return Task.CompletedTask;
        });
}
