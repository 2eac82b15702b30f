using Microsoft.AspNetCore.Localization;
using Qualis.Platform.Accounts;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Operations;

namespace Qualis.Platform.Web;

public static class WebSetup
{
    public static void AddQualisLogging(this WebApplicationBuilder builder)
    {
        // Structured logs: JSON lines when Logging:Format is "json" (production), readable text otherwise.
        builder.Logging.ClearProviders();
        var format = builder.Configuration["Logging:Format"] ?? "text";
        if (format == "json") builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        else if (format == "text") builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        else throw new SettingException("Logging:Format", format, "expected text or json");
    }

    public static void AddQualisLocalization(this IServiceCollection services)
    {
        var texts = Texts.LoadEmbedded();
        services.AddSingleton(texts);
        services.AddSingleton<IStringLocalizerFactory>(new TextsLocalizerFactory(texts));
        services.AddSingleton<IStringLocalizer>(sp => sp.GetRequiredService<IStringLocalizerFactory>().Create(typeof(Texts)));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Texts.Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Texts.DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // The cookie (set by the language switch and at sign-in from the account's choice) wins; no browser guessing.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
    }

    public static void AddQualisWeb(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                // The modules say which of their pages are open (IModule.ConfigurePages); the error page is the shell's.
                o.Conventions.AllowAnonymousToPage("/Error");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(Texts)))
            .AddMvcOptions(o => FormValidation.Configure(o, new TextsLocalizer(Texts.LoadEmbedded())));
        // Chinese text goes out as text, not as &#x...; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddQualisApiDocument();
        services.AddHealthChecks().AddDbContextCheck<QualisDb>("database");
        services.AddHttpContextAccessor();
    }

    public static async Task SeedAsync(this IServiceProvider services, DatabaseSettings settings, IWebHostEnvironment env, ILogger log)
    {
        using var scope = services.CreateScope();
        // Under the start-up lock: instances started together on an empty database load the reference data once.
        await using var startupLock = await DatabaseLock.TakeAsync(scope.ServiceProvider.GetRequiredService<QualisDb>());
        await DemoData.SeedReferenceDataAsync(scope.ServiceProvider);
        if (!settings.SeedDemoData) return;
        await DemoData.SeedAsync(scope.ServiceProvider);
        if (env.IsDevelopment())
            foreach (var a in DemoAccounts.All)
                log.LogInformation("Demo account {User} / {Password}: {Role}, region {Region}", a.UserName, DemoAccounts.Password, a.Role, a.RegionCode);
    }

    public static void UseQualisPipeline(this WebApplication app)
    {
        app.UseQualisProxy();
        app.UseEdgeHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            StatusCodeSelector = e => e switch
            {
                RegionAccessDeniedException => StatusCodes.Status403Forbidden,
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseSecurityHeaders();
        // Pages answer an error status with the error page; the API answers with a problem-details body.
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages().UseBadQueryValues());
        app.UseRequestLocalization();
        app.UseEdgeChecks();
        // Stylesheets, scripts and fonts are public: the default-deny policy must not send them to the login page.
        app.MapStaticAssets().AllowAnonymous();
        app.UseRouting();
        app.UseAuthentication();
        // The API's allowances are per authenticated caller, so the limiter runs once the caller is known (UseActor).
        app.UseActor();
        app.UseRateLimiter();
        app.UseMustChangePassword();
        app.UseAdminTwoFactorEnrolment();
        app.UseApiKeyUsageLog();
        app.UseAuthorization();
    }

    public static void MapQualisPlatform(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapApiReference();
        app.MapRazorPages();
        app.MapKeepAlive();
    }
}
