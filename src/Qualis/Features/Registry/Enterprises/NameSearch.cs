using System.Text;
using Qualis.Platform.Import;
using Qualis.Platform.Localization;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>
/// Name-fragment search (按名称片段查找) that stays fast over a million enterprises on both databases. Chinese names
/// have no spaces to split on and the fragments officials type are mostly two characters (电缆, 华鑫), which trigram
/// indexes cannot serve; so each name is indexed as its overlapping character pairs, and a fragment is found as the
/// phrase of its own pairs in order, which is exactly "the name contains the fragment". A pair is written as eight
/// letters a–p (the two UTF-16 units in base 16), a token every full-text tokenizer keeps whole: SQLite's FTS5 and
/// PostgreSQL's tsvector index these tokens with their positions.
/// <para>
/// A name also carries its first pair once more, marked with a q (<see cref="StartToken"/>), when its pinyin sort
/// string begins with that pair's: the names that begin with a fragment then lie together in the name order, and the
/// few others that hold it are told apart in the index (<see cref="StartOf"/>). A city's name (合肥, in 180,000 of a
/// million names, nearly all at their start) is thus paged in name order without sorting every match.
/// </para>
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
        if (StartsSorted(s)) Append(sb.Append(' ').Append(StartMark), s[0], s[1]);
        return sb.ToString();
    }

    /// <summary>The mark of a start token: pair tokens use the letters a–p only.</summary>
    private const char StartMark = 'q';

    /// <summary>
    /// Whether the sort string of a (folded) text begins with the sort string of its first two characters, so that
    /// every text that carries this start token lies in <see cref="StartOf"/>'s range. Not so when those characters sort
    /// as nothing (punctuation), when the second is half of a surrogate pair, or when the third changes the second's
    /// reading (重 before 庆; <see cref="PinyinSort"/> looks one character ahead at most).
    /// </summary>
    private static bool StartsSorted(string folded)
    {
        if (folded.Length < 2 || char.IsHighSurrogate(folded[1])) return false;
        // The first two characters and the one after them, that one whole even where it is a surrogate pair.
        var next = Math.Min(folded.Length, char.IsHighSurrogate(folded[Math.Min(2, folded.Length - 1)]) ? 4 : 3);
        if (!Wellformed(folded.AsSpan(0, next))) return false;
        var head = PinyinSort.Key(folded[..2]);
        return head.Length > 0 && PinyinSort.Key(folded[..next]).StartsWith(head, StringComparison.Ordinal);
    }

    private static bool Wellformed(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var used) != System.Buffers.OperationStatus.Done) return false;
            text = text[used..];
        }
        return true;
    }

    /// <summary>
    /// For a fragment: the start token of the names that begin with its first two characters, and the range of sort
    /// strings [From, To) every name carrying that token lies in (compared bytewise, as the sort column is); null when
    /// the fragment's start cannot be told this way.
    /// </summary>
    public static (string Token, string From, string To)? StartOf(string? fragment)
    {
        var s = Fold(fragment);
        if (!StartsSorted(s)) return null;
        var token = new StringBuilder(9).Append(StartMark);
        Append(token, s[0], s[1]);
        var from = PinyinSort.Key(s[..2]);
        // U+10FFFF, the last code point, sorts after any character that may follow the prefix (UTF-8 bytes F4 8F BF BF).
        return (token.ToString(), from, from + "\U0010FFFF");
    }

    /// <summary>The start token of a fragment's names as it stands in their indexed form, after a space (checked on the row itself).</summary>
    public static string EndingOf(string startToken) => " " + startToken;

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
    public static IQueryable<Enterprise> Matching(QualisDb db, IReadOnlyList<string> pairs, bool everyMatch = false, string? without = null, bool narrowed = false) =>
        PhraseIndex.Of<Enterprise>(db, Schema).Matching(pairs, everyMatch, without, narrowed);

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
