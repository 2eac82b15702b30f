using Microsoft.AspNetCore.WebUtilities;
using Qualis.Platform.Modules;

namespace Qualis.Features.Shared;

/// <summary>Page links for a filtered list: keeps the current query string and changes only the page.</summary>
[ModuleFace]
public sealed record Paging(int Page, int PageSize, int Total, HttpRequest Request)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>False when the list counted only up to a cap: the total shows as "more than".</summary>
    public bool TotalIsExact { get; init; } = true;

    public string Link(int page)
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(kv => kv.Key != "page")
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Request.Path, query);
    }

    public static int Clamp(int page) => Math.Max(1, page);
}
