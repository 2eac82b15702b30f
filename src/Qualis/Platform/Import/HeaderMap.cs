namespace Qualis.Platform.Import;

/// <summary>Which file column holds which import column, which required columns are missing and which headers are not known.</summary>
public sealed record HeaderMatch(IReadOnlyDictionary<string, int> Index, IReadOnlyList<ImportColumn> Missing, IReadOnlyList<string> Unknown);

/// <summary>
/// Matches a file's header row to an import kind's columns by Chinese header, English header or any alias, ignoring
/// case, surrounding and inner spaces, full-width forms (（万元） = (万元)), a byte-order mark and a required-column
/// star ("企业名称*"), because officials' templates differ in exactly these ways.
/// </summary>
public static class HeaderMap
{
    /// <param name="passedOver">Columns known but not read (an export's names beside codes, <see cref="IImportKind.NameColumns"/>).</param>
    public static HeaderMatch Match(IReadOnlyList<string> headers, IReadOnlyList<ImportColumn> columns, IReadOnlyList<ImportColumn>? passedOver = null)
    {
        var byName = new Dictionary<string, ImportColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
            foreach (var name in column.Aliases.Prepend(column.English).Prepend(column.Chinese))
                byName.TryAdd(Key(name), column);
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in passedOver ?? [])
            foreach (var name in column.Aliases.Prepend(column.English).Prepend(column.Chinese))
                if (!byName.ContainsKey(Key(name))) known.Add(Key(name));

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var key = Key(headers[i]);
            if (key.Length == 0) continue; // an unnamed column carries nothing we could place
            // A second column with the same meaning is listed as unknown rather than silently overriding the first.
            if (byName.TryGetValue(key, out var column) && index.TryAdd(column.Key, i)) continue;
            if (known.Contains(key)) continue;
            unknown.Add(CellText.Normalise(headers[i]) ?? headers[i]);
        }
        var missing = columns.Where(c => c.Required && !index.ContainsKey(c.Key)).ToList();
        return new HeaderMatch(index, missing, unknown);
    }

    /// <summary>The comparable form of a header: normalised, without spaces or stars.</summary>
    internal static string Key(string? header)
    {
        var text = CellText.Normalise(header);
        if (text is null) return "";
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var c in text)
            if (!CellText.IsSpace(c) && c != '*') buffer[n++] = c;
        return new string(buffer[..n]);
    }
}
