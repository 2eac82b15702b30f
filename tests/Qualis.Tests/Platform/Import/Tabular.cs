using System.Text;
using Qualis.Platform.Import;

namespace Qualis.Tests.Platform.Import;

/// <summary>A file read through <see cref="TabularFile"/>: its headers, encoding and rows (number, cells, blank).</summary>
public sealed record ReadTable(IReadOnlyList<string> Headers, string Encoding, IReadOnlyList<ReadRow> Rows);

public sealed record ReadRow(int Number, IReadOnlyList<string?> Cells, bool Blank)
{
    public string? this[int column] => column < Cells.Count ? Cells[column] : null;
}

internal static class Tabular
{
    static Tabular() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    public static byte[] Utf8WithBom(string text) => [0xEF, 0xBB, 0xBF, .. Utf8(text)];

    public static byte[] Gbk(string text) => Gb18030.GetBytes(text);

    public static ITabularReader Open(byte[] content, string fileName = "file.csv", TabularLimits? limits = null) =>
        TabularFile.Open(new MemoryStream(content), fileName, limits ?? new TabularLimits());

    public static ReadTable Read(byte[] content, string fileName = "file.csv", TabularLimits? limits = null)
    {
        using var reader = Open(content, fileName, limits);
        var rows = new List<ReadRow>();
        while (reader.Read())
        {
            var cells = new List<string?>();
            for (var i = 0; i < Math.Max(reader.Headers.Count, 64); i++) cells.Add(reader.Get(i));
            while (cells.Count > 0 && cells[^1] is null) cells.RemoveAt(cells.Count - 1);
            rows.Add(new ReadRow(reader.RowNumber, cells, reader.IsBlankRow));
        }
        return new ReadTable(reader.Headers, reader.Encoding, rows);
    }

    public static TabularFileException Refused(byte[] content, string fileName = "file.csv", TabularLimits? limits = null) =>
        Should.Throw<TabularFileException>(() => Read(content, fileName, limits));
}
