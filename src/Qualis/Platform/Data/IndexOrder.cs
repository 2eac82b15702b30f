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
    public static IQueryable<T> Of<T>(QualisDb db, IReadOnlyList<string> properties) where T : class
    {
        if (db.IsPostgres || properties.Count == 0) return db.Set<T>();
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        // Of the indexes that begin with the columns, the widest: its further columns (the region path) let filters be
        // checked in the index.
        var index = type.GetIndexes().Where(i => i.Properties.Count >= properties.Count
                                                 && i.Properties.Take(properties.Count).Select(p => p.Name).SequenceEqual(properties))
            .MaxBy(i => i.Properties.Count);
        if (index is null) return db.Set<T>();
        // Names from the model, not from input.
        var sql = $"SELECT * FROM \"{type.GetTableName()}\" INDEXED BY \"{index.GetDatabaseName()}\"";
        return db.Set<T>().FromSqlRaw(sql);
    }
}
