namespace Qualis.Features.Awards.Public;

/// <summary>
/// A round's published result (公示 or granted), without signing in: the ranking, and the draw anyone can check — its
/// commitment, the revealed seed, the inputs' hash and inputs, and the experts who reviewed, named only now that the result is out.
/// </summary>
public sealed class DetailModel(QualisDb db) : PageModel
{
    public AwardRound Round { get; private set; } = null!;
    public List<AwardApplication> Ranked { get; private set; } = [];
    public List<string> Experts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<AwardRound>().OutsideArea(AreaReason.PublicRecord).AsNoTracking()
                .SingleOrDefaultAsync(r => r.Id == id && (r.Status == RoundStatus.Announced || r.Status == RoundStatus.Granted), ct) is not { } round) return NotFound();
        Round = round;
        Ranked = await db.Set<AwardApplication>().OutsideArea(AreaReason.PublicRecord).AsNoTracking()
            .Where(a => a.RoundId == id && a.Rank != null).OrderBy(a => a.Rank).ToListAsync(ct);
        Experts = await db.Set<AwardReviewer>().AsNoTracking().Where(r => r.RoundId == id).Select(r => r.ExpertName).Distinct().OrderBy(n => n).ToListAsync(ct);
        return Page();
    }

    /// <summary>The draw's inputs as published (canonical JSON), for whoever reproduces it with the seed.</summary>
    public async Task<IActionResult> OnGetInputsAsync(Guid id, CancellationToken ct) =>
        await db.Set<AwardRound>().OutsideArea(AreaReason.PublicRecord).AsNoTracking()
            .Where(r => r.Id == id && (r.Status == RoundStatus.Announced || r.Status == RoundStatus.Granted)).Select(r => r.DrawInputs).SingleOrDefaultAsync(ct) is { } json
            ? File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", "award-draw-inputs.json") : NotFound();
}
