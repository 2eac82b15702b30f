using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Channels;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Qualis.Platform.Accounts;

namespace Qualis.Platform.ApiKeys;

/// <summary>Authenticates partner systems by the X-Api-Key header.</summary>
internal sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, QualisDb db, ApiClientCache clients)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string ClientRole = "api-client";
    public const string ScopeClaim = "qualis:api_scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        var key = values.ToString().Trim();
        var prefix = ApiClient.PrefixOf(key);
        var client = prefix is null ? null
            : await clients.FindAsync(prefix, () => db.Set<ApiClient>().OutsideArea(AreaReason.SignIn).AsNoTracking()
                .SingleOrDefaultAsync(c => c.KeyPrefix == prefix, Context.RequestAborted));
        // An unknown or forged key is counted with the other callers without a valid key (ApiCallers), per address,
        // never written down one row each: only a key that matches a client's hash is logged against that client.
        if (client is null || !client.Matches(key)) return AuthenticateResult.Fail("The API key is not known.");
        var use = ApiKeyUsage.Start(Context, prefix!);
        use.ClientId = client.Id;
        if (client.RevokedAt is not null)
        {
            use.Outcome = "revoked-key";
            return AuthenticateResult.Fail($"The API key was revoked on {client.RevokedAt:yyyy-MM-dd}.");
        }
        use.Outcome = "ok";
        var identity = new ClaimsIdentity(SchemeName);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, client.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, $"api:{client.Name}"));
        identity.AddClaim(new Claim(ClaimTypes.Role, ClientRole));
        identity.AddClaim(new Claim(QualisClaims.RegionPath, client.RegionPath));
        identity.AddClaim(new Claim(QualisClaims.DisplayName, client.Department));
        foreach (var s in client.ScopeList) identity.AddClaim(new Claim(ScopeClaim, s));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "API key missing, unknown or revoked",
            Context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure?.Message
            ?? $"Send a valid key in the {Header} header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (ApiKeyUsage.Current(Context) is { } use) use.Outcome = "out-of-scope";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Out of scope",
            "This API key is not granted the scope this endpoint requires.");
    }
}

/// <summary>
/// The partner clients whose keys were used in the last two seconds, so that a partner's calls do not each read the
/// client's row: that read was a tenth of the lookup's work in the application and a second statement per call for
/// PostgreSQL (bench, a million enterprises, dotnet-trace). The key's hash is still checked on every call. A revocation
/// takes effect at once on the instance that made it (<see cref="Forget"/>) and within <see cref="Lifetime"/> on the
/// others. Unknown prefixes are not kept, so forged keys cannot fill it.
/// </summary>
public sealed class ApiClientCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ApiClient Client, long Until)> _clients = new();

    public async Task<ApiClient?> FindAsync(string prefix, Func<Task<ApiClient?>> read)
    {
        var now = Environment.TickCount64;
        if (_clients.TryGetValue(prefix, out var kept) && kept.Until > now) return kept.Client;
        var client = await read();
        if (client is null) _clients.TryRemove(prefix, out _);
        else _clients[prefix] = (client, now + (long)Lifetime.TotalMilliseconds);
        return client;
    }

    public void Forget(string prefix) => _clients.TryRemove(prefix, out _);
}

/// <summary>An endpoint needs this API scope when called with a key; officials signed in by cookie pass by role.</summary>
internal sealed record ApiScopeRequirement(string Scope) : IAuthorizationRequirement;

internal sealed class ApiScopeHandler : AuthorizationHandler<ApiScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiScopeRequirement requirement)
    {
        var user = context.User;
        if (user.IsInRole(ApiKeyHandler.ClientRole))
        {
            if (user.HasClaim(ApiKeyHandler.ScopeClaim, requirement.Scope)) context.Succeed(requirement);
        }
        else if (user.Identity?.IsAuthenticated == true && Roles.Officials.Split(',').Any(user.IsInRole))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

internal static class ApiProblems
{
    public static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        // An API route challenges both the cookie and the key scheme; the first answer stands.
        if (http.Response.HasStarted) return Task.CompletedTask;
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Instance = http.Request.Path,
        }, options: (System.Text.Json.JsonSerializerOptions?)null, contentType: "application/problem+json");
    }
}

/// <summary>Logs every request made with a real client's key (valid or revoked), with its outcome and status, once the response is done.</summary>
internal static class ApiKeyUsage
{
    private static readonly object Key = new();

    public static ApiKeyUse Start(HttpContext http, string prefix)
    {
        var use = new ApiKeyUse
        {
            KeyPrefix = prefix.Length > 8 ? prefix[..8] : prefix,
            At = DateTime.UtcNow,
            Method = http.Request.Method,
            Path = http.Request.Path.Value is { Length: > 256 } p ? p[..256] : http.Request.Path.Value ?? "",
            Ip = http.Connection.RemoteIpAddress?.ToString(),
            Outcome = "pending",
        };
        http.Items[Key] = use;
        return use;
    }

    public static ApiKeyUse? Current(HttpContext http) => http.Items.TryGetValue(Key, out var u) ? u as ApiKeyUse : null;

    public static IApplicationBuilder UseApiKeyUsageLog(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        finally
        {
            if (Current(http) is { } use)
            {
                http.Items.Remove(Key); // logged once, even when the pipeline runs again for an error page
                use.Status = http.Response.StatusCode;
                if (use.Outcome == "ok" && use.Status == StatusCodes.Status403Forbidden) use.Outcome = "out-of-scope";
                var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Qualis.ApiKeys");
                // Debug only: the ApiKeyUses table is the record, and a console line per call cost 15% of a lookup's CPU (bench trace).
                log.LogDebug("API key {Prefix} {Method} {Path} -> {Status} ({Outcome})", use.KeyPrefix, use.Method, use.Path, use.Status, use.Outcome);
                await http.RequestServices.GetRequiredService<ApiKeyUseLog>().AddAsync(use);
            }
        }
    });
}

/// <summary>
/// Writes the API key log in batches, off the request: whatever uses queued while one batch was written go in the next,
/// in one transaction. One INSERT and commit per call made partner calls on SQLite queue behind each other's writes
/// (bench load test, a million enterprises, 8 callers: lookups at 9% of /health's rate with p99 303 ms while p50 was
/// 1.6 ms). A use is in the table a fifth of a second after its answer; a process killed outright loses at most the
/// batch in hand.
/// </summary>
internal sealed class ApiKeyUseLog(IServiceScopeFactory scopes, ILogger<ApiKeyUseLog> log) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);
    private readonly Channel<ApiKeyUse> queue = Channel.CreateBounded<ApiKeyUse>(
        new BoundedChannelOptions(50_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ValueTask AddAsync(ApiKeyUse use) => queue.Writer.WriteAsync(use);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // Gathered for a moment, so that under load a batch holds many uses: writing each one or two as they came
                // took a tenth of the platform's CPU time in a run of partner lookups (bench trace, 1,500 a second).
                await Task.Delay(Gather, stoppingToken);
                await WriteAvailableAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is still written.
        }
        await WriteAvailableAsync();
    }

    private async Task WriteAvailableAsync()
    {
        while (true)
        {
            var batch = new List<ApiKeyUse>(BatchSize);
            while (batch.Count < BatchSize && queue.Reader.TryRead(out var use)) batch.Add(use);
            if (batch.Count == 0) return;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<QualisDb>();
                db.Set<ApiKeyUse>().AddRange(batch);
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                log.LogError(e, "{Count} API key uses could not be written to the log", batch.Count);
            }
        }
    }
}
