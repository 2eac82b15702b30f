using System.Reflection;
using System.Text;

namespace Qualis.Platform.Import;

/// <summary>
/// Reads a small CSV catalogue shipped inside an assembly (industries, product categories): UTF-8, one record per
/// line, quoted fields where a value holds a comma (English names do), and lines starting with '#' as comments so
/// a catalogue can say where its figures come from. Uploaded files go through <see cref="TabularFile"/> instead;
/// this is for data we write ourselves, so a malformed line is a bug and throws.
/// </summary>
public static class EmbeddedCsv
{
    /// <summary>The records of the resource as header → value (blank cells as ""), in file order.</summary>
    /// <param name="resourceName">The manifest resource name, e.g. "Qualis.Platform.Regions.regions.csv".</param>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string[]? headers = null;
        var rows = new List<IReadOnlyDictionary<string, string>>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.AsSpan().TrimStart().StartsWith("#") || string.IsNullOrWhiteSpace(line)) continue;
            var fields = Split(line, resourceName, lineNumber);
            if (headers is null)
            {
                headers = fields;
                continue;
            }
            if (fields.Length != headers.Length)
                throw new InvalidOperationException($"{resourceName} line {lineNumber}: {fields.Length} fields where the header has {headers.Length}.");
            var row = new Dictionary<string, string>(headers.Length, StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++) row[headers[i]] = fields[i];
            rows.Add(row);
        }
        return rows;
    }

    private static string[] Split(string line, string resourceName, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw new InvalidOperationException($"{resourceName} line {lineNumber}: a quoted field is not closed.");
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
