using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Qualis.Platform.Web;

/// <summary>
/// What every request meets before a page or endpoint sees it, and what every response carries:
/// <list type="bullet">
/// <item>the address checked: a query value or path with a control character (NUL and the rest of C0 except tab and line
/// breaks, DEL) is a 400 naming the parameter, on pages and API alike — PostgreSQL refuses NUL in text, so it would
/// otherwise fail inside the query; a free-text search term (<see cref="SearchParameters"/>) longer than
/// <c>Security:SearchTermMaxLength</c> (50 by default) is a 400 naming it, any other value over 2,000 characters too;</item>
/// <item>HSTS when the request came over HTTPS (<see cref="HttpRequest.IsHttps"/>, which the forwarded-headers setup makes
/// true behind a proxy that says so), and every cookie <c>Secure</c> then;</item>
/// <item><c>Cache-Control: no-store</c> on the API and on every download (an attachment), so exports and partner data are
/// not kept by shared caches or the browser;</item>
/// <item>no <c>Server</c> header (Kestrel's is off).</item>
/// </list>
/// <c>AllowedHosts</c> is read by the framework's host filtering from configuration: appsettings.json allows the loopback
/// names only, a deployment lists its own host names (docs in README).
/// </summary>
public static class EdgeChecks
{
    /// <summary>Query names that carry free text people type into a search box (names, codes, keywords).</summary>
    public static readonly IReadOnlySet<string> SearchParameters =
        new HashSet<string>(["q", "name", "code", "enterprise", "product", "user"], StringComparer.OrdinalIgnoreCase);

    public const int DefaultSearchTermMaxLength = 50;
    public const int QueryValueMaxLength = TextRule.DefaultMaxLength;

    /// <summary>Where the problem found at the edge waits for the error page that the status-code pages re-execute.</summary>
    public const string ProblemItem = "qualis:edge-problem";

    public static void AddQualisEdge(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new EdgeLimits(SecuritySetup.PositiveInt(config, "Security:SearchTermMaxLength", DefaultSearchTermMaxLength)));
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        // Every cookie (sign-in, antiforgery, language) is Secure when the request came over HTTPS.
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>The response headers of the edge (HSTS, no-store, Secure cookies); goes first in the pipeline.</summary>
    public static IApplicationBuilder UseEdgeHeaders(this IApplicationBuilder app)
    {
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var h = http.Response.Headers;
                if (http.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                if (http.Request.Path.StartsWithSegments("/api") || IsDownload(h))
                {
                    h.CacheControl = "no-store";
                    h.Pragma = "no-cache";
                }
                h.Remove(HeaderNames.Server);
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app.UseCookiePolicy();
    }

    private static bool IsDownload(IHeaderDictionary h) =>
        h.ContentDisposition.ToString().StartsWith("attachment", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses an address with control characters or over-long values; after the status-code pages, so a page gets the error page.</summary>
    public static IApplicationBuilder UseEdgeChecks(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var limits = http.RequestServices.GetRequiredService<EdgeLimits>();
        if (Problem(http.Request, limits.SearchTermMaxLength) is not { } problem)
        {
            await next(http);
            return;
        }
        var l = http.RequestServices.GetRequiredService<IStringLocalizer>();
        var field = problem.Parameter is null ? null : l["query." + problem.Parameter.ToLowerInvariant()] is { ResourceNotFound: false } label ? label.Value : problem.Parameter;
        var message = problem.Kind switch
        {
            EdgeProblemKind.PathControlCharacters => l["edge.path_control_characters"].Value,
            EdgeProblemKind.ControlCharacters => l["edge.control_characters", field!].Value,
            _ => l["edge.too_long", field!, problem.Limit].Value,
        };
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = 400,
                Title = l["error.bad_request"].Value,
                Detail = message,
                Instance = http.Request.Path.HasValue && !TextRule.HasControlCharacters(http.Request.Path.Value!) ? http.Request.Path.Value : null,
                Extensions = { ["parameter"] = problem.Parameter },
            }, options: (System.Text.Json.JsonSerializerOptions?)null, contentType: "application/problem+json");
            return;
        }
        http.Items[ProblemItem] = message;
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
    });

    public enum EdgeProblemKind { PathControlCharacters, ControlCharacters, TooLong }

    public sealed record EdgeProblem(EdgeProblemKind Kind, string? Parameter, int Limit = 0);

    /// <summary>The first thing wrong with the request's address, or null.</summary>
    public static EdgeProblem? Problem(HttpRequest request, int searchTermMaxLength)
    {
        if (request.Path.HasValue && IsControl(request.Path.Value!)) return new(EdgeProblemKind.PathControlCharacters, null);
        foreach (var (name, values) in request.Query)
        {
            if (IsControl(name)) return new(EdgeProblemKind.ControlCharacters, Printable(name));
            var limit = SearchParameters.Contains(name) ? searchTermMaxLength : QueryValueMaxLength;
            foreach (var value in (StringValues)values)
            {
                if (value is null) continue;
                if (IsControl(value)) return new(EdgeProblemKind.ControlCharacters, name);
                if (value.Length > limit) return new(EdgeProblemKind.TooLong, name, limit);
            }
        }
        return null;
    }

    /// <summary>C0 controls except tab, line feed and carriage return, and DEL (C1 too: no one types them).</summary>
    public static bool IsControl(string text)
    {
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return true;
        return false;
    }

    private static string Printable(string name) => new(name.Where(c => !char.IsControl(c)).ToArray());
}

/// <summary>The configured bounds of <see cref="EdgeChecks"/>.</summary>
public sealed record EdgeLimits(int SearchTermMaxLength);
