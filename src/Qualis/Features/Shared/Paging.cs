using Qualis.Platform.Modules;

namespace Qualis.Features.Shared;

/// <summary>
/// The pager of a list (<c>_Pager.cshtml</c>): previous/next, a few page numbers, jump to a page, page size, the total.
/// Its links keep the current query string (filters, sort, page size) and change only what they are about.
/// </summary>
[ModuleFace]
public sealed record Paging(int Page, int PageSize, int Total, HttpRequest Request)
{
    /// <summary>The query parameter of the page number (a number, or "last" for the last page of the exact count).</summary>
    public const string QueryName = "page";

    /// <summary>Pages of the known total; when the total is not exact, the pages up to the cap.</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>False when the list counted only up to a cap: the total shows as "more than".</summary>
    public bool TotalIsExact { get; init; } = true;

    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < Pages || !TotalIsExact;

    public string Link(int page) => ListQuery.With(Request, (QueryName, page.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The last page: when the total was capped, this asks for the exact count, and the page is the last of it.</summary>
    public string LastLink => TotalIsExact ? Link(Pages) : ListQuery.With(Request, (QueryName, ListRequest.Last));

    /// <summary>The same page with the exact count.</summary>
    public string ExactCountLink => ListQuery.With(Request, (ListRequest.CountName, ListRequest.Exact));

    /// <summary>Page numbers to show, 0 standing for a gap ("…"): the first, the last, and two either side of this one; never two gaps side by side.</summary>
    public IReadOnlyList<int> Numbers
    {
        get
        {
            var shown = new SortedSet<int> { 1, Pages };
            for (var p = Page - 2; p <= Page + 2; p++) if (p >= 1 && p <= Pages) shown.Add(p);
            var numbers = new List<int>();
            foreach (var p in shown)
            {
                if (numbers.Count > 0 && p - numbers[^1] == 2) numbers.Add(p - 1);
                else if (numbers.Count > 0 && p - numbers[^1] > 2) numbers.Add(0);
                numbers.Add(p);
            }
            return numbers;
        }
    }

    /// <summary>Query parameters a form in the pager must carry along (all but those it sets itself).</summary>
    public IEnumerable<KeyValuePair<string, string>> Keep(params string[] except) =>
        Request.Query.Where(kv => !except.Contains(kv.Key, StringComparer.OrdinalIgnoreCase) && kv.Key != "handler")
            .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value.ToString()));
}
