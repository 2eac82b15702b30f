using Microsoft.EntityFrameworkCore.Metadata;

namespace Qualis.Platform.Data;

/// <summary>
/// The rows whose text column lies in a range [from, to), read through that column's own index on either database:
/// a prefix search is such a range (every code that starts with c sorts from c up to c + U+007F when compared
/// bytewise). PostgreSQL's planner picks the index by itself. SQLite's cannot tell this range from the area filter's,
/// both being parameters, and may scan the area instead; so it is named the index to use (INDEXED BY).
/// </summary>
public static class IndexRange
{
    public static IQueryable<T> Of<T>(QualisDb db, string property, string from, string to) where T : class
    {
        if (db.IsPostgres)
            return db.Set<T>().Where(e => string.Compare(EF.Property<string>(e, property), from) >= 0 && string.Compare(EF.Property<string>(e, property), to) < 0);
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = type.GetTableName()!;
        var column = type.FindProperty(property)?.GetColumnName(StoreObjectIdentifier.Table(table, type.GetSchema()))
                     ?? throw new InvalidOperationException($"{typeof(T).Name} has no column {property}.");
        var index = type.GetIndexes().FirstOrDefault(i => i.Properties.Count == 1 && i.Properties[0].Name == property)?.GetDatabaseName()
                    ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} has no index of its own.");
        var sql = $"SELECT * FROM \"{table}\" INDEXED BY \"{index}\" WHERE \"{column}\" >= {{0}} AND \"{column}\" < {{1}}";
        return db.Set<T>().FromSqlRaw(sql, from, to);
    }
}
