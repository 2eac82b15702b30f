using System.Diagnostics;
using System.Net;
using System.Text.Json;
using static Qualis.Bench.BenchHttp;

namespace Qualis.Bench;

/// <summary>
/// Issue 12's export figures: the whole enterprise directory exported as a provincial official does it, from the list's
/// export link through the background job (the rows read, names looked up beside codes, the file written and stored)
/// to the downloaded file. Times the job from the request to "done" and the download apart; samples the platform's
/// resident memory (<c>/proc/PID/status</c>) every 50 ms meanwhile. The database's own export of the same table is
/// timed by bench/run.sh beside it.
/// </summary>
public static class ExportBench
{
    public static async Task<int> RunAsync(string url, string format, int pid)
    {
        var client = await SignInAsync(url, "province");
        var before = ResidentMb(pid);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentMb(pid));
                try { await Task.Delay(50, sampling.Token); } catch (OperationCanceledException) { }
            }
        });

        var watch = Stopwatch.StartNew();
        var start = await client.GetAsync($"/Registry/Enterprises/Export?format={format}");
        if (start.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"The export did not start in the background: {(int)start.StatusCode} (is Exports:BackgroundAboveRows below the row count?)");
        var job = start.Headers.Location!.ToString();
        Status status;
        while ((status = await StatusAsync(client, job)).status is not ("done" or "failed")) await Task.Delay(100);
        var made = watch.Elapsed.TotalSeconds;
        if (status.status == "failed") throw new InvalidOperationException($"The export failed: {status.error}");

        watch.Restart();
        long bytes = 0, lines = 0;
        using (var response = await client.GetAsync(status.download, HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }
        var downloaded = watch.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            format, rows = status.rows, seconds = made, rowsPerSecond = status.rows / made, download = downloaded, bytes,
            csvLines = format == "csv" ? lines : (long?)null, residentBeforeMb = before, peakResidentMb = peak,
        }));
        return 0;
    }

    private sealed record Status(string status, long rows, string? download, string? error);

    private static async Task<Status> StatusAsync(HttpClient client, string job) =>
        JsonSerializer.Deserialize<Status>(await client.GetStringAsync(job + "?handler=Status"))!;

    private static long ResidentMb(int pid) => pid > 0 ? LoadTest.ResidentKb(pid) / 1024 : 0;
}
