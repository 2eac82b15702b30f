using System.Globalization;
using System.Text.RegularExpressions;
using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Localization;
using Qualis.Tests.Support;

namespace Qualis.Tests.Platform.Localization;

/// <summary>Every UI text comes from texts.tsv, in Chinese and English, and every key the code uses is there.</summary>
public sealed partial class TextsTests
{
    private static readonly Texts Texts = Texts.LoadEmbedded();

    [Fact]
    public void Every_text_key_the_code_uses_is_in_the_file()
    {
        var source = Path.Combine(Cli.RepositoryRoot, "src", "Qualis");
        var files = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/") && !f.Contains("/bin/"));
        var known = Texts.Keys.ToHashSet();
        var missing = new List<string>();
        var used = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match m in KeyUse().Matches(text))
            {
                var key = m.Groups["key"].Value;
                used++;
                if (!known.Contains(key)) missing.Add($"{Path.GetRelativePath(source, file)}: {key}");
            }
        }
        used.ShouldBeGreaterThan(100);
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Texts_built_from_names_exist_for_every_name()
    {
        foreach (var role in Roles.All) Texts.Find("role." + role, CultureInfo.InvariantCulture).ShouldNotBeNull(role);
        foreach (var scope in new[] { "regions.read", "enterprises.read", "audit.read", "supervision.read" }) Texts.Find("api.scope." + scope, CultureInfo.InvariantCulture).ShouldNotBeNull(scope);
        foreach (var action in new[] { AuditEntry.Create, AuditEntry.Update, AuditEntry.Delete })
            Texts.Find("audit.action." + action, CultureInfo.InvariantCulture).ShouldNotBeNull(action);
    }

    [Fact]
    public void Each_text_has_Chinese_and_English()
    {
        var zh = new CultureInfo("zh-CN");
        var en = new CultureInfo("en");
        Texts.Find("nav.logout", zh).ShouldBe("退出");
        Texts.Find("nav.logout", en).ShouldBe("Sign out");
        Texts.Find("no.such.key", zh).ShouldBeNull();
    }

    [Fact]
    public void A_malformed_or_duplicated_line_is_reported_with_its_number()
    {
        Should.Throw<FormatException>(() => new Texts("a\t甲\tA\nb\t乙")).Message.ShouldContain("line 2");
        Should.Throw<FormatException>(() => new Texts("a\t甲\tA\na\t乙\tB")).Message.ShouldContain("'a' appears twice");
    }

    /// <summary>L["key"], l["key", …], ErrorMessage = "key" and Display(Name = "key") in pages and page models.</summary>
    [GeneratedRegex(@"(?:\b[Ll]\[\s*""|ErrorMessage\s*=\s*""|Display\(Name\s*=\s*"")(?<key>[a-z][a-z0-9_]*(?:[.\-][a-z0-9_\-]+)+)""")]
    private static partial Regex KeyUse();
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
