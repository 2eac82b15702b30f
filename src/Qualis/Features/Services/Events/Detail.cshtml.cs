using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry;
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
    [StringLength(ServiceEvent.TextLength), Display(Name = "services.event.follow_up")] public string? FollowUp { get; set; }
    [Display(Name = "services.event.follow_up_due")] public DateOnly? FollowUpDue { get; set; }
}

/// <summary>
/// One service event (服务活动): what it was, the firms of the caller's area that came with the problems diagnosed for
/// each (诊断问题) and the follow-up agreed (跟踪事项), which an officer marks done with its result.
/// </summary>
[Authorize(Policy = ServicesModule.ReadersPolicy)]
[RecordPage(typeof(ServiceEvent))]
public sealed class DetailModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public ServiceEvent Event { get; private set; } = null!;
    public List<ServiceEventFirm> Firms { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public EventFirmForm Firm { get; set; } = new();

    public string? Error(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    /// <summary>Adds a firm of the caller's area that came, with its diagnosis (诊断) and follow-up; once per event and firm.</summary>
    public async Task<IActionResult> OnPostAddFirmAsync([Bind(Prefix = "Firm")] EventFirmForm firm, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded) return Forbid();
        Firm = firm;
        if (await db.Set<ServiceEvent>().FirstOrDefaultAsync(e => e.Id == Id, ct) is not { } ev) return NotFound();
        EnterpriseEntry? enterprise = null;
        var code = firm.CreditCode?.Trim().ToUpperInvariant() ?? "";
        if (ModelState.IsValid && (enterprise = await RegistryFace.FindEnterpriseAsync(db, code, ct)) is null)
            ModelState.AddModelError("Firm.CreditCode", l["services.error.firm_outside", code]);
        if (ModelState.IsValid && firm.FollowUpDue is { } due && due < ev.HeldOn)
            ModelState.AddModelError("Firm.FollowUpDue", l["services.error.due_before_event"]);
        if (!ModelState.IsValid) return await ShowAsync(ct);
        if (await db.Set<ServiceEventFirm>().AnyAsync(f => f.EventId == Id && f.CreditCode == code, ct)) return AlreadyCame(enterprise!.Name);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<ServiceEventFirm>().Add(new ServiceEventFirm
            {
                EventId = ev.Id, EventKind = ev.Kind, EventDate = ev.HeldOn, EventTitle = ev.Title, CreditCode = code, EnterpriseName = enterprise!.Name,
                RegionCode = enterprise.RegionCode, RegionPath = enterprise.RegionPath, ProblemArea = firm.ProblemArea, Problems = firm.Problems.Trim(),
                FollowUp = firm.FollowUp?.Trim() is { Length: > 0 } f ? f : null, FollowUpDue = firm.FollowUpDue, AddedAt = DateTime.UtcNow, AddedBy = User.Identity?.Name ?? "",
            });
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["services.event.firm_added", enterprise.Name].Value;
            return Redirect("/Services/Events/" + Id);
        }, () => Task.FromResult(AlreadyCame(enterprise!.Name)));
    }

    /// <summary>Marks a firm's follow-up done (已跟踪落实) with its result, once.</summary>
    public async Task<IActionResult> OnPostFollowedUpAsync([Display(Name = "services.event.firm")] Guid? firmId,
        [Display(Name = "services.event.follow_up_result")] string? result, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded) return Forbid();
        if (!await db.Set<ServiceEvent>().AnyAsync(e => e.Id == Id, ct)) return NotFound();
        var row = firmId is { } fid ? await db.Set<ServiceEventFirm>().FirstOrDefaultAsync(f => f.Id == fid && f.EventId == Id, ct) : null;
        if (row is null) return NotFound();
        var text = result?.Trim() ?? "";
        if (text.Length == 0) ModelState.AddModelError("result", l["services.error.result_required"]);
        else if (text.Length > ServiceEvent.TextLength) ModelState.AddModelError("result", l["validation.max_length", l["services.event.follow_up_result"], ServiceEvent.TextLength]);
        if (!ModelState.IsValid) return await ShowAsync(ct);
        if (row.FollowUpDoneOn is not null) return AlreadyFollowed(row.EnterpriseName);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            row.FollowUpDoneOn = clock.Today;
            row.FollowUpResult = text;
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["services.event.followed_up", row.EnterpriseName].Value;
            return Redirect("/Services/Events/" + Id);
        }, () => Task.FromResult(AlreadyFollowed(row.EnterpriseName)));
    }

    private IActionResult AlreadyCame(string name) => this.AlreadyDoneAt("/Services/Events/" + Id, l["services.event.firm_already", name].Value);

    private IActionResult AlreadyFollowed(string name) => this.AlreadyDoneAt("/Services/Events/" + Id, l["services.event.already_followed_up", name].Value);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        if (await db.Set<ServiceEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == Id, ct) is not { } ev) return NotFound();
        Event = ev;
        Firms = await db.Set<ServiceEventFirm>().AsNoTracking().Where(f => f.EventId == Id).OrderBy(f => f.AddedAt).ThenBy(f => f.Id).Take(500).ToListAsync(ct);
        CanEdit = (await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded;
        return Page();
    }
}
