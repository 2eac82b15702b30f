using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Accounts;

namespace Qualis.Features.Admin.Users;

/// <summary>The fields an administrator sets on an account, shared by the create and edit pages.</summary>
public sealed class UserForm
{
    [Required(ErrorMessage = "validation.required"), StringLength(64, ErrorMessage = "validation.max_length"), Display(Name = "user.display_name")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "validation.required"), Display(Name = "user.role")]
    public string Role { get; set; } = Roles.CityOfficer;

    [Required(ErrorMessage = "validation.required"), Display(Name = "user.region")]
    public string RegionCode { get; set; } = "";

    [StringLength(128, ErrorMessage = "validation.max_length"), Display(Name = "user.organisation")]
    public string? Organisation { get; set; }

    [RegularExpression("^[0-9A-HJ-NPQRTUWXY]{18}$", ErrorMessage = "user.enterprise_code_format"), Display(Name = "user.enterprise_code")]
    public string? EnterpriseCode { get; set; }

    /// <summary>执法证号 of an enforcement officer (inspector): the history shows it beside the officer's name to the enterprise.</summary>
    [StringLength(32, ErrorMessage = "validation.max_length"), Display(Name = "user.certificate_number")]
    public string? CertificateNumber { get; set; }

    /// <summary>Checks what annotations cannot: the role's region level, the region being inside the admin's area, the enterprise code for enterprise users.</summary>
    public async Task<Region?> ValidateAsync(QualisDb db, Action<string, string> error)
    {
        if (!Roles.IsKnown(Role)) error(nameof(Role), "user.role_unknown");
        // The query filter hides regions outside the administrator's area, so they are "not found" here.
        var region = await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.Code == RegionCode);
        if (region is null) { error(nameof(RegionCode), "user.region_unknown"); return null; }
        if (Roles.RequiredLevel(Role) is { } level && region.Level != level)
            error(nameof(RegionCode), "user.region_level_" + level.ToString().ToLowerInvariant());
        if (Role == Roles.EnterpriseUser && string.IsNullOrWhiteSpace(EnterpriseCode))
            error(nameof(EnterpriseCode), "user.enterprise_code_required");
        // The firm must lie in the administrator's own area: the registry's area filter answers "none" for a firm outside
        // it and for a code no firm has, with the same message, so the form does not tell which codes exist elsewhere.
        else if (Role == Roles.EnterpriseUser && await Registry.RegistryFace.FindEnterpriseAsync(db, EnterpriseCode!.Trim().ToUpperInvariant()) is null)
            error(nameof(EnterpriseCode), "user.enterprise_not_in_area");
        return region;
    }

    public void ApplyTo(QualisUser user, Region region)
    {
        user.DisplayName = DisplayName.Trim();
        user.Role = Role;
        user.RegionCode = region.Code;
        user.RegionPath = region.RegionPath;
        user.Organisation = string.IsNullOrWhiteSpace(Organisation) ? null : Organisation.Trim();
        user.EnterpriseCode = Role == Roles.EnterpriseUser ? EnterpriseCode?.Trim().ToUpperInvariant() : null;
        user.CertificateNumber = Role == Roles.Inspector && !string.IsNullOrWhiteSpace(CertificateNumber) ? CertificateNumber.Trim() : null;
    }

    /// <summary>The fields of the security administrator's duty (which roles an account holds, and where): the rest are the system administrator's.</summary>
    public static readonly string[] AccessFields = [nameof(Role), nameof(RegionCode)];

    public static readonly string[] ProfileFields = [nameof(DisplayName), nameof(Organisation), nameof(EnterpriseCode), nameof(CertificateNumber)];

    public string? Get(string field) => field switch
    {
        nameof(DisplayName) => DisplayName, nameof(Role) => Role, nameof(RegionCode) => RegionCode, nameof(Organisation) => Organisation,
        nameof(EnterpriseCode) => EnterpriseCode, nameof(CertificateNumber) => CertificateNumber,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>Takes one field's value from another form (what an administrator posted within their duty).</summary>
    public void Take(UserForm posted, string field)
    {
        switch (field)
        {
            case nameof(DisplayName): DisplayName = posted.DisplayName; break;
            case nameof(Role): Role = posted.Role; break;
            case nameof(RegionCode): RegionCode = posted.RegionCode; break;
            case nameof(Organisation): Organisation = posted.Organisation; break;
            case nameof(EnterpriseCode): EnterpriseCode = posted.EnterpriseCode; break;
            case nameof(CertificateNumber): CertificateNumber = posted.CertificateNumber; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }

    /// <summary>Whether the posted value of a field differs from this (stored) one, blanks and surrounding spaces aside.</summary>
    public bool Differs(UserForm posted, string field) =>
        !string.Equals((Get(field) ?? "").Trim(), (posted.Get(field) ?? "").Trim(), StringComparison.Ordinal);

    public static UserForm From(QualisUser u) => new()
    {
        DisplayName = u.DisplayName, Role = u.Role, RegionCode = u.RegionCode, Organisation = u.Organisation, EnterpriseCode = u.EnterpriseCode,
        CertificateNumber = u.CertificateNumber,
    };
}
