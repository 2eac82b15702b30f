using Qualis.Features.Assessment.Scoring;

namespace Qualis.Features.Assessment.Schemes;

/// <summary>The printable bulletin of the results (考核结果通报): grades and ranking, the vetoed, the rectification owed by the lowest-ranked.</summary>
[Authorize(Policy = AssessmentModule.ReadersPolicy)]
[RecordPage(typeof(AssessmentScheme))]
public sealed class BulletinModel(AssessmentService service, QualisDb db) : PageModel
{
    public SchemeBundle Bundle { get; private set; } = null!;
    public List<CityScore> Scores { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public DateOnly? RectificationDue { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await service.LoadAsync(id, ct) is not { } bundle) return NotFound();
        Bundle = bundle;
        RegionNames = await service.RegionNamesAsync(ct);
        if (bundle.Scheme.Status == SchemeStatus.ResultsPublished)
        {
            Scores = await service.PublishedAsync(id, ct);
            RectificationDue = await db.Set<CityAssessment>().AsNoTracking().Where(c => c.SchemeId == id && c.RectificationDue != null)
                .Select(c => c.RectificationDue).FirstOrDefaultAsync(ct);
        }
        return Page();
    }
}
