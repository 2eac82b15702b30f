using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Qualis.Platform.Import;
using static Qualis.Tests.Platform.Import.Tabular;

namespace Qualis.Tests.Platform.Import;

public sealed class XlsxReadingTests
{
    /// <summary>A workbook as Excel writes one: shared strings, a date cell, gaps in rows and columns.</summary>
    private static byte[] Workbook(Action<SheetData, SharedStringTable>? more = null, bool hiddenFirstSheet = false)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var strings = new SharedStringTable();
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = strings;
            if (hiddenFirstSheet) AddSheet(workbook, "说明", new SheetData(Row(1, InlineCell("A1", "这不是数据"))), SheetStateValues.Hidden);

            var data = new SheetData(
                Row(1, Shared(strings, "A1", "统一社会信用代码"), Shared(strings, "B1", "企业名称"), Shared(strings, "C1", "成立日期"), Shared(strings, "D1", "从业人员"), Shared(strings, "E1", "是否在业")),
                Row(2, Shared(strings, "A2", "914403001922038216"), Shared(strings, "B2", "华为技术有限公司"), Number("C2", "43835", styleIndex: 1), Number("D2", "207000"), new Cell { CellReference = "E2", DataType = CellValues.Boolean, CellValue = new CellValue("1") }),
                // Row 3 skips column B and has an inline string; row 4 is missing altogether.
                Row(3, InlineCell("A3", "91330100799655058B"), Number("C3", "36525.75"), Number("D3", "0")),
                Row(5, Shared(strings, "A5", "9144030071526726XG"), Shared(strings, "B5", "深圳市腾讯计算机系统有限公司")));
            more?.Invoke(data, strings);
            AddSheet(workbook, "企业名录", data, null);
            AddSheet(workbook, "第二页", new SheetData(Row(1, InlineCell("A1", "不读这一页"))), null);

            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })) { Count = 1 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 2 });
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, string name, SheetData data, SheetStateValues? state)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(data);
        var sheets = workbook.Workbook.Sheets!;
        var sheet = new Sheet { Name = name, SheetId = (uint)sheets.Count() + 1, Id = workbook.GetIdOfPart(part) };
        if (state is { } s) sheet.State = s;
        sheets.Append(sheet);
    }

    private static Row Row(uint number, params Cell[] cells) => new(cells) { RowIndex = number };

    private static Cell Shared(SharedStringTable strings, string reference, string text)
    {
        strings.Append(new SharedStringItem(new Text(text)));
        return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((strings.Count() - 1).ToString()) };
    }

    private static Cell InlineCell(string reference, string text) =>
        new(new InlineString(new Text(text))) { CellReference = reference, DataType = CellValues.InlineString };

    private static Cell Number(string reference, string value, uint? styleIndex = null)
    {
        var cell = new Cell { CellReference = reference, CellValue = new CellValue(value) };
        if (styleIndex is { } s) cell.StyleIndex = s;
        return cell;
    }

    [Fact]
    public void Reads_the_first_worksheet_with_shared_and_inline_strings_numbers_dates_and_gaps()
    {
        var table = Read(Workbook(), "企业名录.xlsx");
        table.Encoding.ShouldBe("XLSX");
        table.Headers.ShouldBe(["统一社会信用代码", "企业名称", "成立日期", "从业人员", "是否在业"]);
        table.Rows.Count.ShouldBe(3);
        table.Rows[0].Number.ShouldBe(2);
        table.Rows[0].Cells.ShouldBe(["914403001922038216", "华为技术有限公司", "43835", "207000", "TRUE"]);
        table.Rows[1].Number.ShouldBe(3);
        table.Rows[1].Cells.ShouldBe(["91330100799655058B", null, "36525.75", "0"]);
        table.Rows[2].Number.ShouldBe(5); // row 4 is not in the sheet: row numbers stay the sheet's own
        table.Rows[2].Cells.ShouldBe(["9144030071526726XG", "深圳市腾讯计算机系统有限公司"]);
    }

    [Fact]
    public void A_date_cell_comes_through_as_its_serial_which_the_date_parser_reads()
    {
        var table = Read(Workbook(), "a.xlsx");
        DateParser.TryParse(table.Rows[0][2], out var established, out _).ShouldBeTrue();
        established.ShouldBe(new DateOnly(2020, 1, 5));
        DateParser.TryParse(table.Rows[1][2], out var withTime, out _).ShouldBeTrue();
        withTime.ShouldBe(new DateOnly(1999, 12, 31));
    }

    [Fact]
    public void Rich_text_runs_are_joined_phonetic_guides_left_out_and_Excel_escapes_undone()
    {
        var content = Workbook((data, strings) =>
        {
            strings.Append(new SharedStringItem(
                new Run(new RunProperties(new Bold()), new Text("合肥")),
                new Run(new Text("质量") { Space = SpaceProcessingModeValues.Preserve }),
                new PhoneticRun(new Text("ふりがな")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }));
            data.Append(Row(6, new Cell { CellReference = "B6", DataType = CellValues.SharedString, CellValue = new CellValue((strings.Count() - 1).ToString()) },
                InlineCell("C6", "第一行_x000D_\n第二行 _x005F_x0041_")));
        });
        var row = Read(content, "a.xlsx").Rows.Single(r => r.Number == 6);
        row[1].ShouldBe("合肥质量");
        row[2].ShouldBe("第一行\r\n第二行 _x0041_");
    }

    [Fact]
    public void A_hidden_first_sheet_is_passed_over_for_the_first_visible_one()
    {
        var table = Read(Workbook(hiddenFirstSheet: true), "a.xlsx");
        table.Headers[0].ShouldBe("统一社会信用代码");
    }

    [Fact]
    public void A_workbook_is_recognised_by_its_content_whatever_its_name()
    {
        Read(Workbook(), "企业名录.csv").Encoding.ShouldBe("XLSX");
    }

    [Fact]
    public void A_text_file_named_xlsx_is_refused_as_not_a_workbook()
    {
        Refused(Utf8("统一社会信用代码,企业名称\n"), "企业名录.xlsx").Key.ShouldBe("import.file.not_xlsx");
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_refused()
    {
        var zip = Zip(("readme.txt", "hello"u8.ToArray()));
        Refused(zip, "a.xlsx").Key.ShouldBe("import.file.not_xlsx");
        // A damaged zip: the magic number of a zip and nothing after it.
        Refused([.. "PK\x03\x04"u8, 1, 2, 3], "a.xlsx").Key.ShouldBe("import.file.not_xlsx");
    }

    [Fact]
    public void An_old_xls_workbook_is_refused_with_advice_to_save_it_as_xlsx()
    {
        Refused([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0], "old.xls").Key.ShouldBe("import.file.xls");
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_it_is_decompressed()
    {
        // 64 MB of zeros compress to about 64 KB: a ratio near 1000, where real sheets compress 5 to 30 times.
        var bomb = Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("xl/worksheets/sheet1.xml", new byte[64 * 1024 * 1024]));
        bomb.Length.ShouldBeLessThan(1024 * 1024);
        var error = Refused(bomb, "bomb.xlsx");
        error.Key.ShouldBe("import.file.zip_bomb");
        error.Args.ShouldBe(["xl/worksheets/sheet1.xml"]);
    }

    [Fact]
    public void A_part_larger_than_the_limit_is_refused_by_its_declared_size()
    {
        var random = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(random); // incompressible: the ratio is fine, the size is not
        var error = Refused(Zip(("xl/worksheets/sheet1.xml", random)), "big.xlsx", new TabularLimits { MaxXlsxPartBytes = 2 * 1024 * 1024 });
        error.Key.ShouldBe("import.file.zip_part_too_large");
    }

    [Fact]
    public void Row_and_column_limits_apply_to_workbooks_too()
    {
        Refused(Workbook(), "a.xlsx", new TabularLimits { MaxRows = 4 }).Key.ShouldBe("import.file.too_many_rows");
        Refused(Workbook(), "a.xlsx", new TabularLimits { MaxColumns = 4 }).Key.ShouldBe("import.file.too_many_columns");
    }

    [Fact]
    public void Reading_a_workbook_leaves_the_callers_stream_open()
    {
        var stream = new MemoryStream(Workbook());
        using (var reader = TabularFile.Open(stream, "a.xlsx", new TabularLimits()))
            while (reader.Read()) { }
        stream.CanRead.ShouldBeTrue();
        stream.Position.ShouldBeGreaterThan(0);
    }

    /// <summary>A workbook whose only sheet is the given XML, as written (not checked by the SDK).</summary>
    private static byte[] RawSheet(string xml)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml))) part.FeedData(data);
            workbook.Workbook.Sheets!.Append(new Sheet { Name = "Sheet1", SheetId = 1, Id = workbook.GetIdOfPart(part) });
        }
        return stream.ToArray();
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public void A_damaged_sheet_is_refused_near_the_row_where_it_breaks()
    {
        var content = RawSheet($"<worksheet xmlns=\"{Main}\"><sheetData>" +
            "<row r=\"1\"><c t=\"inlineStr\"><is><t>名称</t></is></c></row>" +
            "<row r=\"2\"><c t=\"inlineStr\"><is><t>合肥</t></is></c></row>" +
            "<row r=\"3\"><c t=\"inlineStr\"><is><t>芜湖</t></c></row></sheetData></worksheet>");
        using var reader = Open(content, "a.xlsx");
        reader.Read().ShouldBeTrue();
        reader.Get(0).ShouldBe("合肥");
        var error = Should.Throw<TabularFileException>(() => reader.Read());
        error.Key.ShouldBe("import.file.xlsx_damaged");
        error.Row.ShouldBe(3);
    }

    [Fact]
    public void A_sheet_with_a_DTD_is_refused_so_entities_can_neither_expand_nor_reach_outside()
    {
        var content = RawSheet("<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">" +
            "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" +
            $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&b;&x;</t></is></c></row></sheetData></worksheet>");
        Refused(content, "a.xlsx").Key.ShouldBe("import.file.xlsx_damaged");
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("Z9", 25)]
    [InlineData("AA10", 26)]
    [InlineData("XFD1048576", 16383)]
    [InlineData("ab3", 27)]
    [InlineData("", 7)]
    [InlineData(null, 7)]
    public void Cell_references_give_their_column(string? reference, int column) =>
        XlsxTabularReader.ColumnOf(reference, 7).ShouldBe(column);

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        return stream.ToArray();
    }
}
