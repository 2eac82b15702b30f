using Qualis.Platform.Accounts;
using Qualis.Platform.Calendar;
using Qualis.Platform.Desk;

namespace Qualis.Features.Assessment;

/// <summary>
/// What the assessment puts on desks: a city files its targets, scores itself, hands in its work summary (shown from
/// <see cref="AssessmentSettings.SummaryReminderWorkingDays"/> working days before its due day, and reminded again within
/// the kind's notification lead) and, when ranked last, its rectification report; a scoring department reviews the items
/// it scores of each self-assessed city.
/// </summary>
public sealed class AssessmentDesk(QualisDb db, AssessmentService service, WorkingCalendar calendar, AssessmentSettings settings) : IDeskSource
{
    public const string File = "assessment.todo.file";
    public const string Self = "assessment.todo.self";
    public const string Summary = "assessment.todo.summary";
    public const string Rectify = "assessment.todo.rectify";
    public const string Review = "assessment.todo.review";

    public async Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct)
    {
        var todos = new List<ToDo>();
        var schemes = await service.Visible().AsNoTracking().Where(s => s.Status != SchemeStatus.Draft).ToListAsync(ct);
        if (schemes.Count == 0) return todos;
        var ids = schemes.Select(s => s.Id).ToList();
        var steps = await db.Set<SchemeStep>().AsNoTracking().Where(s => ids.Contains(s.SchemeId)).ToListAsync(ct);
        DateOnly? Deadline(Guid scheme, AssessmentStep step) => steps.FirstOrDefault(s => s.SchemeId == scheme && s.Step == step)?.Deadline;

        if (ctx.Role == Roles.CityOfficer)
        {
            var own = await db.Set<CityAssessment>().AsNoTracking().Where(c => ids.Contains(c.SchemeId) && c.RegionCode == ctx.RegionCode).ToListAsync(ct);
            foreach (var c in own)
            {
                var scheme = schemes.Single(s => s.Id == c.SchemeId);
                var link = "/Assessment/Cities/" + c.Id;
                var title = scheme.Title;
                if (scheme.Status == SchemeStatus.Published && c.Stage == CityStage.Open)
                    todos.Add(new(File, c.Id + ":file", title, link, Deadline(scheme.Id, AssessmentStep.TargetsFiled)));
                if (scheme.Status == SchemeStatus.Published && c.Stage is CityStage.Open or CityStage.Filed)
                    todos.Add(new(Self, c.Id + ":self", title, link, Deadline(scheme.Id, AssessmentStep.SelfAssessment)));
                if (scheme.SummaryDue is { } due && c.SummarySubmittedOn is null
                    && DeskDue.WorkingDaysLeft(due, ctx.Today, calendar) <= settings.SummaryReminderWorkingDays)
                    todos.Add(new(Summary, c.Id + ":summary", title, link + "#summary", due));
                if (c.RectificationDue is { } rectify && c.RectificationSubmittedOn is null)
                    todos.Add(new(Rectify, c.Id + ":rectify", title, link + "#rectification", rectify));
            }
        }
        else if (ctx.Role == Roles.PartnerDepartment && ctx.Organisation is { Length: > 0 })
        {
            // The department's name as the directory has it; the items it scores, pending, of self-assessed cities.
            var department = await service.DepartmentNamedAsync(ctx.Organisation, ct);
            var published = schemes.Where(s => s.Status == SchemeStatus.Published).Select(s => s.Id).ToList();
            var items = await db.Set<SchemeItem>().AsNoTracking().Where(i => published.Contains(i.SchemeId) && i.Department == department).ToListAsync(ct);
            if (items.Count == 0) return todos;
            var cities = await db.Set<CityAssessment>().AsNoTracking().Where(c => published.Contains(c.SchemeId) && c.Stage == CityStage.SelfAssessed).ToListAsync(ct);
            var cityIds = cities.Select(c => c.Id).ToList();
            var pending = await db.Set<ItemScore>().AsNoTracking().Where(s => cityIds.Contains(s.CityAssessmentId) && s.Review == ReviewState.Pending).ToListAsync(ct);
            var names = await service.RegionNamesAsync(ct);
            foreach (var c in cities)
            {
                var mine = items.Where(i => i.SchemeId == c.SchemeId).Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
                if (!pending.Any(p => p.CityAssessmentId == c.Id && mine.Contains(p.ItemCode))) continue;
                var scheme = schemes.Single(s => s.Id == c.SchemeId);
                todos.Add(new(Review, c.Id + ":review", scheme.Title + " · " + names.GetValueOrDefault(c.RegionCode, c.RegionCode), "/Assessment/Cities/" + c.Id,
                    Deadline(scheme.Id, AssessmentStep.CombinedReview)));
            }
        }
        return todos;
    }

    public Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct) => Task.FromResult<IReadOnlyList<DeskCard>>([]);
}
