using System.Text;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// The files of a draw. Published, for the officials' and the public page alike: snapshot.tsv (its SHA-256 is the
/// published snapshot hash, so `sha256sum` checks it), parameters.json (with the inputs hash), and once drawn seed.txt
/// and result.tsv. Not published: inputs.tsv, the inspector directory with the 回避 facts (declared conflicts, linked
/// units, last inspectors), whose SHA-256 is the published inputs hash; only the officials entitled to audit the draw
/// (<see cref="SupervisionModule.DrawAuditorsPolicy"/>) download it and reproduce the teams. The sealed seed is never
/// among them.
/// </summary>
public static class DrawFiles
{
    /// <summary>What anyone may download of a draw committed before the parameters file (format 1): its parameters are parameters.json.</summary>
    public static readonly string[] Names = [CommitmentRecord.Name, "parameters.json", "snapshot.tsv", "seed.txt", "result.tsv"];

    /// <summary>What anyone may download of a format 2 draw: the parameters file (hashed) replaces parameters.json.</summary>
    public static readonly string[] NamesV2 = [CommitmentRecord.Name, ParametersFile.Name, "snapshot.tsv", "seed.txt", "result.tsv"];

    /// <summary>What anyone may download of a format 3 draw: witnesses.tsv (the witnesses' values, published at the draw) besides.</summary>
    public static readonly string[] NamesV3 = [CommitmentRecord.Name, ParametersFile.Name, "snapshot.tsv", WitnessFile.Name, "seed.txt", "result.tsv"];

    /// <summary>The public files a draw has now: witnesses' values, seed and result once drawn.</summary>
    public static IEnumerable<string> Available(bool formatTwo, bool drawn, bool witnesses = false) =>
        (witnesses ? NamesV3 : formatTwo ? NamesV2 : Names).Where(n => drawn || (n != "seed.txt" && n != "result.tsv" && n != WitnessFile.Name));

    /// <summary>The public files of the draw as it stands.</summary>
    public static IEnumerable<string> Available(Draw d) =>
        Available(d.ParametersFile is not null, d.Seed is not null && d.Status != DrawStatus.Committed, d.WitnessList is not null);

    /// <summary>The one-file download's name (a zip of the public files and SHA256SUMS).</summary>
    public const string ZipHandler = "Zip";

    /// <summary>The assignment inputs with the 回避 facts: for the draw's auditors only.</summary>
    public const string InputsName = "inputs.tsv";

    /// <param name="mayReadInputs">Whether the reader is entitled to audit the draw; otherwise inputs.tsv answers as a file that does not exist.</param>
    public static async Task<IActionResult> DownloadAsync(QualisDb db, Draw draw, string? name, bool mayReadInputs)
    {
        byte[]? content = name == InputsName && mayReadInputs ? PublishedDraw.Decompress((await ArchiveAsync(db, draw)).Inputs) : await PublicFileAsync(db, draw, name);
        if (content is null) return new NotFoundResult();
        return new FileContentResult(content, name!.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/plain; charset=utf-8")
        {
            FileDownloadName = $"draw-{draw.Id:N}-{name}",
        };
    }

    /// <summary>A public file's bytes, or null when the draw has no such file (yet).</summary>
    private static async Task<byte[]?> PublicFileAsync(QualisDb db, Draw draw, string? name) => name switch
    {
        CommitmentRecord.Name => CommitmentRecord.Of(draw).ToBytes(),
        ParametersFile.Name when draw.ParametersFile is not null => Encoding.UTF8.GetBytes(draw.ParametersFile),
        "parameters.json" when draw.ParametersFile is null => Encoding.UTF8.GetBytes(draw.Parameters),
        "snapshot.tsv" => PublishedDraw.Decompress((await ArchiveAsync(db, draw)).Snapshot),
        WitnessFile.Name when draw.WitnessesFile is not null => Encoding.UTF8.GetBytes(draw.WitnessesFile),
        "seed.txt" when draw.Seed is not null => Encoding.UTF8.GetBytes(draw.Seed + "\n"),
        "result.tsv" when draw.Status != DrawStatus.Committed && draw.Seed is not null => Encoding.UTF8.GetBytes(await ResultAsync(db, draw)),
        _ => null,
    };

    /// <summary>
    /// Everything the public may verify in one file (docs/draw-algorithm.md, "The one-file download"): a zip of the public
    /// files under their plain names and SHA256SUMS, one `hash␠␠name` line per file, for <c>sha256sum -c</c>. Never inputs.tsv.
    /// </summary>
    public static async Task<IActionResult> ZipAsync(QualisDb db, Draw draw)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(draw.CommittedAt, DateTimeKind.Utc));
        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            var sums = new StringBuilder();
            void Add(string name, byte[] content)
            {
                var entry = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.Optimal);
                entry.LastWriteTime = at;
                using var stream = entry.Open();
                stream.Write(content);
            }
            foreach (var name in Available(draw))
            {
                if (await PublicFileAsync(db, draw, name) is not { } content) continue;
                Add(name, content);
                sums.Append(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))).Append("  ").Append(name).Append('\n');
            }
            Add("SHA256SUMS", Encoding.UTF8.GetBytes(sums.ToString()));
        }
        return new FileContentResult(output.ToArray(), "application/zip") { FileDownloadName = $"draw-{draw.Id:N}.zip" };
    }

    /// <summary>The result as stored: order, stratum, credit code and team ids, one line each (what a verifier re-derives).</summary>
    public static async Task<string> ResultAsync(QualisDb db, Draw draw)
    {
        var lines = await db.Set<DrawTarget>().OutsideArea(AreaReason.WholeDraw).AsNoTracking().Where(t => t.DrawId == draw.Id).OrderBy(t => t.Order)
            .Select(t => t.Order + "\t" + t.StratumKey + "\t" + t.CreditCode + "\t" + t.InspectorIds).ToListAsync();
        return string.Concat(lines.Select(l => l + "\n"));
    }

    /// <summary>
    /// Re-runs the draw from its published files and seed and compares the outcome with the stored result: what
    /// anyone can do with the downloads and docs/draw-algorithm.md, done here for convenience.
    /// </summary>
    public static async Task<(bool Reproduced, string Detail)> VerifyAsync(QualisDb db, Draw draw)
    {
        if (draw.Seed is null) return (false, "draw.verify.not_drawn");
        var archive = await ArchiveAsync(db, draw);
        try
        {
            var again = string.Concat(DrawService.ResultLines(DrawService.Reproduce(DrawService.PublishedParameters(draw), archive, draw.Seed)).Select(l => l + "\n"));
            var stored = await ResultAsync(db, draw);
            return again == stored ? (true, "draw.verify.same") : (false, "draw.verify.different");
        }
        catch (DrawRefusedException e)
        {
            return (false, e.Problems[0].Key);
        }
        catch (FormatException)
        {
            return (false, "draw.verify.malformed");
        }
    }

    private static Task<DrawArchive> ArchiveAsync(QualisDb db, Draw draw) =>
        db.Set<DrawArchive>().AsNoTracking().SingleAsync(a => a.DrawId == draw.Id);
}
