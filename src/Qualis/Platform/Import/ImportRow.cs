namespace Qualis.Platform.Import;

/// <summary>
/// A column of an import kind: its key, its header in Chinese and English (either matches, as do the aliases),
/// whether the file must have it, and the entity properties it fills (so only columns present are written).
/// </summary>
public sealed record ImportColumn(string Key, string Chinese, string English, bool Required, string[] Properties, params string[] Aliases);

/// <summary>
/// One row by column key: a data row of a file, or the fields of a form (so a form and an import check a record
/// with the same code). Values are normalised: trimmed, full-width folded, blank as null.
/// </summary>
public sealed class ImportRow
{
    private readonly Func<string, string?> _raw;
    private readonly Func<int> _number;
    private readonly Func<string, bool> _has;

    private ImportRow(Func<int> number, Func<string, bool> has, Func<string, string?> raw) => (_number, _has, _raw) = (number, has, raw);

    public static ImportRow Over(ITabularReader reader, IReadOnlyDictionary<string, int> columns) =>
        new(() => reader.RowNumber, columns.ContainsKey, key => columns.TryGetValue(key, out var i) ? Unguard(reader.Get(i)) : null);

    /// <summary>
    /// Undoes the exports' formula guard (<see cref="Export.TableExport.Neutralise"/>): a cell of a file that reads
    /// "'=…", "'+…", "'-…" or "'@…" is the guarded text, so an exported list imports back as it was stored. No name,
    /// code or date begins with an apostrophe before one of those characters.
    /// </summary>
    public static string? Unguard(string? cell) =>
        cell is { Length: >= 2 } && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;

    public static ImportRow Of(IReadOnlyDictionary<string, string?> values) =>
        new(() => 0, values.ContainsKey, key => values.GetValueOrDefault(key));

    public int Number => _number();

    public bool Has(string key) => _has(key);

    /// <summary>The cell's text, or null when the column is absent or the cell is blank.</summary>
    public string? this[string key] => CellText.Normalise(_raw(key));

    /// <summary>The cell as free text (names, addresses): trimmed, Chinese punctuation kept as written.</summary>
    public string? Text(string key) => CellText.NormaliseText(_raw(key));

    /// <summary>The cell exactly as given, for problem reports.</summary>
    public string? Raw(string key) => _raw(key);
}
