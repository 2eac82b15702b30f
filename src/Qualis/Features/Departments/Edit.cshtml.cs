using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Web;

namespace Qualis.Features.Departments;

/// <summary>The fields of the department form, as posted.</summary>
public sealed class DepartmentForm
{
    [Display(Name = "department.name")]
    public string? Name { get; set; }
    [Display(Name = "department.aliases")]
    public string? Aliases { get; set; }
    [Display(Name = "department.kind")]
    public DepartmentKind Kind { get; set; } = DepartmentKind.Provincial;
    [Display(Name = "user.region")]
    public string? RegionCode { get; set; }
    [Display(Name = "department.active")]
    public bool Active { get; set; } = true;
}

/// <summary>Adds a department (no id) or corrects one of the caller's area. Every problem is named on its field.</summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(Department))]
public sealed class EditModel(QualisDb db, IStringLocalizer l) : PageModel
{
    [BindProperty] public DepartmentForm Form { get; set; } = new();
    public Guid? Id { get; private set; }
    /// <summary>The department's name as stored (for the trail), whatever the form now holds.</summary>
    public string? SavedName { get; private set; }
    public bool IsNew => Id is null;
    public List<(string Code, string Label)> Regions { get; private set; } = [];

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        Id = id;
        if (id is not null)
        {
            if (await db.Set<Department>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id) is not { } d) return NotFound();
            Form = new DepartmentForm { Name = d.Name, Aliases = string.Join("、", Department.SplitAliases(d.Aliases)), Kind = d.Kind, RegionCode = d.RegionCode, Active = d.Active };
        }
        // A new department sits in the official's own region unless they choose one below it.
        else Form.RegionCode = db.Actor.RegionPath?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        Department? department = null;
        if (id is not null && (department = await db.Set<Department>().SingleOrDefaultAsync(d => d.Id == id, ct)) is null) return NotFound();

        var name = Form.Name?.Trim() ?? "";
        var aliases = Department.SplitAliases(Form.Aliases).Where(a => a != name).ToList();
        void Fail(string field, string key, params object[] args) => ModelState.AddModelError("Form." + field, l[key, args]);
        if (name.Length == 0) Fail(nameof(Form.Name), "department.name_required");
        else if (name.Length > Department.NameLength) Fail(nameof(Form.Name), "department.name_too_long", Department.NameLength);
        if (string.Join("、", aliases).Length > Department.AliasesLength) Fail(nameof(Form.Aliases), "department.aliases_too_long", Department.AliasesLength);
        if (!Enum.IsDefined(Form.Kind)) Fail(nameof(Form.Kind), "department.kind_unknown");
        // The query filter keeps the region within the caller's area.
        var region = string.IsNullOrEmpty(Form.RegionCode) ? null : await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.Code == Form.RegionCode, ct);
        if (region is null) Fail(nameof(Form.RegionCode), "user.region_unknown");
        else if (ModelState.IsValid) await CheckNamesAsync(id, name, aliases, region.Code, Fail, ct);
        if (!ModelState.IsValid) return await ShowAsync();

        if (department is null) db.Set<Department>().Add(department = new Department());
        department.Name = name;
        department.Aliases = aliases.Count == 0 ? null : string.Join("、", aliases);
        department.Kind = Form.Kind;
        department.RegionCode = region!.Code;
        department.RegionPath = region.RegionPath;
        department.Active = Form.Active;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two identical posts at once: the unique index let one through; this one gets the same message as a later post.
            if (!await NameTakenAsync(id, name, region.Code, CancellationToken.None)) throw;
            Fail(nameof(Form.Name), "department.name_taken", name);
            return await ShowAsync();
        }
        TempData["Message"] = l["user.saved"].Value;
        return Redirect($"/Departments/{department.Id}");
    }

    private async Task CheckNamesAsync(Guid? id, string name, List<string> aliases, string regionCode, Action<string, string, object[]> fail, CancellationToken ct)
    {
        if (await NameTakenAsync(id, name, regionCode, ct)) fail(nameof(Form.Name), "department.name_taken", [name]);
        var taken = await db.Set<Department>().AsNoTracking()
            .Where(d => d.RegionCode == regionCode && d.Active && d.Id != id && aliases.Contains(d.Name)).Select(d => d.Name).ToListAsync(ct);
        foreach (var alias in taken) fail(nameof(Form.Aliases), "department.alias_taken", [alias]);
    }

    /// <summary>
    /// Whether another department of the region has the name, active or not (the unique index counts both). The region
    /// is within the caller's area, so its departments are too: the area filter hides none of them.
    /// </summary>
    private Task<bool> NameTakenAsync(Guid? id, string name, string regionCode, CancellationToken ct) =>
        db.Set<Department>().AnyAsync(d => d.RegionCode == regionCode && d.Name == name && d.Id != id, ct);

    private async Task<PageResult> ShowAsync()
    {
        if (Id is { } id) SavedName = await db.Set<Department>().AsNoTracking().Where(d => d.Id == id).Select(d => d.Name).SingleOrDefaultAsync();
        Regions = await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(CultureInfo.CurrentUICulture));
        return Page();
    }
}
