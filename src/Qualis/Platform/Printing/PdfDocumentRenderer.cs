using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Qualis.Platform.Printing;

/// <summary>
/// Draws an <see cref="OfficialDocument"/> on A4 pages with PDFsharp, in the layout of the print page: the margins and
/// sizes of GB/T 9704-2012 (top 37 mm, left 28 mm, a 156 mm wide text block; issuing body in red, 3号 body text,
/// page numbers "— 1 —" at the foot, right on odd pages and left on even ones). Text is embedded as Unicode with the
/// shipped fonts (<see cref="DocumentFonts"/>), so it can be searched, copied and extracted. Lines break between CJK
/// characters and Latin words, never before closing punctuation (避头点).
/// </summary>
public static class PdfDocumentRenderer
{
    private const double Mm = 72 / 25.4;
    private const double PageWidth = 210 * Mm, PageHeight = 297 * Mm;
    private const double Left = 28 * Mm, Top = 37 * Mm, TextWidth = 156 * Mm, Bottom = PageHeight - 35 * Mm;

    // Sizes in points: 初号 42, 二号 22, 三号 16, 四号 14, 五号 10.5.
    private const double IssuerSize = 30, TitleSize = 22, BodySize = 16, NumberSize = 16, TableSize = 10.5, PageNumberSize = 14;
    private static readonly XColor Red = XColor.FromArgb(0xD7, 0x00, 0x0F);
    private static readonly XColor LabelShade = XColor.FromArgb(0xF2, 0xF2, 0xF2);

    /// <summary>Characters that never start a line (避头点): they stay at the end of the line before.</summary>
    private const string NoLineStart = "，。、；：？！）》」』】〕”’%,.;:?!)";

    public static byte[] Render(OfficialDocument document)
    {
        DocumentFonts.Use();
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Author = document.Issuer;
        pdf.Info.Subject = document.Number ?? document.Title;
        pdf.Info.Creator = "Qualis";
        var writer = new PageWriter(pdf);
        writer.Draw(document);
        writer.Finish();
        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>The cursor over the pages: where the next line goes, and a new page when it does not fit.</summary>
    private sealed class PageWriter(PdfDocument pdf)
    {
        private XGraphics? gfx;
        private int pageNumber;
        private double y;
        private readonly Dictionary<(string Family, double Size, bool Bold), XFont> fonts = [];

        private XGraphics G => gfx ?? NewPage();

        private XGraphics NewPage()
        {
            gfx?.Dispose();
            var page = pdf.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            gfx = XGraphics.FromPdfPage(page);
            pageNumber++;
            y = Top;
            DrawPageNumber();
            return gfx;
        }

        public void Finish() => gfx?.Dispose();

        private void DrawPageNumber()
        {
            // "— 1 —", 4号, a quarter-em inside the text block's edge: right on odd pages, left on even ones.
            var text = "— " + pageNumber.ToString(CultureInfo.InvariantCulture) + " —";
            var width = Measure(text, PageNumberSize, false);
            var x = pageNumber % 2 == 1 ? Left + TextWidth - width - PageNumberSize : Left + PageNumberSize;
            DrawRun(text, x, PageHeight - 28 * Mm + 7 * Mm, PageNumberSize, false, XBrushes.Black);
        }

        private void Need(double height)
        {
            if (gfx is null) NewPage();
            else if (y + height > Bottom) NewPage();
        }

        public void Draw(OfficialDocument d)
        {
            NewPage();
            // 版头: the issuing body in red, the number, the red rule under it.
            var issuerBrush = new XSolidBrush(Red);
            foreach (var line in Wrap(d.Issuer, TextWidth, IssuerSize, true, 0))
                Centred(line, IssuerSize, true, issuerBrush, IssuerSize * 1.3);
            y += 10 * Mm;
            if (d.Number is not null) Centred(d.Number, NumberSize, false, XBrushes.Black, NumberSize * 1.6);
            y += 4 * Mm;
            G.DrawLine(new XPen(Red, 1.5), Left, y, Left + TextWidth, y);
            y += 2 * BodySize;

            // 主体: the title, the addressee, the body.
            foreach (var line in Wrap(d.Title, TextWidth, TitleSize, true, 0))
                Centred(line, TitleSize, true, XBrushes.Black, TitleSize * 1.5);
            y += BodySize;
            if (d.Addressee is not null) Lines(d.Addressee + "：", BodySize, false, 0);
            for (var b = 0; b < d.Body.Count; b++)
                switch (d.Body[b])
                {
                    case Paragraph p:
                        // The issuing body's signature never stands alone on a page: the last paragraph goes over with it.
                        var keep = b == d.Body.Count - 1 && d.Signatures.Count == 0 && d.Signed is not null ? SignedHeight : 0;
                        Lines(p.Text, BodySize, false, p.Indent ? 2 * BodySize : 0, keep);
                        break;
                    case Heading h:
                        // A heading stays with the start of what it heads.
                        Need(3 * BodySize * 1.75);
                        Lines(h.Text, BodySize, true, 2 * BodySize);
                        break;
                    case DocumentTable t: Table(t); break;
                }

            if (d.Signatures.Count > 0) Signatures(d.Signatures);
            if (d.Signed is not null) IssuerSigned(d.Signed);
            if (d.Note is not null)
            {
                y += TableSize;
                Lines(d.Note, TableSize, false, 0);
            }
            if (d.Link is not null) Link(d.Link);
        }

        private void Centred(string text, double size, bool bold, XBrush brush, double lineHeight)
        {
            Need(lineHeight);
            DrawRun(text, Left + (TextWidth - Measure(text, size, bold)) / 2, y + (lineHeight - size) / 2, size, bold, brush);
            y += lineHeight;
        }

        private void Lines(string text, double size, bool bold, double indent, double keepWithNext = 0)
        {
            var lineHeight = size * 1.75;
            var lines = Wrap(text, TextWidth, size, bold, indent);
            if (keepWithNext > 0 && y + lines.Count * lineHeight + keepWithNext > Bottom) NewPage();
            for (var i = 0; i < lines.Count; i++)
            {
                Need(lineHeight);
                DrawRun(lines[i], Left + (i == 0 ? indent : 0), y + (lineHeight - size) / 2, size, bold, XBrushes.Black);
                y += lineHeight;
            }
        }

        private void Table(DocumentTable table)
        {
            const double padding = 4, minRow = 22;
            var lineHeight = TableSize * 1.4;
            var total = table.Widths.Sum();
            var columnX = new double[table.Widths.Count + 1];
            columnX[0] = Left;
            for (var i = 0; i < table.Widths.Count; i++) columnX[i + 1] = columnX[i] + TextWidth * table.Widths[i] / total;
            var pen = new XPen(XColors.Black, 0.75);
            y += 4;
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var header = table.HeaderRow && r == 0;
                var cells = table.Cells(table.Rows[r]).Select(c =>
                {
                    var width = columnX[c.Column + c.Cell.Span] - columnX[c.Column];
                    var lines = Wrap(c.Cell.Text, width - 2 * padding, TableSize, header || c.Cell.Label, 0);
                    return (c.Cell, X: columnX[c.Column], Width: width, Lines: lines, Bold: header || c.Cell.Label);
                }).ToList();
                var height = Math.Max(minRow, cells.Max(c => c.Lines.Count) * lineHeight + 2 * padding);
                if (y + height > Bottom)
                {
                    NewPage();
                    // A list's header row is repeated at the top of the next page.
                    if (table.HeaderRow && r > 0) { Table(table with { Rows = [table.Rows[0], .. table.Rows.Skip(r)] }); return; }
                }
                foreach (var c in cells)
                {
                    if (c.Bold) G.DrawRectangle(new XSolidBrush(LabelShade), c.X, y, c.Width, height);
                    G.DrawRectangle(pen, c.X, y, c.Width, height);
                    var textTop = y + (height - c.Lines.Count * lineHeight) / 2;
                    for (var i = 0; i < c.Lines.Count; i++)
                    {
                        var lineWidth = Measure(c.Lines[i], TableSize, c.Bold);
                        var x = c.Bold ? c.X + (c.Width - lineWidth) / 2 : c.X + padding;
                        DrawRun(c.Lines[i], x, textTop + i * lineHeight + (lineHeight - TableSize) / 2, TableSize, c.Bold, XBrushes.Black);
                    }
                }
                y += height;
            }
            y += BodySize;
        }

        private void Signatures(IReadOnlyList<SignatureBlock> blocks)
        {
            var lineHeight = BodySize * 1.9;
            var height = (1 + blocks.Max(b => b.Lines.Count)) * lineHeight + BodySize;
            Need(height);
            var width = TextWidth / blocks.Count;
            for (var i = 0; i < blocks.Count; i++)
            {
                var x = Left + i * width;
                var top = y + BodySize;
                DrawRun(blocks[i].Party, x, top, BodySize, true, XBrushes.Black);
                for (var l = 0; l < blocks[i].Lines.Count; l++)
                    DrawRun(blocks[i].Lines[l], x, top + (l + 1) * lineHeight, BodySize, false, XBrushes.Black);
            }
            y += height;
        }

        private const double SignedHeight = 2 * BodySize * 1.75 + 2 * BodySize;

        private void IssuerSigned(IssuerSignature signed)
        {
            // 署名 and 成文日期 to the right, the date four characters in from the right edge and the name centred over
            // it; the room above is where the seal (印章) goes, covering both.
            var lineHeight = BodySize * 1.75;
            Need(SignedHeight);
            y += 2 * BodySize;
            var dateWidth = Measure(signed.DateText, BodySize, false);
            var dateX = Left + TextWidth - 4 * BodySize - dateWidth;
            var centre = dateX + dateWidth / 2;
            var nameWidth = Measure(signed.Issuer, BodySize, false);
            DrawRun(signed.Issuer, Math.Min(centre - nameWidth / 2, Left + TextWidth - nameWidth), y, BodySize, false, XBrushes.Black);
            y += lineHeight;
            DrawRun(signed.DateText, dateX, y, BodySize, false, XBrushes.Black);
            y += lineHeight;
        }

        private void Link(DocumentLink link)
        {
            var qr = DocumentQr.For(link.Url);
            var side = 24 * Mm;
            Need(side + 4 * Mm);
            y += 4 * Mm;
            var cell = side / qr.Size;
            for (var r = 0; r < qr.Size; r++)
                for (var c = 0; c < qr.Size; c++)
                    if (qr.IsDark(r, c)) G.DrawRectangle(XBrushes.Black, Left + c * cell, y + r * cell, cell + 0.05, cell + 0.05);
            var textX = Left + side + 4 * Mm;
            var width = TextWidth - side - 4 * Mm;
            var lineY = y + 2 * Mm;
            foreach (var line in Wrap(link.Caption, width, TableSize, false, 0).Concat(Wrap(link.Url, width, 9, false, 0).Select(l => "\u0001" + l)))
            {
                var url = line.StartsWith('\u0001');
                var size = url ? 9 : TableSize;
                DrawRun(url ? line[1..] : line, textX, lineY, size, false, XBrushes.Black);
                lineY += size * 1.5;
            }
            y += side;
        }

        private XFont Font(string family, double size, bool bold)
        {
            if (!fonts.TryGetValue((family, size, bold), out var font))
                fonts[(family, size, bold)] = font = new XFont(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                    new XPdfFontOptions(PdfFontEncoding.Unicode));
            return font;
        }

        /// <summary>Draws a line of text from its left edge and top, each run of characters in its own font.</summary>
        private void DrawRun(string text, double x, double top, double size, bool bold, XBrush brush)
        {
            foreach (var (family, run) in Runs(text))
            {
                var font = Font(family, size, bold);
                G.DrawString(run, font, brush, x, top, XStringFormats.TopLeft);
                x += G.MeasureString(run, font).Width;
            }
        }

        private double Measure(string text, double size, bool bold) =>
            Runs(text).Sum(r => G.MeasureString(r.Text, Font(r.Family, size, bold)).Width);

        /// <summary>
        /// Breaks text into lines no wider than <paramref name="width"/> (the first one narrower by its indent), between
        /// characters, keeping closing punctuation on the line before. A hard line break in the text starts a new line.
        /// </summary>
        private List<string> Wrap(string text, double width, double size, bool bold, double indent)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r", "").Split('\n'))
            {
                var line = new StringBuilder();
                var lineWidth = 0.0;
                var available = width - (lines.Count == 0 ? indent : 0);
                foreach (var element in TextElements(paragraph).SelectMany(u => u.Length > 1 && Measure(u, size, bold) > width ? TextElementsOf(u) : [u]))
                {
                    var w = Measure(element, size, bold);
                    if (line.Length > 0 && lineWidth + w > available && !NoLineStart.Contains(element, StringComparison.Ordinal))
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                        lineWidth = 0;
                        available = width;
                    }
                    line.Append(element);
                    lineWidth += w;
                }
                lines.Add(line.ToString());
            }
            return lines;
        }

        /// <summary>
        /// The units a line may break between: each CJK character alone, a Latin word or number whole with what sticks
        /// to it ("GB/T", "3956-2008", "7.41", "2.5mm²"), a space alone. A unit wider than a line is cut by characters.
        /// </summary>
        private static IEnumerable<string> TextElements(string text)
        {
            var word = new StringBuilder();
            var e = StringInfo.GetTextElementEnumerator(text);
            while (e.MoveNext())
            {
                var element = e.GetTextElement();
                if (element.Length == 1 && IsWordPart(element[0])) { word.Append(element); continue; }
                if (word.Length > 0) { yield return word.ToString(); word.Clear(); }
                yield return element;
            }
            if (word.Length > 0) yield return word.ToString();
        }

        private static bool IsWordPart(char c) => c < 0x2E80 && !char.IsWhiteSpace(c) && c is not ('“' or '”' or '‘' or '’' or '—' or '…' or '□');

        private static IEnumerable<string> TextElementsOf(string text)
        {
            var e = StringInfo.GetTextElementEnumerator(text);
            while (e.MoveNext()) yield return e.GetTextElement();
        }

        /// <summary>The text cut where the font changes (<see cref="DocumentFonts.FamilyOf"/>).</summary>
        private static IEnumerable<(string Family, string Text)> Runs(string text)
        {
            var run = new StringBuilder();
            string? family = null;
            foreach (var rune in text.EnumerateRunes())
            {
                var f = DocumentFonts.FamilyOf(rune.Value);
                if (family is not null && f != family)
                {
                    yield return (family, run.ToString());
                    run.Clear();
                }
                family = f;
                run.Append(rune.ToString());
            }
            if (family is not null) yield return (family, run.ToString());
        }
    }
}
