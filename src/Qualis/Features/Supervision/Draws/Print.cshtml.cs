using Qualis.Platform.Web;
using Qualis.Platform.Printing;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// The draw notice (双随机抽查工作通知) of a draw: its print page and its PDF (?handler=Pdf). Whoever may see the draw's
/// page may print it; the first print numbers it, every later print shows the same number.
/// </summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(Draw))]
public sealed class PrintModel(QualisDb db, DrawDocuments documents) : PageModel
{
    public Draw Draw { get; private set; } = null!;
    public OfficialDocument Document { get; private set; } = null!;

    public static string UrlOf(Guid id, bool pdf = false) => $"/Supervision/Draws/{id}/Print" + (pdf ? "?handler=Pdf" : "");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? PrintedPdf.Of(Response, Document, $"{Document.Title}-{Document.Number}") : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<Draw>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) is not { } draw) return false;
        Draw = draw;
        Document = await documents.BuildAsync(draw, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", ct);
        return true;
    }
}
