using System.ComponentModel.DataAnnotations;
using Qualis.Features.Audit;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.KeyObjects;

/// <summary>One enrolment of the caller's area with its history, and the withdraw form (撤销, with a reason) for those who enrol.</summary>
[Authorize(Policy = KeyObjectsModule.ReadersPolicy)]
[RecordPage(typeof(KeyObjectEnrolment))]
public sealed class DetailModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel
{
    public KeyObjectEnrolment Enrolment { get; private set; } = null!;
    public string? CityName { get; private set; }
    public string? RegionName { get; private set; }
    public string? CategoryName { get; private set; }
    public bool CanWithdraw { get; private set; }
    public AuditHistoryView History { get; private set; } = null!;

    [BindProperty, Display(Name = "keyobjects.withdrawal_reason"), Required, StringLength(KeyObjectEnrolment.TextLength)]
    public string? WithdrawalReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        // Not found and not yours answer alike: the area filter hides another city's enrolments.
        if (await db.Set<KeyObjectEnrolment>().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } e) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, KeyObjectsModule.EnrollersPolicy)).Succeeded) return Forbid();
        if (e.Status == KeyObjectStatus.Withdrawn) return Withdrawn(e);
        if (!ModelState.IsValid)
        {
            await LoadAsync(id);
            return Page();
        }
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            e.Status = KeyObjectStatus.Withdrawn;
            e.WithdrawnAt = clock.UtcNow;
            e.WithdrawnBy = User.Identity?.Name ?? "";
            e.WithdrawalReason = WithdrawalReason!.Trim();
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["keyobjects.withdrawn_done"].Value;
            return Redirect("/KeyObjects/" + id);
        }, async () => Withdrawn(await db.Set<KeyObjectEnrolment>().AsNoTracking().SingleAsync(x => x.Id == id, CancellationToken.None)));
    }

    private IActionResult Withdrawn(KeyObjectEnrolment e) =>
        this.AlreadyDoneAt("/KeyObjects/" + e.Id, l["keyobjects.already_withdrawn", e.ObjectName, e.WithdrawnAt is { } at ? clock.Format(at) : ""].Value);

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await db.Set<KeyObjectEnrolment>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id) is not { } e) return false;
        Enrolment = e;
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        // Region names are public reference data: a county officer reads the name of the city that enrolled the object.
        var names = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking()
            .Where(r => r.Code == e.CityCode || r.Code == e.RegionCode).ToListAsync();
        CityName = names.FirstOrDefault(r => r.Code == e.CityCode)?.DisplayName(english);
        RegionName = names.FirstOrDefault(r => r.Code == e.RegionCode)?.DisplayName(english);
        if (e.ProductCategoryCode is { } code) CategoryName = (await Registry.RegistryFace.ProductCategoryAsync(db, code))?.Name;
        CanWithdraw = e.Status == KeyObjectStatus.Active && (await authorization.AuthorizeAsync(User, KeyObjectsModule.EnrollersPolicy)).Succeeded;
        History = await AuditHistory.ForAsync(db, nameof(KeyObjectEnrolment), e.Id.ToString());
        return true;
    }
}
