using Qualis.Features.Audit;
using Qualis.Features.Services;
using Qualis.Platform.Web;

namespace Qualis.Features.Improvement.Experts;

/// <summary>One expert of the caller's area, the consultations they sat on and the clinics and service events they came to, and the record's history.</summary>
[Authorize(Policy = ImprovementModule.ReadersPolicy)]
[RecordPage(typeof(Expert))]
public sealed class DetailModel(QualisDb db, IAuthorizationService authorization) : PageModel
{
    public Expert Expert { get; private set; } = null!;
    public string? RegionName { get; private set; }
    public bool CanEdit { get; private set; }
    public List<(Guid ProjectId, string Title, DateOnly HeldOn)> Consultations { get; private set; } = [];
    public List<ExpertEvent> Events { get; private set; } = [];
    public AuditHistoryView History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<Expert>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } e) return NotFound();
        Expert = e;
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        RegionName = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().SingleOrDefaultAsync(r => r.Code == e.RegionCode, ct))?.DisplayName(english);
        CanEdit = (await authorization.AuthorizeAsync(User, ImprovementModule.EditorsPolicy)).Succeeded;
        var key = id.ToString();
        Consultations = (await db.Set<ProjectConsultation>().AsNoTracking().Where(c => c.ExpertIds.Contains(key))
            .Join(db.Set<ImprovementProject>(), c => c.ProjectId, p => p.Id, (c, p) => new { p.Id, p.Title, c.HeldOn })
            .OrderByDescending(x => x.HeldOn).Take(100).ToListAsync(ct)).Select(x => (x.Id, x.Title, x.HeldOn)).ToList();
        Events = await ServicesFace.EventsOfExpertsAsync(db, [id], ct);
        History = await AuditHistory.ForAsync(db, nameof(Expert), key);
        return Page();
    }
}
