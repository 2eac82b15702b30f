using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Qualis.Platform.Export;

/// <summary>
/// Writes an XLSX workbook of one sheet straight into a zip, row by row. The small fixed parts (workbook, styles)
/// are Open XML SDK elements; the package around them and the sheet are written directly, because the SDK's own
/// package keeps every part in memory until it is saved (633 MB for 200,000 rows of 15 cells, measured) and its
/// OpenXmlWriter was six times slower than an XmlWriter on the same sheet. Strings are inline (no shared-string
/// table to hold in memory), numbers are numbers, dates are date-formatted serials, and the header row is bold and
/// frozen.
/// </summary>
internal static class XlsxTableWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string DocumentRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // Cell styles, indexes into cellXfs below.
    private const string DateStyle = "1";
    private const string DateTimeStyle = "2";
    private const string HeaderStyle = "3";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        NewLineHandling = NewLineHandling.Entitize, // a CR in a cell survives as &#xD;
        CloseOutput = false,
    };

    public static Task WriteAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows, CancellationToken ct, string sheetName = "Sheet1") =>
        WriteAsync(output, [new XlsxSheet(sheetName, headers, rows)], ct);

    /// <summary>Writes a workbook of the given sheets, in order; the first is the one that opens.</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<XlsxSheet> sheets, CancellationToken ct)
    {
        var names = SheetNames(sheets.Select(s => s.Name));
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        WritePart(zip, "[Content_Types].xml", x =>
        {
            x.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            Default(x, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(x, "xml", "application/xml");
            Override(x, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            for (var i = 1; i <= sheets.Count; i++)
                Override(x, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            Override(x, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            x.WriteEndElement();
        });
        WritePart(zip, "_rels/.rels", x => Relationships(x, ("rId1", "officeDocument", "xl/workbook.xml")));
        WritePart(zip, "xl/_rels/workbook.xml.rels", x => Relationships(x,
            [.. Enumerable.Range(1, sheets.Count).Select(i => ($"rId{i}", "worksheet", $"worksheets/sheet{i}.xml")), ($"rId{sheets.Count + 1}", "styles", "styles.xml")]));
        WritePart(zip, "xl/workbook.xml", x => new Workbook(new Sheets(
            names.Select((name, i) => new Sheet { Name = name, SheetId = (uint)(i + 1), Id = $"rId{i + 1}" }))).WriteTo(x));
        WritePart(zip, "xl/styles.xml", x => Styles().WriteTo(x));
        for (var i = 0; i < sheets.Count; i++)
            await WriteSheetAsync(zip, i + 1, sheets[i], names, ct);
    }

    /// <summary>
    /// Sheet names Excel accepts: at most 31 characters, none of []:*?/\, not blank, unique regardless of case.
    /// </summary>
    internal static List<string> SheetNames(IEnumerable<string> wanted)
    {
        var names = new List<string>();
        foreach (var w in wanted)
        {
            var name = new string(w.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '_' : c).ToArray()).Trim('\'', ' ');
            if (name.Length == 0) name = "Sheet";
            if (name.Length > 31) name = name[..31];
            var unique = name;
            for (var n = 2; names.Contains(unique, StringComparer.OrdinalIgnoreCase); n++)
                unique = (name.Length > 28 ? name[..28] : name) + "_" + n.ToString(CultureInfo.InvariantCulture);
            names.Add(unique);
        }
        return names;
    }

    private static async Task WriteSheetAsync(ZipArchive zip, int number, XlsxSheet sheet, List<string> names, CancellationToken ct)
    {
        var headers = sheet.Headers;
        await using var sheetStream = zip.CreateEntry($"xl/worksheets/sheet{number}.xml", CompressionLevel.Fastest).Open();
        using var x = XmlWriter.Create(sheetStream, Settings);
        x.WriteStartDocument(true);
        x.WriteStartElement("worksheet", Main);
        // Freeze the header row so it stays in view while scrolling.
        x.WriteStartElement("sheetViews", Main);
        x.WriteStartElement("sheetView", Main);
        if (number == 1) x.WriteAttributeString("tabSelected", "1");
        x.WriteAttributeString("workbookViewId", "0");
        x.WriteStartElement("pane", Main);
        x.WriteAttributeString("ySplit", "1");
        x.WriteAttributeString("topLeftCell", "A2");
        x.WriteAttributeString("activePane", "bottomLeft");
        x.WriteAttributeString("state", "frozen");
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
        // The first rows are read before the sheet's columns are written, so each column can be as wide as they need.
        await using var rows = sheet.Rows.GetAsyncEnumerator(ct);
        var first = new List<object?[]>(WidthSampleRows);
        var more = true;
        while (first.Count < WidthSampleRows && (more = await rows.MoveNextAsync())) first.Add(rows.Current);
        if (headers.Count > 0)
        {
            // Each column as wide as its header and its first rows need (a CJK character counts two), within 8 and 60.
            x.WriteStartElement("cols", Main);
            for (var i = 0; i < headers.Count; i++)
            {
                var width = sheet.Widths is { } widths && i < widths.Count ? widths[i] : FittingWidth(headers[i], first, i);
                x.WriteStartElement("col", Main);
                x.WriteAttributeString("min", (i + 1).ToString(CultureInfo.InvariantCulture));
                x.WriteAttributeString("max", (i + 1).ToString(CultureInfo.InvariantCulture));
                x.WriteAttributeString("width", width.ToString(CultureInfo.InvariantCulture));
                x.WriteAttributeString("customWidth", "1");
                x.WriteEndElement();
            }
            x.WriteEndElement();
        }
        x.WriteStartElement("sheetData", Main);

        var columns = new ColumnNames();
        var rowNumber = 1;
        WriteRow(x, columns, rowNumber, headers.Cast<object?>().ToArray(), HeaderStyle);
        foreach (var row in first) WriteRow(x, columns, ++rowNumber, row, null);
        while (more && await rows.MoveNextAsync()) WriteRow(x, columns, ++rowNumber, rows.Current, null);

        x.WriteEndElement(); // sheetData
        if (headers.Count > 0 && sheet.Filter)
        {
            // Filter buttons on the header row, over every row written.
            x.WriteStartElement("autoFilter", Main);
            x.WriteAttributeString("ref", $"A1:{columns[headers.Count - 1]}{Math.Max(rowNumber, 2).ToString(CultureInfo.InvariantCulture)}");
            x.WriteEndElement();
        }
        if (sheet.Lists.Count > 0)
        {
            // Drop-down lists: each column's choices are a column of another sheet; a value not in it is refused.
            x.WriteStartElement("dataValidations", Main);
            x.WriteAttributeString("count", sheet.Lists.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var list in sheet.Lists)
            {
                var source = names[list.SourceSheet];
                var column = columns[list.SourceColumn];
                x.WriteStartElement("dataValidation", Main);
                x.WriteAttributeString("type", "list");
                // A strict list refuses other values; an open one (industries, which may also be given as C39) only informs.
                if (!list.Strict) x.WriteAttributeString("errorStyle", "information");
                x.WriteAttributeString("allowBlank", "1");
                x.WriteAttributeString("showErrorMessage", "1");
                x.WriteAttributeString("sqref", $"{columns[list.Column]}2:{columns[list.Column]}{ListRows.ToString(CultureInfo.InvariantCulture)}");
                x.WriteElementString("formula1", Main, $"'{source.Replace("'", "''", StringComparison.Ordinal)}'!${column}$2:${column}${(list.Count + 1).ToString(CultureInfo.InvariantCulture)}");
                x.WriteEndElement();
            }
            x.WriteEndElement();
        }
        x.WriteEndElement(); // worksheet
        x.WriteEndDocument();
        x.Flush();
    }

    /// <summary>How far down a drop-down list applies: the rows an official fills in by hand.</summary>
    private const int ListRows = 10000;

    /// <summary>How many leading rows a column's width is fitted to (a list's rows are alike; the rest streams unread).</summary>
    private const int WidthSampleRows = 200;

    /// <summary>
    /// A column's width: its header's or its widest sampled cell's (as the cell will show: dates as yyyy-mm-dd, numbers
    /// as written), a little room for the filter button, within 8 and 60 (longer text wraps in the cell's tooltip anyway).
    /// </summary>
    private static int FittingWidth(string header, List<object?[]> rows, int column)
    {
        var widest = DisplayWidth(header) + 3; // the filter button covers the header's last characters
        foreach (var row in rows)
            if (column < row.Length && row[column] is { } value)
                widest = Math.Max(widest, value switch
                {
                    string text => DisplayWidth(TableExport.Neutralise(text)),
                    DateOnly => 10,
                    DateTime time => time.TimeOfDay == TimeSpan.Zero ? 10 : 19,
                    DateTimeOffset => 19,
                    _ => DisplayWidth(TableExport.CsvText(value)),
                });
        return Math.Clamp(widest + 2, 8, 60);
    }

    /// <summary>Width in Excel's character units: East Asian wide characters take two, a character beyond the BMP (𠮷) one pair.</summary>
    internal static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var c in text)
            width += char.IsLowSurrogate(c) ? 0 : char.IsHighSurrogate(c) || c >= '\u1100' ? 2 : 1;
        return width;
    }

    private static void WriteRow(XmlWriter x, ColumnNames columns, int rowNumber, object?[] values, string? style)
    {
        var r = rowNumber.ToString(CultureInfo.InvariantCulture);
        x.WriteStartElement("row", Main);
        x.WriteAttributeString("r", r);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not { } value) continue;
            x.WriteStartElement("c", Main);
            x.WriteAttributeString("r", columns[i] + r);
            WriteValue(x, value, style);
            x.WriteEndElement();
        }
        x.WriteEndElement();
    }

    private static void WriteValue(XmlWriter x, object value, string? style)
    {
        switch (value)
        {
            case string s:
                Text(x, s, style);
                return;
            case bool b:
                x.WriteAttributeString("t", "b");
                Number(x, b ? "1" : "0", style);
                return;
            case int or short or byte or sbyte or ushort or uint:
                Number(x, ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), style);
                return;
            case long or ulong:
                // Excel keeps 15 significant digits; a longer whole number (an identifier) is kept as text.
                var whole = ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
                if (whole.TrimStart('-').Length > 15) Text(x, whole, style);
                else Number(x, whole, style);
                return;
            case decimal d:
                Number(x, d.ToString("0.############################", CultureInfo.InvariantCulture), style);
                return;
            case double or float:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(real)) Number(x, real.ToString("R", CultureInfo.InvariantCulture), style);
                else Text(x, real.ToString(CultureInfo.InvariantCulture), style);
                return;
            case DateOnly date when date >= new DateOnly(1900, 3, 1):
                Number(x, Import.DateParser.ToExcelSerial(date).ToString(CultureInfo.InvariantCulture), style ?? DateStyle);
                return;
            case DateTime time when time >= new DateTime(1900, 3, 1):
                var days = Import.DateParser.ToExcelSerial(DateOnly.FromDateTime(time)) + time.TimeOfDay.TotalDays;
                Number(x, days.ToString("R", CultureInfo.InvariantCulture), style ?? (time.TimeOfDay == TimeSpan.Zero ? DateStyle : DateTimeStyle));
                return;
            case DateTimeOffset offset:
                WriteValue(x, offset.DateTime, style);
                return;
            default:
                Text(x, TableExport.CsvText(value), style); // dates before 1900, enums, anything else: as text
                return;
        }
    }

    private static void Number(XmlWriter x, string number, string? style)
    {
        if (style is not null) x.WriteAttributeString("s", style);
        x.WriteStartElement("v", Main);
        x.WriteString(number);
        x.WriteEndElement();
    }

    private static void Text(XmlWriter x, string text, string? style)
    {
        text = XmlSafe(TableExport.Neutralise(text));
        x.WriteAttributeString("t", "inlineStr");
        if (style is not null) x.WriteAttributeString("s", style);
        x.WriteStartElement("is", Main);
        x.WriteStartElement("t", Main);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
            x.WriteAttributeString("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");
        x.WriteString(text);
        x.WriteEndElement();
        x.WriteEndElement();
    }

    /// <summary>
    /// Text XML can carry, in Excel's own escape: control characters become _xHHHH_ (Excel shows them as they
    /// were), a literal "_xHHHH_" gets its underscore escaped so it is not read as one, and a lone surrogate, which
    /// no encoding can write, becomes U+FFFD.
    /// </summary>
    internal static string XmlSafe(string text)
    {
        var i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (c == '_' && LooksEscaped(text, i))) break;
        }
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); continue; }
            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF') { sb.Append('\uFFFD'); continue; }
            if (c < 0x20 && c is not ('\t' or '\n' or '\r')) { sb.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_'); continue; }
            if (c == '_' && LooksEscaped(text, i)) { sb.Append("_x005F_"); continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool LooksEscaped(string text, int i) =>
        i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_' && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, null, out _);

    private static Stylesheet Styles()
    {
        static Font Font(bool bold)
        {
            var font = new Font();
            if (bold) font.Append(new Bold());
            font.Append(new FontSize { Val = 11 }, new FontName { Val = "等线" }, new FontFamilyNumbering { Val = 2 }, new FontCharSet { Val = 134 });
            return font;
        }
        static CellFormat Format(uint numberFormat, uint font)
        {
            var format = new CellFormat { NumberFormatId = numberFormat, FontId = font, FillId = 0, BorderId = 0, FormatId = 0 };
            if (numberFormat != 0) format.ApplyNumberFormat = true;
            if (font != 0) format.ApplyFont = true;
            return format;
        }
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 2 },
            new Fonts(Font(false), Font(true)) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(Format(0, 0), Format(164, 0), Format(165, 0), Format(0, 1)) { Count = 4 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    private static void WritePart(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var x = XmlWriter.Create(stream, Settings);
        x.WriteStartDocument(true);
        write(x);
        x.WriteEndDocument();
    }

    private static void Default(XmlWriter x, string extension, string contentType)
    {
        x.WriteStartElement("Default", "http://schemas.openxmlformats.org/package/2006/content-types");
        x.WriteAttributeString("Extension", extension);
        x.WriteAttributeString("ContentType", contentType);
        x.WriteEndElement();
    }

    private static void Override(XmlWriter x, string part, string contentType)
    {
        x.WriteStartElement("Override", "http://schemas.openxmlformats.org/package/2006/content-types");
        x.WriteAttributeString("PartName", part);
        x.WriteAttributeString("ContentType", contentType);
        x.WriteEndElement();
    }

    private static void Relationships(XmlWriter x, params (string Id, string Type, string Target)[] relationships)
    {
        x.WriteStartElement("Relationships", PackageRelationships);
        foreach (var (id, type, target) in relationships)
        {
            x.WriteStartElement("Relationship", PackageRelationships);
            x.WriteAttributeString("Id", id);
            x.WriteAttributeString("Type", $"{DocumentRelationships}/{type}");
            x.WriteAttributeString("Target", target);
            x.WriteEndElement();
        }
        x.WriteEndElement();
    }

    /// <summary>Column letters (A, B, … Z, AA …) computed once per column.</summary>
    private sealed class ColumnNames
    {
        private readonly List<string> _names = [];

        public string this[int index]
        {
            get
            {
                while (_names.Count <= index)
                {
                    var n = _names.Count + 1;
                    var name = "";
                    while (n > 0) { n--; name = (char)('A' + n % 26) + name; n /= 26; }
                    _names.Add(name);
                }
                return _names[index];
            }
        }
    }
}

/// <summary>One sheet of a workbook: its name, header and rows; filter buttons on the header; drop-down lists.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IAsyncEnumerable<object?[]> Rows)
{
    public bool Filter { get; init; } = true;
    /// <summary>Column widths in character units, by column; computed from the headers when null.</summary>
    public IReadOnlyList<int>? Widths { get; init; }
    public IReadOnlyList<XlsxList> Lists { get; init; } = [];
}

/// <summary>A drop-down on <paramref name="Column"/> whose choices are rows 2… of a column of another sheet (indexes from 0).</summary>
public sealed record XlsxList(int Column, int SourceSheet, int SourceColumn, int Count, bool Strict = true);
