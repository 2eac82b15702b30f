namespace Qualis.Platform.Export;

/// <summary>
/// A list page whose export may run in the background: it gives its rows from its bound filters and sort, the one row
/// producer used both by the synchronous download and by <see cref="ExportRunner"/>, which replays the page's query
/// string as the person who asked.
/// </summary>
public interface IListExport
{
    /// <summary>The list's export as its filters and sort say (not its page), names rather than codes in the cells.</summary>
    Task<ExportTable> ExportTableAsync(CancellationToken ct);
}

/// <summary>
/// An export's file name (in the asker's language, without date or extension), headers and rows in the list's order,
/// and, where the list can count its matches, how: counting at most a cap (null for the exact count).
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IAsyncEnumerable<object?[]> Rows)
{
    public Func<int?, CancellationToken, Task<int>>? Count { get; init; }

    /// <summary>Counts the rows of a filtered query, at most cap + 1 when a cap is given (enough to say "above").</summary>
    public static Func<int?, CancellationToken, Task<int>> CountOf<T>(IQueryable<T> matching) =>
        (cap, ct) => cap is { } c ? matching.Take(c).CountAsync(ct) : matching.CountAsync(ct);
}
