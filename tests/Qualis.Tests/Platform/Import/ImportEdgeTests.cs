using System.IO.Compression;
using System.Text;
using Qualis.Platform.Export;
using Qualis.Platform.Import;

namespace Qualis.Tests.Platform.Import;

/// <summary>
/// What an import file cannot do to the process: a small workbook with a huge shared-strings part is refused once its
/// table passes what a file of that size may hold (eight times the file, at least 32 MB), so reading it allocates a
/// bounded amount; a damaged workbook or a binary file is one clear error, not a problem per row of garbage.
/// </summary>
public sealed class ImportEdgeTests
{
    /// <summary>A workbook whose shared-strings part unpacks to about <paramref name="sharedStringsMegabytes"/> MB of XML (compressed some 40 times: under the zip-bomb ratio).</summary>
    private static byte[] WorkbookWithHugeSharedStrings(int sharedStringsMegabytes)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Text(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                w.Write(text);
            }
            const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            Text("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>");
            Text("_rels/.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Text("xl/workbook.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Text("xl/_rels/workbook.xml.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{Rel}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            Text("xl/worksheets/sheet1.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>");
            using var w = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\">");
            var random = new Random(7);
            var chunk = new StringBuilder();
            for (long written = 0, i = 0; written < sharedStringsMegabytes * 1024L * 1024; i++)
            {
                chunk.Clear().Append("<si><t>企业名称").Append(i).Append(' ').Append((char)('A' + random.Next(26))).Append(new string('质', 40)).Append("</t></si>");
                w.Write(chunk);
                written += chunk.Length + 80; // the CJK characters take three bytes each
            }
            w.Write("</sst>");
        }
        return stream.ToArray();
    }

    [Fact]
    public void A_small_workbook_with_a_huge_shared_strings_part_is_one_clear_error_with_bounded_memory()
    {
        var content = WorkbookWithHugeSharedStrings(160);
        content.Length.ShouldBeLessThan(8 * 1024 * 1024, "a few megabytes, as in the attack");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Should.Throw<TabularFileException>(() => TabularFile.Open(new MemoryStream(content), "名录.xlsx", new TabularLimits()));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        error.Key.ShouldBe("import.file.zip_part_too_large");
        error.Args[0].ShouldBe("sharedStrings.xml");
        // Reading stopped at the budget (32 MB of XML here): the table and the strings on the way cost a few times that,
        // where reading the whole part would have cost well over a gigabyte.
        allocated.ShouldBeLessThan(300L * 1024 * 1024, $"{allocated / (1024 * 1024)} MB allocated");
    }

    [Fact]
    public async Task A_damaged_workbook_and_a_binary_file_are_each_one_error()
    {
        var xlsx = new MemoryStream();
        await TableExport.WriteXlsxAsync(xlsx, ["统一社会信用代码", "企业名称"], Rows(20_000));
        var damaged = xlsx.ToArray();
        // Bytes in the middle of the sheet's compressed data overwritten, as a broken download or disk leaves them.
        var random = new Random(3);
        for (var i = damaged.Length / 3; i < damaged.Length / 3 + 4096; i++) damaged[i] = (byte)random.Next(256);
        var problems = 0;
        var error = Should.Throw<TabularFileException>(() =>
        {
            using var reader = TabularFile.Open(new MemoryStream(damaged), "名录.xlsx", new TabularLimits());
            while (reader.Read()) problems++;
        });
        error.Key.ShouldBeOneOf("import.file.xlsx_damaged", "import.file.not_xlsx");

        var binary = new byte[200_000];
        random.NextBytes(binary);
        Should.Throw<TabularFileException>(() => TabularFile.Open(new MemoryStream(binary), "名录.csv", new TabularLimits())).Key.ShouldBe("import.file.not_table");
        // A CSV with one stray control character in a cell is still a CSV: the import names that cell.
        using var csv = TabularFile.Open(new MemoryStream(Encoding.UTF8.GetBytes("统一社会信用代码,企业名称\n91340100MA0000001X,合肥\0公司\n")), "名录.csv", new TabularLimits());
        csv.Read().ShouldBeTrue();
        csv.Get(1).ShouldBe("合肥\0公司");
    }

    private static async IAsyncEnumerable<object?[]> Rows(int count)
    {
        for (var i = 0; i < count; i++) yield return ["91340100MA" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), "合肥测试企业第" + i + "号有限公司"];
        await Task.CompletedTask;
    }
}
