using System.Linq.Expressions;

namespace Qualis.Platform.Audit;

/// <summary>A record as the history names it: its name and, when it has one, the page that shows it.</summary>
public sealed record AuditRecordName(string Name, string? Page);

/// <summary>
/// How the history finds the names of records of one kind from the keys or codes the trail holds. A module registers
/// one per kind of record it owns (<see cref="AuditNamesSetup.AddAuditNames{T, TKey}"/>), named after the entity type
/// for its primary key (so the record an entry is about, and every foreign key to it, is shown by name), or with a
/// lookup name of its own for a code that is not the key (an enterprise's credit code). Names are read past the area
/// filter as <see cref="AreaReason.ReferenceLookup"/>: a record named beside an entry the reader may see; only the
/// name and the page are read.
/// </summary>
public sealed class AuditLookup(string name, Func<QualisDb, IReadOnlyCollection<string>, CancellationToken, Task<Dictionary<string, AuditRecordName>>> find)
{
    public string Name { get; } = name;

    public Task<Dictionary<string, AuditRecordName>> FindAsync(QualisDb db, IReadOnlyCollection<string> keys, CancellationToken ct) => find(db, keys, ct);
}

/// <summary>
/// A field holding the key or code of another record that the model does not declare as a foreign key (a credit code,
/// an industry code): the history shows it through <paramref name="Lookup"/>. <paramref name="EntityType"/> null means
/// the field of that name in every kind of record.
/// </summary>
public sealed record AuditReference(string? EntityType, string Field, string Lookup)
{
    /// <summary>The lookup of a person by sign-in name (a result entered by, a file uploaded by): shown by display name and office.</summary>
    public const string Person = "person";
}

/// <summary>A text field whose values are text keys after <paramref name="Prefix"/> (an account's role): the history shows the text.</summary>
public sealed record AuditValueTexts(string? EntityType, string Field, string Prefix);

/// <summary>
/// A field kept for officials only (an internal class, an internal note): the history an enterprise reads of its own
/// record leaves it out (<c>AuditAudience.Enterprise</c>).
/// </summary>
public sealed record AuditInternalField(string EntityType, string Field);

public static class AuditNamesSetup
{
    /// <summary>Says that the values of <paramref name="field"/> are shown as the texts <paramref name="prefix"/> + value.</summary>
    public static IServiceCollection AddAuditValueTexts(this IServiceCollection services, string? entityType, string field, string prefix)
    {
        services.AddSingleton(new AuditValueTexts(entityType, field, prefix));
        return services;
    }

    /// <summary>
    /// Registers how records of <typeparamref name="T"/> are named: <paramref name="key"/> the key or code the trail
    /// holds (compared as the trail writes it, invariant text), <paramref name="name"/> the name people know it by,
    /// <paramref name="page"/> the path of its page, if it has one. The lookup is called after the type unless named.
    /// </summary>
    public static IServiceCollection AddAuditNames<T, TKey>(this IServiceCollection services, Expression<Func<T, TKey>> key,
        Expression<Func<T, string>> name, Expression<Func<T, string>>? page = null, string? lookup = null) where T : class where TKey : notnull
    {
        var row = RowOf(key, name, page);
        services.AddSingleton(new AuditLookup(lookup ?? typeof(T).Name, async (db, keys, ct) =>
        {
            var parsed = keys.Select(Parse<TKey>).OfType<TKey>().Distinct().ToList();
            if (parsed.Count == 0) return [];
            var item = key.Parameters[0];
            var contains = Expression.Lambda<Func<T, bool>>(
                Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], Expression.Constant(parsed), key.Body), item);
            var rows = await db.Set<T>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(contains).Select(row).ToListAsync(ct);
            var found = new Dictionary<string, AuditRecordName>(StringComparer.OrdinalIgnoreCase);
            foreach (var r in rows) found[Convert.ToString(r.Key, CultureInfo.InvariantCulture)!] = new AuditRecordName(r.Name, r.Page);
            return found;
        }));
        return services;
    }

    /// <summary>Says that <paramref name="field"/> of <paramref name="entityType"/> is for officials only: the enterprise's view of its history leaves it out.</summary>
    public static IServiceCollection AddAuditInternal(this IServiceCollection services, string entityType, string field)
    {
        services.AddSingleton(new AuditInternalField(entityType, field));
        return services;
    }

    /// <summary>Says that <paramref name="field"/> (of <paramref name="entityType"/>, or of every type when null) names a record through <paramref name="lookup"/>.</summary>
    public static IServiceCollection AddAuditReference(this IServiceCollection services, string? entityType, string field, string lookup)
    {
        services.AddSingleton(new AuditReference(entityType, field, lookup));
        return services;
    }

    private sealed record Row<TKey>(TKey Key, string Name, string? Page);

    private static Expression<Func<T, Row<TKey>>> RowOf<T, TKey>(Expression<Func<T, TKey>> key, Expression<Func<T, string>> name, Expression<Func<T, string>>? page)
    {
        var item = key.Parameters[0];
        Expression Body(LambdaExpression l) => new ParameterSwap(l.Parameters[0], item).Visit(l.Body);
        var ctor = typeof(Row<TKey>).GetConstructors()[0];
        return Expression.Lambda<Func<T, Row<TKey>>>(
            Expression.New(ctor, key.Body, Body(name), page is null ? Expression.Constant(null, typeof(string)) : Body(page)), item);
    }

    /// <summary>The key as its type, or null when the text is not one (an old entry, a code of another form).</summary>
    private static object? Parse<TKey>(string text)
    {
        return typeof(TKey) == typeof(Guid) ? (Guid.TryParse(text, out var g) ? g : null)
            : typeof(TKey) == typeof(int) ? (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null)
            : typeof(TKey) == typeof(long) ? (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null)
            : typeof(TKey) == typeof(string) ? text
            : throw new NotSupportedException($"Audit names keyed by {typeof(TKey).Name} are not supported.");
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
