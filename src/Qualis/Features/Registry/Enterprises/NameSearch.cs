using System.Text;
using Qualis.Platform.Import;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>
/// Name-fragment search (按名称片段查找) that stays fast over a million enterprises on both databases. Chinese names
/// have no spaces to split on and the fragments officials type are mostly two characters (电缆, 华鑫), which trigram
/// indexes cannot serve; so each name is indexed as its overlapping character pairs, and a fragment is found as the
/// phrase of its own pairs in order, which is exactly "the name contains the fragment". A pair is written as eight
/// letters a–p (the two UTF-16 units in base 16), a token every full-text tokenizer keeps whole: SQLite's FTS5 and
/// PostgreSQL's tsvector index these tokens with their positions.
/// </summary>
public static class NameSearch
{
    /// <summary>The indexed form of a name: its character pairs as tokens, separated by spaces.</summary>
    public static string Grams(string? name)
    {
        var s = Fold(name);
        if (s.Length < 2) return "";
        var sb = new StringBuilder((s.Length - 1) * 9);
        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (i > 0) sb.Append(' ');
            Append(sb, s[i], s[i + 1]);
        }
        return sb.ToString();
    }

    /// <summary>The fragment's pairs in order, or null when it is shorter than two characters (searched by scanning).</summary>
    public static IReadOnlyList<string>? Pairs(string? fragment)
    {
        var s = Fold(fragment);
        if (s.Length < 2) return null;
        var pairs = new List<string>(s.Length - 1);
        var sb = new StringBuilder(8);
        for (var i = 0; i + 1 < s.Length; i++)
        {
            sb.Clear();
            Append(sb, s[i], s[i + 1]);
            pairs.Add(sb.ToString());
        }
        return pairs;
    }

    /// <summary>The index of the pairs, as the schema scripts create it (0002_registry.sql on each database).</summary>
    private static readonly PhraseIndexSchema Schema = new(nameof(Enterprise.NameGrams),
        SqliteFtsTable: "EnterpriseNameSearch", SqliteInsertTrigger: "Enterprises_search_insert", PostgresVectorColumn: "NameVector");

    /// <summary>The enterprises whose name holds the pairs in order, that is whose name contains the fragment.</summary>
    public static IQueryable<Enterprise> Matching(QualisDb db, IReadOnlyList<string> pairs, bool everyMatch = false) =>
        PhraseIndex.Of<Enterprise>(db, Schema).Matching(pairs, everyMatch);

    /// <summary>Bulk-inserts enterprises and indexes their names (the import's way of writing new ones).</summary>
    public static Task BulkInsertAsync(QualisDb db, IReadOnlyCollection<Enterprise> rows, CancellationToken ct) =>
        PhraseIndex.Of<Enterprise>(db, Schema).BulkInsertAsync(rows, ct);

    /// <summary>The same text whatever way it was typed: trimmed, full-width folded, Latin letters in lower case.</summary>
    public static string Fold(string? text) => (CellText.Normalise(text) ?? "").ToLowerInvariant();

    private static void Append(StringBuilder sb, char a, char b)
    {
        foreach (var c in new[] { a, b })
            for (var shift = 12; shift >= 0; shift -= 4)
                sb.Append((char)('a' + ((c >> shift) & 0xF)));
    }
}
