using Qualis.Features.Shared;

namespace Qualis.Features.Services.Parks;

/// <summary>质量强区（园区）: the quality-strong park programmes of the caller's area, newest year first, with their member firms.</summary>
[Authorize(Policy = ServicesModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, IAuthorizationService authorization) : PageModel
{
    private static readonly ListSort<ParkProgramme>[] Sorts = [ListSort<ParkProgramme>.By("year", p => p.Year, descending: true).ThenBy(p => p.Id)];

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public List<ParkProgramme> Rows { get; private set; } = [];
    public Dictionary<Guid, int> Members { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public bool CanRecord { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.Set<ParkProgramme>().AsNoTracking();
        if (Year is { } year) q = q.Where(p => p.Year == year);
        var page = await q.PageAsync(ListRequest.From(Request, 25), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        var ids = Rows.Select(r => r.Id).ToList();
        Members = await db.Set<ParkProgrammeMember>().AsNoTracking().Where(m => ids.Contains(m.ProgrammeId)).GroupBy(m => m.ProgrammeId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        CanRecord = (await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded;
    }
}
