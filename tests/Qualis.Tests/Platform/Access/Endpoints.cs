using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Platform.Access;

namespace Qualis.Tests.Platform.Access;

/// <summary>Every page and endpoint the running application maps, as the access tests see them.</summary>
public sealed record MappedRoute(string Pattern, IReadOnlyList<string> Methods, IReadOnlyList<string> PostHandlers, bool Anonymous, Type? RecordType,
    IReadOnlyList<string> Policies, IReadOnlyList<string> Roles)
{
    public bool IsApi => Pattern.StartsWith("/api/", StringComparison.Ordinal);
    public bool HasParameters => Pattern.Contains('{');
    public override string ToString() => Pattern;

    /// <summary>The URL with each {parameter} (constraints and all) replaced from the values given.</summary>
    public string Url(IReadOnlyDictionary<string, string> values) =>
        Url(name => values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"No value for {{{name}}} in {Pattern}."));

    /// <summary>The URL with every parameter set to a value that fits each constraint the routes use (guid, text).</summary>
    public string UrlWithDummyValues() => Url(_ => Guid.Empty.ToString());

    private string Url(Func<string, string> value) =>
        System.Text.RegularExpressions.Regex.Replace("/" + Pattern.TrimStart('/'), @"\{\*{0,2}([A-Za-z]+)[^}]*\}", m => Uri.EscapeDataString(value(m.Groups[1].Value)));

    public static IReadOnlyList<MappedRoute> All(QualisApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null && e.DisplayName?.StartsWith("Fallback", StringComparison.Ordinal) != true)
            .Select(e =>
            {
                var page = e.Metadata.GetMetadata<CompiledPageActionDescriptor>();
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList()
                              ?? (page is null ? ["GET"] : page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Distinct().ToList());
                var handlers = page?.HandlerMethods.Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase)).Select(h => h.Name ?? "").ToList() ?? [];
                return new MappedRoute(e.RoutePattern.RawText!, methods, handlers,
                    e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                    e.Metadata.GetMetadata<RecordPageAttribute>()?.RecordType,
                    e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList(),
                    e.Metadata.GetOrderedMetadata<IAuthorizeData>().SelectMany(a => a.Roles?.Split(',', StringSplitOptions.TrimEntries) ?? []).ToList());
            })
            .GroupBy(r => r.Pattern.Replace("/Index", "").TrimEnd('/'))
            .Select(g => g.First())
            .OrderBy(r => r.Pattern, StringComparer.Ordinal)
            .ToList();
}
