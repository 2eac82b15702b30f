namespace Qualis.Platform.Printing;

/// <summary>
/// An official document (公文) as data: what a module fills, and what the one print layout
/// (<c>Features/Shared/_OfficialDocument.cshtml</c>) and the one PDF renderer (<see cref="PdfDocumentRenderer"/>) draw.
/// The parts follow GB/T 9704-2012 (党政机关公文格式): the issuing body's mark in red (发文机关标志), the document number
/// (发文字号) over the red rule, the title, the addressee (主送机关), the body, then the signature blocks of the parties
/// and the issuing body's signature with its date (成文日期) where its seal goes (印章). The text stays Chinese whatever
/// the reader's language: the official form is Chinese.
/// </summary>
public sealed record OfficialDocument
{
    /// <summary>发文机关标志, e.g. "合肥市市场监督管理局".</summary>
    public required string Issuer { get; init; }
    /// <summary>发文字号, e.g. "合市监抽〔2026〕3号"; null for a document that carries none.</summary>
    public string? Number { get; init; }
    public required string Title { get; init; }
    /// <summary>主送机关 or the party served, written with its colon by the layout.</summary>
    public string? Addressee { get; init; }
    public IReadOnlyList<DocumentBlock> Body { get; init; } = [];
    /// <summary>The parties' signature blocks (签名栏), side by side.</summary>
    public IReadOnlyList<SignatureBlock> Signatures { get; init; } = [];
    /// <summary>The issuing body's signature and date, where the seal is put (署名、成文日期、印章).</summary>
    public IssuerSignature? Signed { get; init; }
    /// <summary>Where a reader checks the document (a QR code to a public or verification page).</summary>
    public DocumentLink? Link { get; init; }
    /// <summary>附注: a line under the body, e.g. how many copies are made and who keeps which.</summary>
    public string? Note { get; init; }

    /// <summary>Every piece of text the document shows, in reading order: what a reader of the PDF extracts.</summary>
    public IEnumerable<string> Texts()
    {
        yield return Issuer;
        if (Number is not null) yield return Number;
        yield return Title;
        if (Addressee is not null) yield return Addressee;
        foreach (var block in Body)
            switch (block)
            {
                case Paragraph p: yield return p.Text; break;
                case Heading h: yield return h.Text; break;
                case DocumentTable t:
                    foreach (var cell in t.Rows.SelectMany(r => r)) yield return cell.Text;
                    break;
            }
        foreach (var s in Signatures)
        {
            yield return s.Party;
            foreach (var line in s.Lines) yield return line;
        }
        if (Signed is not null)
        {
            yield return Signed.Issuer;
            yield return Signed.DateText;
        }
        if (Note is not null) yield return Note;
    }
}

/// <summary>A part of a document's body.</summary>
public abstract record DocumentBlock;

/// <summary>A body paragraph, its first line indented two characters unless said otherwise.</summary>
public sealed record Paragraph(string Text, bool Indent = true) : DocumentBlock;

/// <summary>A heading inside the body (一、…), in 黑体.</summary>
public sealed record Heading(string Text) : DocumentBlock;

/// <summary>
/// A ruled table: a form's label and value cells or a list with a header row. Column widths are relative; a cell may
/// span several columns. Every row's spans add up to the number of columns (<see cref="Check"/>).
/// </summary>
public sealed record DocumentTable(IReadOnlyList<double> Widths, IReadOnlyList<IReadOnlyList<TableCell>> Rows, bool HeaderRow = false) : DocumentBlock
{
    /// <summary>The table, or an exception naming the first row whose spans do not fill the columns.</summary>
    public DocumentTable Check()
    {
        if (Widths.Count == 0 || Widths.Any(w => w <= 0)) throw new ArgumentException("A table needs columns of positive width.");
        for (var i = 0; i < Rows.Count; i++)
            if (Rows[i].Sum(c => c.Span) != Widths.Count || Rows[i].Any(c => c.Span < 1))
                throw new ArgumentException($"Row {i + 1} spans {Rows[i].Sum(c => c.Span)} of {Widths.Count} columns.");
        return this;
    }

    /// <summary>The columns a cell starts at, row by row.</summary>
    public IEnumerable<(TableCell Cell, int Column)> Cells(IReadOnlyList<TableCell> row)
    {
        var column = 0;
        foreach (var cell in row)
        {
            yield return (cell, column);
            column += cell.Span;
        }
    }

    /// <summary>A form table of label/value pairs, <paramref name="pairsPerRow"/> pairs to a row; a pair marked wide takes a whole row.</summary>
    public static DocumentTable Form(int pairsPerRow, params (string Label, string? Value, bool Wide)[] fields)
    {
        var widths = Enumerable.Range(0, pairsPerRow).SelectMany(_ => new[] { 1.0, 2.0 }).ToList();
        var rows = new List<IReadOnlyList<TableCell>>();
        var row = new List<TableCell>();
        void Close()
        {
            if (row.Count == 0) return;
            var used = row.Sum(c => c.Span);
            if (used < widths.Count) row[^1] = row[^1] with { Span = row[^1].Span + widths.Count - used };
            rows.Add(row);
            row = [];
        }
        foreach (var (label, value, wide) in fields)
        {
            if (wide) Close();
            row.Add(new TableCell(label, Label: true));
            row.Add(new TableCell(value ?? "", wide ? widths.Count - 1 : 1));
            if (wide || row.Count == widths.Count) Close();
        }
        Close();
        return new DocumentTable(widths, rows).Check();
    }
}

/// <summary>A table cell; a label cell is shaded and centred.</summary>
public sealed record TableCell(string Text, int Span = 1, bool Label = false);

/// <summary>A party's signature block: who signs, then the lines left for the signature, seal and date.</summary>
public sealed record SignatureBlock(string Party, IReadOnlyList<string> Lines);

/// <summary>The issuing body's signature (发文机关署名) and the date it was made (成文日期), where the seal goes.</summary>
public sealed record IssuerSignature(string Issuer, DateOnly? Date)
{
    /// <summary>The date in full, or blanks to be filled by hand.</summary>
    public string DateText => DocumentDates.Written(Date);
}

/// <summary>A link a reader can follow from paper: printed as a QR code with a caption and the address.</summary>
public sealed record DocumentLink(string Url, string Caption);

/// <summary>Dates as official documents write them.</summary>
public static class DocumentDates
{
    /// <summary>The blank a date leaves to be filled in by hand.</summary>
    public const string Blank = "　　　　年　　月　　日";

    /// <summary>
    /// 成文日期 as GB/T 9704-2012 writes it: year, month and day in full with Arabic numerals, no leading zeros
    /// ("2026年12月7日"; the 1999 edition's 〇-numerals are no longer used); a missing date leaves the blank.
    /// </summary>
    public static string Written(DateOnly? date) => date is { } d ? $"{d.Year}年{d.Month}月{d.Day}日" : Blank;
}
