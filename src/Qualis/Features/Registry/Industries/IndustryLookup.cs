using Qualis.Platform.Import;

namespace Qualis.Features.Registry.Industries;

/// <summary>
/// Reads an industry as officials' files write it: a division or class code (39, 3911), the same with its section
/// letter in front (C39, C3911, the form most exports use), a section letter alone, or a name of the classification
/// (电气机械和器材制造业). A class that was not loaded into the catalogue is kept as its division, the most precise code
/// the catalogue holds.
/// </summary>
public sealed class IndustryLookup
{
    private readonly Dictionary<string, string?> _parentOf;
    private readonly Dictionary<string, List<string>> _byName;

    private IndustryLookup(List<Industry> industries)
    {
        _parentOf = industries.ToDictionary(i => i.Code, i => i.ParentCode, StringComparer.Ordinal);
        _byName = industries.GroupBy(i => i.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(i => i.Code).ToList(), StringComparer.Ordinal);
    }

    public static async Task<IndustryLookup> LoadAsync(QualisDb db, CancellationToken ct) =>
        new(await db.Set<Industry>().AsNoTracking().ToListAsync(ct));

    public static IndustryLookup Of(IEnumerable<Industry> industries) => new(industries.ToList());

    /// <summary>The stored code for a cell's text, or null with the problem added under <paramref name="column"/>.</summary>
    public string? Resolve(string text, string column, List<RowProblem> problems)
    {
        var code = text.ToUpperInvariant();
        string? section = null;
        if (code.Length is >= 3 and <= 5 && code[0] is >= 'A' and <= 'Z' && code.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
            (section, code) = (code[..1], code[1..]);
        if (code.Length is >= 2 and <= 4 && code.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
        {
            var division = code[..2];
            if (!_parentOf.TryGetValue(division, out var divisionSection))
            {
                problems.Add(new RowProblem(column, text, "import.industry_unknown", text));
                return null;
            }
            if (section is not null && section != divisionSection)
            {
                problems.Add(new RowProblem(column, text, "import.industry_section", text, division, divisionSection ?? "", section));
                return null;
            }
            // The most precise level the catalogue holds: 3911, else 391, else 39.
            for (var length = code.Length; length > 2; length--)
                if (_parentOf.ContainsKey(code[..length])) return code[..length];
            return division;
        }
        if (section is null && code.Length == 1 && _parentOf.ContainsKey(code)) return code;
        if (_byName.TryGetValue(text, out var named))
        {
            if (named.Count == 1) return named[0];
            problems.Add(new RowProblem(column, text, "import.industry_name_ambiguous", text, string.Join("、", named)));
            return null;
        }
        problems.Add(new RowProblem(column, text, "import.industry_unknown", text));
        return null;
    }
}
