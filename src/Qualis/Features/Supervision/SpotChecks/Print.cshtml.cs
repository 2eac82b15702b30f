using Qualis.Platform.Printing;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>
/// A spot check's printed documents (打印文书): the print page of one document (?doc=Sampling, SamplingService, Result,
/// ResultService) and its PDF (?handler=Pdf). Whoever may see the check may print its documents — officials and
/// inspectors of its area, its agency, its own enterprise; any other check is not found, as on the check's page. The
/// first print numbers the document; every later print shows the same number.
/// </summary>
[Authorize(Policy = SupervisionModule.PartiesPolicy)]
[RecordPage(typeof(SpotCheck))]
public sealed class PrintModel(QualisDb db, SpotCheckWorkflow workflow, SpotCheckDocuments documents) : PageModel
{
    public SpotCheck Check { get; private set; } = null!;
    public CheckDocument Shown { get; private set; }
    public OfficialDocument Document { get; private set; } = null!;
    public IReadOnlyList<CheckDocument> Available { get; private set; } = [];

    public static string UrlOf(Guid id, CheckDocument d, bool pdf = false) =>
        $"/Supervision/Checks/{id}/Print?doc={d}" + (pdf ? "&handler=Pdf" : "");

    public async Task<IActionResult> OnGetAsync(Guid id, string? doc, CancellationToken ct) =>
        await LoadAsync(id, doc, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(Guid id, string? doc, CancellationToken ct)
    {
        if (!await LoadAsync(id, doc, ct)) return NotFound();
        // Named after the document and the firm.
        return PrintedPdf.Of(Response, Document, $"{Document.Title}-{Check.EnterpriseName}");
    }

    private async Task<bool> LoadAsync(Guid id, string? doc, CancellationToken ct)
    {
        var party = await CheckParty.OfAsync(User, db, ct);
        if (await workflow.FindAsync(id, party, ct) is not { } check) return false;
        var shown = CheckDocument.Sampling;
        if (doc is not null && !(Enum.TryParse(doc, ignoreCase: true, out shown) && Enum.IsDefined(shown))) return false;
        if (!SpotCheckDocuments.Available(check, shown)) return false;
        Check = check;
        Shown = shown;
        Available = SpotCheckDocuments.AvailableFor(check).ToList();
        Document = await documents.BuildAsync(check, shown, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", ct);
        return true;
    }
}
