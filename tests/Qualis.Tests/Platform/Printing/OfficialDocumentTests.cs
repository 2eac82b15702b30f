using Qualis.Platform.Printing;
using UglyToad.PdfPig;

namespace Qualis.Tests.Platform.Printing;

/// <summary>The printed-document mechanism without an application: the numbering rule, dates, the layout model and the PDF.</summary>
public sealed class OfficialDocumentTests
{
    [Fact]
    public void A_document_number_is_the_code_word_the_year_in_hexagonal_brackets_and_the_number_without_leading_zeros()
    {
        new DocumentNumber("合市监抽", 2026, 3).ToString().ShouldBe("合市监抽〔2026〕3号");
        new DocumentNumber("皖市监检", 2027, 120).ToString().ShouldBe("皖市监检〔2027〕120号");
    }

    [Fact]
    public void The_code_word_starts_with_the_provinces_short_name_or_the_regions_first_character()
    {
        DocumentNumber.CodeWordOf("340000", "安徽省", "抽").ShouldBe("皖市监抽");
        DocumentNumber.CodeWordOf("320000", "江苏省", "检").ShouldBe("苏市监检");
        DocumentNumber.CodeWordOf("340100", "合肥市", "抽").ShouldBe("合市监抽");
        DocumentNumber.CodeWordOf("340122", "肥东县", "检").ShouldBe("肥市监检");
        DocumentNumber.CodeWordOf("340200", "𠮷祥市", "抽").ShouldBe("𠮷市监抽"); // a character outside the BMP stays whole
    }

    [Fact]
    public void Numbers_run_from_one_without_gaps_within_a_year()
    {
        DocumentNumbering.NextNumber(0).ShouldBe(1);
        DocumentNumbering.NextNumber(41).ShouldBe(42);
    }

    [Fact]
    public void The_date_is_written_in_full_with_year_month_and_day_and_a_missing_one_leaves_the_blank()
    {
        DocumentDates.Written(new DateOnly(2026, 12, 7)).ShouldBe("2026年12月7日");
        DocumentDates.Written(new DateOnly(2026, 1, 31)).ShouldBe("2026年1月31日");
        DocumentDates.Written(null).ShouldBe(DocumentDates.Blank);
        DocumentDates.Blank.ShouldEndWith("年　　月　　日");
    }

    [Fact]
    public void A_form_table_puts_the_pairs_side_by_side_gives_a_wide_pair_a_row_and_fills_every_row()
    {
        var form = DocumentTable.Form(2, ("名称", "甲", true), ("型号", "A", false), ("商标", "B", false), ("批号", "C", false));
        form.Widths.ShouldBe([1.0, 2.0, 1.0, 2.0]);
        form.Rows.Select(r => string.Join("|", r.Select(c => $"{c.Text}:{c.Span}{(c.Label ? "L" : "")}"))).ShouldBe([
            "名称:1L|甲:3",
            "型号:1L|A:1|商标:1L|B:1",
            "批号:1L|C:3",
        ]);
        form.Rows.ShouldAllBe(r => r.Sum(c => c.Span) == 4);
        form.Cells(form.Rows[1]).Select(c => c.Column).ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public void A_table_whose_row_does_not_fill_the_columns_is_refused()
    {
        Should.Throw<ArgumentException>(() => new DocumentTable([1, 1], [[new TableCell("只有一格")]]).Check()).Message.ShouldContain("Row 1 spans 1 of 2");
        Should.Throw<ArgumentException>(() => new DocumentTable([], []).Check());
    }

    private static OfficialDocument Sample(int paragraphs, int rows) => new()
    {
        Issuer = "合肥市市场监督管理局",
        Number = "合市监抽〔2026〕7号",
        Title = "产品质量监督抽查检验结果通知书",
        Addressee = "合肥示范电缆有限公司",
        Body =
        [
            .. Enumerable.Range(1, paragraphs).Select(i => (DocumentBlock)new Paragraph($"第{i}段：经安徽省产品质量监督检验研究院检验，你单位生产的聚氯乙烯绝缘电缆电线（BV 2.5mm²）不合格，“导体电阻”项目不符合 GB/T 3956-2008 的要求。")),
            new Heading("一、不合格项目"),
            new DocumentTable([0.6, 2, 2], [
                [new TableCell("序号"), new TableCell("检验项目"), new TableCell("实测结果")],
                .. Enumerable.Range(1, rows).Select(i => (IReadOnlyList<TableCell>)[new TableCell(i.ToString()), new TableCell("导体电阻" + i), new TableCell("8.12 Ω/km")]),
            ], HeaderRow: true).Check(),
        ],
        Signatures = [new SignatureBlock("被抽样单位（签字、盖章）", ["经办人："]), new SignatureBlock("抽样人员（签字）", ["抽样人员："])],
        Signed = new IssuerSignature("合肥市市场监督管理局", new DateOnly(2026, 12, 7)),
        Link = new DocumentLink("https://qualis.example/Public/Results/1", "扫码查看公示结果"),
        Note = "本单一式三联。",
    };

    [Fact]
    public void The_document_lists_its_texts_in_reading_order()
    {
        var texts = Sample(1, 1).Texts().ToList();
        texts[..3].ShouldBe(["合肥市市场监督管理局", "合市监抽〔2026〕7号", "产品质量监督抽查检验结果通知书"]);
        texts.IndexOf("导体电阻1").ShouldBeGreaterThan(texts.IndexOf("一、不合格项目"));
        texts[^2].ShouldBe("2026年12月7日");
        texts[^1].ShouldBe("本单一式三联。");
    }

    [Fact]
    public void The_pdf_embeds_its_chinese_text_so_it_can_be_extracted_across_pages_with_page_numbers()
    {
        var bytes = PdfDocumentRenderer.Render(Sample(paragraphs: 6, rows: 30));
        using var pdf = PdfDocument.Open(bytes);
        pdf.NumberOfPages.ShouldBeGreaterThan(1);
        var pages = pdf.GetPages().Select(p => Squeeze(p.Text)).ToList();
        var all = string.Concat(pages);
        foreach (var text in Sample(6, 30).Texts().Where(t => !t.StartsWith("https", StringComparison.Ordinal)))
            all.ShouldContain(Squeeze(text));
        pages[0].ShouldContain("—1—");
        pages[1].ShouldContain("—2—");
        // The list's header row is repeated at the top of the next page.
        pages.Skip(1).Count(p => p.Contains("序号检验项目实测结果")).ShouldBeGreaterThan(0);
        // The fonts travel inside the file, as subsets.
        pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
    }

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
