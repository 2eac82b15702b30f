namespace Qualis.Features.Public.Draws;

/// <summary>
/// The draw's specification (docs/draw-algorithm.md and its Chinese version), served by the platform itself so that a
/// verifier needs nothing from elsewhere: shown on a page, and as the document's own bytes (?handler=Text).
/// </summary>
public sealed class AlgorithmModel : PageModel
{
    /// <summary>The two versions: the English one is the specification, the Chinese one its faithful translation.</summary>
    public static string ResourceOf(bool english) => english ? "docs/draw-algorithm.md" : "docs/draw-algorithm.zh.md";

    public bool English { get; private set; }
    public string Text { get; private set; } = "";

    public IActionResult OnGet(string? lang)
    {
        English = IsEnglish(lang);
        Text = System.Text.Encoding.UTF8.GetString(Read(English));
        return Page();
    }

    /// <summary>The document as a file (UTF-8 Markdown), e.g. for the Python reference it contains.</summary>
    public IActionResult OnGetText(string? lang) =>
        new FileContentResult(Read(IsEnglish(lang)), "text/markdown; charset=utf-8") { FileDownloadName = IsEnglish(lang) ? "draw-algorithm.md" : "draw-algorithm.zh.md" };

    private bool IsEnglish(string? lang) => lang switch
    {
        "en" => true,
        "zh" => false,
        _ => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en",
    };

    public static byte[] Read(bool english)
    {
        using var stream = typeof(AlgorithmModel).Assembly.GetManifestResourceStream(ResourceOf(english))
                           ?? throw new InvalidOperationException($"The resource {ResourceOf(english)} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
