using Qualis.Features.Supervision.Publication;

namespace Qualis.Features.Public.Draws;

/// <summary>
/// One draw as the public sees it: the commitment and hashes published before the draw, the seed and the drawn
/// enterprises after it, the files to check it with, and a check the platform runs on request.
/// </summary>
public sealed class DetailModel(QualisDb db) : PageModel
{
    public DrawPublication Draw { get; private set; } = null!;
    public List<PublishedDrawTarget> Targets { get; private set; } = [];
    public (bool Reproduced, string Detail)? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetVerifyAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Verification = await PublishedDraws.VerifyAsync(db, id);
        return Page();
    }

    public Task<IActionResult> OnGetFileAsync(Guid id, string? name) => PublishedDraws.DownloadAsync(db, id, name);

    /// <summary>Everything the public may verify in one zip: the list, the parameters, the snapshot and every hash.</summary>
    public Task<IActionResult> OnGetZipAsync(Guid id) => PublishedDraws.ZipAsync(db, id);

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await PublishedDraws.FindAsync(db, id) is not { } draw) return false;
        Draw = draw;
        if (draw.Seed is not null) Targets = await PublishedDraws.TargetsAsync(db, id);
        return true;
    }
}
