using System.Linq.Expressions;
using Microsoft.AspNetCore.WebUtilities;
using Qualis.Platform.Modules;

namespace Qualis.Features.Shared;

/// <summary>
/// One way a list can be sorted: its key in the URL (?sort=name) and the columns it orders by, the last of which makes
/// the order total (a unique code or id), so a page boundary never moves between requests. The same columns reversed
/// serve the deep pages: the last page is the first rows of the reversed order, read from the same index backwards.
/// </summary>
[ModuleFace]
public sealed class ListSort<T>
{
    private readonly List<(LambdaExpression Key, bool Descending)> _keys = [];

    private ListSort(string key) => Key = key;

    public string Key { get; }

    public static ListSort<T> By<TKey>(string key, Expression<Func<T, TKey>> column, bool descending = false) =>
        new ListSort<T>(key).ThenBy(column, descending);

    public ListSort<T> ThenBy<TKey>(Expression<Func<T, TKey>> column, bool descending = false)
    {
        _keys.Add((column, descending));
        return this;
    }

    /// <summary>The properties it orders by, in order (for choosing the index that serves it: <see cref="Platform.Data.IndexOrder"/>).</summary>
    public IReadOnlyList<string> Columns => _keys.Select(k => (k.Key.Body is UnaryExpression u ? u.Operand : k.Key.Body) is MemberExpression m ? m.Member.Name : "").ToList();

    /// <summary>The query in this order, or in the exact reverse of it.</summary>
    public IQueryable<T> Apply(IQueryable<T> q, bool reversed = false)
    {
        var expression = q.Expression;
        for (var i = 0; i < _keys.Count; i++)
        {
            var (key, descending) = _keys[i];
            var method = (i == 0 ? "OrderBy" : "ThenBy") + (descending != reversed ? "Descending" : "");
            expression = Expression.Call(typeof(Queryable), method, [typeof(T), key.ReturnType], expression, Expression.Quote(key));
        }
        return q.Provider.CreateQuery<T>(expression);
    }
}

/// <summary>What a list page was asked for, from its query string: page (a number, or "last"), page size, sort, and whether to count exactly.</summary>
[ModuleFace]
public sealed record ListRequest(int Page, bool LastPage, int Size, string? Sort, bool ExactCount)
{
    /// <summary>Query parameters every list shares (a list's own filters must not use these names).</summary>
    public const string PageName = Paging.QueryName, SizeName = "per", SortName = "sort", CountName = "count";
    public const string Last = "last", Exact = "exact";

    /// <summary>The page sizes a user may choose (10 for quick checks, the rest offered in the pager).</summary>
    public static readonly int[] Sizes = [10, 25, 50, 100];

    public static ListRequest From(HttpRequest request, int defaultSize)
    {
        var query = request.Query;
        var page = query[PageName].ToString();
        var last = string.Equals(page, Last, StringComparison.OrdinalIgnoreCase);
        var number = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Max(1, n) : 1;
        var size = int.TryParse(query[SizeName].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && Sizes.Contains(s) ? s : defaultSize;
        var sort = query[SortName].ToString() is { Length: > 0 } so ? so : null;
        return new ListRequest(number, last, size, sort, string.Equals(query[CountName].ToString(), Exact, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>One page of a list and what its pager needs.</summary>
[ModuleFace]
public sealed record ListPage<TRow>(List<TRow> Rows, int Page, int Size, int Total, bool TotalIsExact, string SortKey);

/// <summary>
/// The one list mechanism: counts (exactly, or up to a cap, "more than N", with the exact count a click away), applies the
/// chosen sort always, and reads deep pages through the reversed order so the last page costs what the first does.
/// </summary>
[ModuleFace]
public static class ListQuery
{
    /// <param name="filtered">The list's rows after its filters, unordered.</param>
    /// <param name="sorts">The list's sorts; the first is the default, and an unknown ?sort= falls back to it.</param>
    /// <param name="project">From the ordered rows to what the page shows (a Select, joins for names).</param>
    /// <param name="countCap">Count at most this many (then the total reads "more than"), unless the request asks for the
    /// exact count or the last page; null counts exactly always.</param>
    /// <param name="inOrder">The same rows read in a sort's order (see <see cref="Platform.Data.IndexOrder"/>), for the page's
    /// rows; the count reads <paramref name="filtered"/>.</param>
    /// <param name="byKey">From the page's rows, found in order, to the same rows read again by their key: the page is then
    /// found in an index that holds the sort's and the filters' columns, and only its own rows are read whole.</param>
    /// <param name="atLeast">How many rows the caller knows match already: past the cap, the capped count is not read again.</param>
    public static async Task<ListPage<TRow>> PageAsync<T, TRow>(this IQueryable<T> filtered, ListRequest request,
        IReadOnlyList<ListSort<T>> sorts, Func<IQueryable<T>, IQueryable<TRow>> project, int? countCap = null, CancellationToken ct = default,
        Func<ListSort<T>, IQueryable<T>>? inOrder = null, Func<IQueryable<T>, IQueryable<T>>? byKey = null, int? atLeast = null, int? counted = null)
    {
        var sort = sorts.FirstOrDefault(s => s.Key == request.Sort) ?? sorts[0];
        var exact = countCap is null || request.ExactCount || request.LastPage;
        int total;
        if (counted is { } known) (total, exact) = (known, true); // the caller has counted them all already
        else if (exact) total = await filtered.CountAsync(ct);
        else if (atLeast > countCap) total = countCap.Value; // the caller has counted past the cap already
        else
        {
            total = await filtered.Take(countCap!.Value + 1).CountAsync(ct);
            exact = total <= countCap;
            if (!exact) total = countCap.Value;
        }
        var size = request.Size;
        var pages = Math.Max(1, (total + size - 1) / size);
        var page = request.LastPage ? pages : exact ? Math.Min(request.Page, pages) : request.Page;
        var skip = (page - 1) * size;
        var source = inOrder?.Invoke(sort) ?? filtered;
        List<TRow> rows;
        if (exact && skip > total / 2)
        {
            // Deep in the list: the first rows of the reversed order, turned round.
            var end = Math.Min(total, skip + size);
            rows = await project(Read(sort.Apply(source, reversed: true).Skip(total - end).Take(end - skip), reversed: true)).ToListAsync(ct);
            rows.Reverse();
        }
        else rows = await project(Read(sort.Apply(source).Skip(skip).Take(size), reversed: false)).ToListAsync(ct);
        return new ListPage<TRow>(rows, page, size, total, exact, sort.Key);

        IQueryable<T> Read(IQueryable<T> pageRows, bool reversed) => byKey is null ? pageRows : sort.Apply(byKey(pageRows), reversed);
    }

    /// <summary>Every matching row in the list's order, for its export.</summary>
    public static IQueryable<T> Ordered<T>(this IQueryable<T> filtered, string? sortKey, IReadOnlyList<ListSort<T>> sorts) =>
        (sorts.FirstOrDefault(s => s.Key == sortKey) ?? sorts[0]).Apply(filtered);

    /// <summary>The list page's pager for a page of it.</summary>
    public static Paging Pager<TRow>(this ListPage<TRow> page, HttpRequest request) =>
        new(page.Page, page.Size, page.Total, request) { TotalIsExact = page.TotalIsExact };

    /// <summary>The list's export as <paramref name="format"/>: its filters and sort, not its page; by default this page's Export handler.</summary>
    public static string ExportLink(HttpRequest request, string format, string? path = null)
    {
        var link = With(request, ("handler", path is null ? "Export" : null), ("format", format),
            (ListRequest.PageName, null), (ListRequest.SizeName, null), (ListRequest.CountName, null));
        return path is null ? link : path + link[link.IndexOf('?', StringComparison.Ordinal)..];
    }

    /// <summary>The current URL with some query parameters set (null removes one).</summary>
    public static string With(HttpRequest request, params (string Name, string? Value)[] changes)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in changes)
            if (value is null) query.Remove(name); else query[name] = value;
        return QueryHelpers.AddQueryString(request.Path, query.Where(kv => kv.Value is not null).ToDictionary());
    }
}
