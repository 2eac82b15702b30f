namespace Qualis.Platform.Import;

/// <summary>A problem in one cell (or the whole row when Column is empty), as a text key with arguments.</summary>
public sealed record RowProblem(string Column, string? Value, string ReasonKey, params object[] Args);

/// <summary>A row that parsed: its row number in the file, its key (for duplicates and upserts) and the record.</summary>
public sealed record ImportRecord(int Row, string Key, object Value);

/// <summary>What the stored data says about a batch: new, changed and unchanged records.</summary>
public record struct BatchCounts(int New, int Changed, int Unchanged)
{
    public static BatchCounts operator +(BatchCounts a, BatchCounts b) => new(a.New + b.New, a.Changed + b.Changed, a.Unchanged + b.Unchanged);
}

/// <summary>One kind of record officials can import and export (enterprises, parks, inspectors …).</summary>
public interface IImportKind
{
    /// <summary>The kind's name in URLs and the import history, e.g. "enterprises".</summary>
    string Kind { get; }
    string TitleKey { get; }
    IReadOnlyList<ImportColumn> Columns { get; }
    /// <summary>
    /// The columns the kind's own export adds beside a coded one (the region's name beside its code, the industry's beside
    /// its code): the import knows their headers and reads nothing from them (the code decides), so an exported file goes
    /// back in without an "unknown column" note. Templates leave them out.
    /// </summary>
    IReadOnlyList<ImportColumn> NameColumns => [];
    /// <summary>Reference catalogues (regions, industries, product categories) are kept by administrators only.</summary>
    bool AdministratorsOnly => false;
    /// <summary>The roles that may import the kind when not every official may (a module's registers: those who keep them); null for all officials.</summary>
    IReadOnlyCollection<string>? Roles => null;

    /// <summary>Whether a user in <paramref name="isInRole"/>'s roles may import the kind: administrators always may.</summary>
    bool MayImport(Func<string, bool> isInRole) =>
        isInRole(Accounts.Roles.Administrator) || (!AdministratorsOnly && (Roles is not { } roles || roles.Any(isInRole)));
    /// <summary>Prepares a session for one file: loads the look-ups its rows are checked against.</summary>
    Task<IImportSession> OpenAsync(QualisDb db, IReadOnlySet<string> presentColumns, CancellationToken ct);

    /// <summary>The template's sample row, by column key (values as a file would hold them).</summary>
    IReadOnlyDictionary<string, string> Sample => new Dictionary<string, string>();

    /// <summary>
    /// The values a coded column accepts, by column key, for the template's drop-down lists; a list that is not
    /// <see cref="ImportChoices.Strict"/> names the usual values but lets others (other accepted forms) through.
    /// </summary>
    Task<IReadOnlyDictionary<string, ImportChoices>> ChoicesAsync(QualisDb db, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, ImportChoices>>(new Dictionary<string, ImportChoices>());
}

public interface IImportSession
{
    /// <summary>
    /// Parses and checks one row and adds its problems. Returns the record whenever its key could be read, even when
    /// the row has problems (so a duplicate key is reported beside them); a row is imported only with no problem.
    /// </summary>
    ImportRecord? Parse(ImportRow row, List<RowProblem> problems);

    /// <summary>Compares a batch with the stored records and, when <paramref name="write"/> is set, stores it.</summary>
    Task<BatchCounts> ApplyAsync(IReadOnlyList<ImportRecord> batch, bool write, Action<int, RowProblem> problem, CancellationToken ct);

    /// <summary>Where the session's time went, for the log (e.g. "lookup 3.1 s, insert 40.2 s, audit 20.5 s").</summary>
    string Timings => "";
}

/// <summary>
/// Upsert by key through EF, so every insert and change is audited with its before and after values and checked
/// against the importer's area. Only the columns present in the file are written: a file without the brands column
/// leaves existing brands alone.
/// </summary>
public sealed class EntityImportSession<T>(QualisDb db, string keyProperty, string keyColumn, IReadOnlySet<string> presentProperties,
    Func<ImportRow, List<RowProblem>, T?> parse, Func<T, string> keyOf,
    Func<QualisDb, IReadOnlyCollection<T>, CancellationToken, Task>? insert = null) : IImportSession where T : class
{
    /// <summary>How new records are written: <see cref="BulkInsert"/>, or a kind's own wrapper around it (see NameSearch).</summary>
    private readonly Func<QualisDb, IReadOnlyCollection<T>, CancellationToken, Task> _insert = insert ?? BulkInsert.InsertAsync;

    public ImportRecord? Parse(ImportRow row, List<RowProblem> problems)
    {
        var value = parse(row, problems);
        return value is null ? null : new ImportRecord(row.Number, keyOf(value), value);
    }

    private const string UpdatedAt = "UpdatedAt";

    private readonly System.Diagnostics.Stopwatch _lookupTime = new(), _insertTime = new(), _auditTime = new(), _updateTime = new();

    public string Timings => FormattableString.Invariant(
        $"lookup {_lookupTime.Elapsed.TotalSeconds:F1} s, insert {_insertTime.Elapsed.TotalSeconds:F1} s, audit {_auditTime.Elapsed.TotalSeconds:F1} s, update {_updateTime.Elapsed.TotalSeconds:F1} s");

    public async Task<BatchCounts> ApplyAsync(IReadOnlyList<ImportRecord> batch, bool write, Action<int, RowProblem> problem, CancellationToken ct)
    {
        _lookupTime.Start();
        var keys = batch.Select(r => r.Key).ToList();
        // Look past the area filter: a key that exists in another area must be reported, not inserted twice.
        var existing = await db.Set<T>().OutsideArea(AreaReason.UniquenessCheck)
            .Where(e => keys.Contains(EF.Property<string>(e, keyProperty)))
            .ToDictionaryAsync(keyOf, ct);
        var type = db.Model.FindEntityType(typeof(T))!;
        var counts = new BatchCounts();
        var fresh = new List<T>();
        var updates = new List<(T Stored, T Incoming)>();
        foreach (var record in batch)
        {
            var incoming = (T)record.Value;
            if (!existing.TryGetValue(record.Key, out var stored)) fresh.Add(incoming);
            else if (stored is IRegionScoped scoped && !db.Actor.CanReach(scoped.RegionPath))
                problem(record.Row, new RowProblem(keyColumn, record.Key, "import.outside_area", record.Key));
            else updates.Add((stored, incoming));
        }
        counts.New = fresh.Count;
        _lookupTime.Stop();

        var own = write && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            // New records go in at the database's loading speed, each with its audit entry; changes go through the
            // change tracker, which records what each one was before.
            if (write)
            {
                _insertTime.Start();
                await _insert(db, fresh, ct);
                _insertTime.Stop();
                _auditTime.Start();
                await db.AppendAuditAsync(fresh, ct);
                _auditTime.Stop();
            }
            _updateTime.Start();
            foreach (var (stored, incoming) in updates)
            {
                var entry = db.Entry(stored);
                foreach (var name in presentProperties)
                    if (name != UpdatedAt) entry.Property(name).CurrentValue = type.FindProperty(name)!.PropertyInfo!.GetValue(incoming);
                if (entry.Properties.Any(p => p.IsModified))
                {
                    counts.Changed++;
                    // The time of change moves only with a change: a row that matches what is stored writes nothing.
                    if (presentProperties.Contains(UpdatedAt)) entry.Property(UpdatedAt).CurrentValue = type.FindProperty(UpdatedAt)!.PropertyInfo!.GetValue(incoming);
                }
                else counts.Unchanged++;
            }
            if (write) await db.SaveChangesAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
            _updateTime.Stop();
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
            db.ChangeTracker.Clear();
        }
        return counts;
    }
}

/// <summary>The values a coded column takes, for a template's drop-down list.</summary>
public sealed record ImportChoices(IReadOnlyList<string> Values, bool Strict = true);
