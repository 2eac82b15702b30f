using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Qualis.Platform.Accounts;
using Qualis.Platform.ApiKeys;

namespace Qualis.Platform.Web;

/// <summary>Accounts, sign-in, API keys, authorization, rate limits and security headers.</summary>
public static class SecuritySetup
{
    public const string LoginRateLimit = "login";
    public const string ApiRateLimit = "api";
    public static readonly string[] ApiPolicySchemes = [IdentityConstants.ApplicationScheme, ApiKeyHandler.SchemeName];

    public static void AddQualisSecurity(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        // Security:AdminTwoFactor and Audit:RetentionDays are checked here too, so a wrong value stops start-up.
        var settings = SecuritySettings.Read(config, env, (key, fallback) => PositiveInt(config, key, fallback));
        services.AddSingleton(settings);
        var idle = settings.IdleTimeoutMinutes;
        var maxFailures = settings.MaxFailedLogins;
        var lockout = settings.LockoutMinutes;
        var loginsPerMinute = settings.LoginAttemptsPerMinute;
        var apiCallsPerMinute = PositiveInt(config, "Security:ApiCallsPerMinute", 600);
        var apiStrangerCallsPerMinute = PositiveInt(config, "Security:ApiStrangerCallsPerMinute", 60);

        // No account lockout on failures: SignInGuard delays per user name and client address instead (it says why).
        services.AddSingleton(new SignInGuardOptions(maxFailures, TimeSpan.FromMinutes(lockout)));
        services.AddScoped<SignInGuard>();
        services.AddSingleton(new ApiCallers(apiStrangerCallsPerMinute));
        services.AddHostedService<ApiCallerReport>();
        services.AddSingleton<ApiKeyUseLog>();
        services.AddSingleton<ApiClientCache>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUseLog>());
        services.AddIdentityCore<QualisUser>(o =>
            {
                o.Lockout.AllowedForNewUsers = true; // so an administrator's lock and unlock work; failures never lock (lockoutOnFailure is not used)
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<QualisDb>()
            .AddClaimsPrincipalFactory<QualisClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        services.AddExternalSignIn(config);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "qualis.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(idle); // idle expiry: the sliding window renews on use
            o.SlidingExpiration = true;
            // Every request renews the window (not only after half of it, the default), so the idle warning a page shows
            // (IdleSession) counts from the page's own request and "继续使用" gives a full window again.
            o.Events.OnCheckSlidingExpiration = ctx => { ctx.ShouldRenew = true; return Task.CompletedTask; };
            // Every request's session is checked against the account in the database (SessionCheck), not once a minute.
            o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            // On the API a request that carries a key is answered by the key scheme, which says what is wrong with the key.
            o.Events.OnRedirectToLogin = ctx => !IsApi(ctx.Request) ? Redirect(ctx)
                : HasApiKey(ctx.Request) ? Task.CompletedTask
                : ApiProblems.WriteAsync(ctx.HttpContext, 401, "Not signed in", "Sign in or send an API key.");
            o.Events.OnRedirectToAccessDenied = ctx => !IsApi(ctx.Request) ? Redirect(ctx)
                : HasApiKey(ctx.Request) ? Task.CompletedTask
                : ApiProblems.WriteAsync(ctx.HttpContext, 403, "Forbidden", "Your role does not allow this.");
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "qualis.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddSingleton<IAuthorizationHandler, ApiScopeHandler>();
        services.AddAuthorizationBuilder()
            // Default deny: every page and endpoint needs a signed-in user unless it says [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Officials, p => p.RequireRole(Roles.Officials.Split(',')))
            .AddPolicy(Policies.Administrators, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.SecurityAdministrators, p => p.RequireRole(Roles.SecurityAdministrator))
            .AddPolicy(Policies.AccountAdministrators, p => p.RequireRole(Roles.Administrator, Roles.SecurityAdministrator))
            .AddPolicy(Policies.AuditAdministrators, p => p.RequireRole(Roles.AuditAdministrator));
        // Each module adds its own policies and API scopes (Platform/Modules/ModuleSetup).

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only sign-in attempts (POST) count; showing the form does not.
            o.AddPolicy(LoginRateLimit, http => HttpMethods.IsGet(http.Request.Method) ? RateLimitPartition.GetNoLimiter("get") : RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // After authentication: a partner's allowance is its client id's, a signed-in official's their account's.
            // Callers without a valid key never reach here unlimited: ApiCallers held them per address before.
            o.AddPolicy(ApiRateLimit, http => http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
                ? RateLimitPartition.GetFixedWindowLimiter((http.User.IsInRole(ApiKeyHandler.ClientRole) ? "client:" : "user:") + id,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = apiCallsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("held-by-ApiCallers"));
        });
    }

    private static bool IsApi(HttpRequest r) => r.Path.StartsWithSegments("/api");
    private static bool HasApiKey(HttpRequest r) => r.Headers.ContainsKey(ApiKeyHandler.Header);

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    internal static int PositiveInt(IConfiguration config, string key, int fallback)
    {
        var v = config[key];
        if (string.IsNullOrWhiteSpace(v)) return fallback;
        return int.TryParse(v, out var n) && n > 0 ? n : throw new SettingException(key, v, "expected a whole number greater than 0");
    }

    /// <summary>Security headers on every response, the content security policy among them.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var h = http.Response.Headers;
        // The API reference page (Scalar) starts its script inline and sets styles from script; nothing else may.
        var inline = ApiDocument.IsReference(http) ? " 'unsafe-inline'" : "";
        h.ContentSecurityPolicy = $"default-src 'self'; script-src 'self'{inline}; style-src 'self'{inline}; img-src 'self' data:; font-src 'self'; " +
                                  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "strict-origin-when-cross-origin";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(http);
    });

    /// <summary>Fills the scoped <see cref="Actor"/> from the signed-in user or API client: the one place access scope is decided.</summary>
    public static IApplicationBuilder UseActor(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true && (http.Request.Path.StartsWithSegments("/api") || http.Request.Headers.ContainsKey(ApiKeyHandler.Header)))
        {
            var admitted = await ApiCallers.GateAsync(http, async () =>
            {
                if (!http.Request.Headers.ContainsKey(ApiKeyHandler.Header)) return false;
                var result = await http.AuthenticateAsync(ApiKeyHandler.SchemeName);
                if (result.Succeeded) user = http.User = result.Principal;
                return result.Succeeded;
            });
            if (!admitted) return;
        }
        SetActor(http.RequestServices.GetRequiredService<Actor>(), user, http.Connection.RemoteIpAddress?.ToString());
        await next(http);
    });

    /// <summary>The actor and area of a signed-in user or API client, as every request decides it (and a background job acting for one).</summary>
    public static void SetActor(Actor actor, ClaimsPrincipal user, string? ip)
    {
        if (user.Identity?.IsAuthenticated == true)
        {
            var isApi = user.IsInRole(ApiKeyHandler.ClientRole);
            // An account without a region sees nothing rather than everything.
            var path = user.Get(QualisClaims.RegionPath) is { Length: > 0 } p ? p : "/none/";
            actor.Set(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity.Name, isApi ? "api" : "web", ip, path,
                user.Get(QualisClaims.EnterpriseCode));
        }
        else
        {
            actor.Set(null, null, "web", ip, null);
        }
    }
}

/// <summary>The policies of Platform's own role groups, used by several modules; a module declares the rest itself.</summary>
public static class Policies
{
    /// <summary>Officials of a market-regulation bureau (市场监管部门), the system administrator among them.</summary>
    public const string Officials = "officials";
    /// <summary>The system administrator (系统管理员): accounts' creation and upkeep, API clients, catalogues.</summary>
    public const string Administrators = "administrators";
    /// <summary>The security administrator (安全管理员): roles and areas, unlocking, second factors, sessions, sign-in failures.</summary>
    public const string SecurityAdministrators = "security-administrators";
    /// <summary>The pages both the system and the security administrator open (the account list and an account's page); each handler says whose duty it is.</summary>
    public const string AccountAdministrators = "account-administrators";
    /// <summary>The audit administrator (审计管理员): the audit trail, its export, verification and seals.</summary>
    public const string AuditAdministrators = "audit-administrators";
}
