using System.ComponentModel.DataAnnotations;
using Qualis.Features.Improvement;
using Qualis.Features.Improvement.Experts;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Services.Events;

/// <summary>A firm that came, with what was diagnosed and the follow-up agreed.</summary>
public sealed class EventFirmForm
{
    [Required, StringLength(18), Display(Name = "services.credit_code")] public string CreditCode { get; set; } = "";
    [Display(Name = "services.event.problem_area")] public ServiceArea? ProblemArea { get; set; }
    [Required, StringLength(ServiceEvent.TextLength), Display(Name = "services.event.problems")] public string Problems { get; set; } = "";
    [StringLength(FollowUpTask.TitleLength), Display(Name = "services.event.follow_up")] public string? FollowUp { get; set; }
    [Display(Name = "services.event.follow_up_due")] public DateOnly? FollowUpDue { get; set; }
}

/// <summary>
/// One service event (服务活动): what it was, the firms of the caller's area that came with the problems diagnosed for
/// each (诊断问题) and the follow-up agreed (跟踪事项), which becomes a task of the improvement module for the firm: the
/// firm reports on it and it is closed only with evidence, on the task's page. An expert of the event who declared a
/// conflict with a firm cannot diagnose it.
/// </summary>
[Authorize(Policy = ServicesModule.ReadersPolicy)]
[RecordPage(typeof(ServiceEvent))]
public sealed class DetailModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public ServiceEvent Event { get; private set; } = null!;
    public List<ServiceEventFirm> Firms { get; private set; } = [];
    public Dictionary<Guid, TaskStanding> Tasks { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public DateOnly Today => clock.Today;
    public EventFirmForm Firm { get; set; } = new();

    public string? Error(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    /// <summary>
    /// Adds a firm of the caller's area that came, with its diagnosis (诊断) and follow-up; once per event and firm. The
    /// row and its follow-up task are written together or not at all.
    /// </summary>
    public async Task<IActionResult> OnPostAddFirmAsync([Bind(Prefix = "Firm")] EventFirmForm firm, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded) return Forbid();
        Firm = firm;
        if (await db.Set<ServiceEvent>().FirstOrDefaultAsync(e => e.Id == Id, ct) is not { } ev) return NotFound();
        var followUp = firm.FollowUp?.Trim() is { Length: > 0 } text ? text : null;
        var enterprise = ModelState.GetFieldValidationState("Firm.CreditCode") == ModelValidationState.Invalid ? null
            : await FirmByCode.FindAsync(db, l, ModelState, "Firm.CreditCode", firm.CreditCode, ct);
        var code = enterprise?.CreditCode ?? "";
        if (enterprise is not null && ExpertIdsOf(ev) is { Count: > 0 } experts
            && await ExpertsFace.ConflictingAsync(db, experts, code, enterprise.Name, ct) is { Count: > 0 } conflicting)
            ModelState.AddModelError("Firm.CreditCode", l["services.error.expert_conflict", string.Join("、", conflicting), enterprise.Name]);
        if (followUp is not null && firm.FollowUpDue is null) ModelState.AddModelError("Firm.FollowUpDue", l["services.error.due_required"]);
        if (followUp is null && firm.FollowUpDue is not null) ModelState.AddModelError("Firm.FollowUp", l["services.error.follow_up_required"]);
        if (firm.FollowUpDue is { } due && due < ev.HeldOn) ModelState.AddModelError("Firm.FollowUpDue", l["services.error.due_before_event"]);
        if (!ModelState.IsValid) return await ShowAsync(ct);
        if (await db.Set<ServiceEventFirm>().AnyAsync(f => f.EventId == Id && f.CreditCode == code, ct)) return AlreadyCame(enterprise!.Name);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var row = new ServiceEventFirm
            {
                EventId = ev.Id, EventKind = ev.Kind, EventDate = ev.HeldOn, EventTitle = ev.Title, CreditCode = code, EnterpriseName = enterprise!.Name,
                RegionCode = enterprise.RegionCode, RegionPath = enterprise.RegionPath, ProblemArea = firm.ProblemArea, Problems = firm.Problems.Trim(),
                FollowUp = followUp, FollowUpDue = firm.FollowUpDue, AddedAt = time.GetUtcNow().UtcDateTime, AddedBy = User.Identity?.Name ?? "",
            };
            db.Set<ServiceEventFirm>().Add(row);
            await db.SaveChangesAsync(ct);
            if (followUp is not null)
            {
                var task = await ImprovementFace.AddFollowUpTaskAsync(db, time,
                    new FollowUpTask(code, followUp, enterprise.Name, firm.FollowUpDue!.Value, $"{ev.Title}（{ev.HeldOn:yyyy-MM-dd}）", EnterpriseActs: true), ct);
                if (task.TaskId is not { } taskId) throw new InvalidOperationException($"The follow-up task of a checked firm was refused: {task.ProblemKey}.");
                row.FollowUpTaskId = taskId;
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
            TempData["Message"] = l["services.event.firm_added", enterprise.Name].Value;
            return Redirect("/Services/Events/" + Id);
        }, () => Task.FromResult(AlreadyCame(enterprise!.Name)));
    }

    private static List<Guid> ExpertIdsOf(ServiceEvent ev) =>
        ev.ExpertIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();

    private IActionResult AlreadyCame(string name) => this.AlreadyDoneAt("/Services/Events/" + Id, l["services.event.firm_already", name].Value);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        if (await db.Set<ServiceEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == Id, ct) is not { } ev) return NotFound();
        Event = ev;
        Firms = await db.Set<ServiceEventFirm>().AsNoTracking().Where(f => f.EventId == Id).OrderBy(f => f.AddedAt).ThenBy(f => f.Id).Take(500).ToListAsync(ct);
        Tasks = await ImprovementFace.TasksAsync(db, Firms.Select(f => f.FollowUpTaskId).OfType<Guid>().ToList(), ct);
        CanEdit = (await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded;
        return Page();
    }
}
