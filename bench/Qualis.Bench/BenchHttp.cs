using System.Net;
using System.Text.RegularExpressions;

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
        return client;
    }

    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
    }
}
