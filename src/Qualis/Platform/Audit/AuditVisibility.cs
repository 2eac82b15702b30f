using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace Qualis.Platform.Audit;

/// <summary>
/// Which audit entries a reader sees (the query filter of <see cref="AuditEntry"/>, so /Audit and every record's
/// history agree): those filed under the reader's area; those of the shared catalogues (<see cref="RegionInheritance"/>);
/// and those a child row wrote before children inherited their parent's region, filed under the root path then, when
/// the child's parent lies in the reader's area. Stored entries are never rewritten (the hash covers their region):
/// the old ones are mapped to their record's region as they are read.
/// </summary>
internal static class AuditVisibility
{
    public static Expression<Func<AuditEntry, bool>> Filter(IReadOnlyModel model, QualisDb db, Expression<Func<AuditEntry, bool>> inArea)
    {
        var e = inArea.Parameters[0];
        Expression? atRoot = null;
        foreach (var type in model.GetEntityTypes().Where(RegionInheritance.IsAudited).OrderBy(t => t.ClrType.Name, StringComparer.Ordinal))
        {
            Expression? visible = null;
            if (RegionInheritance.IsSharedCatalogue(type))
                visible = Expression.Equal(Expression.Property(e, nameof(AuditEntry.EntityType)), Expression.Constant(type.ClrType.Name));
            // Children with a one-column key; the composite-key ones (Identity's logins and tokens) were never written.
            else if (RegionInheritance.ParentOf(type) is { } parent && type.FindPrimaryKey()!.Properties is [var key])
            {
                var parentKey = model.FindEntityType(parent.Type)!.FindPrimaryKey()!.Properties[0];
                var mapped = (LambdaExpression)typeof(AuditVisibility).GetMethod(nameof(WrittenBeforeInheriting), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(type.ClrType, key.ClrType, parent.Type, parentKey.ClrType)
                    .Invoke(null, [db, type.ClrType.Name, key.Name, parent.ForeignKey, parentKey.Name])!;
                visible = ReplacingExpressionVisitor.Replace(mapped.Parameters[0], e, mapped.Body);
            }
            if (visible is not null) atRoot = atRoot is null ? visible : Expression.OrElse(atRoot, visible);
        }
        if (atRoot is null) return inArea;
        var root = Expression.AndAlso(
            Expression.Equal(Expression.Property(e, nameof(AuditEntry.RegionPath)), Expression.Constant(RegionInheritance.Root)), atRoot);
        return Expression.Lambda<Func<AuditEntry, bool>>(Expression.OrElse(inArea.Body, root), e);
    }

    /// <summary>
    /// An entry of a child row filed under the root, whose row's parent the reader's area holds (the parent is read
    /// through its own area filter). One uncorrelated list of keys, which both databases build once per query; keys are
    /// compared as the trail writes them, invariant text (SQLite keeps a Guid in upper case, the trail in lower).
    /// </summary>
    private static Expression<Func<AuditEntry, bool>> WrittenBeforeInheriting<TChild, TKey, TParent, TRef>(
        QualisDb db, string type, string key, string foreignKey, string parentKey) where TChild : class where TParent : class => typeof(TKey) == typeof(Guid)
            ? e => e.EntityType == type && db.Set<TChild>()
                .Where(c => db.Set<TParent>().Any(p => EF.Property<TRef>(p, parentKey)!.Equals(EF.Property<TRef>(c, foreignKey))))
                .Select(c => EF.Property<TKey>(c, key)!.ToString()!.ToLower()).Contains(e.EntityKey)
            : e => e.EntityType == type && db.Set<TChild>()
                .Where(c => db.Set<TParent>().Any(p => EF.Property<TRef>(p, parentKey)!.Equals(EF.Property<TRef>(c, foreignKey))))
                .Select(c => EF.Property<TKey>(c, key)!.ToString()!).Contains(e.EntityKey);
}
