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
    /// <summary>What anyone may download.</summary>
    public static readonly string[] Names = ["snapshot.tsv", "parameters.json", "seed.txt", "result.tsv"];

    /// <summary>The assignment inputs with the 回避 facts: for the draw's auditors only.</summary>
    public const string InputsName = "inputs.tsv";

    /// <param name="mayReadInputs">Whether the reader is entitled to audit the draw; otherwise inputs.tsv answers as a file that does not exist.</param>
    public static async Task<IActionResult> DownloadAsync(QualisDb db, Draw draw, string? name, bool mayReadInputs)
    {
        byte[]? content = name switch
        {
            "snapshot.tsv" => PublishedDraw.Decompress((await ArchiveAsync(db, draw)).Snapshot),
            InputsName when mayReadInputs => PublishedDraw.Decompress((await ArchiveAsync(db, draw)).Inputs),
            "parameters.json" => Encoding.UTF8.GetBytes(draw.Parameters),
            "seed.txt" when draw.Seed is not null => Encoding.UTF8.GetBytes(draw.Seed + "\n"),
            "result.tsv" when draw.Status != DrawStatus.Committed && draw.Seed is not null => Encoding.UTF8.GetBytes(await ResultAsync(db, draw)),
            _ => null,
        };
        if (content is null) return new NotFoundResult();
        return new FileContentResult(content, name!.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/plain; charset=utf-8")
        {
            FileDownloadName = $"draw-{draw.Id:N}-{name}",
        };
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
            var again = string.Concat(DrawService.ResultLines(DrawService.Reproduce(draw.Parameters, archive, draw.Seed)).Select(l => l + "\n"));
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
