using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Services.Parks;

/// <summary>
/// One park programme (质量强区/园区建设): its coordinated service plan, the member firms (of the caller's area), and its
/// progress reports, one a day.
/// </summary>
[Authorize(Policy = ServicesModule.ReadersPolicy)]
[RecordPage(typeof(ParkProgramme))]
public sealed class DetailModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public ParkProgramme Programme { get; private set; } = null!;
    public List<ParkProgrammeMember> Members { get; private set; } = [];
    public List<ParkProgrammeReport> Reports { get; private set; } = [];
    public bool CanEdit { get; private set; }
    /// <summary>What was typed into the member and progress boxes, shown again when refused.</summary>
    public string? CreditCode { get; private set; }
    public string? Progress { get; private set; }

    public string? Error(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    /// <summary>Adds a member firm of the caller's area by its credit code, once.</summary>
    public async Task<IActionResult> OnPostAddMemberAsync([Display(Name = "services.credit_code")] string? creditCode, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded) return Forbid();
        if (await db.Set<ParkProgramme>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == Id, ct) is not { } p) return NotFound();
        CreditCode = creditCode;
        var firm = await FirmByCode.FindAsync(db, l, ModelState, "creditCode", creditCode, ct);
        if (firm is null || !ModelState.IsValid) return await ShowAsync(ct);
        var code = firm.CreditCode;
        if (await db.Set<ParkProgrammeMember>().AnyAsync(m => m.ProgrammeId == Id && m.CreditCode == code, ct)) return AlreadyMember(firm.Name);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<ParkProgrammeMember>().Add(new ParkProgrammeMember
            {
                ProgrammeId = p.Id, ProgrammeTitle = p.Title, CreditCode = code, EnterpriseName = firm!.Name, RegionCode = firm.RegionCode, RegionPath = firm.RegionPath,
                JoinedOn = clock.Today, AddedBy = User.Identity?.Name ?? "",
            });
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["services.park.member_added", firm.Name].Value;
            return Redirect("/Services/Parks/" + Id);
        }, () => Task.FromResult(AlreadyMember(firm!.Name)));
    }

    /// <summary>Files today's progress report (进展情况), once a day.</summary>
    public async Task<IActionResult> OnPostReportAsync([Display(Name = "services.park.progress")] string? progress, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded) return Forbid();
        if (await db.Set<ParkProgramme>().FirstOrDefaultAsync(p => p.Id == Id, ct) is not { } p) return NotFound();
        Progress = progress;
        var text = progress?.Trim() ?? "";
        if (text.Length == 0) ModelState.AddModelError("progress", l["services.error.progress_required"]);
        else if (text.Length > ParkProgramme.TextLength) ModelState.AddModelError("progress", l["validation.max_length", l["services.park.progress"], ParkProgramme.TextLength]);
        if (!ModelState.IsValid) return await ShowAsync(ct);
        var today = clock.Today;
        if (await db.Set<ParkProgrammeReport>().AnyAsync(r => r.ProgrammeId == Id && r.ReportedOn == today, ct)) return AlreadyReported(today);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<ParkProgrammeReport>().Add(new ParkProgrammeReport { ProgrammeId = p.Id, ReportedOn = today, Progress = text, ReportedAt = DateTime.UtcNow, ReportedBy = User.Identity?.Name ?? "" });
            db.Touch(p);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["services.park.reported"].Value;
            return Redirect("/Services/Parks/" + Id);
        }, () => Task.FromResult(AlreadyReported(today)));
    }

    private IActionResult AlreadyMember(string name) => this.AlreadyDoneAt("/Services/Parks/" + Id, l["services.park.member_already", name].Value);

    private IActionResult AlreadyReported(DateOnly day) => this.AlreadyDoneAt("/Services/Parks/" + Id, l["services.park.report_already", day.ToString("yyyy-MM-dd")].Value);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        if (await db.Set<ParkProgramme>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == Id, ct) is not { } p) return NotFound();
        Programme = p;
        Members = await db.Set<ParkProgrammeMember>().AsNoTracking().Where(m => m.ProgrammeId == Id).OrderBy(m => m.JoinedOn).ThenBy(m => m.Id).Take(500).ToListAsync(ct);
        Reports = await db.Set<ParkProgrammeReport>().AsNoTracking().Where(r => r.ProgrammeId == Id).OrderByDescending(r => r.ReportedOn).Take(100).ToListAsync(ct);
        CanEdit = (await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded;
        return Page();
    }
}
