using System.ComponentModel.DataAnnotations;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.Registry;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Services.Events;

/// <summary>The fields of a new service event.</summary>
public sealed class ServiceEventForm
{
    [Required, Display(Name = "services.event.kind")] public ServiceEventKind? Kind { get; set; }
    [Required, Display(Name = "services.event.mode")] public ServiceMode? Mode { get; set; }
    [Required, StringLength(ServiceEvent.TitleLength), Display(Name = "services.event.title")] public string Title { get; set; } = "";
    [Required, Display(Name = "services.event.held_on")] public DateOnly? HeldOn { get; set; }
    [Required, StringLength(ServiceEvent.TitleLength), Display(Name = "services.event.place")] public string Place { get; set; } = "";
    [Display(Name = "services.event.park")] public Guid? ParkId { get; set; }
    [StringLength(100), Display(Name = "services.event.industry")] public string? Industry { get; set; }
    [Display(Name = "services.event.experts")] public List<Guid> ExpertIds { get; set; } = [];
    [StringLength(200), Display(Name = "services.event.other_experts")] public string? Experts { get; set; }
    [StringLength(ServiceEvent.TextLength), Display(Name = "services.event.note")] public string? Note { get; set; }
    [Display(Name = "services.region")] public string? RegionCode { get; set; }
}

/// <summary>
/// Records a mobile quality clinic or another service event (登记服务活动) of a region of the caller's area: kind, mode, day,
/// place, the park (of the registry) or industry served, the experts (chosen from the directory, 专家库, and any from
/// outside it by name). A double submission meets the unique title of the
/// office and day and lands on the first.
/// </summary>
[Authorize(Policy = ServicesModule.EditorsPolicy)]
public sealed class NewModel(QualisDb db, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty] public ServiceEventForm Form { get; set; } = new();

    public List<ParkEntry> Parks { get; private set; } = [];
    public List<ExpertEntry> ExpertChoices { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form = new ServiceEventForm { Kind = ServiceEventKind.Clinic, Mode = ServiceMode.OnSite, HeldOn = clock.Today };
        await ChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Region? region = null;
        if (ModelState.IsValid)
        {
            region = Form.RegionCode is { Length: > 0 } code
                ? await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct)
                : db.Actor.RegionPath is { } own ? await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.RegionPath == own, ct)
                : await db.Set<Region>().AsNoTracking().FirstOrDefaultAsync(r => r.ParentCode == null, ct);
            if (region is null) ModelState.AddModelError("Form.RegionCode", l["services.error.region_outside"]);
        }
        ParkEntry? park = null;
        if (ModelState.IsValid && Form.ParkId is { } parkId && (park = await RegistryFace.ParkOfAnyAreaAsync(db, parkId, ct)) is null)
            ModelState.AddModelError("Form.ParkId", l["services.error.park_unknown"]);
        var ids = Form.ExpertIds.Distinct().ToList();
        var experts = await ExpertsFace.FindAsync(db, ids, ct);
        if (experts.Count != ids.Count) ModelState.AddModelError("Form.ExpertIds", l["services.error.expert_unknown"]);
        var names = string.Join("、", ids.Select(id => experts.FirstOrDefault(e => e.Id == id)).OfType<ExpertEntry>().Select(e => $"{e.Name}（{e.Unit}）")
            .Append(Trimmed(Form.Experts)).OfType<string>());
        if (names.Length > 500) ModelState.AddModelError("Form.ExpertIds", l["services.error.too_many_experts"]);
        if (!ModelState.IsValid)
        {
            await ChoicesAsync(ct);
            return Page();
        }
        var e = new ServiceEvent
        {
            Kind = Form.Kind!.Value, Mode = Form.Mode!.Value, Title = Form.Title.Trim(), HeldOn = Form.HeldOn!.Value, Place = Form.Place.Trim(),
            ParkId = park?.Id, ParkName = park?.Name, Industry = Trimmed(Form.Industry), Experts = names.Length > 0 ? names : null, ExpertIds = string.Join(",", ids), Note = Trimmed(Form.Note),
            RegionCode = region!.Code, RegionPath = region.RegionPath, CreatedAt = DateTime.UtcNow, CreatedBy = User.Identity?.Name ?? "",
        };
        if (await TwinAsync(e, ct) is { } twin) return Already(twin);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<ServiceEvent>().Add(e);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["services.event.recorded"].Value;
            return Redirect("/Services/Events/" + e.Id);
        }, async () => await TwinAsync(e, CancellationToken.None) is { } first ? Already(first)
            : throw new InvalidOperationException("A service event lost a race to no event of the same title."));
    }

    private static string? Trimmed(string? s) => s?.Trim() is { Length: > 0 } t ? t : null;

    private Task<ServiceEvent?> TwinAsync(ServiceEvent e, CancellationToken ct) =>
        db.Set<ServiceEvent>().AsNoTracking().FirstOrDefaultAsync(x => x.RegionCode == e.RegionCode && x.HeldOn == e.HeldOn && x.Title == e.Title, ct);

    private IActionResult Already(ServiceEvent twin) =>
        this.AlreadyDoneAt("/Services/Events/" + twin.Id, l["services.event.already", twin.Title, twin.HeldOn.ToString("yyyy-MM-dd")].Value);

    private async Task ChoicesAsync(CancellationToken ct)
    {
        Parks = await RegistryFace.ParksAsync(db, ct);
        ExpertChoices = await ExpertsFace.ChoicesAsync(db, ct);
        Regions = await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(CultureInfo.CurrentUICulture));
    }
}
