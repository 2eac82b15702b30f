using System.Text;

namespace Qualis.Platform.Export;

/// <summary>
/// Writes a table (a header row and rows of values) as CSV or XLSX, row by row as the rows arrive, so an export of
/// a whole directory never sits in memory. Values keep their kind where the format allows: numbers are numbers,
/// dates are dates, booleans booleans; everything else is text.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Writes CSV in UTF-8 with a byte-order mark: without it Excel opens UTF-8 as the system code page and Chinese
    /// turns to mojibake. Fields are quoted when they hold a comma, quote or line break (RFC 4180).
    /// </summary>
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        var line = new StringBuilder(512);
        AppendCsvLine(line, headers.Cast<object?>().ToArray());
        await writer.WriteAsync(line, ct);
        await foreach (var row in rows.WithCancellation(ct))
        {
            line.Clear();
            AppendCsvLine(line, row);
            await writer.WriteAsync(line, ct);
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>
    /// Writes an XLSX workbook with one sheet, named after what it holds (企业名录), with a frozen header and filter
    /// buttons; the stream must be seekable (the zip directory is written last).
    /// </summary>
    public static Task WriteXlsxAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows, CancellationToken ct = default, string sheetName = "Sheet1") =>
        XlsxTableWriter.WriteAsync(output, headers, rows, ct, sheetName);

    /// <summary>Writes an XLSX workbook of several sheets (a template: the sheet to fill in, its explanation, its lists).</summary>
    public static Task WriteXlsxAsync(Stream output, IReadOnlyList<XlsxSheet> sheets, CancellationToken ct = default) =>
        XlsxTableWriter.WriteAsync(output, sheets, ct);

    /// <summary>
    /// Makes text safe to open in a spreadsheet (OWASP, CSV injection): text starting with = + - @, a tab or a
    /// carriage return could run as a formula (=HYPERLINK(…), =cmd|…), so it gets a leading apostrophe and shows
    /// as the text it is.
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static void AppendCsvLine(StringBuilder line, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) line.Append(',');
            var value = values[i];
            if (value is null) continue;
            var text = CsvText(value);
            if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
            {
                line.Append(text);
                continue;
            }
            line.Append('"');
            foreach (var c in text)
            {
                if (c == '"') line.Append('"');
                line.Append(c);
            }
            line.Append('"');
        }
        line.Append("\r\n");
    }

    /// <summary>A value as CSV text: numbers and dates in invariant form (they re-import as they left), text neutralised.</summary>
    internal static string CsvText(object value) => value switch
    {
        string s => Neutralise(s),
        decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable and (int or long or short or byte or uint or ulong or ushort or sbyte) => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => Neutralise(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Neutralise(value.ToString() ?? ""),
    };
}
