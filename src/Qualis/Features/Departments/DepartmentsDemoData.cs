using Qualis.Platform.Operations;

namespace Qualis.Features.Departments;

/// <summary>
/// Anhui's departments that lead the measures of the quality-improvement action, with the names they had before the
/// 2018 institutional reform, plus customs and two Hefei city departments. Loaded once, into an empty directory, audited.
/// </summary>
public sealed class DepartmentsDemoData : IDemoSeeder
{
    private static readonly (string Name, string? Aliases, DepartmentKind Kind, string Region)[] Demo =
    [
        ("省市场监管局", "省质监局、省工商局、省食品药品监管局、安徽省市场监督管理局", DepartmentKind.Provincial, "340000"),
        ("省农业农村厅", "省农委", DepartmentKind.Provincial, "340000"),
        ("省住房城乡建设厅", "省住房和城乡建设厅", DepartmentKind.Provincial, "340000"),
        ("省商务厅", null, DepartmentKind.Provincial, "340000"),
        ("省发展改革委", "省发展和改革委员会", DepartmentKind.Provincial, "340000"),
        ("省经济和信息化厅", "省经信委", DepartmentKind.Provincial, "340000"),
        ("省教育厅", null, DepartmentKind.Provincial, "340000"),
        ("省科技厅", null, DepartmentKind.Provincial, "340000"),
        ("合肥海关", null, DepartmentKind.Central, "340000"),
        ("合肥市市场监管局", "合肥市质监局", DepartmentKind.City, "340100"),
        ("合肥市住房城乡建设局", "合肥市城乡建设委员会", DepartmentKind.City, "340100"),
    ];

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        if (await db.Set<Department>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var paths = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking()
            .Where(r => r.Code == "340000" || r.Code == "340100").ToDictionaryAsync(r => r.Code, r => r.RegionPath, ct);
        db.Set<Department>().AddRange(Demo.Select(d => new Department { Name = d.Name, Aliases = d.Aliases, Kind = d.Kind, RegionCode = d.Region, RegionPath = paths[d.Region] }));
        await db.SaveChangesAsync(ct);
    }
}
