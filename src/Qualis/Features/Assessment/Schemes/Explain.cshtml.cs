using Qualis.Features.Assessment.Scoring;

namespace Qualis.Features.Assessment.Schemes;

/// <summary>
/// A city's score line by line (得分说明): each item with the basis, the figure and the points, veto lines included; the
/// lines add up to the score. The published result, or for the area running the scheme the preview.
/// </summary>
[Authorize(Policy = AssessmentModule.ReadersPolicy)]
[RecordPage(typeof(AssessmentScheme))]
public sealed class ExplainModel(AssessmentService service) : PageModel
{
    public SchemeBundle Bundle { get; private set; } = null!;
    public CityScore? Result { get; private set; }
    public bool IsPreview { get; private set; }
    public string CityName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, string city, CancellationToken ct)
    {
        if (await service.LoadAsync(id, ct) is not { } bundle) return NotFound();
        Bundle = bundle;
        CityName = (await service.RegionNamesAsync(ct)).GetValueOrDefault(city, city);
        if (bundle.Scheme.Status == SchemeStatus.ResultsPublished)
            Result = (await service.PublishedAsync(id, ct)).FirstOrDefault(r => r.City == city);
        else if (AssessmentService.Runs(User, bundle.Scheme) && bundle.Scheme.Status == SchemeStatus.Published)
        {
            Result = (await service.RankingAsync(bundle, ct)).Scores.FirstOrDefault(r => r.City == city);
            IsPreview = true;
        }
        return Page();
    }
}
