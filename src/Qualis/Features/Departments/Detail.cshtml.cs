using Qualis.Features.Audit;
using Qualis.Platform.Web;

namespace Qualis.Features.Departments;

/// <summary>One department of the caller's area with its history (who renamed or deactivated it, when).</summary>
[Authorize(Policy = DepartmentsModule.ReadersPolicy)]
[RecordPage(typeof(Department))]
public sealed class DetailModel(QualisDb db, IAuthorizationService authorization) : PageModel
{
    public Department Department { get; private set; } = null!;
    public string? RegionName { get; private set; }
    public bool CanEdit { get; private set; }
    public AuditHistoryView History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await db.Set<Department>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id) is not { } d) return NotFound();
        Department = d;
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        RegionName = (await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.Code == d.RegionCode))?.DisplayName(english);
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.Officials)).Succeeded;
        History = await AuditHistory.ForAsync(db, nameof(Department), d.Id.ToString());
        return Page();
    }
}
