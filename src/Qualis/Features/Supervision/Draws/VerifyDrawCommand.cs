using System.Diagnostics;
using System.Text;
using Qualis.Platform.Operations;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// <c>verify-draw FOLDER</c> re-runs a draw from its files (parameters.json, snapshot.tsv, seed.txt, and result.tsv to
/// compare with), as downloaded from the public page: the seed, the snapshot and the drawn enterprises in their order.
/// With inputs.tsv in the folder too (an auditing official downloads it from the officials' page) it checks that file
/// against the published inputs hash and re-runs the teams as well. <c>verify-draw DRAW-ID</c> does the whole from the
/// platform's own archive of that draw. Exit code 0 when what could be checked is reproduced line for line.
/// </summary>
public sealed class VerifyDrawCommand : ICommand
{
    public string Verb => "verify-draw";

    public async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("Usage: Qualis verify-draw FOLDER (the files of the public page) | DRAW-ID");
            return 2;
        }
        var watch = Stopwatch.StartNew();
        string parameters, seed, published;
        byte[] snapshot;
        byte[]? inputs;
        if (Guid.TryParse(args[0], out var id))
        {
            var db = services.GetRequiredService<QualisDb>();
            var draw = await db.Set<Draw>().OutsideArea(AreaReason.WholeDraw).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id);
            if (draw is null) { Console.Error.WriteLine($"No draw {id}."); return 2; }
            if (draw.Seed is null) { Console.Error.WriteLine($"Draw {id} is {draw.Status}: its seed is not revealed yet."); return 2; }
            var archive = await db.Set<DrawArchive>().AsNoTracking().SingleAsync(a => a.DrawId == id);
            (parameters, seed, snapshot, inputs, published) = (draw.Parameters, draw.Seed, PublishedDraw.Decompress(archive.Snapshot),
                PublishedDraw.Decompress(archive.Inputs), await DrawFiles.ResultAsync(db, draw));
        }
        else
        {
            var folder = args[0];
            string Find(string name) => Directory.EnumerateFiles(folder, "*" + name).FirstOrDefault()
                                        ?? throw new FileNotFoundException($"{name} is missing from {folder}.", name);
            try
            {
                parameters = await File.ReadAllTextAsync(Find("parameters.json"));
                seed = (await File.ReadAllTextAsync(Find("seed.txt"))).Trim();
                snapshot = await File.ReadAllBytesAsync(Find("snapshot.tsv"));
                // Not published (it holds the 回避 facts): present only in an auditing official's folder.
                inputs = Directory.EnumerateFiles(folder, "*" + DrawFiles.InputsName).FirstOrDefault() is { } restricted ? await File.ReadAllBytesAsync(restricted) : null;
                published = await File.ReadAllTextAsync(Find("result.tsv"), Encoding.UTF8);
            }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }
        if (inputs is null) return VerifyPublicHalf(parameters, snapshot, seed, published, watch);
        try
        {
            var result = DrawService.Reproduce(parameters, snapshot, inputs, seed);
            var lines = DrawService.ResultLines(result).ToList();
            var again = string.Concat(lines.Select(l => l + "\n"));
            if (again != published)
            {
                var theirs = published.Split('\n');
                var first = Enumerable.Range(0, Math.Max(lines.Count, theirs.Length)).First(i => i >= lines.Count || i >= theirs.Length || lines[i] != theirs[i]);
                Console.Error.WriteLine($"NOT reproduced: the published files and seed give {lines.Count} targets that differ from the published result, first at line {first + 1}:");
                Console.Error.WriteLine($"  reproduced: {(first < lines.Count ? lines[first] : "(nothing)")}");
                Console.Error.WriteLine($"  published:  {(first < theirs.Length && theirs[first].Length > 0 ? theirs[first] : "(nothing)")}");
                return 1;
            }
            Console.WriteLine($"Reproduced: seed matches the commitment, both files match their hashes, and the draw gives the published " +
                              $"{lines.Count} targets and their teams line for line ({result.Assignment.Unstaffed.Count} without a team) in {watch.Elapsed.TotalSeconds:F2} s.");
            return 0;
        }
        catch (Exception e) when (e is DrawRefusedException or FormatException)
        {
            Console.Error.WriteLine($"NOT reproduced: {e.Message}");
            return 1;
        }
    }

    /// <summary>Without inputs.tsv: the seed, the snapshot and the drawn enterprises with their order; the teams are not checked, and the command says so.</summary>
    private static int VerifyPublicHalf(string parameters, byte[] snapshot, string seed, string published, Stopwatch watch)
    {
        try
        {
            var lines = DrawService.ReproducePublicHalf(parameters, snapshot, seed).ToList();
            var theirs = published.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join('\t', l.Split('\t').Take(3))).ToList();
            var first = Enumerable.Range(0, Math.Max(lines.Count, theirs.Count)).FirstOrDefault(i => i >= lines.Count || i >= theirs.Count || lines[i] != theirs[i], -1);
            if (first >= 0)
            {
                Console.Error.WriteLine($"NOT reproduced: the published files and seed give {lines.Count} targets that differ from the published result, first at line {first + 1}:");
                Console.Error.WriteLine($"  reproduced: {(first < lines.Count ? lines[first] : "(nothing)")}");
                Console.Error.WriteLine($"  published:  {(first < theirs.Count ? theirs[first] : "(nothing)")}");
                return 1;
            }
            Console.WriteLine($"Reproduced: seed matches the commitment, snapshot.tsv matches its hash, and the draw gives the published {lines.Count} " +
                              $"targets in their order, line for line, in {watch.Elapsed.TotalSeconds:F2} s. The teams were not checked: they need " +
                              $"{DrawFiles.InputsName} (the 回避 facts), which is not published; an auditing official downloads it and runs this again, " +
                              "and the public page's check has the platform compare its stored inputs with the published hash and re-run the teams.");
            return 0;
        }
        catch (Exception e) when (e is DrawRefusedException or FormatException)
        {
            Console.Error.WriteLine($"NOT reproduced: {e.Message}");
            return 1;
        }
    }
}
