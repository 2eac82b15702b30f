using System.Reflection;
using System.Globalization;
using System.Text.RegularExpressions;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Supervision;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.PassRates;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Accounts;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Audit;
using Qualis.Platform.Import;
using Qualis.Platform.Localization;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Platform.Localization;

/// <summary>
/// Every UI text comes from the texts.tsv files, Platform's and each module's, in Chinese and English, and every key
/// the code uses is there: written out, or built at run time from a prefix and a value (every value of its enum).
/// </summary>
public sealed partial class TextsTests
{
    private static readonly Texts Texts = Texts.LoadEmbedded();
    private static readonly string Source = Path.Combine(Cli.RepositoryRoot, "src", "Qualis");
    private static readonly CultureInfo Chinese = new("zh-CN");
    private static readonly CultureInfo English = new("en");

    /// <summary>
    /// The keys built at run time: prefix + value, for every value the code can give. A new prefix in the code fails
    /// <see cref="Every_key_built_at_run_time_is_there_for_every_value"/> until its values are listed here.
    /// </summary>
    /// <summary>
    /// Keys built at run time as a prefix and a value: the enums marked [TextKeys] say so themselves (a new module's enum
    /// needs no line here); the other sources of values are listed below.
    /// </summary>
    private static readonly Dictionary<string, IEnumerable<string>> BuiltKeys = EnumTextKeys().Concat(new Dictionary<string, IEnumerable<string>>
    {
        ["role."] = [.. Roles.All, ApiKeyHandler.ClientRole, ""], // "" when a principal carries no role claim
        ["api.scope."] = DeclaredModules.ApiScopes,
        ["api.outcome."] = ApiKeyOutcomes(),
        ["audit.action."] = [AuditEntry.Create, AuditEntry.Update, AuditEntry.Delete],
        ["audit.source."] = ["web", "api", "import", "system"], // AuditDescriber.SourceKind
        ["enterprise.sort."] = EnterpriseFilter.Sorts,
        ["supervision.tab."] = DeclaredModules.All.SelectMany(m => m.Navigation).Where(e => e.Menu == SupervisionModule.TabsMenu).Select(e => e.Id!),
        ["check.failure."] = ["item", "clause", "required", "measured"], // the columns of _ResultForm's failure rows
        ["query."] = Qualis.Platform.Web.EdgeChecks.SearchParameters, // EdgeChecks names the search field it refuses
    }).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>Keys built as base + suffix, with the bases the code can give.</summary>
    private static readonly Dictionary<string, IEnumerable<string>> BuiltFromBase = new()
    {
        ["_detail"] = new[] { 400, 403, 404, 429, 500 }.Select(ErrorTitleKey),
    };

    /// <summary>Prefixes looked up with a fallback to the raw name (a record type, a field), so a missing text shows the name, not a key.</summary>
    /// <summary>The history's field labels (field.) fall back too; AuditDescriberTests requires one for every field of every audited record.</summary>
    private static readonly string[] PrefixesWithFallback = ["entity.", "publicresults.field.", "field."];

    /// <summary>Indicator keys the code names that look like text keys (their module's prefix).</summary>
    private static readonly string[] IndicatorKeys = ["supervision.pass-rate"];

    [Fact]
    public void Every_texts_file_in_the_source_is_embedded()
    {
        var onDisk = SourceFiles("texts.tsv").Select(f => Path.GetRelativePath(Source, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var embedded = typeof(Program).Assembly.GetManifestResourceNames().Where(n => n.EndsWith("texts.tsv", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        embedded.ShouldBe(onDisk);
        onDisk.ShouldContain("Platform/Localization/texts.tsv");
        onDisk.Count.ShouldBeGreaterThan(5);
    }

    [Fact]
    public void Every_text_key_the_code_uses_is_there_in_both_languages()
    {
        var prefixes = Texts.Keys.Select(k => k[..k.IndexOf('.')]).ToHashSet(StringComparer.Ordinal);
        // Not keys themselves: the bases and prefixes keys are built from, and the API scopes (shown as they are).
        // Indicator keys (Platform/Indicators) are stored in targets and scoring items, never shown as texts.
        var notKeys = BuiltFromBase.Values.SelectMany(b => b).Concat(BuiltKeys.Keys).Concat(DeclaredModules.ApiScopes).Concat(IndicatorKeys).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var used = 0;
        foreach (var file in SourceFiles(".cs", ".cshtml"))
            foreach (Match m in KeyLiteral().Matches(File.ReadAllText(file)))
            {
                var key = m.Groups["key"].Value;
                // Any literal given to a localizer is a key; elsewhere a literal is taken for one when it starts like one.
                var given = m.Groups["given"].Success;
                if (!given && (!prefixes.Contains(key[..key.IndexOf('.')]) || notKeys.Contains(key))) continue;
                used++;
                if (Problem(key) is { } problem) problems.Add($"{Path.GetRelativePath(Source, file)}: {problem}");
            }
        foreach (var entry in DeclaredModules.All.SelectMany(m => m.Navigation))
            foreach (var key in new[] { entry.TextKey, entry.DescriptionKey }.OfType<string>())
                if (Problem(key) is { } problem) problems.Add($"navigation entry {entry.Path}: {problem}");
        used.ShouldBeGreaterThan(500);
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Every_key_built_at_run_time_is_there_for_every_value()
    {
        var problems = new List<string>();
        foreach (var file in SourceFiles(".cs", ".cshtml"))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in BuiltPrefix().Matches(text))
            {
                var prefix = m.Groups["prefix"].Value;
                if (prefix.Contains('.') && !BuiltKeys.ContainsKey(prefix) && !PrefixesWithFallback.Contains(prefix))
                    problems.Add($"{Path.GetRelativePath(Source, file)}: keys are built from '{prefix}' at run time; mark its enum [TextKeys] or list its values in TextsTests.BuiltKeys");
            }
            foreach (Match m in BuiltSuffix().Matches(text))
                if (!BuiltFromBase.ContainsKey(m.Groups["suffix"].Value))
                    problems.Add($"{Path.GetRelativePath(Source, file)}: keys are built with the suffix '{m.Groups["suffix"].Value}' at run time; list their bases in TextsTests.BuiltFromBase");
        }
        foreach (var (prefix, values) in BuiltKeys)
            foreach (var value in values)
                if (Problem(prefix + value) is { } problem) problems.Add($"built from '{prefix}': {problem}");
        foreach (var (suffix, bases) in BuiltFromBase)
            foreach (var b in bases)
                if (Problem(b + suffix) is { } problem) problems.Add($"built with '{suffix}': {problem}");
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Each_text_has_Chinese_and_English()
    {
        Texts.Find("nav.logout", Chinese).ShouldBe("退出");
        Texts.Find("nav.logout", English).ShouldBe("Sign out");
        Texts.Find("no.such.key", Chinese).ShouldBeNull();
    }

    [Fact]
    public void A_malformed_line_or_a_key_in_two_files_is_reported_with_both_places()
    {
        Should.Throw<FormatException>(() => new Texts(("a.tsv", "a\t甲\tA\nb\t乙"))).Message.ShouldContain("a.tsv line 2");
        Should.Throw<FormatException>(() => new Texts(("a.tsv", "a\t甲\tA\na\t乙\tB"))).Message.ShouldContain("'a' appears twice: a.tsv line 1 and a.tsv line 2");
        Should.Throw<FormatException>(() => new Texts(("Features/X/texts.tsv", "# key\nx.a\t甲\tA"), ("Features/Y/texts.tsv", "x.a\t乙\tB")))
            .Message.ShouldContain("'x.a' appears twice: Features/X/texts.tsv line 2 and Features/Y/texts.tsv line 1");
    }

    /// <summary>Why the key fails, or null when it has a text in both languages.</summary>
    private static string? Problem(string key) =>
        Texts.Find(key, Chinese) is not { Length: > 0 } ? $"'{key}' has no text"
        : Texts.Find(key, English) is not { Length: > 0 } ? $"'{key}' has no English text"
        : null;

    private static IEnumerable<string> SourceFiles(params string[] endings) =>
        Directory.EnumerateFiles(Source, "*", SearchOption.AllDirectories)
            .Where(f => endings.Any(e => f.EndsWith(e, StringComparison.Ordinal)) && !f.Contains("/obj/") && !f.Contains("/bin/"));

    private static IEnumerable<KeyValuePair<string, IEnumerable<string>>> EnumTextKeys() =>
        typeof(Program).Assembly.GetTypes().Where(t => t.IsEnum)
            .SelectMany(t => t.GetCustomAttributes<TextKeysAttribute>().Select(a => KeyValuePair.Create(a.Prefix, a.KeysOf(t).Select(k => k[a.Prefix.Length..]))));

    /// <summary>The outcomes the API key log records (ApiKeyUse.Outcome), read from the code that sets them.</summary>
    private static IEnumerable<string> ApiKeyOutcomes()
    {
        var code = File.ReadAllText(Path.Combine(Source, "Platform", "ApiKeys", "ApiKeyAuthentication.cs"));
        return OutcomeLiteral().Matches(code).Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    private static string ErrorTitleKey(int status)
    {
        var page = new Qualis.Features.ErrorModel { PageContext = new() { HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext() } };
        page.OnGet(status);
        return page.TitleKey;
    }

    /// <summary>A string literal shaped like a text key: "check.result", L["nav.enterprises"] (given: to a localizer or a validation attribute).</summary>
    [GeneratedRegex(@"(?<given>\b[Ll]\[\s*|ErrorMessage\s*=\s*|Display\(Name\s*=\s*)?""(?<key>[a-z][a-z0-9_]*(?:\.[A-Za-z0-9_\-]+)+)""")]
    private static partial Regex KeyLiteral();

    /// <summary>A key's beginning joined to a value: "check.status." + s, $"check.status.{s}", "user.region_level_" + level.</summary>
    [GeneratedRegex(@"(?:""|\$"")(?<prefix>[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*(?:\.|_))(?:""\s*\+|\{)")]
    private static partial Regex BuiltPrefix();

    /// <summary>A value joined to a key's ending: s + ".title", TitleKey + "_detail".</summary>
    [GeneratedRegex(@"\+\s*""(?<suffix>[._][a-z_]+)""")]
    private static partial Regex BuiltSuffix();

    [GeneratedRegex(@"Outcome\s*=\s*""([a-z\-]+)""")]
    private static partial Regex OutcomeLiteral();
}

/// <summary>The language a user chooses: by cookie for the browser, and on the account for the next sign-in.</summary>
public abstract class LanguageTests(QualisApp app)
{
    [Fact]
    public async Task Pages_speak_Chinese_by_default_and_English_when_chosen_and_the_account_remembers()
    {
        await Qualis.Tests.Platform.Access.RecordSamples.NewUserAsync(app, "english.reader", Roles.ProvincialOfficer, "340000", "English Reader");
        var client = await app.SignedInAs("english.reader");
        (await client.GetStringAsync("/")).ShouldContain("<html lang=\"zh-CN\">");

        (await client.PostFormAsync("/Account/Language", new() { ["culture"] = "en", ["returnUrl"] = "/Audit" }, "/")).Headers.Location!.ToString().ShouldBe("/Audit");
        var english = await client.GetStringAsync("/Audit");
        english.ShouldContain("<html lang=\"en\">");
        english.ShouldContain("Audit trail");

        var user = await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.UserName == "english.reader"));
        user.Culture.ShouldBe("en");
        var next = await app.SignedInAs("english.reader");
        (await next.GetStringAsync("/")).ShouldContain("Welcome, English Reader");
    }

    [Fact]
    public async Task An_unknown_language_falls_back_to_Chinese()
    {
        var client = app.Anonymous();
        await client.PostFormAsync("/Account/Language", new() { ["culture"] = "xx-YY", ["returnUrl"] = "/Account/Login" }, "/Account/Login");
        (await client.GetStringAsync("/Account/Login")).ShouldContain("<html lang=\"zh-CN\">");
    }
}

public sealed class LanguageTestsOnSqlite(SqliteApp app) : LanguageTests(app), IClassFixture<SqliteApp>;
public sealed class LanguageTestsOnPostgres(PostgresApp app) : LanguageTests(app), IClassFixture<PostgresApp>;
