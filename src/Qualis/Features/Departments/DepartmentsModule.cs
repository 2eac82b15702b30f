using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Modules;
using Qualis.Platform.Operations;

namespace Qualis.Features.Departments;

/// <summary>The departments directory (协作部门名录): who leads or shares the quality-improvement measures.</summary>
public sealed class DepartmentsModule : IModule
{
    /// <summary>Who reads the directory: officials within their area, and partner departments.</summary>
    public const string ReadersPolicy = "departments-readers";

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IDemoSeeder, DepartmentsDemoData>();
        services.AddAuditNames<Department, Guid>(d => d.Id, d => d.Name, d => "/Departments/" + d.Id);
    }

    public IReadOnlyDictionary<string, AuthorizationPolicy> Policies => new Dictionary<string, AuthorizationPolicy>
    {
        [ReadersPolicy] = new AuthorizationPolicyBuilder().RequireRole([.. Roles.Officials.Split(','), Roles.PartnerDepartment]).Build(),
    };

    public IReadOnlyList<NavEntry> Navigation => [new("/Departments", "nav.departments", ReadersPolicy)];
}
