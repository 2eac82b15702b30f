using System.Text;
using Qualis.Platform.Export;
using Qualis.Platform.Modules;
using Qualis.Platform.Time;

namespace Qualis.Features.Shared;

/// <summary>Streams a table to the browser as CSV or XLSX (导出), the file named in the official's language.</summary>
[ModuleFace]
public static class Download
{
    public static IActionResult Table(string? format, string name, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        return new StreamedFile(xlsx ? TableExport.XlsxContentType : TableExport.CsvContentType, name, xlsx ? "xlsx" : "csv",
            body => xlsx ? TableExport.WriteXlsxAsync(body, headers, rows) : TableExport.WriteCsvAsync(body, headers, rows));
    }

    /// <summary>The file is named with the moment of the download in the display zone (the people's clock).</summary>
    private sealed class StreamedFile(string contentType, string name, string extension, Func<Stream, Task> write) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            var now = context.HttpContext.RequestServices.GetRequiredService<PeopleClock>().Now;
            var fileName = $"{name}-{now.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.{extension}";
            response.ContentType = contentType;
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
