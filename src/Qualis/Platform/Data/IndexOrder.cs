using Microsoft.EntityFrameworkCore.Metadata;

namespace Qualis.Platform.Data;

/// <summary>
/// The rows read in the order of the index that begins with the given columns, for a list sorted by them. PostgreSQL's
/// planner, with its statistics, walks that index by itself when a page of a large sorted list is asked for. SQLite's
/// cannot tell that the area filter's range (a parameter) covers nearly the whole table, so it reads the area through
/// the region index and sorts every row of it for one page (1.4 s over 200,000 enterprises, against 4 ms through the
/// sort's index); so it is named the index to use (INDEXED BY), as <see cref="IndexRange"/> does. Use it for the rows
/// of a page only: a count is cheaper through the region index, which holds the area filter's column.
/// </summary>
public static class IndexOrder
{
    /// <param name="equalTo">Columns the query holds equal to one value: an index that begins with one of them followed
    /// by the sort's columns gives the same order and passes over none of the other rows, so it is preferred.</param>
    /// <param name="within">A region path the rows are filtered to, as in <see cref="Within{T}"/>.</param>
    public static IQueryable<T> Of<T>(QualisDb db, IReadOnlyList<string> properties, IReadOnlyList<string>? equalTo = null, string? within = null)
        where T : class, IRegionScoped
    {
        if (db.IsPostgres || properties.Count == 0) return Within<T>(db, within);
        var type = Type<T>(db);
        bool Begins(IIndex i, IReadOnlyList<string> columns) =>
            i.Properties.Count >= columns.Count && i.Properties.Take(columns.Count).Select(p => p.Name).SequenceEqual(columns);
        // Of the indexes that begin with the columns, the widest: its further columns (the region path, the filtered
        // columns) let filters be checked in the index.
        var index = (equalTo ?? []).Select(e => type.GetIndexes().Where(i => Begins(i, [e, .. properties])).MaxBy(i => i.Properties.Count))
                        .FirstOrDefault(i => i is not null)
                    ?? type.GetIndexes().Where(i => Begins(i, properties)).MaxBy(i => i.Properties.Count);
        if (index is null) return Within<T>(db, within);
        return From<T>(db, $" INDEXED BY \"{index.GetDatabaseName()}\"", within);
    }

    /// <summary>
    /// The rows of a region's subtree (all rows without one). SQLite, given two ranges on the region path (the area
    /// filter's and a region filter's), uses the first it meets and checks the other row by row: a county's firms asked
    /// for by a provincial officer would be found by reading the whole province (100 ms of a page at a million
    /// enterprises, against 3 ms). So the region's range is given in the rows' source, before the area filter.
    /// PostgreSQL keeps the narrower of two ranges by itself; the caller's own region filter serves it.
    /// </summary>
    public static IQueryable<T> Within<T>(QualisDb db, string? path) where T : class, IRegionScoped =>
        path is null || db.IsPostgres ? db.Set<T>() : From<T>(db, "", path);

    private static IQueryable<T> From<T>(QualisDb db, string indexedBy, string? within) where T : class, IRegionScoped
    {
        // Names from the model; the path is a parameter.
        var sql = $"SELECT * FROM \"{Type<T>(db).GetTableName()}\"{indexedBy}";
        if (within is null) return db.Set<T>().FromSqlRaw(sql);
        sql += $" WHERE \"{nameof(IRegionScoped.RegionPath)}\" >= {{0}} AND \"{nameof(IRegionScoped.RegionPath)}\" < {{1}}";
        return db.Set<T>().FromSqlRaw(sql, within, within + RegionRange.End);
    }

    private static IEntityType Type<T>(QualisDb db) =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
}
