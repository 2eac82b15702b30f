using System.Net;
using System.Text.RegularExpressions;
using Qualis.Platform.Accounts;

namespace Qualis.Bench;

/// <summary>Signing in and reading a form's antiforgery token, as a browser does: every benchmark starts here.</summary>
public static class BenchHttp
{
    public static async Task<HttpClient> SignInAsync(string url, string user)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(30),
        };
        var token = await TokenAsync(client, "/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = "Qualis#2026", ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {user} failed: {(int)response.StatusCode}");
        var location = response.Headers.Location?.ToString() ?? "";
        // Administrators give a second factor: the first sign-in enrols the authenticator (its key kept in a file, as
        // the administrator's phone keeps it, so the next benchmark process can give codes); later ones give a code.
        var keyFile = Path.Combine(Path.GetTempPath(), "qualis-bench-keys", $"{new Uri(url).Port}-{user}");
        if (location.Split('?')[0] == AdminTwoFactor.CodePath)
        {
            response = await PostAsync(client, location, new() { ["Code"] = Qualis.Tests.Support.Totp.Now(File.ReadAllText(keyFile)) });
            location = response.Headers.Location?.ToString() ?? "";
        }
        if (location == AdminTwoFactor.EnrolPath)
        {
            var page = await client.GetStringAsync(AdminTwoFactor.EnrolPath);
            var key = Regex.Match(page, "id=\"authenticator-key\">([A-Z2-7 ]+)</code>").Groups[1].Value.Replace(" ", "");
            response = await PostAsync(client, AdminTwoFactor.EnrolPath, new() { ["Code"] = Qualis.Tests.Support.Totp.Now(key) });
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Second-factor set-up of {user} failed: {(int)response.StatusCode}");
            Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
            File.WriteAllText(keyFile, key);
        }
        return client;
    }

    /// <summary>Posts a form with the antiforgery token of the page it is on.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(client, page);
        return await client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
    }
}
