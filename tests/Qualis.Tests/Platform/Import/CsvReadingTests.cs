using System.Text;
using Qualis.Platform.Import;
using static Qualis.Tests.Platform.Import.Tabular;

namespace Qualis.Tests.Platform.Import;

public sealed class CsvReadingTests
{
    private const string Sample = "统一社会信用代码,企业名称,行政区划代码\n914403001922038216,华为技术有限公司,340100\n91330100799655058B,阿里巴巴（中国）有限公司,340200\n";

    [Fact]
    public void Reads_UTF8_without_a_BOM()
    {
        var table = Read(Utf8(Sample));
        table.Encoding.ShouldBe("UTF-8");
        table.Headers.ShouldBe(["统一社会信用代码", "企业名称", "行政区划代码"]);
        table.Rows.Select(r => r.Number).ShouldBe([2, 3]);
        table.Rows[1].Cells.ShouldBe(["91330100799655058B", "阿里巴巴（中国）有限公司", "340200"]);
    }

    [Fact]
    public void Reads_UTF8_with_a_BOM_and_keeps_the_BOM_out_of_the_first_header()
    {
        var table = Read(Utf8WithBom(Sample));
        table.Encoding.ShouldBe("UTF-8 BOM");
        table.Headers[0].ShouldBe("统一社会信用代码");
        table.Rows[0][1].ShouldBe("华为技术有限公司");
    }

    [Fact]
    public void Reads_GB18030_including_characters_outside_GBK()
    {
        // 㐀 (U+3400) and 𠀀 (U+20000) are four-byte sequences in GB18030; the rest is plain GBK.
        var text = "企业名称,住所\n合肥㐀𠀀科技有限公司,安徽省合肥市蜀山区\n";
        var table = Read(Gbk(text));
        table.Encoding.ShouldBe("GB18030");
        table.Headers.ShouldBe(["企业名称", "住所"]);
        table.Rows.Single().Cells.ShouldBe(["合肥㐀𠀀科技有限公司", "安徽省合肥市蜀山区"]);
    }

    [Fact]
    public void Decides_the_encoding_where_the_first_Chinese_appears_even_after_the_first_64_KB()
    {
        var text = new StringBuilder("code,name\n");
        var row = 1;
        while (text.Length < 100_000) text.Append($"{++row:D18},ASCII only\n");
        text.Append("913401001234567890,合肥市质量技术有限公司\n");
        var table = Read(Gbk(text.ToString()));
        table.Encoding.ShouldBe("GB18030");
        table.Rows[^1][1].ShouldBe("合肥市质量技术有限公司");
        table.Rows[^1].Number.ShouldBe(row + 1);
    }

    [Fact]
    public void A_file_that_starts_as_UTF8_and_turns_to_GBK_is_refused_at_the_row_that_turns()
    {
        var start = Utf8("企业名称,住所\n合肥一号公司,合肥\n芜湖二号公司,芜湖\n");
        var gbkRow = Gbk("蚌埠三号公司,蚌埠\n");
        var error = Refused([.. start, .. gbkRow, .. Utf8("淮南四号公司,淮南\n")]);
        error.Key.ShouldBe("import.file.mixed_encoding");
        error.Row.ShouldBe(4);
        error.Args.ShouldBe([4]);
    }

    [Fact]
    public void A_mixed_file_is_refused_even_when_the_GBK_bytes_come_megabytes_later()
    {
        var text = new StringBuilder("企业名称,住所\n");
        for (var i = 0; i < 40_000; i++) text.Append("合肥市第").Append(i).Append("号质量公司,安徽省合肥市\n");
        var error = Refused([.. Utf8(text.ToString()), .. Gbk("蚌埠公司,蚌埠\n")]);
        error.Key.ShouldBe("import.file.mixed_encoding");
        error.Row.ShouldBe(40_002);
    }

    [Fact]
    public void Bytes_that_are_not_GB18030_are_refused_at_their_row_instead_of_read_as_replacement_characters()
    {
        byte[] content = [.. Gbk("企业名称,住所\n合肥公司,合肥\n芜湖"), 0xFF, .. Gbk("公司,芜湖\n")];
        var error = Refused(content);
        error.Key.ShouldBe("import.file.bad_bytes");
        error.Row.ShouldBe(3);
        error.Args.ShouldBe([3, "GB18030"]);
    }

    [Fact]
    public void A_file_cut_off_in_the_middle_of_a_character_is_refused()
    {
        var content = Utf8("名称\n合肥\n芜湖");
        var error = Refused(content[..^1]);
        error.Key.ShouldBe("import.file.bad_bytes");
        error.Row.ShouldBe(3);
    }

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks_and_rows_are_numbered_as_a_spreadsheet_shows_them()
    {
        var text = "名称,住所,备注\n\"合肥,一号\",\"安徽省\n合肥市\",\"他说\"\"好\"\"\"\n芜湖,芜湖,\n";
        var table = Read(Utf8(text));
        table.Rows[0].Cells.ShouldBe(["合肥,一号", "安徽省\n合肥市", "他说\"好\""]);
        table.Rows[0].Number.ShouldBe(2);
        table.Rows[1].Number.ShouldBe(3); // the line break inside quotes does not start a row
        table.Rows[1].Cells.ShouldBe(["芜湖", "芜湖", ""]);
    }

    [Fact]
    public void An_unclosed_quote_is_refused_naming_the_row_where_the_quoted_cell_starts()
    {
        var error = Refused(Utf8("名称,住所\n合肥,合肥\n\"芜湖,芜湖\n蚌埠,蚌埠\n淮南,淮南\n"));
        error.Key.ShouldBe("import.file.unclosed_quote");
        error.Row.ShouldBe(3);
        error.Args.ShouldBe([3]);
    }

    [Fact]
    public void An_unclosed_quote_in_a_large_file_is_caught_at_the_cell_limit_not_at_the_end_of_the_file()
    {
        var text = new StringBuilder("名称,住所\n合肥,合肥\n\"芜湖,芜湖\n");
        for (var i = 0; i < 20_000; i++) text.Append("蚌埠,蚌埠\n");
        var error = Refused(Utf8(text.ToString()), limits: new TabularLimits { MaxCellChars = 1000 });
        error.Key.ShouldBe("import.file.unclosed_quote");
        error.Row.ShouldBe(3);
    }

    [Fact]
    public void Text_after_a_closing_quote_and_quotes_inside_unquoted_text_are_kept_as_Excel_keeps_them()
    {
        var table = Read(Utf8("a,b\n\"abc\"def,5\"寸\n"));
        table.Rows[0].Cells.ShouldBe(["abcdef", "5\"寸"]);
    }

    [Fact]
    public void Blank_rows_are_reported_as_blank_and_still_counted()
    {
        var table = Read(Utf8("名称,住所\n合肥,合肥\n\n,\n \u3000, \u00A0\n芜湖,芜湖\n"));
        table.Rows.Select(r => (r.Number, r.Blank)).ShouldBe([(2, false), (3, true), (4, true), (5, true), (6, false)]);
    }

    [Fact]
    public void Leading_blank_lines_before_the_header_are_skipped()
    {
        using var reader = Open(Utf8("\n\n名称,住所\n合肥,合肥\n"));
        reader.Headers.ShouldBe(["名称", "住所"]);
        reader.Read().ShouldBeTrue();
        reader.RowNumber.ShouldBe(4);
    }

    [Fact]
    public void Windows_and_old_Mac_line_ends_are_read_alike()
    {
        var table = Read(Utf8("名称,住所\r\n合肥,合肥\r芜湖,芜湖\r\n蚌埠,蚌埠"));
        table.Rows.Select(r => (r.Number, r[0], r[1])).ShouldBe([(2, "合肥", "合肥"), (3, "芜湖", "芜湖"), (4, "蚌埠", "蚌埠")]);
    }

    [Fact]
    public void A_header_line_with_tabs_and_no_commas_makes_a_tab_separated_file()
    {
        var table = Read(Utf8("名称\t住所\n合肥,一号\t合肥\n"));
        table.Headers.ShouldBe(["名称", "住所"]);
        table.Rows[0].Cells.ShouldBe(["合肥,一号", "合肥"]);
    }

    [Fact]
    public void Excels_Unicode_text_export_is_read_as_UTF16_tab_separated()
    {
        var table = Read([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("名称\t住所\r\n合肥\t合肥\r\n")], "export.txt");
        table.Encoding.ShouldBe("UTF-16LE");
        table.Rows.Single().Cells.ShouldBe(["合肥", "合肥"]);
    }

    [Fact]
    public void Short_rows_have_no_cells_beyond_their_end()
    {
        using var reader = Open(Utf8("a,b,c\n1\n"));
        reader.Read().ShouldBeTrue();
        reader.Get(0).ShouldBe("1");
        reader.Get(1).ShouldBeNull();
        reader.Get(5).ShouldBeNull();
        reader.Get(-1).ShouldBeNull();
    }

    [Fact]
    public void Full_width_digits_reach_the_import_folded_and_trimmed()
    {
        using var reader = Open(Utf8("统一社会信用代码,名称\n\u3000９１４４０３００１９２２０３８２１６ ,华为\n"));
        var map = HeaderMap.Match(reader.Headers, [new ImportColumn("credit_code", "统一社会信用代码", "Credit code", true, [])]);
        var row = ImportRow.Over(reader, map.Index);
        reader.Read().ShouldBeTrue();
        row.Raw("credit_code").ShouldBe("\u3000９１４４０３００１９２２０３８２１６ ");
        row["credit_code"].ShouldBe("914403001922038216");
        row.Number.ShouldBe(2);
    }

    [Fact]
    public void An_empty_file_has_no_header()
    {
        Refused([]).Key.ShouldBe("import.file.empty");
        Refused(Utf8("\n \n")).Key.ShouldBe("import.file.empty");
    }

    [Fact]
    public void Row_column_and_size_limits_are_enforced()
    {
        Refused(Utf8("a,b,c,d\n"), limits: new TabularLimits { MaxColumns = 3 }).Key.ShouldBe("import.file.too_many_columns");
        Refused(Utf8("a\n1\n2\n3\n"), limits: new TabularLimits { MaxRows = 3 }).Row.ShouldBe(4);
        Refused(Utf8("a\nabcdef\n"), limits: new TabularLimits { MaxCellChars = 5 }).Key.ShouldBe("import.file.cell_too_long");
        var tooLarge = Refused(Utf8("a\n" + new string('x', 2000)), limits: new TabularLimits { MaxBytes = 1000 });
        tooLarge.Key.ShouldBe("import.file.too_large");
    }

    [Theory]
    [InlineData("UTF-8")]
    [InlineData("GB18030")]
    public void Characters_and_quoted_cells_that_straddle_the_read_buffer_come_through_whole(string encoding)
    {
        // Rows of varying length put every byte offset of the multi-byte characters at a 64 KB boundary somewhere.
        var expected = new List<string[]>();
        var text = new StringBuilder("编号,名称,备注\n");
        for (var i = 0; i < 9000; i++)
        {
            var row = new[] { i.ToString(), "合肥" + new string('质', i % 7) + "公司", i % 5 == 0 ? "第一行\n第二行,\"引号\"" : "备注" + i };
            expected.Add(row);
            text.Append(row[0]).Append(',').Append(row[1]).Append(',')
                .Append(row[2].Contains('\n') ? "\"" + row[2].Replace("\"", "\"\"") + "\"" : row[2]).Append('\n');
        }
        var bytes = encoding == "UTF-8" ? Utf8(text.ToString()) : Gbk(text.ToString());
        bytes.Length.ShouldBeGreaterThan(3 * 64 * 1024);
        var table = Read(bytes);
        table.Encoding.ShouldBe(encoding);
        table.Rows.Select(r => r.Cells.ToArray()).ShouldBe(expected);
    }

    [Fact]
    public void The_byte_scanner_tells_a_cut_off_GB18030_sequence_from_a_malformed_one()
    {
        CsvTabularReader.Gb18030Prefix([0x41, 0xBA, 0xCF], final: false).ShouldBe((3, false));
        CsvTabularReader.Gb18030Prefix([0x41, 0xBA], final: false).ShouldBe((1, false));
        CsvTabularReader.Gb18030Prefix([0x41, 0xBA], final: true).ShouldBe((1, true));
        CsvTabularReader.Gb18030Prefix([0x81, 0x30, 0x81, 0x30, 0x41], final: true).ShouldBe((5, false));
        CsvTabularReader.Gb18030Prefix([0x81, 0x30, 0x81], final: false).ShouldBe((0, false));
        CsvTabularReader.Gb18030Prefix([0x41, 0x80], final: false).ShouldBe((1, true));
        CsvTabularReader.Gb18030Prefix([0xBA, 0x2C], final: false).ShouldBe((0, true));
    }
}
