using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Qualis.Platform.Web;

/// <summary>
/// The reverse proxies in front of the instances ("Proxy:KnownProxies", addresses; "Proxy:KnownNetworks", CIDR
/// ranges; none by default). A request that arrives from one of them has its client address and scheme taken from
/// X-Forwarded-For and X-Forwarded-Proto, so the sign-in limit, lockout and audit entries see the real client and
/// cookies are Secure behind TLS termination. From any other sender the headers are ignored: a client cannot name
/// its own address. Unlike ASP.NET Core's defaults, loopback is not trusted unless it is listed.
/// </summary>
public sealed record ProxySettings(IReadOnlyList<IPAddress> KnownProxies, IReadOnlyList<System.Net.IPNetwork> KnownNetworks)
{
    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public static ProxySettings From(IConfiguration config) => new(
        Values(config, "Proxy:KnownProxies").Select(v => IPAddress.TryParse(v, out var a) ? a
            : throw new SettingException("Proxy:KnownProxies", v, "expected IP addresses such as 10.0.0.5, separated by commas")).ToList(),
        Values(config, "Proxy:KnownNetworks").Select(v => System.Net.IPNetwork.TryParse(v, out var n) ? n
            : throw new SettingException("Proxy:KnownNetworks", v, "expected address ranges such as 10.0.0.0/24, separated by commas")).ToList());

    /// <summary>A list given as one comma-separated value (an environment variable) or as a JSON array.</summary>
    private static IEnumerable<string> Values(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        var items = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return items.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

public static class ProxySetup
{
    public static void AddQualisProxy(this IServiceCollection services, IConfiguration config)
    {
        var settings = ProxySettings.From(config);
        services.AddSingleton(settings);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var a in settings.KnownProxies) o.KnownProxies.Add(a);
            foreach (var n in settings.KnownNetworks) o.KnownIPNetworks.Add(n);
            // Proxies in a chain (a load balancer before a TLS terminator) are walked back while each is known.
            o.ForwardLimit = null;
        });
    }

    /// <summary>First in the pipeline, so everything after it sees the client's address and scheme.</summary>
    public static void UseQualisProxy(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<ProxySettings>().Any) app.UseForwardedHeaders();
    }
}
