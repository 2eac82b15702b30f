using Qualis.Features.Assessment.Scoring;
using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Indicators;
using Qualis.Platform.Web;

namespace Qualis.Features.Assessment.Schemes;

/// <summary>A city's row in the scheme's table of cities.</summary>
public sealed record CityRow(CityAssessment City, int Reviewed, int Items, bool SummaryLate);

/// <summary>
/// A scheme (考核方案): its scoring sheet as a tree, its calendar, grade bands and veto rules, the cities' progress; the
/// area that runs it edits it while a draft, publishes it (which opens every assessed city's self-assessment with the
/// platform's figures pre-filled) and copies it forward to the next year.
/// </summary>
[Authorize(Policy = AssessmentModule.ReadersPolicy)]
[RecordPage(typeof(AssessmentScheme))]
public sealed class DetailModel(QualisDb db, AssessmentService service, IndicatorCatalog indicators, IStringLocalizer l, TimeProvider clock,
    Qualis.Platform.Time.PeopleClock people) : PageModel, IListExport
{
    private static readonly ListSort<CityAssessment>[] Sorts = [ListSort<CityAssessment>.By("region", c => c.RegionCode).ThenBy(c => c.Id)];

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The scheme's version the form was shown at: a second click of publish finds it changed.</summary>
    [BindProperty, System.ComponentModel.DataAnnotations.Display(Name = "assessment.version")] public int Version { get; set; }

    public SchemeBundle Bundle { get; private set; } = null!;
    public List<SchemeProblem> Problems { get; private set; } = [];
    public List<CityRow> Cities { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public bool Runs { get; private set; }
    public string? Problem { get; private set; }
    public IndicatorCatalog Indicators => indicators;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await service.LoadAsync(Id, ct) is not { } bundle) return false;
        Bundle = bundle;
        Version = bundle.Scheme.Version;
        Runs = AssessmentService.Runs(User, bundle.Scheme);
        Problems = service.Problems(bundle);
        RegionNames = await service.RegionNamesAsync(ct);
        var page = await Filtered().PageAsync(ListRequest.From(Request, 25), Sorts, c => c, ct: ct);
        Paging = page.Pager(Request);
        var ids = page.Rows.Select(c => c.Id).ToList();
        var counts = await db.Set<ItemScore>().AsNoTracking().Where(s => ids.Contains(s.CityAssessmentId))
            .GroupBy(s => s.CityAssessmentId).Select(g => new { g.Key, Items = g.Count(), Reviewed = g.Count(s => s.Review != ReviewState.Pending) })
            .ToDictionaryAsync(g => g.Key, ct);
        Cities = page.Rows.Select(c => new CityRow(c, counts.GetValueOrDefault(c.Id)?.Reviewed ?? 0, counts.GetValueOrDefault(c.Id)?.Items ?? 0,
            AssessmentService.SummaryLate(bundle.Scheme, c, people.Today))).ToList();
        return true;
    }

    private IQueryable<CityAssessment> Filtered() => db.Set<CityAssessment>().AsNoTracking().Where(c => c.SchemeId == Id);

    /// <summary>Publishes the draft (下发): frozen from now on; every assessed area's self-assessment opens, pre-filled.</summary>
    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!ModelState.IsValid) return Refused(l["form.fix_errors"].Value);
        if (!Runs) return Refused(l["assessment.not_yours"].Value);
        var scheme = Bundle.Scheme;
        if (scheme.Status != SchemeStatus.Draft || Version != scheme.Version)
            return this.AlreadyDoneAt("/Assessment/Schemes/" + Id, l["assessment.already_published"].Value);
        if (Problems.Count > 0) return Refused(string.Join(" ", Problems.Select(p => l[p.Key, p.Args.Cast<object>().ToArray()].Value)));
        scheme.Status = SchemeStatus.Published;
        scheme.PublishedAt = clock.GetUtcNow().UtcDateTime;
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await service.OpenCitiesAsync(Bundle, ct);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["assessment.published"].Value;
            return Redirect("/Assessment/Schemes/" + Id);
        }, () => Task.FromResult(this.AlreadyDoneAt("/Assessment/Schemes/" + Id, l["assessment.already_published"].Value)));
    }

    /// <summary>Copies the scheme to the next year as a draft (方案沿用); a second click finds the copy and opens it.</summary>
    public async Task<IActionResult> OnPostCopyAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!ModelState.IsValid) return Refused(l["form.fix_errors"].Value);
        if (!Runs) return Refused(l["assessment.not_yours"].Value);
        var year = Bundle.Scheme.Year + 1;
        async Task<IActionResult> Existing()
        {
            var id = await db.Set<AssessmentScheme>().Where(s => s.RegionCode == Bundle.Scheme.RegionCode && s.Year == year).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct);
            return id is { } found ? this.AlreadyDoneAt("/Assessment/Schemes/" + found, l["assessment.copy_exists", year].Value) : Refused(l["assessment.copy_exists", year].Value);
        }
        if (await db.Set<AssessmentScheme>().AnyAsync(s => s.RegionCode == Bundle.Scheme.RegionCode && s.Year == year, ct)) return await Existing();
        return await db.OrFirstResultAsync(async () =>
        {
            var copy = await service.CopyForwardAsync(Bundle, year, ct);
            TempData["Message"] = l["assessment.copied", year].Value;
            return (IActionResult)Redirect("/Assessment/Schemes/" + copy.Id);
        }, Existing);
    }

    /// <summary>Reads the platform's figures again into every item not yet reviewed ("collect each figure once").</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!ModelState.IsValid) return Refused(l["form.fix_errors"].Value);
        if (!Runs || Bundle.Scheme.Status != SchemeStatus.Published) return Refused(l["assessment.not_open"].Value);
        var cities = await db.Set<CityAssessment>().Where(c => c.SchemeId == Id && c.Stage != CityStage.Reviewed).ToListAsync(ct);
        await service.PrefillAsync(Bundle, cities, ct);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = l["assessment.refreshed"].Value;
        return Redirect("/Assessment/Schemes/" + Id);
    }

    private PageResult Refused(string message)
    {
        Problem = message;
        return Page();
    }

    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var names = await service.RegionNamesAsync(ct);
        var matching = Filtered();
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(c => new object?[]
        {
            names.GetValueOrDefault(c.RegionCode, c.RegionCode), l[c.Stage.Key()].Value, c.TargetsFiledOn,
            c.SelfSubmittedAt is { } at ? people.Format(at) : null, c.SummarySubmittedOn,
        });
        string[] headers = ["assessment.city", "assessment.stage", "assessment.filed_on", "assessment.self_submitted", "assessment.summary_on"];
        return new ExportTable(Texts.IsEnglish(CultureInfo.CurrentUICulture) ? "assessment-cities" : "考核进度", headers.Select(h => l[h].Value).ToList(), rows)
            { Count = ExportTable.CountOf(matching) };
    }
}
