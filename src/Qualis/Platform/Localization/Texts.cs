using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Localization;

namespace Qualis.Platform.Localization;

/// <summary>
/// The UI texts, from the embedded resource texts.tsv (key, Simplified Chinese, English), one line a text.
/// A missing key shows as the key itself, and a test fails on any key used in a page but absent from the file.
/// </summary>
public sealed class Texts
{
    public static readonly string[] Cultures = ["zh-CN", "en"];
    public const string DefaultCulture = "zh-CN";

    private readonly FrozenDictionary<string, (string Zh, string En)> _texts;

    public Texts(string tsv)
    {
        var map = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var n = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            n++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            if (cells.Length != 3 || cells.Any(string.IsNullOrWhiteSpace))
                throw new FormatException($"texts.tsv line {n}: expected key<TAB>中文<TAB>English, got '{line}'.");
            if (!map.TryAdd(cells[0], (Unescape(cells[1]), Unescape(cells[2]))))
                throw new FormatException($"texts.tsv line {n}: key '{cells[0]}' appears twice.");
        }
        _texts = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Unescape(string s) => s.Replace("\\n", "\n");

    public static Texts LoadEmbedded()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("Qualis.Platform.Localization.texts.tsv")
            ?? throw new InvalidOperationException("texts.tsv is not embedded");
        return new Texts(new StreamReader(s).ReadToEnd());
    }

    public IEnumerable<string> Keys => _texts.Keys;

    public static bool IsEnglish(CultureInfo c) => c.TwoLetterISOLanguageName == "en";

    public string? Find(string key, CultureInfo culture) =>
        _texts.TryGetValue(key, out var t) ? (IsEnglish(culture) ? t.En : t.Zh) : null;
}

internal sealed class TextsLocalizer(Texts texts) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = texts.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var s = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, s.Value, arguments), s.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => texts.Keys.Select(k => this[k]);
}

internal sealed class TextsLocalizerFactory(Texts texts) : IStringLocalizerFactory
{
    private readonly TextsLocalizer _localizer = new(texts);
    public IStringLocalizer Create(Type resourceSource) => _localizer;
    public IStringLocalizer Create(string baseName, string location) => _localizer;
}
