namespace Qualis.Features.Improvement.Cases;

/// <summary>One published typical case with its comparison's before and after values, open without signing in; an unpublished project is "not found".</summary>
public sealed class DetailModel(QualisDb db) : PageModel
{
    public PublicCase Case { get; private set; } = null!;
    public List<(string Indicator, string Unit, int? FromYear, decimal? Before, int? ToYear, decimal? After)> Outcomes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if ((await IndexModel.PublishedAsync(db, id, ct)).SingleOrDefault() is not { } c) return NotFound();
        Case = c;
        var indicators = await db.Set<ProjectIndicator>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Where(i => i.ProjectId == id).OrderBy(i => i.Name).ToListAsync(ct);
        var values = await db.Set<ProjectValue>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Where(v => v.ProjectId == id && v.Value != null).ToListAsync(ct);
        foreach (var i in indicators)
        {
            var mine = values.Where(v => v.IndicatorId == i.Id).OrderBy(v => v.Year).ToList();
            Outcomes.Add((i.Name, i.Unit, mine.FirstOrDefault()?.Year, mine.FirstOrDefault()?.Value, mine.LastOrDefault()?.Year, mine.LastOrDefault()?.Value));
        }
        return Page();
    }
}
