using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Access;
using Qualis.Platform.Data;

namespace Qualis.Features.Public.Draws;

/// <summary>
/// One draw as the public sees it: the commitment and hashes published before the draw, the seed and the drawn
/// enterprises after it, the files to check it with, and a check the platform runs on request.
/// </summary>
public sealed class DetailModel(QualisDb db) : PageModel
{
    public Draw Draw { get; private set; } = null!;
    public DrawParameters Parameters { get; private set; } = null!;
    public List<(int Order, string Stratum, string Code, string Name, int Team)> Targets { get; private set; } = [];
    public (bool Reproduced, string Detail)? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetVerifyAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Verification = await DrawFiles.VerifyAsync(db, Draw);
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync(Guid id, string? name) =>
        await LoadAsync(id) ? await DrawFiles.DownloadAsync(db, Draw, name) : NotFound();

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await db.Set<Draw>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id) is not { } draw) return false;
        Draw = draw;
        Parameters = DrawParameters.FromJson(draw.Parameters);
        if (draw.Seed is not null)
            Targets = (await db.Set<DrawTarget>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Where(t => t.DrawId == id).OrderBy(t => t.Order)
                    .Select(t => new { t.Order, t.StratumKey, t.CreditCode, t.EnterpriseName, t.InspectorIds }).ToListAsync())
                .Select(t => (t.Order, t.StratumKey, t.CreditCode, t.EnterpriseName, t.InspectorIds.Length == 0 ? 0 : t.InspectorIds.Split(',').Length)).ToList();
        return true;
    }
}
