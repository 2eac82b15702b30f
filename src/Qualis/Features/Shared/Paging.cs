using Microsoft.AspNetCore.WebUtilities;
using Qualis.Platform.Modules;

namespace Qualis.Features.Shared;

/// <summary>Page links for a filtered list: keeps the current query string and changes only the page.</summary>
[ModuleFace]
public sealed record Paging(int Page, int PageSize, int Total, HttpRequest Request)
{
    /// <summary>
    /// The query parameter of the page number. A list's PageNumber binds it from the query string only
    /// (<c>[FromQuery(Name = Paging.QueryName)]</c>): Razor Pages also has a route value called "page" (the page's own
    /// path), which binding by name alone took first, so every list showed page 1 whatever page was asked for.
    /// </summary>
    public const string QueryName = "page";

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>False when the list counted only up to a cap: the total shows as "more than".</summary>
    public bool TotalIsExact { get; init; } = true;

    public string Link(int page)
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(kv => kv.Key != QueryName)
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        query[QueryName] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Request.Path, query);
    }

    public static int Clamp(int page) => Math.Max(1, page);
}
