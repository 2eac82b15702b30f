using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Localization;
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
        // Messages in the language of the shell (LANG): English for en_*, Chinese otherwise.
        var l = services.GetRequiredService<IStringLocalizer>();
        if (args is ["--help"] or ["-h"] or ["help"])
        {
            Console.WriteLine(l["verify.usage"]);
            return 0;
        }
        if (args.Length != 1 || args[0].StartsWith('-'))
        {
            Console.Error.WriteLine(l["verify.usage"]);
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
            if (draw is null) { Console.Error.WriteLine(l["verify.no_draw", id]); return 2; }
            if (draw.Seed is null) { Console.Error.WriteLine(l["verify.not_revealed", id, draw.Status]); return 2; }
            var archive = await db.Set<DrawArchive>().AsNoTracking().SingleAsync(a => a.DrawId == id);
            (parameters, seed, snapshot, inputs, published) = (draw.Parameters, draw.Seed, PublishedDraw.Decompress(archive.Snapshot),
                PublishedDraw.Decompress(archive.Inputs), await DrawFiles.ResultAsync(db, draw));
        }
        else
        {
            var folder = args[0];
            if (!Directory.Exists(folder))
            {
                Console.Error.WriteLine(l["verify.no_folder", folder]);
                return 2;
            }
            try
            {
                parameters = await File.ReadAllTextAsync(Find(folder, "parameters.json", l, required: true)!);
                seed = (await File.ReadAllTextAsync(Find(folder, "seed.txt", l, required: true)!)).Trim();
                snapshot = await File.ReadAllBytesAsync(Find(folder, "snapshot.tsv", l, required: true)!);
                // Not published (it holds the 回避 facts): present only in an auditing official's folder.
                inputs = Find(folder, DrawFiles.InputsName, l, required: false) is { } restricted ? await File.ReadAllBytesAsync(restricted) : null;
                published = await File.ReadAllTextAsync(Find(folder, "result.tsv", l, required: true)!, Encoding.UTF8);
            }
            catch (FolderProblem e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(l["verify.unreadable", folder, e.Message]);
                return 2;
            }
        }
        try
        {
            if (inputs is null)
            {
                var lines = DrawService.ReproducePublicHalf(parameters, snapshot, seed).ToList();
                var theirs = published.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(t => string.Join('\t', t.Split('\t').Take(3))).ToList();
                if (Differs(lines, theirs, l)) return 1;
                Console.WriteLine(l["verify.reproduced_public", lines.Count, watch.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture), DrawFiles.InputsName]);
                return 0;
            }
            var result = DrawService.Reproduce(parameters, snapshot, inputs, seed);
            var all = DrawService.ResultLines(result).ToList();
            // The whole published file, byte for byte: its lines, and one line feed after each.
            if (string.Concat(all.Select(line => line + "\n")) != published)
            {
                var theirs = published.Split('\n').ToList();
                if (theirs is [.., ""]) theirs.RemoveAt(theirs.Count - 1);
                if (!Differs(all, theirs, l)) Console.Error.WriteLine(l["verify.line_ends"]);
                return 1;
            }
            Console.WriteLine(l["verify.reproduced_all", all.Count, result.Assignment.Unstaffed.Count, watch.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)]);
            return 0;
        }
        catch (DrawRefusedException e)
        {
            foreach (var p in e.Problems) Console.Error.WriteLine(l["verify.not_reproduced", l[p.Key, p.Args].Value]);
            return 1;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(l["verify.not_reproduced", e.Message]);
            return 1;
        }
    }

    /// <summary>Prints the first line where the reproduced result and the published one part, if they do.</summary>
    private static bool Differs(IReadOnlyList<string> reproduced, IReadOnlyList<string> published, IStringLocalizer l)
    {
        var first = Enumerable.Range(0, Math.Max(reproduced.Count, published.Count))
            .FirstOrDefault(i => i >= reproduced.Count || i >= published.Count || reproduced[i] != published[i], -1);
        if (first < 0) return false;
        Console.Error.WriteLine(l["verify.differs", reproduced.Count, first + 1]);
        Console.Error.WriteLine(l["verify.reproduced_line", first < reproduced.Count ? reproduced[first] : l["verify.nothing"].Value]);
        Console.Error.WriteLine(l["verify.published_line", first < published.Count ? published[first] : l["verify.nothing"].Value]);
        return true;
    }

    /// <summary>The one file of the folder named …<paramref name="name"/> (downloads carry the draw's number in front); two draws' files in one folder are refused, not mixed.</summary>
    private static string? Find(string folder, string name, IStringLocalizer l, bool required)
    {
        var files = Directory.GetFiles(folder, "*" + name);
        if (files.Length > 1)
            throw new FolderProblem(l["verify.several_draws", name, string.Join(", ", files.Select(Path.GetFileName).Order(StringComparer.Ordinal))]);
        if (files.Length == 0 && required) throw new FolderProblem(l["verify.missing_file", name, folder]);
        return files.FirstOrDefault();
    }

    private sealed class FolderProblem(string message) : Exception(message);
}
