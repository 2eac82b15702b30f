namespace Qualis.Platform.Data;

/// <summary>
/// Model configuration that differs by database provider (an index that suits SQLite but not PostgreSQL, say). A
/// feature implements it beside its entity; <see cref="QualisDb"/> finds every implementation in the assembly, as it
/// finds the <see cref="IEntityTypeConfiguration{T}"/> classes, and runs it after them. The model is built once per
/// provider (EF keeps one model cache per provider's service provider), so this runs once per provider, not per request.
/// </summary>
public interface IProviderModelConfiguration
{
    void Configure(ModelBuilder model, bool isPostgres);

    /// <summary>Every implementation in the assembly, applied in name order so the model never depends on reflection order.</summary>
    internal static void ApplyAll(ModelBuilder model, bool isPostgres)
    {
        foreach (var type in typeof(IProviderModelConfiguration).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IProviderModelConfiguration).IsAssignableFrom(t))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
            ((IProviderModelConfiguration)Activator.CreateInstance(type, nonPublic: true)!).Configure(model, isPostgres);
    }
}
