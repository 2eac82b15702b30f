using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qualis.Platform.Accounts;

namespace Qualis.BrowserTests.Support;

/// <summary>
/// Debian's Chromium (never a downloaded browser) driven by Playwright, headless, against the real application on
/// a real Kestrel port over SQLite. One browser and one application per test class; each test gets its own context.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    public QualisApp App { get; }

    public BrowserApp() : this(new SqliteApp()) { }

    /// <summary>A browser over an application set up for the test class (a short idle expiry, a clock it moves …).</summary>
    protected BrowserApp(QualisApp app) => App = app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("QUALIS_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}: run the tests with ./test.sh, which installs Debian's chromium package.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        App.Dispose();
    }

    /// <summary>A fresh browser tab with its own cookies; failing console messages about the content security policy fail the test.</summary>
    public async Task<IPage> NewPageAsync() => await NewPageAsync(storageState: null);

    private async Task<IPage> NewPageAsync(string? storageState)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = App.BaseAddress.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "zh-CN", StorageState = storageState,
        });
        var page = await context.NewPageAsync();
        var errors = Errors.GetOrCreateValue(page);
        page.Console += (_, m) =>
        {
            if (m.Type == "error") errors.Add($"{page.Url}: {m.Text}");
        };
        return page;
    }

    internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> Errors = new();

    public async Task<IPage> SignedInAsync(string userName, string password = DemoAccounts.Password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("#login-submit");
        await PassSecondFactorAsync(page, userName);
        await page.WaitForSelectorAsync("#current-user");
        // The element appears before the scripts at the end of the page run; a test that then changes an
        // autosubmit select (the language switch) would change it with no handler attached and wait in vain.
        await page.WaitForLoadStateAsync(LoadState.Load);
        return page;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _signIns = new();

    /// <summary>
    /// A fresh tab signed in as the user with the cookies of this fixture's earlier sign-in (<see cref="KeepSignInAsync"/>),
    /// for tests that visit many pages as one person and do not test signing in; signed in through the form the first time.
    /// </summary>
    public async Task<IPage> SignedInAgainAsync(string userName) =>
        _signIns.TryGetValue(userName, out var state) ? await NewPageAsync(state) : await SignedInAsync(userName);

    /// <summary>Keeps the tab's cookies (the sign-in, renewed as the session slides) for the next <see cref="SignedInAgainAsync"/>.</summary>
    public async Task KeepSignInAsync(IPage page, string userName) => _signIns[userName] = await page.Context.StorageStateAsync();

    /// <summary>
    /// An administrator's second factor, as a person with an authenticator app passes it: at the first sign-in the key
    /// is read from the enrolment page (as the app scans it) and the recovery codes are acknowledged; later, the code of
    /// the stored key is typed.
    /// </summary>
    public async Task PassSecondFactorAsync(IPage page, string userName)
    {
        // The enrolment page shows the signed-in user too: look for the second-factor forms first.
        await page.WaitForSelectorAsync("#current-user, #two-factor-form, #two-factor-setup-form");
        if (await page.Locator("#two-factor-form").CountAsync() > 0)
        {
            await page.FillAsync("#Code", Totp.Now(await App.AuthenticatorKeyAsync(userName) ?? throw new InvalidOperationException($"{userName} has no authenticator key.")));
            await page.ClickAsync("#two-factor-submit");
        }
        else if (await page.Locator("#two-factor-setup-form").CountAsync() > 0)
        {
            var key = (await page.TextContentAsync("#authenticator-key"))!.Replace(" ", "");
            await page.FillAsync("#Code", Totp.Now(key));
            await page.ClickAsync("#two-factor-setup-submit");
            await page.ClickAsync("#two-factor-continue");
            await page.WaitForSelectorAsync("#current-user");
        }
    }
}

public static partial class Screenshots
{
    /// <summary>Errors the browser reported on this tab (script errors, CSP violations); tests assert there are none.</summary>
    public static List<string> ConsoleErrors(this IPage page) => BrowserApp.Errors.GetOrCreateValue(page);

    /// <summary>artifacts/screenshots at the repository root: the test command keeps them as test artefacts.</summary>
    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Qualis.slnx"))) dir = dir.Parent;
            var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>Switches the page's language through the top bar's list (at phone width it sits in the collapsed part).</summary>
    public static async Task ChooseLanguageAsync(this IPage page, string lang)
    {
        if (await page.GetAttributeAsync("html", "lang") == lang) return;
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (!await page.IsVisibleAsync("#language-form select")) await page.ClickAsync(".navbar-toggler");
        await page.SelectOptionAsync("#language-form select", lang);
        await page.WaitForSelectorAsync($"html[lang='{lang}']", new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Clicks a form's submit button and waits until the server's answer has replaced the page. Reading the page
    /// straight after the click can read the old page while the post is still on its way (a CI run read the sampling
    /// form before its errors came back).
    /// </summary>
    public static async Task SubmitAsync(this IPage page, string button)
    {
        await page.EvaluateAsync("() => { window.__beforeSubmit = true; }");
        await page.ClickAsync(button);
        await page.WaitForFunctionAsync("() => window.__beforeSubmit === undefined && document.readyState === 'complete'");
    }

    /// <summary>Saves the screenshot, after checking the page shows no text key in place of a text.</summary>
    public static async Task SaveAsync(this IPage page, string name)
    {
        await page.ShouldShowNoTextKeysAsync(name);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Fails on visible text shaped like a text key of the texts files ("check.status.Final", "nav.import"): a text
    /// missing from texts.tsv shows as its key. Key-shaped data (an account named "lang.tester", "algorithm.md") starts
    /// with no key's first part and passes; the API scope names the admin page lists are genuine and allowed.
    /// </summary>
    public static async Task ShouldShowNoTextKeysAsync(this IPage page, string name)
    {
        var text = await page.InnerTextAsync("body");
        var keys = KeyShaped().Matches(text).Select(m => m.Value)
            .Where(k => KeyPrefixes.Contains(k[..k.IndexOf('.')]) && !ApiScopeNames.Contains(k)).Distinct().ToList();
        keys.ShouldBeEmpty($"{name} ({page.Url}) shows text keys");
    }

    private static readonly HashSet<string> KeyPrefixes =
        Qualis.Platform.Localization.Texts.LoadEmbedded().Keys.Select(k => k[..k.IndexOf('.')]).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> ApiScopeNames = DeclaredModules.ApiScopes.ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b[a-z][a-z0-9_]*(?:\.[A-Za-z0-9_\-]+)+\b")]
    private static partial Regex KeyShaped();
}
