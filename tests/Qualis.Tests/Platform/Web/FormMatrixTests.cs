using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Platform.Accounts;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Web;

/// <summary>
/// The form matrix, like the access matrix over every page the application maps (so a new module's forms fall under it
/// without a line here): every POST handler of every page is posted the way a browser posts its form — with the page's
/// antiforgery token — by each role allowed on the page, with nothing, with every field empty, and twice with malformed
/// values (text in number and date fields, unknown options, malformed ids, control characters, negative numbers,
/// 10,000-character text). Each answer must be a redirect (done) or the page again with field messages in the page's
/// language; never a 500, never a 400/403 for a token, never the framework's English in the Chinese UI, and nothing
/// malformed written.
/// </summary>
public abstract partial class FormMatrixTests(QualisApp app)
{
    private const string City = "340100"; // 合肥

    /// <summary>Pages with a POST handler that is not a form: the error page answers re-executed requests of any method.</summary>
    private static readonly string[] NotForms = ["Error"];

    private static readonly string LongText = string.Concat(Enumerable.Repeat("质量提升", 2_500)); // 10,000 characters
    private const string ControlText = "合格\u0001产品\u202E名称";

    private enum Variant { Empty, Nothing, Malformed, Extreme }

    [Fact]
    public async Task Every_form_answers_empty_and_malformed_input_with_field_messages_in_the_pages_language()
    {
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var failures = new List<string>();
        var handlers = new List<string>();
        // One record of every kind in the city, so that lists show their rows' forms (revoke a key, remove a recusal …).
        foreach (var maker in RecordSamples.Makers.Values) await maker(app, City, $"表单列表{Guid.NewGuid():N}"[..12]);
        foreach (var route in MappedRoute.All(app).Where(r => !r.IsApi && r.PostHandlers.Count > 0 && !NotForms.Contains(r.Pattern)))
        {
            var descriptor = PageOf(route);
            var roles = route.Anonymous ? [""] : await AccessMatrixTests.AllowedRolesAsync(policies, route) ?? Roles.All;
            foreach (var handler in route.PostHandlers.Distinct())
            {
                var name = $"{route.Pattern.Replace("/Index", "")}?handler={handler}";
                handlers.Add(name);
                var url = await PageForms.UrlAsync(app, route, City, $"表单样本{Guid.NewGuid():N}"[..12]);
                // The first allowed role whose page shows the handler's form posts it (or, where no role sees such a form, the first that sees the page).
                Poster? poster = null;
                foreach (var role in roles)
                {
                    var found = await PosterAsync(role, url, descriptor, handler);
                    if (found is null) continue;
                    poster ??= found;
                    if (found.Form is not null) { poster = found; break; }
                }
                if (poster is null) { failures.Add($"{name}: no allowed role sees the page"); continue; }
                foreach (var variant in Enum.GetValues<Variant>())
                    foreach (var english in variant == Variant.Empty ? new[] { false, true } : [false])
                        await PostAsync(route, poster, descriptor, handler, variant, english, failures);
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures));
        handlers.Count.ShouldBeGreaterThan(20);
        handlers.ShouldContain("Admin/Users/Create?handler=");
        handlers.ShouldContain("Supervision/Items?handler=");
        handlers.ShouldContain("Supervision/Checks/{id:guid}?handler=Result");
    }

    /// <summary>Who posts a handler, where, and the form on the page that posts it (null when the page shows none to this role).</summary>
    private sealed record Poster(string Role, string PageUrl, string PostUrl, IElement? Form);

    private async Task<Poster?> PosterAsync(string role, string url, Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor descriptor, string handler)
    {
        var postUrl = url + (url.Contains('?') ? "&" : "?") + "handler=" + handler;
        // A page without a GET (sign out, the language switch) is posted from any page's form: the home page's, or the sign-in page's.
        if (!descriptor.HandlerMethods.Any(h => h.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase)))
            return new Poster(role, role.Length == 0 ? "/Account/Login" : "/", postUrl, null);
        var client = await ClientAsync(role, english: false);
        var get = await client.GetAsync(url);
        // A page whose GET only sends elsewhere (sign out) is posted from the home page's forms.
        if (get.StatusCode == HttpStatusCode.Redirect && get.Headers.Location?.ToString() is "/" or "/Index")
            return new Poster(role, role.Length == 0 ? "/Account/Login" : "/", postUrl, null);
        if (get.StatusCode != HttpStatusCode.OK) return null; // this role does not see this record or page
        var document = new HtmlParser().ParseDocument(await get.Content.ReadAsStringAsync());
        var path = url.Split('?')[0];
        var form = PageForms.FormFor(document, path, handler);
        var action = form?.GetAttribute("action");
        return new Poster(role, url, string.IsNullOrEmpty(action) ? postUrl : action, form);
    }

    /// <summary>Posts one handler once, as the poster, in one variant and language.</summary>
    private async Task PostAsync(MappedRoute route, Poster poster, Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor descriptor, string handler,
        Variant variant, bool english, List<string> failures)
    {
        var client = await ClientAsync(poster.Role, english);
        // The token of the page as it is now (a post may have changed the page, e.g. a draw that has run).
        var page = await client.GetAsync(poster.PageUrl);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? await client.TokenAsync(poster.Role.Length == 0 ? "/Account/Login" : "/");
        // The page's form for the handler as the page is now: a row removed by an earlier post leaves the next row's form.
        var current = poster.Form is null ? null
            : PageForms.FormFor(document, poster.PageUrl.Split('?')[0], handler);
        var form = current ?? poster.Form;
        var postUrl = form?.GetAttribute("action") is { Length: > 0 } action ? action : poster.PostUrl;

        var fields = FieldsFor(form, descriptor, handler, variant);
        fields.Add(new("__RequestVerificationToken", token));
        var auditBefore = await app.WithDb(db => db.AuditEntries.MaxAsync(e => (long?)e.Sequence)) ?? 0;
        var response = await client.PostAsync(postUrl, new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{(english ? "en" : "zh")} {(poster.Role.Length == 0 ? "anonymous" : poster.Role)} {variant} POST {postUrl}";
        var status = (int)response.StatusCode;

        if (status >= 500) failures.Add($"{what}: {status}");
        else if (status is 400 or 403) failures.Add($"{what}: {status} (a token or request problem, not a field message)");
        else if (status == 404 && variant == Variant.Empty && current is not null) failures.Add($"{what}: 404 for a form posted as the page gave it");
        else if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!.ToString();
            if (location.Contains("/Account/AccessDenied", StringComparison.Ordinal) && poster.Form is not null) failures.Add($"{what}: refused a form the page offered");
            if (location.Contains("/Account/Login", StringComparison.Ordinal) && !route.Anonymous && route.Pattern != "Account/Logout") failures.Add($"{what}: signed out");
        }
        else if (response.StatusCode == HttpStatusCode.OK)
        {
            var answer = new HtmlParser().ParseDocument(body);
            var messages = Messages(answer);
            // A form whose result can be shown only once (an approved claim's one-time password) answers 200 with a success message.
            if (messages.Count == 0 && answer.QuerySelector(".alert-success") is null) failures.Add($"{what}: 200 without a message");
            foreach (var m in messages.Where(m => english ? ChineseIn(m) : FrameworkEnglish(m)))
                failures.Add($"{what}: '{Shorten(m)}' is not in the page's language");
        }
        else if (status != 404) failures.Add($"{what}: {status}");

        // Nothing malformed is written: no change recorded by the post carries the control characters or the long text.
        if (variant is Variant.Malformed or Variant.Extreme)
        {
            var written = await app.WithDb(db => db.AuditEntries.Where(e => e.Sequence > auditBefore)
                .Select(e => (e.Before ?? "") + (e.After ?? "")).ToListAsync());
            if (written.Any(w => w.Contains("\\u0001", StringComparison.OrdinalIgnoreCase) || w.Contains('\u0001') || w.Contains('\u202E')
                                 || w.Contains("\\u202E", StringComparison.OrdinalIgnoreCase) || w.Contains(LongText[..2000], StringComparison.Ordinal)))
                failures.Add($"{what}: wrote the malformed values");
        }
    }

    /// <summary>The fields the page's form for the handler posts (or, without such a form on the page, the handler's parameters), filled for the variant.</summary>
    private static List<KeyValuePair<string, string>> FieldsFor(IElement? form, Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor descriptor, string handler, Variant variant)
    {
        var types = BoundTypes(descriptor, handler);
        var fields = new List<KeyValuePair<string, string>>();
        if (variant == Variant.Nothing) return fields;
        if (form is null)
        {
            foreach (var (name, type) in types.Where(t => !t.Key.Contains('.')))
                fields.Add(new(name, variant == Variant.Empty ? "" : Value(type, "text", variant)));
            return fields;
        }
        foreach (var input in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (name == "__RequestVerificationToken") continue;
            var kind = input.LocalName == "input" ? (input.GetAttribute("type") ?? "text").ToLowerInvariant() : input.LocalName;
            if (kind is "file" or "submit" or "button") continue;
            var clr = types.GetValueOrDefault(Regex.Replace(name, @"\[[^\]]*\]", "[]"));
            if (variant == Variant.Empty)
            {
                // As a browser sends a form left empty: hidden values as the page wrote them, no box ticked, every text and choice blank.
                if (kind == "hidden") fields.Add(new(name, input.GetAttribute("value") ?? ""));
                else if (kind is not ("checkbox" or "radio")) fields.Add(new(name, ""));
                continue;
            }
            fields.Add(new(name, Value(clr, kind, variant)));
        }
        return fields;
    }

    /// <summary>A malformed value for a field of the given type (or HTML kind when the type is unknown).</summary>
    private static string Value(Type? type, string kind, Variant variant)
    {
        var malformed = variant == Variant.Malformed;
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(Guid) || (type is null && kind == "hidden")) return malformed ? "not-a-guid" : "00000000-0000-0000-0000-00000000000x";
        if (type is not null && (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double)) || kind == "number")
            return malformed ? "十二abc" : "-5";
        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || kind == "date") return malformed ? "not-a-date" : "2026-02-30";
        if (type == typeof(bool) || kind is "checkbox" or "radio") return malformed ? "maybe" : "2";
        if (type is { IsEnum: true } || kind == "select") return malformed ? "NoSuchOption" : "-1";
        return malformed ? ControlText : LongText;
    }

    /// <summary>Names the server binds for the handler (bound properties and the handler's own parameters) with their types; lists and dictionaries as name[].</summary>
    private static Dictionary<string, Type> BoundTypes(Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor page, string handler)
    {
        var types = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        var method = page.HandlerMethods.First(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase) && (h.Name ?? "") == handler);
        foreach (var p in method.Parameters.Where(p => p.ParameterType != typeof(CancellationToken) && !page.AttributeRouteInfo!.Template!.Contains("{" + p.Name, StringComparison.Ordinal)))
            Add(types, p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, 0);
        foreach (var p in page.BoundProperties)
            Add(types, p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, 0);
        return types;
    }

    private static void Add(Dictionary<string, Type> types, string name, Type type, int depth)
    {
        if (type == typeof(IFormFile) || typeof(IEnumerable<IFormFile>).IsAssignableFrom(type)) return;
        if (type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var args = type.GetGenericArguments();
            Add(types, name + "[]", args[^1], depth + 1);
            return;
        }
        if (type == typeof(string) || type.IsValueType || depth > 3) { types[name] = type; return; }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            Add(types, name + "." + p.Name, p.PropertyType, depth + 1);
    }

    private static List<string> Messages(IDocument page) =>
        page.QuerySelectorAll("span.text-danger, div.text-danger.small, .alert-danger, .invalid-feedback, .validation-summary-errors li")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();

    /// <summary>The values posted are echoed inside quotes; the language check looks at the rest of a message.</summary>
    private static string WithoutQuoted(string message) => QuotedValue().Replace(message, "");

    /// <summary>The framework's own English messages, or English words in a Chinese message.</summary>
    private static bool FrameworkEnglish(string message)
    {
        var text = WithoutQuoted(message);
        return FrameworkPhrase().IsMatch(text) || LatinWord().Matches(text).Any(m => !AllowedLatin.Contains(m.Value));
    }

    /// <summary>Latin words a Chinese message may name: file formats and standards.</summary>
    private static readonly HashSet<string> AllowedLatin = ["CSV", "Excel", "xlsx", "XLSX", "xls", "API", "GBK", "UTF", "GB", "MB", "CMA", "PDF", "Qualis"];

    private static bool ChineseIn(string message) => Han().IsMatch(WithoutQuoted(message));

    private static string Shorten(string s) => s.Length > 120 ? s[..120] + "…" : s;

    private readonly Dictionary<string, (HttpClient Client, CookieContainer Cookies)> _clients = [];

    /// <summary>A client signed in as an account of the role in the city (or anonymous for open pages), in the language asked for.</summary>
    private async Task<HttpClient> ClientAsync(string role, bool english)
    {
        // A handler may have signed the client out (the logout form): sign in again for the next post.
        if (!_clients.TryGetValue(role, out var entry) || (role.Length > 0 && !entry.Cookies.GetCookies(app.BaseAddress).Any(c => c.Name == "qualis.auth")))
        {
            var cookies = new CookieContainer();
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
            if (role.Length > 0)
            {
                var region = PageForms.RegionFor(role, City);
                var userName = $"forms.{role}.{Guid.NewGuid():N}"[..40];
                await RecordSamples.NewUserAsync(app, userName, role, region, $"表单 {role}");
                await app.SignInAsync(client, userName);
            }
            _clients[role] = entry = (client, cookies);
        }
        entry.Cookies.Add(app.BaseAddress, new Cookie(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(english ? "en" : "zh-CN"))));
        return entry.Client;
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor PageOf(MappedRoute route) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText == route.Pattern)
            .Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>()).First(d => d is not null)!;

    [GeneratedRegex(@"[“""'‘][^”""'’]*[”""'’]")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"field is required|is not valid|is invalid|The value|must be a|The field|Required|must be between|must be a string|maximum length")]
    private static partial Regex FrameworkPhrase();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

}

public sealed class FormMatrixOnSqlite(SqliteApp app) : FormMatrixTests(app), IClassFixture<SqliteApp>;
public sealed class FormMatrixOnPostgres(PostgresApp app) : FormMatrixTests(app), IClassFixture<PostgresApp>;
