namespace Qualis.Features.Improvement.Cases;

/// <summary>A published typical case as the public reads it: no officer's name, no credit code.</summary>
public sealed record PublicCase(Guid Id, string Title, string SubjectName, SubjectKind SubjectKind, string RegionName, string Goal, string? Result,
    DateOnly StartOn, DateOnly? FinishedOn, DateTime PublishedAt);

/// <summary>
/// The typical cases the province published (典型案例), newest first, open without signing in (信息公开). Reading them is
/// leaving the area filter for a public record, through <see cref="AreaReason.PublicRecord"/>.
/// </summary>
public sealed class IndexModel(QualisDb db) : PageModel
{
    public List<PublicCase> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cases = await PublishedAsync(db, null, ct);

    public static async Task<List<PublicCase>> PublishedAsync(QualisDb db, Guid? id, CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var q = db.Set<ImprovementProject>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Where(p => p.PublishedAt != null);
        if (id is { } one) q = q.Where(p => p.Id == one);
        var rows = await q.OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Id).Take(200).ToListAsync(ct);
        var codes = rows.Select(p => p.RegionCode).Distinct().ToList();
        var regions = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => codes.Contains(r.Code)).ToListAsync(ct))
            .ToDictionary(r => r.Code, r => r.DisplayName(english));
        return rows.Select(p => new PublicCase(p.Id, p.Title, p.SubjectName, p.SubjectKind, regions.GetValueOrDefault(p.RegionCode, p.RegionCode), p.Goal, p.Result,
            p.StartOn, p.FinishedOn, p.PublishedAt!.Value)).ToList();
    }
}
