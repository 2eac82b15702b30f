using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Qualis.Platform.ApiKeys;

/// <summary>
/// The API's limit on callers without a valid key (匿名或无效密钥的调用): they are limited per client address
/// (<c>Security:ApiStrangerCallsPerMinute</c>) and counted in memory, one summary log line a minute, never a database
/// row each. A caller with a valid key is limited per client (the <c>api</c> rate-limit policy, after authentication),
/// so forged keys — even with a real key's public prefix — fall into the forger's own address bucket and cannot use up
/// a partner's allowance. Once an address has used up its allowance its requests are refused before the key is looked
/// up, so a flood costs the database nothing; a partner sharing that address waits out the same minute.
/// </summary>
public sealed class ApiCallers : IDisposable
{
    private readonly PartitionedRateLimiter<string> _strangers;
    private ConcurrentDictionary<string, Tally> _window = new();
    private long _calls, _refused;

    public ApiCallers(int perMinute)
    {
        PerMinute = perMinute;
        _strangers = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public int PerMinute { get; }

    /// <summary>Calls without a valid key since start, and how many of them were refused with 429.</summary>
    public long StrangerCalls => Interlocked.Read(ref _calls);
    public long StrangerRefusals => Interlocked.Read(ref _refused);

    /// <summary>True when the address has no allowance left this minute: refuse without looking at its key.</summary>
    public bool IsShut(string address) => _strangers.GetStatistics(address)?.CurrentAvailablePermits == 0;

    /// <summary>Counts a call without a valid key; false when the address's allowance is used up.</summary>
    public bool Admit(string address)
    {
        using var lease = _strangers.AttemptAcquire(address);
        Count(address, lease.IsAcquired);
        return lease.IsAcquired;
    }

    /// <summary>Counts a call refused before its key was looked up.</summary>
    public void Refused(string address) => Count(address, admitted: false);

    private void Count(string address, bool admitted)
    {
        Interlocked.Increment(ref _calls);
        if (!admitted) Interlocked.Increment(ref _refused);
        var tally = _window.GetOrAdd(address, _ => new Tally());
        Interlocked.Increment(ref tally.Calls);
        if (!admitted) Interlocked.Increment(ref tally.Refused);
    }

    /// <summary>The counts since the last call, per address; starts a new window.</summary>
    public IReadOnlyDictionary<string, (long Calls, long Refused)> TakeWindow() =>
        Interlocked.Exchange(ref _window, new()).ToDictionary(e => e.Key, e => (e.Value.Calls, e.Value.Refused));

    public void Dispose() => _strangers.Dispose();

    private sealed class Tally
    {
        public long Calls;
        public long Refused;
    }

    /// <summary>The API part of the pipeline before authorization: refuses shut addresses, authenticates the key, limits strangers.</summary>
    internal static async Task<bool> GateAsync(HttpContext http, Func<Task<bool>> authenticate)
    {
        var callers = http.RequestServices.GetRequiredService<ApiCallers>();
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (callers.IsShut(address))
        {
            callers.Refused(address);
            await TooManyAsync(http);
            return false;
        }
        if (await authenticate()) return true;
        if (callers.Admit(address)) return true;
        await TooManyAsync(http);
        return false;
    }

    private static Task TooManyAsync(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "60";
        return ApiProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
            "Too many calls without a valid API key from this address; try again in a minute.");
    }
}

/// <summary>Writes the stranger counts of <see cref="ApiCallers"/> to the log once a minute, only when there were any.</summary>
internal sealed class ApiCallerReport(ApiCallers callers, ILogger<ApiCallerReport> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Report();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Report();
        }
    }

    private void Report()
    {
        var window = callers.TakeWindow();
        if (window.Count == 0) return;
        var busiest = window.MaxBy(e => e.Value.Calls);
        log.LogWarning("API calls without a valid key in the last minute: {Calls} from {Addresses} address(es), {Refused} refused; most from {Address} ({AddressCalls})",
            window.Sum(e => e.Value.Calls), window.Count, window.Sum(e => e.Value.Refused), busiest.Key, busiest.Value.Calls);
    }
}
