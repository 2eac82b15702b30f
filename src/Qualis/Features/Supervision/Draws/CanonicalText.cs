namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// Rules for the texts that enter a published canonical form (stratum keys, credit codes, inspector ids):
/// no tab or line break (they separate fields and lines) and no character outside the Basic Multilingual
/// Plane. Without those, .NET's ordinal order (UTF-16 code units) equals code-point order and UTF-8 byte
/// order, so a verifier in any language sorts the same way. No Unicode normalisation is applied.
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
        if (span.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
            throw new ArgumentException($"The {what} \"{value}\" contains a character outside the Basic Multilingual Plane; keys must sort the same in every language.");
    }

    private static string Printable(string s) => s.Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");
}
