using Qualis.Features.Supervision.Publication;

namespace Qualis.Features.Public.Results;

/// <summary>One published spot-check result; anything not published is not found.</summary>
public sealed class DetailModel(QualisDb db) : PageModel
{
    public PublishedResult Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await PublishedResults.FindAsync(db, id, Texts.IsEnglish(CultureInfo.CurrentUICulture), ct);
        if (result is null) return NotFound();
        Result = result;
        return Page();
    }
}
