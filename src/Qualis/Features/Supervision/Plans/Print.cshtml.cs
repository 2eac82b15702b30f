using Qualis.Platform.Web;
using Qualis.Features.Supervision.Publication;
using Qualis.Platform.Printing;

namespace Qualis.Features.Supervision.Plans;

/// <summary>
/// The results announcement (抽查结果公告) of a batch: its print page and its PDF (?handler=Pdf), once some of the
/// batch's results are published (before that there is nothing to announce: not found). Numbered at the first print.
/// </summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(PlanBatch))]
public sealed class PrintModel(QualisDb db, ResultsAnnouncement announcement) : PageModel
{
    public PlanBatch Batch { get; private set; } = null!;
    public OfficialDocument Document { get; private set; } = null!;

    public static string UrlOf(Guid id, bool pdf = false) => $"/Supervision/Plans/Batch/{id}/Print" + (pdf ? "?handler=Pdf" : "");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? PrintedPdf.Of(Response, Document, $"{Document.Title}-{Document.Number}") : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<PlanBatch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) is not { } batch) return false;
        if (await announcement.BuildAsync(batch, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", ct) is not { } document) return false;
        Batch = batch;
        Document = document;
        return true;
    }
}
