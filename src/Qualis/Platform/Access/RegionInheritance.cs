using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Qualis.Platform.Audit;

namespace Qualis.Platform.Access;

/// <summary>
/// Which region a record without a RegionPath of its own belongs to, declared beside its EF configuration. Every
/// audited kind of record is either <see cref="IRegionScoped"/>, a child that inherits its parent's region
/// (<see cref="InheritsRegionOf{TParent}"/>), or a shared catalogue (<see cref="IsSharedCatalogue(EntityTypeBuilder)"/>): the
/// model refuses to build otherwise (<see cref="Check"/>), so its audit entries always reach the officials they concern.
/// </summary>
public static class RegionInheritance
{
    private const string ParentAnnotation = "Qualis:RegionParent";
    private const string CatalogueAnnotation = "Qualis:SharedCatalogue";

    /// <summary>The root path: a shared catalogue's entries are filed under it (entries of children written before
    /// their region was inherited are found there too, see <see cref="AuditVisibility"/>).</summary>
    public const string Root = "/";

    /// <summary>A child row (a spot check's failed item): it belongs to the region of the parent its foreign key names.</summary>
    public sealed record Parent(Type Type, string ForeignKey);

    public static EntityTypeBuilder InheritsRegionOf<TParent>(this EntityTypeBuilder b, string foreignKey) where TParent : class, IRegionScoped =>
        b.HasAnnotation(ParentAnnotation, new Parent(typeof(TParent), foreignKey));

    /// <summary>
    /// Reference data kept once for the whole installation (industries, product categories, the inspection-item list):
    /// it belongs to no area, every official reads it and every draw uses it, so every official may read its history.
    /// </summary>
    public static EntityTypeBuilder IsSharedCatalogue(this EntityTypeBuilder b) => b.HasAnnotation(CatalogueAnnotation, true);

    public static Parent? ParentOf(IReadOnlyEntityType type) => type.FindAnnotation(ParentAnnotation)?.Value as Parent;

    public static bool IsSharedCatalogue(IReadOnlyEntityType type) => type.FindAnnotation(CatalogueAnnotation) is not null;

    public static bool IsAudited(IReadOnlyEntityType type) =>
        !typeof(INotAudited).IsAssignableFrom(type.ClrType) && type.FindAnnotation(NotAuditedAnnotation) is null;

    private const string NotAuditedAnnotation = "Qualis:NotAudited";

    /// <summary>A kind of record from a library, which cannot carry <see cref="INotAudited"/>, kept out of the trail.</summary>
    public static EntityTypeBuilder IsNotAudited(this EntityTypeBuilder b) => b.HasAnnotation(NotAuditedAnnotation, true);

    /// <summary>Runs <see cref="Check"/> on the finished model (types met along the way and dropped later do not count).</summary>
    public sealed class CheckConvention : IModelFinalizingConvention
    {
        public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context) =>
            Check(modelBuilder.Metadata);
    }

    /// <summary>Refuses a model with an audited kind of record whose region is not known.</summary>
    public static void Check(IReadOnlyModel model)
    {
        foreach (var type in model.GetEntityTypes().Where(IsAudited))
        {
            var scoped = typeof(IRegionScoped).IsAssignableFrom(type.ClrType);
            var parent = ParentOf(type);
            var ways = (scoped ? 1 : 0) + (parent is null ? 0 : 1) + (IsSharedCatalogue(type) ? 1 : 0);
            if (ways != 1)
                throw new InvalidOperationException(
                    $"{type.ClrType.Name} is audited: it must carry a region (IRegionScoped), inherit its parent's (InheritsRegionOf) or be a shared catalogue (IsSharedCatalogue), exactly one of them.");
            if (parent is not null && (type.FindProperty(parent.ForeignKey) is null || model.FindEntityType(parent.Type)?.FindPrimaryKey()?.Properties is not { Count: 1 }))
                throw new InvalidOperationException($"{type.ClrType.Name} inherits the region of {parent.Type.Name} through {parent.ForeignKey}, which the model does not have.");
        }
    }
}
