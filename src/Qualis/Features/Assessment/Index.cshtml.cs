using Qualis.Features.Shared;
using Qualis.Platform.Accounts;
using Qualis.Platform.Export;

namespace Qualis.Features.Assessment;

/// <summary>The assessment schemes (考核方案) the reader runs or is assessed by, newest year first.</summary>
[Authorize(Policy = AssessmentModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, AssessmentService service, IStringLocalizer l) : PageModel, IListExport
{
    private static readonly ListSort<AssessmentScheme>[] Sorts =
        [ListSort<AssessmentScheme>.By("year", s => s.Year, descending: true).ThenBy(s => s.RegionPath).ThenBy(s => s.Id)];

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public List<AssessmentScheme> Rows { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    /// <summary>The reader's own assessment per scheme (a city's), by scheme id.</summary>
    public Dictionary<Guid, Guid> Own { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = await Filtered().PageAsync(ListRequest.From(Request, 25), Sorts, s => s, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        RegionNames = await service.RegionNamesAsync(ct);
        var ids = Rows.Select(r => r.Id).ToList();
        var region = User.Get(QualisClaims.RegionCode);
        Own = await db.Set<CityAssessment>().AsNoTracking().Where(c => ids.Contains(c.SchemeId) && c.RegionCode == region).ToDictionaryAsync(c => c.SchemeId, c => c.Id, ct);
        CanCreate = Roles.Officials.Split(',').Any(User.IsInRole);
    }

    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var names = await service.RegionNamesAsync(ct);
        var matching = Filtered();
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(s => new object?[]
        {
            s.Year, s.Title, names.GetValueOrDefault(s.RegionCode, s.RegionCode), s.Total, l[s.Status.Key()].Value,
        });
        string[] headers = ["assessment.year", "assessment.title", "assessment.region", "assessment.total", "assessment.status"];
        return new ExportTable(Texts.IsEnglish(CultureInfo.CurrentUICulture) ? "assessment-schemes" : "考核方案", headers.Select(h => l[h].Value).ToList(), rows)
            { Count = ExportTable.CountOf(matching) };
    }

    private IQueryable<AssessmentScheme> Filtered()
    {
        var q = service.Visible().AsNoTracking();
        if (Year is { } year) q = q.Where(s => s.Year == year);
        return q;
    }
}
