namespace Qualis.Platform.Import;

/// <summary>
/// A table read row by row from an uploaded file (CSV or XLSX), never loaded whole: files reach hundreds of
/// megabytes and a million rows. The first non-blank row is the header row.
/// </summary>
public interface ITabularReader : IDisposable
{
    /// <summary>The header row's texts, as written in the file.</summary>
    IReadOnlyList<string> Headers { get; }

    /// <summary>How the file was read: "UTF-8", "UTF-8 BOM", "UTF-16LE", "GB18030" or "XLSX".</summary>
    string Encoding { get; }

    /// <summary>Moves to the next row after the header; false at the end of the file.</summary>
    /// <exception cref="TabularFileException">The file cannot be read further (bad bytes, unclosed quote, a limit).</exception>
    bool Read();

    /// <summary>The current row's number as a spreadsheet program shows it (the header row of a CSV is row 1).</summary>
    int RowNumber { get; }

    /// <summary>The current row's cell in a column (0-based), as written; null when the row has no such cell.</summary>
    string? Get(int column);

    /// <summary>True when every cell of the current row is empty or only spaces.</summary>
    bool IsBlankRow { get; }
}

/// <summary>Limits that keep a hostile or broken file from exhausting memory or time.</summary>
public sealed record TabularLimits
{
    /// <summary>Largest file accepted, in bytes.</summary>
    public long MaxBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Largest uncompressed size of any part of an XLSX file (a zip), in bytes. A million-row sheet's XML
    /// is around half a gigabyte, so the default leaves room for real files and stops zip bombs.</summary>
    public long MaxXlsxPartBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest ratio of uncompressed to compressed size of an XLSX part above 1 MB. Real sheets compress
    /// 5–30 times; zip bombs a thousand times and more.</summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Largest uncompressed shared-strings part of an XLSX file, in bytes: that table is held in memory
    /// while the sheet is read (compactly, about the same size again).</summary>
    public long MaxSharedStringsBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Most entries an XLSX zip may hold.</summary>
    public int MaxXlsxEntries { get; init; } = 10_000;

    /// <summary>Most rows read (Excel itself stops at 1,048,576; CSV files from databases can be longer).</summary>
    public int MaxRows { get; init; } = 5_000_000;

    /// <summary>Most columns in a row (Excel's own limit, XFD).</summary>
    public int MaxColumns { get; init; } = 16_384;

    /// <summary>Longest cell, in characters (Excel's own limit). Also bounds a CSV field whose quote never closes.</summary>
    public int MaxCellChars { get; init; } = 32_767;
}

/// <summary>
/// A file that cannot be read as a table, with the reason as a text key and arguments for the official's language,
/// an English message for the log, and the row where reading stopped when there is one.
/// </summary>
public sealed class TabularFileException(string key, object[] args, string message, int? row = null) : Exception(message)
{
    public string Key { get; } = key;
    public object[] Args { get; } = args;
    public int? Row { get; } = row;
}

/// <summary>Opens an uploaded file as a table, choosing the reader by the file's content first and its name second.</summary>
public static class TabularFile
{
    /// <summary>Opens <paramref name="content"/>, a seekable stream (uploads are stored in a file first); the reader
    /// reads it from its current position and does not dispose it.</summary>
    /// <exception cref="TabularFileException">The file is too large, is not a table, or its header row cannot be read.</exception>
    public static ITabularReader Open(Stream content, string fileName, TabularLimits limits)
    {
        if (content.CanSeek && content.Length - content.Position > limits.MaxBytes) throw TooLarge(limits);
        Span<byte> head = stackalloc byte[8];
        var headLength = Peek(content, head);
        head = head[..headLength];
        var extension = Path.GetExtension(fileName).ToLowerInvariant();

        // Content decides: a CSV named .xlsx or an XLSX named .csv is read as what it is.
        if (head.StartsWith("PK\x03\x04"u8)) return XlsxTabularReader.Open(content, limits);
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
            throw new TabularFileException("import.file.xls", [], "The file is an old Excel 97–2003 workbook (.xls); save it as .xlsx or CSV.");
        if (extension is ".xlsx" or ".xlsm")
            throw new TabularFileException("import.file.not_xlsx", [], "The file is named .xlsx but is not an Excel workbook.");
        if (LooksBinary(content))
            throw new TabularFileException("import.file.not_table", [], "The file is neither a text table (CSV) nor an Excel workbook: it is binary or damaged.");
        return CsvTabularReader.Open(content, limits);
    }

    /// <summary>
    /// A damaged workbook or any other binary file read as CSV would give a row problem per line of garbage (a corrupt
    /// zip gave 117,820): its first 64 KB are mostly text in a real CSV, with at most a stray control character in a
    /// cell (which the import names by cell), while binary data holds them everywhere. UTF-16 (with its BOM) is text.
    /// </summary>
    private static bool LooksBinary(Stream content)
    {
        var start = content.Position;
        var buffer = new byte[64 * 1024];
        var n = content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        content.Position = start;
        var sample = buffer.AsSpan(0, n);
        if (sample.StartsWith(new byte[] { 0xFF, 0xFE }) || sample.StartsWith(new byte[] { 0xFE, 0xFF })) return false;
        var controls = 0;
        foreach (var b in sample)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x1B or 0x0C)) controls++;
        return controls > Math.Max(16, n / 50);
    }

    internal static TabularFileException TooLarge(TabularLimits limits) =>
        new("import.file.too_large", [limits.MaxBytes / (1024 * 1024)], $"The file is larger than {limits.MaxBytes / (1024 * 1024)} MB.");

    /// <summary>Reads the first bytes without consuming them.</summary>
    private static int Peek(Stream content, Span<byte> head)
    {
        if (!content.CanSeek) throw new ArgumentException("The stream must be seekable (an uploaded file is stored first).", nameof(content));
        var start = content.Position;
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = start;
        return n;
    }
}
