using Qualis.Platform.Export;

namespace Qualis.Platform.Import;

/// <summary>
/// The XLSX template of an import kind: a sheet to fill in (the header in the reader's language, one sample row,
/// drop-down lists on coded columns), a sheet explaining each column (required or not, the other headers accepted,
/// the values accepted) and a sheet holding the lists. A file filled in from it imports as it stands.
/// </summary>
public static class ImportTemplate
{
    public static async Task WriteAsync(Stream output, IImportKind kind, QualisDb db, IStringLocalizer l, bool english, CancellationToken ct)
    {
        var columns = kind.Columns;
        var choices = await kind.ChoicesAsync(db, ct);
        var listed = columns.Select((c, i) => (Column: c, Index: i)).Where(x => choices.ContainsKey(x.Column.Key)).ToList();
        var headers = columns.Select(c => english ? c.English : c.Chinese).ToList();

        var fill = new XlsxSheet(l[kind.TitleKey], headers, Rows([columns.Select(c => (object?)kind.Sample.GetValueOrDefault(c.Key)).ToArray()]))
        {
            Lists = listed.Select((x, n) => new XlsxList(x.Index, 2, n, choices[x.Column.Key].Values.Count, choices[x.Column.Key].Strict)).ToList(),
        };
        var explained = new XlsxSheet(l["import.template.explained"],
            [l["import.template.column"], l["import.template.required"], l["import.template.aliases"], l["import.template.values"]],
            Rows(columns.Select(c => new object?[]
            {
                english ? c.English : c.Chinese,
                c.Required ? l["import.template.yes"].Value : l["import.template.no"].Value,
                string.Join("、", c.Aliases.Prepend(english ? c.Chinese : c.English)),
                choices.TryGetValue(c.Key, out var values) ? l["import.template.see_list", values.Values.Count].Value + (values.Values.Count <= 8 ? "：" + string.Join("、", values.Values) : "") : null,
            }).ToList())) { Filter = false, Widths = [24, 10, 40, 40] };
        var longest = listed.Count == 0 ? 0 : listed.Max(x => choices[x.Column.Key].Values.Count);
        var lists = new XlsxSheet(l["import.template.lists"], listed.Select(x => headers[x.Index]).ToList(),
            Rows(Enumerable.Range(0, longest).Select(r => listed.Select(x => choices[x.Column.Key].Values is var v && r < v.Count ? (object?)v[r] : null).ToArray()).ToList()))
            { Filter = false };
        await TableExport.WriteXlsxAsync(output, [fill, explained, lists], ct);
    }

    private static async IAsyncEnumerable<object?[]> Rows(IReadOnlyList<object?[]> rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask;
    }
}
