using System.Linq.Expressions;
using Qualis.Features.Registry.Directories;
using Qualis.Features.Shared;
using Qualis.Platform.Import;

namespace Qualis.Features.Registry.Parks;

/// <summary>产业园区名录, keyed by the park's name.</summary>
public sealed class ParkDirectory : Directory<Park>
{
    public static readonly string[] Levels = ["国家级", "省级", "市级", "县级"];

    public override string Kind => "parks";
    public override string TitleKey => "nav.parks";
    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        Column("name", "园区名称", "Park name", true, [nameof(Park.Name)], "名称", "Name"),
        Column("level", "级别", "Level", true, [nameof(Park.Level)]),
        Column("type", "类型", "Type", true, [nameof(Park.Type)], "园区类型"),
        RegionColumn(nameof(Park.RegionCode), nameof(Park.RegionPath)),
    ];
    protected override string KeyProperty => nameof(Park.Name);
    protected override Func<Park, string> KeyOf => p => p.Name;
    protected override Expression<Func<Park, object?[]>> Row => p => new object?[] { p.Name, p.Level, p.Type, p.RegionCode };
    protected override IQueryable<Park> Search(IQueryable<Park> q, string s) => q.Where(p => p.Name.Contains(s) || p.Type.Contains(s));
    protected override ListSort<Park> Order { get; } = ListSort<Park>.By("region", p => p.RegionPath).ThenBy(p => p.NameSort).ThenBy(p => p.Name);

    protected override async Task<Func<ImportRow, List<RowProblem>, Park?>> ParserAsync(QualisDb db, CancellationToken ct)
    {
        var regions = await RegionLookup.LoadAsync(db, ct);
        return (row, problems) =>
        {
            var park = new Park { Name = Required(row, "name", problems, "园区名称 / Park name"), Type = Required(row, "type", problems, "类型 / Type") };
            park.Level = Required(row, "level", problems, "级别 / Level");
            if (park.Level.Length > 0 && !Levels.Contains(park.Level))
                problems.Add(new RowProblem("level", park.Level, "import.park_level", park.Level));
            (park.RegionCode, park.RegionPath) = RegionOf(row, problems, regions);
            return park;
        };
    }
}
