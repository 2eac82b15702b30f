using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Platform.Accounts;

/// <summary>An account: an official, inspector, agency, partner department or enterprise user. One role per account.</summary>
public sealed class QualisUser : IdentityUser, IRegionScoped
{
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.CityOfficer;
    public string RegionCode { get; set; } = "";
    public string RegionPath { get; set; } = "";
    /// <summary>Unit or department (单位/部门), e.g. 省农委 for a partner department, the lab's name for a testing agency.</summary>
    public string? Organisation { get; set; }
    /// <summary>统一社会信用代码 of the enterprise an enterprise user acts for.</summary>
    public string? EnterpriseCode { get; set; }
    /// <summary>UI language the user chose: zh-CN or en.</summary>
    public string Culture { get; set; } = "zh-CN";
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// The password was set by someone else (a one-time password from a claim or a batch issue, an administrator's
    /// reset): the user is sent to 修改密码 after signing in and can open nothing else until it is changed.
    /// </summary>
    public bool MustChangePassword { get; set; }
    /// <summary>
    /// The credit code of the enterprise this account was issued to as that enterprise's own account (an approved claim
    /// or a batch issue). Unique: a double approval or two issues at once meet the index and create one account.
    /// </summary>
    public string? IssuedForEnterprise { get; set; }
    /// <summary>
    /// 执法证号: the law-enforcement certificate number of an enforcement officer (an inspector's account). Law-enforcement
    /// disclosure names the officer with it, so the enterprise's view of its history shows it beside the officer's name.
    /// </summary>
    public string? CertificateNumber { get; set; }
}

internal sealed class QualisUserConfiguration : IEntityTypeConfiguration<QualisUser>
{
    public void Configure(EntityTypeBuilder<QualisUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(64);
        b.Property(u => u.Role).HasMaxLength(32);
        b.Property(u => u.RegionCode).HasMaxLength(6);
        b.Property(u => u.Organisation).HasMaxLength(128);
        b.Property(u => u.EnterpriseCode).HasMaxLength(18);
        b.Property(u => u.Culture).HasMaxLength(8);
        b.Property(u => u.IssuedForEnterprise).HasMaxLength(18);
        b.Property(u => u.CertificateNumber).HasMaxLength(32);
        // "Which firms have no account yet" looks accounts up by the enterprise's code.
        b.HasIndex(u => u.EnterpriseCode);
        b.HasIndex(u => u.IssuedForEnterprise).IsUnique();
    }
}

/// <summary>
/// The roles of DOMAIN.md. The string is stored on the account and issued as the role claim.
/// <para>
/// Administration is split three ways (三员分立, as a 等保 level 3 review asks; docs/deployment.md has the table): the
/// system administrator (<see cref="Administrator"/>, the stored value every existing administrator account keeps)
/// creates accounts and looks after them, partner systems' keys and the catalogues; the security administrator assigns
/// roles and areas, unlocks, resets second factors and ends sessions; the audit administrator reads and exports the
/// audit trail. None of them can do another's job, and nobody changes their own role.
/// </para>
/// </summary>
public static class Roles
{
    public const string Administrator = "administrator";          // 系统管理员 (system administrator)
    public const string SecurityAdministrator = "security-admin"; // 安全管理员
    public const string AuditAdministrator = "audit-admin";       // 审计管理员
    public const string ProvincialOfficer = "provincial-officer"; // 省局
    public const string CityOfficer = "city-officer";             // 设区市局
    public const string CountyOfficer = "county-officer";         // 县(市、区)局
    public const string Inspector = "inspector";                  // 执法检查人员
    public const string TestingAgency = "testing-agency";         // 检验检测机构
    public const string PartnerDepartment = "partner-department"; // 协作部门
    public const string EnterpriseUser = "enterprise-user";       // 企业用户
    public const string Witness = "witness";                      // 见证人 (of a draw: a notary, the enterprises' association, the supervising department)

    public static readonly string[] All =
        [Administrator, SecurityAdministrator, AuditAdministrator, ProvincialOfficer, CityOfficer, CountyOfficer, Inspector, TestingAgency, PartnerDepartment, EnterpriseUser, Witness];

    /// <summary>Officials of a market-regulation bureau (市场监管部门).</summary>
    public const string Officials = ProvincialOfficer + "," + CityOfficer + "," + CountyOfficer + "," + Administrator;

    /// <summary>The three administrators (三员): only the security administrator grants these roles, and each signs in with a second factor.</summary>
    public static readonly string[] Administrators = [Administrator, SecurityAdministrator, AuditAdministrator];

    public static bool IsAdministrator(string? role) => role is not null && Administrators.Contains(role);

    /// <summary>The region level an account of this role must belong to, or null when any level will do.</summary>
    public static Regions.RegionLevel? RequiredLevel(string role) => role switch
    {
        ProvincialOfficer => Regions.RegionLevel.Province,
        CityOfficer => Regions.RegionLevel.City,
        CountyOfficer => Regions.RegionLevel.County,
        _ => null,
    };

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}
