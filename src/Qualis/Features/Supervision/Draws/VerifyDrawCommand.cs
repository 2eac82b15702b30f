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
        // Messages in Chinese unless --lang en, or an English shell (LANG=en_*) without --lang, asks for English.
        var l = services.GetRequiredService<IStringLocalizer>();
        if (args is ["--help"] or ["-h"] or ["help"])
        {
            Console.WriteLine(l["verify.usage"]);
            return 0;
        }
        if (Options.Parse(args) is not { } options)
        {
            Console.Error.WriteLine(l["verify.usage"]);
            return 2;
        }
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var english = options.Lang is { } lang ? lang == "en"
            : (Environment.GetEnvironmentVariable("LC_ALL") is { Length: > 0 } all ? all : Environment.GetEnvironmentVariable("LANG") ?? "").StartsWith("en", StringComparison.Ordinal);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(english ? "en-US" : "zh-CN");
        try
        {
            if (options.Problem is { } problem)
            {
                Console.Error.WriteLine(l[problem.Key, problem.Args]);
                Console.Error.WriteLine(l["verify.usage"]);
                return 2;
            }
            return await VerifyAsync(services, options, l);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    /// <summary>The command line: one folder or draw id, the language, and what was published before the draw (a record file or its hash).</summary>
    private sealed record Options(string Target, string? Lang, string? RecordFile, string? RecordHash, DrawProblem? Problem)
    {
        public static Options? Parse(string[] args)
        {
            string? target = null, lang = null, record = null, hash = null;
            for (var i = 0; i < args.Length; i++)
            {
                var a = args[i];
                if (a is "--lang" or "--record" or "--record-hash")
                {
                    if (i + 1 >= args.Length) return new("", lang, null, null, new DrawProblem("verify.option_value", a));
                    var v = args[++i];
                    if (a == "--lang") lang = v;
                    else if (a == "--record") record = v;
                    else hash = v;
                }
                else if (a.StartsWith('-')) return new("", lang, null, null, new DrawProblem("verify.unknown_option", a));
                else if (target is null) target = a;
                else return new("", lang, null, null, new DrawProblem("verify.two_targets", target, a));
            }
            if (target is null) return lang is null && record is null && hash is null ? null : new("", lang, null, null, new DrawProblem("verify.no_target"));
            if (lang is not (null or "zh" or "en")) return new(target, null, record, hash, new DrawProblem("verify.bad_lang", lang));
            if (record is not null && hash is not null) return new(target, lang, record, hash, new DrawProblem("verify.record_and_hash"));
            if (hash is not null && (hash.Trim().Length != 64 || !hash.Trim().All(char.IsAsciiHexDigit)))
                return new(target, lang, record, hash, new DrawProblem("verify.bad_record_hash", hash));
            return new(target, lang, record, hash?.Trim().ToLowerInvariant(), null);
        }
    }

    private static async Task<int> VerifyAsync(IServiceProvider services, Options options, IStringLocalizer l)
    {
        var watch = Stopwatch.StartNew();
        DrawParameters parameters;
        string seed, published;
        byte[] snapshot;
        byte[]? inputs;
        try
        {
            // What was published before the draw, given apart from the folder: the record itself, or its hash.
            var given = options.RecordFile is { } recordFile ? ReadRecord(recordFile, l) : null;
            if (Guid.TryParse(options.Target, out var id))
            {
                if (await DrawArchiveRead.ReadAsync(services.GetRequiredService<DatabaseSettings>(), id) is not var (draw, archive, result))
                {
                    Console.Error.WriteLine(l["verify.no_draw", id]);
                    return 2;
                }
                if (draw.Seed is null || archive is null || result is null) { Console.Error.WriteLine(l["verify.not_revealed", id, l["draw.status." + draw.Status.ToString().ToLowerInvariant()].Value]); return 2; }
                if (CheckRecord(CommitmentRecord.Of(draw), given, options.RecordHash, l) is { } refused) return refused;
                (parameters, seed, snapshot, inputs, published) = (DrawService.PublishedParameters(draw), draw.Seed, PublishedDraw.Decompress(archive.Snapshot),
                    PublishedDraw.Decompress(archive.Inputs), result);
            }
            else
            {
                var folder = options.Target;
                if (!Directory.Exists(folder))
                {
                    Console.Error.WriteLine(l["verify.no_folder", folder]);
                    return 2;
                }
                OneDraw(folder, l);
                var recordPath = Find(folder, CommitmentRecord.Name, l, required: false);
                var record = recordPath is null ? null : ReadRecord(recordPath, l);
                if (record is null && options.RecordHash is not null) throw new FolderProblem(l["verify.missing_file", CommitmentRecord.Name, folder]);
                record ??= given;
                if (record is not null && CheckRecord(record, given, options.RecordHash, l) is { } refused) return refused;
                if (given is null && options.RecordHash is null) Console.WriteLine(l["verify.record_from_folder"]);
                if (record is { Format: >= 2 })
                    parameters = DrawService.FromFiles(await File.ReadAllBytesAsync(Find(folder, ParametersFile.Name, l, required: true)!), record,
                        record.Format >= 3 ? await File.ReadAllBytesAsync(Find(folder, WitnessFile.Name, l, required: true)!) : null);
                else
                {
                    if (Find(folder, ParametersFile.Name, l, required: false) is not null && record is null)
                        throw new FolderProblem(l["verify.missing_file", CommitmentRecord.Name, folder]);
                    parameters = DrawService.ReadParameters(await File.ReadAllTextAsync(Find(folder, "parameters.json", l, required: true)!));
                    if (record is not null && CheckRecord(new CommitmentRecord(1, parameters.Commitment, parameters.SnapshotHash, parameters.InputsHash, null, record.CommittedAt), record, null, l) is { } differs)
                        return differs;
                }
                seed = (await File.ReadAllTextAsync(Find(folder, "seed.txt", l, required: true)!)).Trim();
                snapshot = await File.ReadAllBytesAsync(Find(folder, "snapshot.tsv", l, required: true)!);
                // Not published (it holds the 回避 facts): present only in an auditing official's folder.
                inputs = Find(folder, DrawFiles.InputsName, l, required: false) is { } restricted ? await File.ReadAllBytesAsync(restricted) : null;
                published = await File.ReadAllTextAsync(Find(folder, "result.tsv", l, required: true)!, Encoding.UTF8);
            }
        }
        catch (FolderProblem e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (DrawRefusedException e)
        {
            foreach (var p in e.Problems) Console.Error.WriteLine(l["verify.not_reproduced", l[p.Key, p.Args].Value]);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(l["verify.unreadable", options.Target, e.Message]);
            return 2;
        }
        try
        {
            if (inputs is null)
            {
                var lines = DrawService.ReproducePublicHalf(parameters, snapshot, seed).ToList();
                var theirs = published.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(t => string.Join('\t', t.Split('\t').Take(3))).ToList();
                if (Differs(lines, theirs, l)) return Derived(parameters, seed, l);
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
                return Derived(parameters, seed, l);
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

    private static CommitmentRecord ReadRecord(string path, IStringLocalizer l)
    {
        if (!File.Exists(path)) throw new FolderProblem(l["verify.no_record_file", path]);
        try { return CommitmentRecord.Read(File.ReadAllBytes(path)); }
        catch (FormatException e) { throw new FolderProblem(l["verify.bad_record", path, e.Message]); }
    }

    /// <summary>
    /// The folder's record against what was published before the draw: the record given apart (value by value) or its
    /// hash. Prints which value differs, expected and found, and answers 1; null when they agree.
    /// </summary>
    private static int? CheckRecord(CommitmentRecord found, CommitmentRecord? given, string? givenHash, IStringLocalizer l)
    {
        if (givenHash is not null && found.Hash() != givenHash)
        {
            Console.Error.WriteLine(l["verify.record_hash_differs", givenHash, found.Hash()]);
            return 1;
        }
        if (given is null) return null;
        (string Name, string? Expected, string? Actual)[] values =
        [
            ("verify.value.commitment", given.Commitment, found.Commitment), ("verify.value.snapshot", given.SnapshotHash, found.SnapshotHash),
            ("verify.value.inputs", given.InputsHash, found.InputsHash), ("verify.value.parameters", given.ParametersHash, found.ParametersHash),
            ("verify.value.witnesses", WitnessesOf(given), WitnessesOf(found)),
        ];
        foreach (var (name, expected, actual) in values)
        {
            if (expected == actual) continue;
            Console.Error.WriteLine(l["verify.record_differs", l[name].Value, expected ?? l["verify.nothing"].Value, actual ?? l["verify.nothing"].Value]);
            return 1;
        }
        return null;
    }

    /// <summary>
    /// After a result that differs, for a draw with witnesses: which seed the result was drawn with, derived from witnesses.tsv,
    /// so that a changed witness value shows as what it is. Answers 1.
    /// </summary>
    private static int Derived(DrawParameters parameters, string seed, IStringLocalizer l)
    {
        if (parameters.WitnessesFile is { } witnesses)
            Console.Error.WriteLine(l["verify.seed_derived", Convert.ToHexStringLower(DrawService.SeedUsed(parameters, seed)),
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(witnesses))]);
        return 1;
    }

    /// <summary>The witnesses and deadline a record names (format 3), as one text to compare; null before format 3.</summary>
    private static string? WitnessesOf(CommitmentRecord r) =>
        r.Format < 3 ? null : WitnessFile.Time(r.WitnessDeadline ?? r.CommittedAt) + " " + CommitmentRecord.WitnessLines(r.Witnesses).Replace('\t', ' ').Replace('\n', ';');

    /// <summary>Refuses a folder whose downloads carry the numbers of different draws (draw-<id>-name).</summary>
    private static void OneDraw(string folder, IStringLocalizer l)
    {
        var ids = Directory.GetFiles(folder).Select(Path.GetFileName).Select(n => System.Text.RegularExpressions.Regex.Match(n!, "^draw-([0-9a-f]{32})-"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        if (ids.Count > 1) throw new FolderProblem(l["verify.several_draw_ids", string.Join(", ", ids)]);
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
