using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Qualis.Platform.Localization;

/// <summary>
/// The stored sort string of a name in pinyin order (拼音排序), as Chinese users expect a list of names sorted:
/// 阿 (a) before 安 (an) before 白 (bai) before 北京 (bei) before 长沙 (chang) before 重庆 (chong). Kept in a column beside
/// the name and compared bytewise (SQLite's BINARY, PostgreSQL's "C"), so the order never moves when a server's ICU
/// library changes, as ICU sort-key bytes would.
/// <para>
/// Each character becomes one unit, and units compare left to right: digits first, then Latin letters (case and width
/// folded), then other non-Han characters in code-point order, then Han characters by reading — the syllable, its tone
/// as a digit (which ends the syllable, so "a1" sorts before "an1"), then the character itself, so names with the same
/// character stay together. Spaces and punctuation are passed over: 安徽（芜湖） sorts as 安徽芜湖. A Han character
/// without a reading in the table sorts after all that have one.
/// </para>
/// <para>
/// The readings come from pinyin.txt (the first, most common reading of each character, from Unicode's Unihan
/// kMandarin; scripts/pinyin-table.mjs made it). Of the heteronyms only a few place names are read right:
/// 重庆 (chong), and 行 in 银行 (hang).
/// </para>
/// </summary>
public static class PinyinSort
{
    /// <summary>The column's width; a longer key is cut (names that agree that far tie, and a list breaks ties by code).</summary>
    public const int MaxLength = 200;

    private static readonly Lazy<FrozenDictionary<int, string>> Readings = new(Load);

    /// <summary>Readings that differ from a character's most common one in the words where it starts or ends them.</summary>
    private static readonly (string Word, int Index, string Reading)[] Words = [("重庆", 0, "chong2"), ("银行", 1, "hang2")];

    /// <summary>The character's most common reading with its tone digit ("zhang1"), or null when it has none in the table.</summary>
    public static string? Reading(Rune rune) => Readings.Value.GetValueOrDefault(rune.Value);

    public static string Key(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var text = name.Normalize(NormalizationForm.FormKC);
        var key = new StringBuilder(text.Length * 6);
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var at = index;
            index += rune.Utf16SequenceLength;
            var category = Rune.GetUnicodeCategory(rune);
            if (IsPassedOver(category)) continue;
            if (rune.Value is >= '0' and <= '9') key.Append('0').Append((char)rune.Value);
            else if (rune.IsAscii && Rune.IsLetter(rune)) key.Append('1').Append(char.ToLowerInvariant((char)rune.Value));
            else if ((WordReading(text, at) ?? Reading(rune)) is { } reading) key.Append('3').Append(reading).Append(rune.ToString());
            else if (IsHan(rune)) key.Append('4').Append(rune.ToString());
            else key.Append('2').Append(Rune.ToLowerInvariant(rune).ToString());
            if (key.Length >= MaxLength) break;
        }
        return key.Length > MaxLength ? key.ToString(0, MaxLength) : key.ToString();
    }

    private static string? WordReading(string text, int at)
    {
        foreach (var (word, i, reading) in Words)
            if (at - i >= 0 && string.CompareOrdinal(text, at - i, word, 0, word.Length) == 0) return reading;
        return null;
    }

    private static bool IsPassedOver(UnicodeCategory c) => c is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
        or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
        or UnicodeCategory.OtherPunctuation;

    /// <summary>The CJK unified ideograph blocks (the basic block, its compatibility block and extensions A–I).</summary>
    private static bool IsHan(Rune r) => r.Value is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3347F;

    private static FrozenDictionary<int, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Platform/Localization/pinyin.txt")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var map = new Dictionary<int, string>(30_000);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            var reading = line[..tab];
            foreach (var rune in line.AsSpan(tab + 1).EnumerateRunes()) map[rune.Value] = reading;
        }
        return map.ToFrozenDictionary();
    }
}
