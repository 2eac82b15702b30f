using System.Collections.Frozen;
using System.Reflection;

namespace Qualis.Platform.Localization;

/// <summary>
/// The UI texts, from the embedded texts.tsv files (key, Simplified Chinese, English), one line a text: Platform's
/// (shell, roles, validation, shared words) and each module's beside its pages (Features/&lt;Module&gt;/…/texts.tsv),
/// merged at start-up. A key in two files stops the start. A missing key shows as the key itself, and a test fails on
/// any key the code uses that is absent.
/// </summary>
public sealed class Texts
{
    public static readonly string[] Cultures = ["zh-CN", "en"];
    public const string DefaultCulture = "zh-CN";

    private static readonly Lazy<Texts> Embedded = new(ReadEmbedded);
    private readonly FrozenDictionary<string, (string Zh, string En)> _texts;

    /// <summary>Merges the files, each given by its name (for messages) and its content.</summary>
    public Texts(params (string File, string Content)[] files)
    {
        var map = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var where = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, content) in files)
        {
            var n = 0;
            foreach (var raw in content.Split('\n'))
            {
                n++;
                var line = raw.TrimEnd('\r');
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var cells = line.Split('\t');
                if (cells.Length != 3 || cells.Any(string.IsNullOrWhiteSpace))
                    throw new FormatException($"{file} line {n}: expected key<TAB>中文<TAB>English, got '{line}'.");
                if (where.TryGetValue(cells[0], out var first))
                    throw new FormatException($"Text key '{cells[0]}' appears twice: {first} and {file} line {n}.");
                where[cells[0]] = $"{file} line {n}";
                map[cells[0]] = (Unescape(cells[1]), Unescape(cells[2]));
            }
        }
        _texts = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Unescape(string s) => s.Replace("\\n", "\n");

    /// <summary>Every embedded texts.tsv, read once: the files are part of the build.</summary>
    public static Texts LoadEmbedded() => Embedded.Value;

    private static Texts ReadEmbedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith("texts.tsv", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var s = assembly.GetManifestResourceStream(n)!;
                return (n, new StreamReader(s).ReadToEnd());
            })
            .ToArray();
        return files.Length > 0 ? new Texts(files) : throw new InvalidOperationException("No texts.tsv is embedded.");
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
