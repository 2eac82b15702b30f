using System.Security.Claims;
using System.Text;
using Qualis.Platform.Export;
using Qualis.Platform.Modules;
using Qualis.Platform.Time;

namespace Qualis.Features.Shared;

/// <summary>Streams a table to the browser as CSV or XLSX (导出), the file named in the official's language.</summary>
[ModuleFace]
public static class Download
{
    /// <summary>Where a person follows a background export (its progress, then the download).</summary>
    public static string JobPath(Guid id) => "/Account/Exports/" + id;

    /// <summary>
    /// A list page's Export handler, the same for every list: the list's rows (<see cref="IListExport"/>) streamed as now, or,
    /// when more rows match than Exports:BackgroundAboveRows and someone is signed in, a background export of the same
    /// rows started and the person sent to its progress page.
    /// </summary>
    public static async Task<IActionResult> ListAsync<TPage>(TPage page, string? format, CancellationToken ct) where TPage : PageModel, IListExport
    {
        var table = await page.ExportTableAsync(ct);
        var http = page.HttpContext;
        var runner = http.RequestServices.GetRequiredService<ExportRunner>();
        var userId = http.User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier);
        var query = http.Request.QueryString.Value ?? "";
        // A query string longer than the job can keep (filters typed at length) streams as before rather than fail.
        if (userId is not null && table.Count is { } count && query.Length <= ExportJob.MaxQuery
            && runner.Settings.InBackground(await count(runner.Settings.CountCap, ct), http.User.Identity?.IsAuthenticated == true))
        {
            var db = http.RequestServices.GetRequiredService<QualisDb>();
            var id = await runner.StartAsync(db, page.GetType(), userId, table.Name, http.Request.Path, query,
                IsXlsx(format) ? ExportFormat.Xlsx : ExportFormat.Csv, ct);
            return new RedirectResult(JobPath(id));
        }
        return Table(format, table.Name, table.Headers, table.Rows);
    }

    private static bool IsXlsx(string? format) => string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);

    public static IActionResult Table(string? format, string name, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows)
    {
        var xlsx = IsXlsx(format);
        return new StreamedFile(xlsx ? TableExport.XlsxContentType : TableExport.CsvContentType, name, xlsx ? "xlsx" : "csv",
            body => xlsx ? TableExport.WriteXlsxAsync(body, headers, rows, sheetName: name) : TableExport.WriteCsvAsync(body, headers, rows));
    }

    /// <summary>A list's title as part of a file name: characters no file system takes (Industries (GB/T 4754)) become "-".</summary>
    internal static string FileNameSafe(string name) =>
        string.Concat(name.Select(c => c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) ? '-' : c));

    /// <summary>The file is named with the moment of the download in the display zone (the people's clock).</summary>
    private sealed class StreamedFile(string contentType, string name, string extension, Func<Stream, Task> write) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            var now = context.HttpContext.RequestServices.GetRequiredService<PeopleClock>().Now;
            var fileName = $"{FileNameSafe(name)}-{now.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.{extension}";
            response.ContentType = contentType;
            response.Headers.CacheControl = "no-store";
            response.Headers.ContentDisposition = $"attachment; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
            // The XLSX writer needs a seekable stream for the zip; buffer it through a temp file, not memory.
            await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            await write(temp);
            temp.Position = 0;
            response.ContentLength = temp.Length;
            await temp.CopyToAsync(response.Body, context.HttpContext.RequestAborted);
        }
    }
}
