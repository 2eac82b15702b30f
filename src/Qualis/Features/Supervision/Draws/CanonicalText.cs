namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// Rules for the texts that enter a published canonical form (stratum keys, credit codes, inspector ids, units,
/// region codes): no tab or line break (they separate fields and lines) and no lone surrogate (it has no UTF-8 form).
/// Every character a Chinese name can hold is allowed, those of the CJK extension planes (𠮷) included. They are
/// ordered by Unicode code point, which is the order of their UTF-8 bytes (<see cref="Compare"/>): Python's
/// <c>sorted()</c> on str, Go's <c>sort.Strings</c> and PostgreSQL's <c>COLLATE "C"</c> on UTF-8 all give it.
/// No Unicode normalisation is applied.
/// </summary>
internal static class CanonicalText
{
    public static void Check(string? value, string what, bool allowEmpty = false)
    {
        if (value is null) throw new ArgumentException($"The {what} is missing.");
        if (value.Length == 0 && !allowEmpty) throw new ArgumentException($"The {what} is empty.");
        var span = value.AsSpan();
        if (span.IndexOfAny('\t', '\n', '\r') >= 0)
            throw new ArgumentException($"The {what} \"{Printable(value)}\" contains a tab or line break, which the published canonical form cannot hold.");
        if (HasLoneSurrogate(span))
            throw new ArgumentException($"The {what} contains a lone surrogate, which is no character and has no UTF-8 form.");
    }

    /// <summary>
    /// Code-point order (= UTF-8 byte order). .NET's ordinal order compares UTF-16 code units, which differs exactly
    /// when a character of a supplementary plane (a surrogate pair, D800–DFFF) meets one of U+E000–U+FFFF: the pair
    /// is the larger code point but the smaller code unit. Moving the surrogates above U+FFFF before comparing fixes
    /// that; for texts without supplementary characters the result is the ordinal one.
    /// </summary>
    public static int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var (a, b) = (x[i], y[i]);
            if (a != b) return Lift(a) - Lift(b);
        }
        return x.Length - y.Length;
    }

    /// <summary><see cref="Compare"/> as a comparer.</summary>
    public static readonly IComparer<string> Comparer = Comparer<string>.Create(Compare);

    private static int Lift(char c) => c >= '\uD800' && c <= '\uDFFF' ? c + 0x2000 : c >= '\uE000' ? c - 0x800 : c;

    private static bool HasLoneSurrogate(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsSurrogate(s[i])) continue;
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else return true;
        }
        return false;
    }

    private static string Printable(string s) => s.Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");
}
