using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace Qualis.Platform.Printing;

/// <summary>
/// The fonts the PDF embeds, shipped inside the platform's assembly so a county laptop prints without installing any
/// font. PDFsharp embeds TrueType-outline fonts only; Debian's Noto CJK fonts have CFF outlines, so the CJK font is
/// Droid Sans Fallback (TrueType, Apache License 2.0, 3.4 MB, every CJK Unified Ideograph of the basic block and the
/// full-width forms, no Latin letters), paired with DejaVu Sans (Bitstream Vera licence, 0.7 MB) for Latin letters,
/// digits and Western punctuation. Their licences sit beside them in <c>Platform/Printing/Fonts</c>.
/// Bold is simulated (neither ships a bold face).
/// </summary>
public sealed class DocumentFonts : IFontResolver
{
    public const string Cjk = "Qualis CJK";
    public const string Latin = "Qualis Latin";

    private static readonly DocumentFonts Instance = new();
    private static readonly Lazy<byte[]> CjkBytes = new(() => Read("DroidSansFallback.ttf"));
    private static readonly Lazy<byte[]> LatinBytes = new(() => Read("DejaVuSans.ttf"));

    /// <summary>Makes PDFsharp use these fonts; PDFsharp wants the same resolver instance every time it is set.</summary>
    public static void Use()
    {
        if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) GlobalFontSettings.FontResolver = Instance;
    }

    /// <summary>
    /// The font a character is drawn in: the CJK font from the CJK radicals block (U+2E80) up, where the ideographs,
    /// the CJK punctuation 、。〔〕 and the full-width forms lie; the Latin font below it, including the quotation
    /// marks and dashes Chinese text uses, which the CJK font lacks.
    /// </summary>
    public static string FamilyOf(int codePoint) => codePoint >= 0x2E80 ? Cjk : Latin;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var face = familyName switch { Cjk => Cjk, Latin => Latin, _ => null };
        if (face is null) return null;
        return bold ? new FontResolverInfo(face, XStyleSimulations.BoldSimulation) : new FontResolverInfo(face);
    }

    public byte[]? GetFont(string faceName) => faceName switch
    {
        Cjk => CjkBytes.Value,
        Latin => LatinBytes.Value,
        _ => null,
    };

    private static byte[] Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Platform/Printing/Fonts/" + file)
                           ?? throw new InvalidOperationException($"The font {file} is not embedded in the application.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
