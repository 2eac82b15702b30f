using System.Text;
using Qualis.Platform.Export;
using Qualis.Platform.Modules;

namespace Qualis.Features.Shared;

/// <summary>Streams a table to the browser as CSV or XLSX (导出), the file named in the official's language.</summary>
[ModuleFace]
public static class Download
{
    public static IActionResult Table(string? format, string name, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        var fileName = $"{name}-{DateTime.Now:yyyyMMdd-HHmm}.{(xlsx ? "xlsx" : "csv")}";
        return new StreamedFile(xlsx ? TableExport.XlsxContentType : TableExport.CsvContentType, fileName,
            body => xlsx ? TableExport.WriteXlsxAsync(body, headers, rows) : TableExport.WriteCsvAsync(body, headers, rows));
    }

    private sealed class StreamedFile(string contentType, string fileName, Func<Stream, Task> write) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
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
