using System.Security.Claims;
using Qualis.Platform.Export;
using Qualis.Platform.Time;

namespace Qualis.Features.Account.Exports;

/// <summary>A person's own background exports: read only by their owner; anyone else, like a job that does not exist, gets "not found".</summary>
internal static class MyExports
{
    public static string Owner(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public static IQueryable<ExportJob> Of(QualisDb db, ClaimsPrincipal user)
    {
        var owner = Owner(user);
        return db.Set<ExportJob>().AsNoTracking().Where(j => j.UserId == owner);
    }

    /// <summary>The file's name: the list's name and the day it was made in the display zone, e.g. 企业名录-2026-12-06.xlsx.</summary>
    public static string FileName(ExportJob job, PeopleClock clock) =>
        $"{job.Name}-{clock.FormatDate(job.FinishedAt ?? job.CreatedAt)}.{job.Extension}";

    public static string DownloadLink(Guid id) => $"/Account/Exports/{id}?handler=Download";
}

/// <summary>Sends a finished export's file from the database, a piece at a time, never cached on the way.</summary>
internal sealed class ExportFileResult(ExportJob job, string fileName) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<QualisDb>();
        var response = http.Response;
        response.ContentType = job.ContentType;
        response.Headers.CacheControl = "no-store";
        // An ASCII name for old clients, the real one (UTF-8, RFC 5987) for every browser in use.
        response.Headers.ContentDisposition =
            $"attachment; filename=\"export-{job.Id:N}.{job.Extension}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
        response.ContentLength = job.Bytes;
        var pieces = await db.Set<ExportFileChunk>().AsNoTracking().Where(c => c.JobId == job.Id).Select(c => c.Number)
            .OrderBy(n => n).ToListAsync(http.RequestAborted);
        foreach (var number in pieces)
        {
            var data = await db.Set<ExportFileChunk>().AsNoTracking().Where(c => c.JobId == job.Id && c.Number == number)
                .Select(c => c.Data).SingleAsync(http.RequestAborted);
            await response.Body.WriteAsync(data, http.RequestAborted);
        }
    }
}
