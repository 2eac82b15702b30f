using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Services.Parks;

/// <summary>The fields of a new park programme.</summary>
public sealed class ParkProgrammeForm
{
    [Required, Display(Name = "services.park.park")] public Guid? ParkId { get; set; }
    [Required, StringLength(ParkProgramme.TitleLength), Display(Name = "services.park.title")] public string Title { get; set; } = "";
    [Required, Range(2000, 2100), Display(Name = "services.questionnaire.year")] public int? Year { get; set; }
    [Required, Display(Name = "services.park.starts_on")] public DateOnly? StartsOn { get; set; }
    [Display(Name = "services.park.ends_on")] public DateOnly? EndsOn { get; set; }
    [Required, StringLength(ParkProgramme.PlanLength), Display(Name = "services.park.plan")] public string ServicePlan { get; set; } = "";
}

/// <summary>
/// Starts a quality-strong park programme (质量强区/园区建设) for a park of the caller's area, with its coordinated service
/// plan. One per park and year: a double submission lands on the first.
/// </summary>
[Authorize(Policy = ServicesModule.EditorsPolicy)]
public sealed class NewModel(QualisDb db, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty] public ParkProgrammeForm Form { get; set; } = new();
    public List<ParkEntry> Parks { get; private set; } = [];

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form = new ParkProgrammeForm { Year = clock.Today.Year, StartsOn = clock.Today };
        Parks = await RegistryFace.ParksAsync(db, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Parks = await RegistryFace.ParksAsync(db, ct);
        var park = Parks.FirstOrDefault(p => p.Id == Form.ParkId);
        if (ModelState.IsValid && park is null) ModelState.AddModelError("Form.ParkId", l["services.error.park_outside"]);
        if (ModelState.IsValid && Form.EndsOn is { } end && end < Form.StartsOn) ModelState.AddModelError("Form.EndsOn", l["services.error.ends_before_starts"]);
        if (!ModelState.IsValid) return Page();
        var p = new ParkProgramme
        {
            ParkId = park!.Id, ParkName = park.Name, Title = Form.Title.Trim(), Year = Form.Year!.Value, StartsOn = Form.StartsOn!.Value, EndsOn = Form.EndsOn,
            ServicePlan = Form.ServicePlan.Trim(), RegionCode = park.RegionCode, RegionPath = park.RegionPath, CreatedAt = DateTime.UtcNow, CreatedBy = User.Identity?.Name ?? "",
        };
        if (await TwinAsync(p, ct) is { } twin) return Already(twin);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<ParkProgramme>().Add(p);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["services.park.created"].Value;
            return Redirect("/Services/Parks/" + p.Id);
        }, async () => await TwinAsync(p, CancellationToken.None) is { } first ? Already(first)
            : throw new InvalidOperationException("A park programme lost a race to no programme of the same park and year."));
    }

    private Task<ParkProgramme?> TwinAsync(ParkProgramme p, CancellationToken ct) =>
        db.Set<ParkProgramme>().AsNoTracking().FirstOrDefaultAsync(x => x.ParkId == p.ParkId && x.Year == p.Year, ct);

    private IActionResult Already(ParkProgramme twin) =>
        this.AlreadyDoneAt("/Services/Parks/" + twin.Id, l["services.park.already", twin.ParkName, twin.Year].Value);
}
