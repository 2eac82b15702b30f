using Qualis.Platform.Import;

namespace Qualis.Features.Improvement;

/// <summary>One data row of a small uploaded table: its number as a spreadsheet shows it, and its cells by column key.</summary>
public sealed record SmallTableRow(int Row, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string key] => Cells.GetValueOrDefault(key)?.Trim() is { Length: > 0 } s ? s : null;
}

/// <summary>
/// Reads a small XLSX or CSV upload (a directory of experts, a comparison's values) through the platform's tabular
/// readers, all at once: the columns are found by their header in either language, a missing one is reported by its
/// name, and the rows come back with their numbers so every bad cell can be reported as "row N, field F". Files beyond
/// <see cref="MaxRows"/> rows belong in the background import.
/// </summary>
public static class SmallTable
{
    public const int MaxRows = 2000;
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The rows, or the text key and arguments of why the file cannot be read.</summary>
    public static async Task<(List<SmallTableRow>? Rows, string? ProblemKey, object[] Args)> ReadAsync(IFormFile? file,
        IReadOnlyDictionary<string, string[]> columns, IReadOnlyCollection<string> required, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return (null, "improvement.error.file_required", []);
        if (file.Length > MaxBytes) return (null, "improvement.error.file_too_large", [MaxBytes / (1024 * 1024)]);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        try
        {
            using var reader = TabularFile.Open(buffer, file.FileName, new TabularLimits { MaxBytes = MaxBytes, MaxXlsxPartBytes = 50L * 1024 * 1024 });
            var index = new Dictionary<string, int>();
            for (var i = 0; i < reader.Headers.Count; i++)
            {
                var header = reader.Headers[i].Trim();
                foreach (var (key, names) in columns)
                    if (names.Any(n => string.Equals(n, header, StringComparison.OrdinalIgnoreCase))) index.TryAdd(key, i);
            }
            if (required.FirstOrDefault(r => !index.ContainsKey(r)) is { } missing) return (null, "improvement.error.column_missing", [columns[missing][0]]);
            var rows = new List<SmallTableRow>();
            while (reader.Read())
            {
                if (reader.IsBlankRow) continue;
                if (rows.Count == MaxRows) return (null, "improvement.error.too_many_rows", [MaxRows]);
                // The platform's own exports guard formula-like text ('=…); the guard comes off here as in the background import.
                rows.Add(new(reader.RowNumber, index.ToDictionary(c => c.Key, c => ImportRow.Unguard(reader.Get(c.Value)))));
            }
            return rows.Count == 0 ? (null, "improvement.error.file_empty_rows", []) : (rows, null, []);
        }
        catch (TabularFileException e)
        {
            return (null, e.Key, e.Args);
        }
    }
}
