namespace Qualis.Platform.Import;

/// <summary>
/// How a cell's text is cleaned before it is checked: officials' sheets carry full-width digits and letters typed
/// with a Chinese input method (１２３, ＡＢＣ), ideographic spaces (U+3000) and non-breaking spaces pasted from web
/// pages. Those are folded to their ASCII forms and trimmed, so "９１３４…" and "913４…" are the same code.
/// </summary>
public static class CellText
{
    /// <summary>Trims (including U+3000, NBSP, BOM and zero-width spaces), folds U+FF01–FF5E to ASCII and the
    /// ideographic/non-breaking spaces to a plain space; returns null for null or blank text. For codes, numbers, dates.</summary>
    public static string? Normalise(string? text) => Clean(text, punctuationToo: true);

    /// <summary>
    /// For names and other free text: the same, except that Chinese punctuation stays as written (only full-width
    /// letters, digits and spaces fold), so 阿里巴巴（中国）有限公司 keeps the brackets the register spells it with.
    /// </summary>
    public static string? NormaliseText(string? text) => Clean(text, punctuationToo: false);

    private static string? Clean(string? text, bool punctuationToo)
    {
        if (text is null) return null;
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        if (start == end) return null;

        var span = text.AsSpan(start, end - start);
        var first = FirstToFold(span, punctuationToo);
        if (first < 0) return start == 0 && end == text.Length ? text : span.ToString();
        return string.Create(span.Length, (text, start, first, punctuationToo), static (dest, state) =>
        {
            var source = state.text.AsSpan(state.start, dest.Length);
            source[..state.first].CopyTo(dest);
            for (var i = state.first; i < source.Length; i++) dest[i] = Fold(source[i], state.punctuationToo);
        });
    }

    /// <summary>True for the characters <see cref="Normalise"/> trims away.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is '\uFEFF' or '\u200B' or '\u200C' or '\u200D' or '\u2060';

    /// <summary>True when the text is null, empty or only trimmable space.</summary>
    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!IsSpace(c)) return false;
        return true;
    }

    private static int FirstToFold(ReadOnlySpan<char> s, bool punctuationToo)
    {
        for (var i = 0; i < s.Length; i++)
            if (s[i] >= '\u00A0' && Fold(s[i], punctuationToo) != s[i]) return i;
        return -1;
    }

    private static char Fold(char c, bool punctuationToo) => c switch
    {
        // The full-width ASCII block maps 1:1 onto '!'..'~'.
        >= '\uFF10' and <= '\uFF19' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A' => (char)(c - 0xFEE0),
        >= '\uFF01' and <= '\uFF5E' when punctuationToo => (char)(c - 0xFEE0),
        '\u3000' or '\u00A0' => ' ',
        _ => c,
    };
}
