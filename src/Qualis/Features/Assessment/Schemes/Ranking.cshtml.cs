using System.Text.Json;
using Qualis.Features.Assessment.Scoring;
using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Web;

namespace Qualis.Features.Assessment.Schemes;

/// <summary>
/// Grades and ranking of all assessed cities (考核结果): before publication the preview (预览) that the area running the
/// scheme checks, then publishes — exactly the previewed ranking, refused if anything changed since — and afterwards the
/// published results, every score opening into its explanation. A bar chart of the scores per city.
/// </summary>
[Authorize(Policy = AssessmentModule.ReadersPolicy)]
[RecordPage(typeof(AssessmentScheme))]
public sealed class RankingModel(AssessmentService service, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The hash of the ranking the preview showed: publishing applies it or nothing.</summary>
    [BindProperty, System.ComponentModel.DataAnnotations.Display(Name = "assessment.preview_hash"), System.ComponentModel.DataAnnotations.StringLength(64)]
    public string? Hash { get; set; }
    [BindProperty, System.ComponentModel.DataAnnotations.Display(Name = "assessment.version")] public int Version { get; set; }

    public SchemeBundle Bundle { get; private set; } = null!;
    public List<CityScore> Scores { get; private set; } = [];
    public bool IsPreview { get; private set; }
    public bool Runs { get; private set; }
    public string PreviewHash { get; private set; } = "";
    public List<string> Unreviewed { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public string? Problem { get; private set; }

    /// <summary>The chart's data: city names and scores in rank order.</summary>
    public string ChartData => JsonSerializer.Serialize(new
    {
        title = l["assessment.chart_title"].Value, series = l["assessment.score"].Value,
        labels = Scores.Select(s => RegionNames.GetValueOrDefault(s.City, s.City)), scores = Scores.Select(s => s.Score), grades = Scores.Select(s => s.Grade),
    });

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await service.LoadAsync(Id, ct) is not { } bundle) return false;
        Bundle = bundle;
        Version = bundle.Scheme.Version;
        Runs = AssessmentService.Runs(User, bundle.Scheme);
        RegionNames = await service.RegionNamesAsync(ct);
        if (bundle.Scheme.Status == SchemeStatus.ResultsPublished) Scores = await service.PublishedAsync(Id, ct);
        else if (Runs && bundle.Scheme.Status == SchemeStatus.Published)
        {
            var ranking = await service.RankingAsync(bundle, ct);
            Scores = ranking.Scores;
            PreviewHash = ranking.Hash;
            IsPreview = true;
            Unreviewed = await service.UnreviewedCitiesAsync(Id, ct);
        }
        return true;
    }

    /// <summary>Publishes the results (通报): the ranking the preview showed, or nothing.</summary>
    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        var postedVersion = Version;
        if (!await LoadAsync(ct)) return NotFound();
        if (!ModelState.IsValid) return Refused(l["form.fix_errors"].Value);
        if (Bundle.Scheme.Status == SchemeStatus.ResultsPublished || (Runs && postedVersion != Bundle.Scheme.Version))
            return this.AlreadyDoneAt("/Assessment/Schemes/" + Id + "/Ranking", l["assessment.already_done"].Value);
        if (!Runs || Bundle.Scheme.Status != SchemeStatus.Published) return Refused(l["assessment.not_allowed"].Value);
        if (Unreviewed.Count > 0)
            return Refused(l["assessment.unreviewed", string.Join("、", Unreviewed.Select(c => RegionNames.GetValueOrDefault(c, c)))].Value);
        bool applied;
        try
        {
            applied = await service.PublishAsync(Bundle, Hash ?? "", ct);
        }
        catch (Exception e) when (OneEffect.LostRace(e))
        {
            return this.AlreadyDoneAt("/Assessment/Schemes/" + Id + "/Ranking", l["assessment.already_done"].Value);
        }
        if (!applied) return Refused(l["assessment.preview_changed"].Value);
        TempData["Message"] = l["assessment.results_published"].Value;
        return Redirect("/Assessment/Schemes/" + Id + "/Ranking");
    }

    private PageResult Refused(string message)
    {
        Problem = message;
        return Page();
    }

    /// <summary>The ranking shown (published, or the preview) as a spreadsheet.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        string[] headers = ["assessment.rank", "assessment.city", "assessment.score", "assessment.grade", "assessment.vetoed"];
        var rows = Scores.Select(s => new object?[]
        {
            s.Rank, RegionNames.GetValueOrDefault(s.City, s.City), s.Score, s.Grade, s.Vetoed ? l["assessment.yes"].Value : "",
        }).ToAsyncEnumerable();
        return Download.Table(format, (Texts.IsEnglish(CultureInfo.CurrentUICulture) ? "assessment-ranking-" : "考核排名-") + Bundle.Scheme.Year,
            headers.Select(h => l[h].Value).ToList(), rows);
    }
}
