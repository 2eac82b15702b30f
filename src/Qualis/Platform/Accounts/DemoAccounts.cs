using Microsoft.AspNetCore.Identity;

namespace Qualis.Platform.Accounts;

/// <summary>
/// One demo account per role, created on an empty database when Database:SeedDemoData is true. The three administrators
/// (admin, security, auditor) set up their second factor at their first sign-in (<see cref="AdminTwoFactor"/>).
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Qualis#2026";

    public sealed record Account(string UserName, string Role, string RegionCode, string DisplayName, string? Organisation = null, string? EnterpriseCode = null,
        string? CertificateNumber = null);

    public static readonly Account[] All =
    [
        new("admin", Roles.Administrator, "340000", "系统管理员 Admin", "安徽省市场监督管理局"),
        new("security", Roles.SecurityAdministrator, "340000", "安全管理员 周敏", "安徽省市场监督管理局 信息中心"),
        new("auditor", Roles.AuditAdministrator, "340000", "审计管理员 孙立", "安徽省市场监督管理局 审计室"),
        new("province", Roles.ProvincialOfficer, "340000", "王敏 (质量发展处)", "安徽省市场监督管理局 质量发展处"),
        new("hefei", Roles.CityOfficer, "340100", "李强 (合肥市局)", "合肥市市场监督管理局"),
        new("wuhu", Roles.CityOfficer, "340200", "陈静 (芜湖市局)", "芜湖市市场监督管理局"),
        new("feidong", Roles.CountyOfficer, "340122", "张伟 (肥东县局)", "肥东县市场监督管理局"),
        new("inspector", Roles.Inspector, "340100", "刘洋 (执法检查人员)", "合肥市市场监督管理局 稽查支队", CertificateNumber: "皖A0100123"),
        new("agency", Roles.TestingAgency, "340000", "安徽省产品质量监督检验研究院", "安徽省产品质量监督检验研究院"),
        new("partner", Roles.PartnerDepartment, "340000", "省农业农村厅 联络员", "安徽省农业农村厅"),
        new("witness", Roles.Witness, "340000", "赵宁 (公证员)", "安徽省合肥市公证处"),
        new("enterprise", Roles.EnterpriseUser, "340102", "合肥示范电缆有限公司", "合肥示范电缆有限公司", "91340102743081729F"),
    ];

    public static async Task EnsureSeededAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var users = services.GetRequiredService<UserManager<QualisUser>>();
        var db = services.GetRequiredService<QualisDb>();
        if (await db.Users.OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var regions = await db.Set<Region>().OutsideArea(AreaReason.Seeding).ToDictionaryAsync(r => r.Code, ct);
        foreach (var a in All)
        {
            var user = new QualisUser
            {
                UserName = a.UserName,
                DisplayName = a.DisplayName,
                Role = a.Role,
                RegionCode = a.RegionCode,
                RegionPath = regions[a.RegionCode].RegionPath,
                Organisation = a.Organisation,
                EnterpriseCode = a.EnterpriseCode,
                CertificateNumber = a.CertificateNumber,
                CreatedAt = DateTime.UtcNow,
            };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo account {a.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
