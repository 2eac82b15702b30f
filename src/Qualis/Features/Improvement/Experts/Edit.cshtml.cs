using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Improvement.Experts;

/// <summary>The fields of the expert form, as posted.</summary>
public sealed class ExpertForm
{
    [Display(Name = "improvement.expert.name"), StringLength(Expert.NameLength)]
    public string? Name { get; set; }
    [Display(Name = "improvement.expert.field")]
    public ExpertField? Field { get; set; }
    [Display(Name = "improvement.expert.title"), StringLength(Expert.NameLength)]
    public string? Title { get; set; }
    [Display(Name = "improvement.expert.unit"), StringLength(Expert.UnitLength)]
    public string? Unit { get; set; }
    [Display(Name = "improvement.expert.phone"), StringLength(32)]
    public string? Phone { get; set; }
    [Display(Name = "improvement.region"), StringLength(6)]
    public string? RegionCode { get; set; }
    [Display(Name = "improvement.expert.availability")]
    public ExpertAvailability Availability { get; set; } = ExpertAvailability.Available;
    [Display(Name = "improvement.expert.conflicts"), StringLength(Expert.TextLength)]
    public string? Conflicts { get; set; }
    [Display(Name = "improvement.expert.account"), StringLength(64)]
    public string? UserName { get; set; }
}

/// <summary>
/// Adds an expert to the directory of the caller's area (no id) or corrects one; every problem is named on its field by
/// <see cref="ExpertChecks"/>. A double submission meets the unique name-and-unit index and gets the same field message.
/// </summary>
[Authorize(Policy = ImprovementModule.EditorsPolicy)]
[RecordPage(typeof(Expert))]
public sealed class EditModel(QualisDb db, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty] public ExpertForm Form { get; set; } = new();
    public Guid? Id { get; private set; }
    public string? SavedName { get; private set; }
    public bool IsNew => Id is null;
    public List<(string Code, string Label)> Regions { get; private set; } = [];

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null)
        {
            if (await db.Set<Expert>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } e) return NotFound();
            Form = new ExpertForm
            {
                Name = e.Name, Field = e.Field, Title = e.Title, Unit = e.Unit, Phone = e.Phone, RegionCode = e.RegionCode, Availability = e.Availability,
                Conflicts = e.Conflicts, UserName = e.UserName,
            };
        }
        else Form.RegionCode = ImprovementRules.OfficeOf(db.Actor.RegionPath);
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        Expert? expert = null;
        if (id is not null && (expert = await db.Set<Expert>().SingleOrDefaultAsync(e => e.Id == id, ct)) is null) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync(ct);
        var (checkedRow, problems) = await ExpertChecks.CheckAsync(db, Form, id, ct);
        foreach (var p in problems) ModelState.AddModelError("Form." + p.Field, l[p.Key, p.Args]);
        if (checkedRow is null) return await ShowAsync(ct);
        if (expert is null)
        {
            expert = checkedRow;
            expert.CreatedAt = clock.UtcNow;
            expert.CreatedBy = User.Identity?.Name ?? "";
            db.Set<Expert>().Add(expert);
        }
        else ExpertChecks.CopyTo(checkedRow, expert);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (OneEffect.LostRace(e))
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Form.Name", l["improvement.error.expert_taken", checkedRow.Name, checkedRow.Unit]);
            return await ShowAsync(CancellationToken.None);
        }
        TempData["Message"] = l["user.saved"].Value;
        return Redirect("/Improvement/Experts/" + expert.Id);
    }

    private async Task<PageResult> ShowAsync(CancellationToken ct)
    {
        if (Id is { } id) SavedName = await db.Set<Expert>().AsNoTracking().Where(e => e.Id == id).Select(e => e.Name).SingleOrDefaultAsync(ct);
        Regions = await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(CultureInfo.CurrentUICulture));
        return Page();
    }
}

/// <summary>The checks of an expert's fields, shared by the form and the XLSX import: the row to store, or the problems by field.</summary>
public static class ExpertChecks
{
    public static async Task<(Expert? Row, List<ImprovementProblem> Problems)> CheckAsync(QualisDb db, ExpertForm f, Guid? id, CancellationToken ct)
    {
        var problems = new List<ImprovementProblem>();
        var name = f.Name?.Trim() ?? "";
        var unit = f.Unit?.Trim() ?? "";
        if (name.Length == 0) problems.Add(new(nameof(f.Name), "improvement.error.expert_name_required"));
        if (unit.Length == 0) problems.Add(new(nameof(f.Unit), "improvement.error.expert_unit_required"));
        if (f.Field is not { } field || !Enum.IsDefined(field)) { problems.Add(new(nameof(f.Field), "improvement.error.expert_field_required")); field = ExpertField.Management; }
        if (!Enum.IsDefined(f.Availability)) problems.Add(new(nameof(f.Availability), "improvement.error.availability_unknown"));
        // The query filter keeps the region within the caller's area.
        var region = string.IsNullOrWhiteSpace(f.RegionCode) ? null : await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.Code == f.RegionCode.Trim(), ct);
        if (region is null) problems.Add(new(nameof(f.RegionCode), "improvement.error.region_unknown"));
        var userName = string.IsNullOrWhiteSpace(f.UserName) ? null : f.UserName.Trim();
        if (userName is not null && !await db.Users.AsNoTracking().AnyAsync(u => u.UserName == userName, ct))
            problems.Add(new(nameof(f.UserName), "improvement.error.account_unknown", userName));
        if (region is not null && name.Length > 0 && unit.Length > 0
            && await db.Set<Expert>().AsNoTracking().AnyAsync(e => e.RegionCode == region.Code && e.Name == name && e.Unit == unit && e.Id != id, ct))
            problems.Add(new(nameof(f.Name), "improvement.error.expert_taken", name, unit));
        if (problems.Count > 0) return (null, problems);
        var conflicts = ExpertRules.ConflictEntries(f.Conflicts);
        return (new Expert
        {
            Name = name, Field = field, Title = f.Title?.Trim() ?? "", Unit = unit, Phone = string.IsNullOrWhiteSpace(f.Phone) ? null : f.Phone.Trim(),
            Availability = f.Availability, Conflicts = conflicts.Count == 0 ? null : string.Join("\n", conflicts), UserName = userName,
            RegionCode = region!.Code, RegionPath = region.RegionPath,
        }, problems);
    }

    public static void CopyTo(Expert from, Expert to)
    {
        (to.Name, to.Field, to.Title, to.Unit, to.Phone, to.Availability, to.Conflicts, to.UserName, to.RegionCode, to.RegionPath) =
            (from.Name, from.Field, from.Title, from.Unit, from.Phone, from.Availability, from.Conflicts, from.UserName, from.RegionCode, from.RegionPath);
    }
}
