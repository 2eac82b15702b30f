using System.Linq.Expressions;
using Qualis.Features.Shared;
using Qualis.Platform.Import;

namespace Qualis.Features.Registry.Directories;

/// <summary>
/// A registry directory (名录): a kind of record with a searchable list, an export in the import's own columns
/// (so an exported file can be corrected and imported again) and an import that upserts by its key.
/// </summary>
public interface IDirectory : IImportKind
{
    bool HasRegion { get; }
    Task<ListPage<object?[]>> PageAsync(QualisDb db, string? search, string? regionCode, ListRequest request, CancellationToken ct = default);
    /// <summary>The export's columns: the import's, with the region's name beside its code where the kind has a region.</summary>
    IReadOnlyList<ImportColumn> ExportColumns { get; }
    /// <summary>The export's rows, in <see cref="ExportColumns"/>' order, region names in the reader's language.</summary>
    IAsyncEnumerable<object?[]> ExportAsync(QualisDb db, string? search, string? regionCode, bool english);
}

/// <summary>The shared mechanics: filter, page and export through one row projection; upsert through EF (audited).</summary>
public abstract class Directory<T> : IDirectory where T : class
{
    public abstract string Kind { get; }
    public abstract string TitleKey { get; }
    public abstract IReadOnlyList<ImportColumn> Columns { get; }
    public virtual bool AdministratorsOnly => false;
    public virtual IReadOnlyDictionary<string, string> Sample { get; } = new Dictionary<string, string>();
    public virtual Task<IReadOnlyDictionary<string, ImportChoices>> ChoicesAsync(QualisDb db, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, ImportChoices>>(new Dictionary<string, ImportChoices>());
    public bool HasRegion => typeof(IRegionScoped).IsAssignableFrom(typeof(T));

    /// <summary>The key property (unique) that the import upserts by, and the column it comes from.</summary>
    protected abstract string KeyProperty { get; }
    protected abstract Func<T, string> KeyOf { get; }
    /// <summary>One list/export row, in the order of <see cref="Columns"/>.</summary>
    protected abstract Expression<Func<T, object?[]>> Row { get; }
    protected abstract IQueryable<T> Search(IQueryable<T> query, string search);
    /// <summary>The list's order, ending in a unique column.</summary>
    protected abstract ListSort<T> Order { get; }
    /// <summary>Loads what rows are checked against and returns the row parser for one file.</summary>
    protected abstract Task<Func<ImportRow, List<RowProblem>, T?>> ParserAsync(QualisDb db, CancellationToken ct);

    private async Task<IQueryable<T>> FilterAsync(QualisDb db, string? search, string? regionCode)
    {
        var q = db.Set<T>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search)) q = Search(q, search.Trim());
        if (HasRegion && !string.IsNullOrEmpty(regionCode))
        {
            var path = await db.Set<Region>().Where(r => r.Code == regionCode).Select(r => r.RegionPath).SingleOrDefaultAsync() ?? "/none/";
            var end = path + RegionRange.End; // a range, served by the RegionPath index (see RegionRange)
            q = q.Where(e => string.Compare(EF.Property<string>(e, nameof(IRegionScoped.RegionPath)), path) >= 0
                             && string.Compare(EF.Property<string>(e, nameof(IRegionScoped.RegionPath)), end) < 0);
        }
        return q;
    }

    public async Task<ListPage<object?[]>> PageAsync(QualisDb db, string? search, string? regionCode, ListRequest request, CancellationToken ct = default) =>
        await (await FilterAsync(db, search, regionCode)).PageAsync(request, [Order], o => o.Select(Row), ct: ct);

    public IReadOnlyList<ImportColumn> NameColumns => RegionAt >= 0 ? [RegionLookup.NameColumn] : [];

    public IReadOnlyList<ImportColumn> ExportColumns => RegionAt >= 0 ? [.. Columns.Take(RegionAt + 1), RegionLookup.NameColumn, .. Columns.Skip(RegionAt + 1)] : Columns;

    /// <summary>Where the kind's region column is (parks, inspectors, agencies), or -1 (the region catalogue itself).</summary>
    private int RegionAt => Columns.ToList().FindIndex(c => c.Key == "region");

    public async IAsyncEnumerable<object?[]> ExportAsync(QualisDb db, string? search, string? regionCode, bool english)
    {
        var q = Order.Apply(await FilterAsync(db, search, regionCode));
        var names = RegionAt >= 0 ? await RegionCatalog.AllNamesAsync(db, english) : null;
        var at = RegionAt;
        await foreach (var row in q.Select(Row).AsAsyncEnumerable())
            yield return names is null ? row : [.. row.Take(at + 1), row[at] is string code ? names.GetValueOrDefault(code) : null, .. row.Skip(at + 1)];
    }

    public async Task<IImportSession> OpenAsync(QualisDb db, IReadOnlySet<string> presentColumns, CancellationToken ct)
    {
        var properties = Columns.Where(c => presentColumns.Contains(c.Key)).SelectMany(c => c.Properties).ToHashSet();
        return new EntityImportSession<T>(db, KeyProperty, Columns[0].Key, properties, await ParserAsync(db, ct), KeyOf);
    }

    protected static ImportColumn Column(string key, string zh, string en, bool required, string[] properties, params string[] aliases) =>
        new(key, zh, en, required, properties, aliases);

    /// <summary>A required text cell; reports it when empty.</summary>
    protected static string Required(ImportRow row, string key, List<RowProblem> problems, string label)
    {
        var v = row.Text(key);
        if (v is null) problems.Add(new RowProblem(key, null, "import.required", label));
        return v ?? "";
    }

    /// <summary>A region of the importer's area, by code or name; sets the path.</summary>
    protected static (string Code, string Path) RegionOf(ImportRow row, List<RowProblem> problems, RegionLookup regions)
    {
        var text = row["region"];
        if (text is null) { problems.Add(new RowProblem("region", null, "import.required", "行政区划代码 / Region code")); return ("", ""); }
        return regions.Resolve(text, "region", problems) ?? ("", "");
    }

    protected static ImportColumn RegionColumn(params string[] properties) =>
        Column("region", "行政区划代码", "Region code", true, properties, "区划代码", "所属区域", "Region");
}
