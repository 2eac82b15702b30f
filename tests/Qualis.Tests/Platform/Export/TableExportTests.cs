using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Qualis.Platform.Export;
using Qualis.Platform.Import;
using Qualis.Tests.Platform.Import;

namespace Qualis.Tests.Platform.Export;

public sealed class TableExportTests
{
    private static readonly string[] Headers = ["统一社会信用代码", "企业名称", "从业人员", "营业收入(万元)", "成立日期", "在业", "备注"];

    private static readonly object?[][] Rows =
    [
        ["914403001922038216", "华为技术有限公司", 207000, 70420.5m, new DateOnly(1987, 9, 15), true, null],
        ["91330100799655058B", "=HYPERLINK(\"http://evil.example\",\"点我\")", -3, -0.25m, new DateOnly(2020, 1, 5), false, "+1 加一"],
        ["9144030071526726XG", "-2+3+cmd|' /C calc'!A0", 0, null, null, null, "@SUM(A1:A2)"],
        ["\t91110108551385082Q", "\r合肥,\"一号\"\n公司", 12345678901234567L, 1.5, new DateTime(2024, 5, 6, 7, 8, 9), null, "正常文字 - 中间的减号不动"],
    ];

    private static async IAsyncEnumerable<object?[]> Async(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static async Task<byte[]> Csv()
    {
        var stream = new MemoryStream();
        await TableExport.WriteCsvAsync(stream, Headers, Async(Rows));
        return stream.ToArray();
    }

    private static async Task<byte[]> Xlsx()
    {
        var stream = new MemoryStream();
        await TableExport.WriteXlsxAsync(stream, Headers, Async(Rows));
        return stream.ToArray();
    }

    [Fact]
    public async Task CSV_is_UTF8_with_a_BOM_so_Excel_shows_Chinese()
    {
        var bytes = await Csv();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).ShouldStartWith("统一社会信用代码,企业名称,从业人员,营业收入(万元),成立日期,在业,备注\r\n914403001922038216,华为技术有限公司,207000,70420.5,1987-09-15,TRUE,\r\n");
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 551", "'+86 551")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tX", "'\tX")]
    [InlineData("\rX", "'\rX")]
    [InlineData("合肥-芜湖", "合肥-芜湖")]
    [InlineData("", "")]
    public void Text_that_a_spreadsheet_could_run_gets_a_leading_apostrophe(string text, string safe) =>
        TableExport.Neutralise(text).ShouldBe(safe);

    [Fact]
    public async Task CSV_cells_that_look_like_formulas_are_neutralised_and_numbers_stay_numbers()
    {
        var table = ReadBack(await Csv(), "export.csv");
        table.Headers.ShouldBe(Headers);
        var rows = table.Rows;
        rows[1][1].ShouldBe("'=HYPERLINK(\"http://evil.example\",\"点我\")");
        rows[1][2].ShouldBe("-3"); // a number, written by us: not a formula
        rows[1][3].ShouldBe("-0.25");
        rows[1][6].ShouldBe("'+1 加一");
        rows[2][1].ShouldBe("'-2+3+cmd|' /C calc'!A0");
        rows[2][6].ShouldBe("'@SUM(A1:A2)");
        rows[3][0].ShouldBe("'\t91110108551385082Q");
        rows[3][1].ShouldBe("'\r合肥,\"一号\"\n公司"); // quoted: the comma, quotes and line break survive
        rows[3][2].ShouldBe("12345678901234567");
        rows[3][4].ShouldBe("2024-05-06 07:08:09");
        rows[3][6].ShouldBe("正常文字 - 中间的减号不动");
        rows[2][3].ShouldBe("");
    }

    [Fact]
    public async Task XLSX_is_a_valid_workbook()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(await Xlsx()), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task XLSX_cells_keep_their_kind_and_formula_looking_text_is_neutralised()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(await Xlsx()), false);
        var workbook = document.WorkbookPart!;
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single().Id!);
        var cells = sheet.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var numberFormats = workbook.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);

        cells["B3"].DataType!.Value.ShouldBe(CellValues.InlineString);
        cells["B3"].InlineString!.InnerText.ShouldBe("'=HYPERLINK(\"http://evil.example\",\"点我\")");
        cells["G3"].InlineString!.InnerText.ShouldBe("'+1 加一");
        cells["B4"].InlineString!.InnerText.ShouldBe("'-2+3+cmd|' /C calc'!A0");
        cells["G4"].InlineString!.InnerText.ShouldBe("'@SUM(A1:A2)");
        cells["A5"].InlineString!.InnerText.ShouldBe("'\t91110108551385082Q");
        sheet.Worksheet.Descendants<CellFormula>().ShouldBeEmpty();

        cells["C2"].DataType.ShouldBeNull(); // a number
        cells["C2"].CellValue!.Text.ShouldBe("207000");
        cells["C3"].CellValue!.Text.ShouldBe("-3");
        cells["D2"].CellValue!.Text.ShouldBe("70420.5");
        cells["C5"].DataType!.Value.ShouldBe(CellValues.InlineString); // 17 digits: more than Excel keeps, so text
        cells["F2"].DataType!.Value.ShouldBe(CellValues.Boolean);

        cells["E2"].CellValue!.Text.ShouldBe(DateParser.ToExcelSerial(new DateOnly(1987, 9, 15)).ToString());
        numberFormats[formats[(int)cells["E2"].StyleIndex!.Value].NumberFormatId!.Value].ShouldBe("yyyy-mm-dd");
        numberFormats[formats[(int)cells["E5"].StyleIndex!.Value].NumberFormatId!.Value].ShouldBe("yyyy-mm-dd hh:mm:ss");
        cells.ContainsKey("G2").ShouldBeFalse(); // null writes no cell
    }

    [Fact]
    public async Task An_exported_workbook_imports_again_with_the_same_text()
    {
        var table = ReadBack(await Xlsx(), "export.xlsx");
        table.Headers.ShouldBe(Headers);
        table.Rows[0][0].ShouldBe("914403001922038216");
        table.Rows[0][1].ShouldBe("华为技术有限公司");
        DateParser.TryParse(table.Rows[0][4], out var established, out _).ShouldBeTrue();
        established.ShouldBe(new DateOnly(1987, 9, 15));
        table.Rows[3][1].ShouldBe("'\r合肥,\"一号\"\n公司");
        table.Rows.Select(r => r.Number).ShouldBe([2, 3, 4, 5]);
    }

    [Fact]
    public async Task Characters_XML_cannot_carry_are_written_in_Excels_escape()
    {
        var stream = new MemoryStream();
        await TableExport.WriteXlsxAsync(stream, ["备注"], Async([["响铃\u0007字符", "_x0041_ 原样", "孤立\uD800代理"]]));
        var row = ReadBack(stream.ToArray(), "a.xlsx").Rows.Single();
        row[0].ShouldBe("响铃\u0007字符");
        row[1].ShouldBe("_x0041_ 原样");
        row[2].ShouldBe("孤立\uFFFD代理");
    }

    private static ReadTable ReadBack(byte[] content, string name) => Tabular.Read(content, name);
}
