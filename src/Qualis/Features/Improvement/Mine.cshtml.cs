using Qualis.Features.Improvement.Experts;
using Qualis.Features.Improvement.Tasks;
using Qualis.Features.Services;
using Qualis.Platform.Time;

namespace Qualis.Features.Improvement;

/// <summary>
/// My improvement work (我的提升任务): for an enterprise account, its own projects and help plans and its tasks (no other
/// firm's); for any account, the tasks it owns and, when it is linked to experts of the directory, the consultations they
/// sat on and the clinics and service events they came to. An official sees the tasks they own here; their area's projects are on the list.
/// </summary>
[Authorize(Policy = ImprovementModule.ParticipantsPolicy)]
public sealed class MineModel(QualisDb db, PeopleClock clock) : PageModel
{
    public List<ImprovementProject> Projects { get; private set; } = [];
    public List<ImprovementTask> Tasks { get; private set; } = [];
    public List<(Guid ProjectId, string Title, DateOnly HeldOn)> Consultations { get; private set; } = [];
    public List<ExpertEvent> Events { get; private set; } = [];
    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.Identity?.Name ?? "";
        if (db.Actor.EnterpriseCode is { } code)
        {
            Projects = await db.Set<ImprovementProject>().AsNoTracking().Where(p => p.CreditCode == code && p.Status != ProjectStatus.Cancelled)
                .OrderByDescending(p => p.StartOn).Take(200).ToListAsync(ct);
            Tasks = await db.Set<ImprovementTask>().AsNoTracking().Where(t => t.CreditCode == code).OrderBy(t => t.Status).ThenBy(t => t.Deadline).Take(500).ToListAsync(ct);
        }
        Tasks.AddRange(await db.Set<ImprovementTask>().AsNoTracking().Where(t => t.OwnerUserName == me).OrderBy(t => t.Status).ThenBy(t => t.Deadline).Take(500).ToListAsync(ct));
        Tasks = [.. Tasks.DistinctBy(t => t.Id)];
        var mine = (await ExpertsFace.OfAccountAsync(db, me, ct)).Select(e => e.Id).ToList();
        Events = await ServicesFace.EventsOfExpertsAsync(db, mine, ct);
        foreach (var expert in mine.Select(id => id.ToString()))
            Consultations.AddRange((await db.Set<ProjectConsultation>().AsNoTracking().Where(c => c.ExpertIds.Contains(expert))
                .Join(db.Set<ImprovementProject>(), c => c.ProjectId, p => p.Id, (c, p) => new { p.Id, p.Title, c.HeldOn })
                .OrderByDescending(x => x.HeldOn).Take(100).ToListAsync(ct)).Select(x => (x.Id, x.Title, x.HeldOn)));
    }
}
