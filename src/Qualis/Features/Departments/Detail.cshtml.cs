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
    /// <summary>The partner-department accounts of the reader's area that act for this department (<see cref="DepartmentsFace.OfAccountAsync"/>).</summary>
    public List<(string UserName, string DisplayName, bool Disabled)> Accounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await db.Set<Department>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id) is not { } d) return NotFound();
        Department = d;
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        RegionName = (await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.Code == d.RegionCode))?.DisplayName(english);
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.Officials)).Succeeded;
        History = await AuditHistory.ForAsync(db, nameof(Department), d.Id.ToString());
        var partners = await db.Users.AsNoTracking().Where(u => u.Role == Platform.Accounts.Roles.PartnerDepartment && u.Organisation != null)
            .OrderBy(u => u.UserName).Select(u => new { u.UserName, u.DisplayName, u.Organisation, u.IsDisabled }).Take(500).ToListAsync();
        foreach (var organisation in partners.Select(p => p.Organisation!.Trim()).Distinct())
            if ((await DepartmentsFace.OfOrganisationAsync(db, organisation))?.Id == d.Id)
                Accounts.AddRange(partners.Where(p => p.Organisation!.Trim() == organisation).Select(p => (p.UserName ?? "", p.DisplayName, p.IsDisabled)));
        Accounts.Sort((a, b) => string.CompareOrdinal(a.UserName, b.UserName));
        return Page();
    }
}
