using System.ComponentModel.DataAnnotations;
using Qualis.Features.Audit;
using Qualis.Platform.Attachments;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Recognition;

/// <summary>The fields of a status change, as posted.</summary>
public sealed class MoveForm
{
    [Display(Name = "recognition.next_status")]
    public RecognitionStatus? To { get; set; }
    [Display(Name = "recognition.change_on")]
    public DateOnly? On { get; set; }
    [Display(Name = "recognition.document_number"), StringLength(Recognition.DocumentLength)]
    public string? DocumentNumber { get; set; }
    [Display(Name = "recognition.revocation_reason"), StringLength(Recognition.TextLength)]
    public string? Reason { get; set; }
}

/// <summary>
/// One recognition of the caller's area with its evidence and history, and the status change for those who register:
/// only the next step (<see cref="RecognitionRules.NextOf"/>), a grant with its document number, a revocation with its
/// reason. A repeated or simultaneous change meets the record's version and lands on the record with a notice.
/// </summary>
[Authorize(Policy = RecognitionModule.ReadersPolicy)]
[RecordPage(typeof(Recognition))]
public sealed class DetailModel(QualisDb db, AttachmentStore store, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel
{
    public Recognition Record { get; private set; } = null!;
    public RecognitionProgramme? Programme { get; private set; }
    public string? RegionName { get; private set; }
    public string? OfficeName { get; private set; }
    public List<RecognitionEvidence> Evidence { get; private set; } = [];
    public IReadOnlyList<RecognitionStatus> Next { get; private set; } = [];
    public bool CanMove { get; private set; }
    public bool English { get; private set; }
    /// <summary>The title this one renews, and the renewal that carries this one on, if any.</summary>
    public (Guid Id, int Year)? RenewalOf { get; private set; }
    public (Guid Id, int Year)? RenewedBy { get; private set; }
    /// <summary>Whether a renewal may be applied for from here: a granted or expired title not renewed yet, for those who register.</summary>
    public bool CanRenew { get; private set; }
    /// <summary>A pairing's joint plan as the improvement module keeps it (its steps and tasks).</summary>
    public Improvement.PlanStanding? Plan { get; private set; }
    public AuditHistoryView History { get; private set; } = null!;

    [BindProperty] public MoveForm Move { get; set; } = new();

    public string? Error(string field) => ModelState.TryGetValue("Move." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>An evidence file of a recognition the reader may see.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file, CancellationToken ct) =>
        await LoadAsync(id, ct) && Evidence.FirstOrDefault(e => e.Id == file) is { } evidence && store.Serve(evidence) is { } served ? served : NotFound();

    public async Task<IActionResult> OnPostMoveAsync(Guid id, CancellationToken ct)
    {
        // Not found and not yours answer alike: the area filter hides another area's recognitions.
        if (await db.Set<Recognition>().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } r) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, RecognitionModule.EditorsPolicy)).Succeeded || !RecognitionRules.Answers(db.Actor.RegionPath, r)) return Forbid();
        // Ended already, or already where the form asks (a repeated click): the record as it stands, with a notice.
        if (RecognitionRules.NextOf(r.Status).Count == 0 || Move.To == r.Status) return Moved(r);
        if (ModelState.IsValid)
        {
            if (Move.To is not { } target) ModelState.AddModelError("Move.To", l["recognition.error.next_required"]);
            else
            {
                var on = Move.On ?? clock.Today;
                // A renewal granted carries the title on from the day after the earlier one's end.
                var continuesAfter = r.RenewalOfId is { } earlier
                    ? await db.Set<Recognition>().AsNoTracking().Where(x => x.Id == earlier).Select(x => x.ValidTo).SingleOrDefaultAsync(ct) : null;
                if (on > clock.Today) ModelState.AddModelError("Move.On", l["recognition.error.change_in_future"]);
                else foreach (var p in RecognitionRules.Move(r, target, on, Move.Reason, Move.DocumentNumber, continuesAfter))
                    ModelState.AddModelError("Move." + p.Field, l[p.Key, l.Read(p.Args)]);
            }
        }
        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Page();
        }
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["recognition.moved", l[r.Status.TextKey()].Value].Value;
            return Redirect("/Recognition/" + id);
        }, async () => Moved(await db.Set<Recognition>().AsNoTracking().SingleAsync(x => x.Id == id, CancellationToken.None)));
    }

    /// <summary>The record another request has moved already: its page, saying where it stands now.</summary>
    private IActionResult Moved(Recognition r) =>
        this.AlreadyDoneAt("/Recognition/" + r.Id, l["recognition.already_moved", r.HolderName, l[r.Status.TextKey()].Value].Value);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<Recognition>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } r) return false;
        Record = r;
        English = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        Programme = await db.Set<RecognitionProgramme>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == r.ProgrammeCode, ct);
        // Region names are public reference data: a county officer reads the name of the province that answers for it.
        var names = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking()
            .Where(x => x.Code == r.RegionCode || x.Code == r.OfficeCode).ToListAsync(ct);
        RegionName = names.FirstOrDefault(x => x.Code == r.RegionCode)?.DisplayName(English);
        OfficeName = names.FirstOrDefault(x => x.Code == r.OfficeCode)?.DisplayName(English);
        Evidence = await db.Set<RecognitionEvidence>().AsNoTracking().Where(e => e.RecognitionId == id).OrderBy(e => e.FileName).ToListAsync(ct);
        Next = RecognitionRules.NextOf(r.Status);
        Plan = r.ProjectId is { } plan ? await Improvement.ImprovementFace.PlanAsync(db, plan, ct) : null;
        var linked = await db.Set<Recognition>().AsNoTracking().Where(x => x.Id == r.RenewalOfId || x.RenewalOfId == r.Id)
            .Select(x => new { x.Id, x.Year, x.RenewalOfId }).Take(2).ToListAsync(ct);
        RenewalOf = linked.Where(x => x.Id == r.RenewalOfId).Select(x => ((Guid, int)?)(x.Id, x.Year)).FirstOrDefault();
        RenewedBy = linked.Where(x => x.RenewalOfId == r.Id).Select(x => ((Guid, int)?)(x.Id, x.Year)).FirstOrDefault();
        CanRenew = RenewedBy is null && r.Status is RecognitionStatus.Granted or RecognitionStatus.Expired
            && (await authorization.AuthorizeAsync(User, RecognitionModule.EditorsPolicy)).Succeeded;
        CanMove = Next.Count > 0 && RecognitionRules.Answers(db.Actor.RegionPath, r) && (await authorization.AuthorizeAsync(User, RecognitionModule.EditorsPolicy)).Succeeded;
        History = await AuditHistory.ForAsync(db, nameof(Recognition), r.Id.ToString());
        return true;
    }
}
