using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Qualis.Tests.Support;

/// <summary>An official's import through the pages: upload, wait for the check, read the problems, commit.</summary>
public static class Imports
{
    public sealed record Progress(string Status, bool Running, int Percent, string Counts);

    public sealed record Problem(int Row, string Column, string? Value, string Reason)
    {
        public override string ToString() => $"row {Row} {Column} '{Value}': {Reason}";
    }

    /// <summary>Uploads a file as the import form does; returns the job's page address, or the form page's HTML when refused.</summary>
    public static async Task<(string? JobUrl, string Html)> UploadAsync(this HttpClient client, string kind, string fileName, byte[] content)
    {
        var token = await client.TokenAsync("/Registry/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
            { new ByteArrayContent(content), "File", fileName },
        };
        var response = await client.PostAsync("/Registry/Import", form);
        return response.StatusCode == HttpStatusCode.Redirect
            ? (response.Headers.Location!.ToString(), "")
            : (null, await response.Content.ReadAsStringAsync());
    }

    public static async Task<string> UploadOkAsync(this HttpClient client, string kind, string fileName, byte[] content)
    {
        var (url, html) = await client.UploadAsync(kind, fileName, content);
        return url ?? throw new InvalidOperationException("The upload was refused: " + Forms.ErrorsIn(html));
    }

    public static async Task<Progress> WaitAsync(this HttpClient client, string jobUrl, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var p = (await client.GetFromJsonAsync<Progress>(jobUrl + "?handler=Progress"))!;
            if (!p.Running) return p;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{jobUrl} still {p.Status} after the timeout.");
            await Task.Delay(100);
        }
    }

    /// <summary>Every problem, from the downloadable problem list (CSV), in the official's language.</summary>
    public static async Task<List<Problem>> ProblemsAsync(this HttpClient client, string jobUrl)
    {
        var csv = await client.GetStringAsync(jobUrl + "?handler=Problems&format=csv");
        return Csv.Parse(csv).Skip(1).Select(r => new Problem(int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), r[1], r[2].Length == 0 ? null : r[2], r[3])).ToList();
    }

    public static async Task<Progress> CommitAsync(this HttpClient client, string jobUrl)
    {
        var response = await client.PostFormAsync(jobUrl + "?handler=Commit", [], jobUrl);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await client.WaitAsync(jobUrl);
    }

    /// <summary>Validates, expects a clean file, commits; returns the committed progress.</summary>
    public static async Task<Progress> ImportCleanAsync(this HttpClient client, string kind, string fileName, byte[] content)
    {
        var job = await client.UploadOkAsync(kind, fileName, content);
        var checkedFile = await client.WaitAsync(job);
        if (checkedFile.Status != "Validated" || !checkedFile.Counts.Contains("问题 0 个"))
            throw new InvalidOperationException($"{fileName}: {checkedFile.Status}, {checkedFile.Counts}: {string.Join("; ", await client.ProblemsAsync(job))}");
        var done = await client.CommitAsync(job);
        if (done.Status == "Failed")
            throw new InvalidOperationException($"{fileName} failed to commit: {Forms.ErrorsIn(await client.GetStringAsync(job))}");
        return done;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>A small RFC 4180 reader for reading exported files back in tests.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(cell.ToString()); cell.Clear();
                rows.Add([.. row]); row.Clear();
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
