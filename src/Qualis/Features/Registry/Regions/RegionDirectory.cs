using System.Linq.Expressions;
using Qualis.Features.Registry.Directories;
using Qualis.Features.Shared;
using Qualis.Platform.Import;

namespace Qualis.Features.Registry.Regions;

/// <summary>行政区划 (GB/T 2260): other provinces' city and county trees load from a file of code, name and parent code.</summary>
public sealed class RegionDirectory : Directory<Region>
{
    public override string Kind => "regions";
    public override string TitleKey => "nav.regions";
    public override bool AdministratorsOnly => true;
    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        Column("code", "区划代码", "Region code", true, [nameof(Region.Code)], "行政区划代码", "代码", "Code"),
        Column("name", "名称", "Name", true, [nameof(Region.Name)], "区划名称"),
        Column("parent", "上级代码", "Parent code", false, [nameof(Region.ParentCode), nameof(Region.Level), nameof(Region.RegionPath)], "上级区划代码", "Parent"),
        Column("name_en", "英文名称", "English name", false, [nameof(Region.NameEn)]),
    ];
    protected override string KeyProperty => nameof(Region.Code);
    protected override Func<Region, string> KeyOf => r => r.Code;
    protected override Expression<Func<Region, object?[]>> Row => r => new object?[] { r.Code, r.Name, r.ParentCode, r.NameEn };
    protected override IQueryable<Region> Search(IQueryable<Region> q, string s) => q.Where(r => r.Name.Contains(s) || r.Code.StartsWith(s));
    protected override ListSort<Region> Order { get; } = ListSort<Region>.By("region", r => r.RegionPath).ThenBy(r => r.Code);

    protected override async Task<Func<ImportRow, List<RowProblem>, Region?>> ParserAsync(QualisDb db, CancellationToken ct)
    {
        // Parents within the importer's area, and those earlier in the same file.
        var known = await db.Set<Region>().AsNoTracking().ToDictionaryAsync(r => r.Code, ct);
        return (row, problems) =>
        {
            var code = Required(row, "code", problems, "区划代码 / Region code");
            var name = Required(row, "name", problems, "名称 / Name");
            if (code.Length > 0 && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
                problems.Add(new RowProblem("code", code, "import.region_code_form", code));
            var parentCode = row["parent"];
            Region? parent = null;
            if (parentCode is not null && !known.TryGetValue(parentCode, out parent))
                problems.Add(new RowProblem("parent", parentCode, "import.region_unknown", parentCode));
            var region = RegionCatalog.Build([new RegionCatalog.Row(code, name, row["name_en"], parent?.Code)],
                parent is null ? null : new Dictionary<string, Region> { [parent.Code] = parent }).Single();
            if (code.Length == 6) known.TryAdd(code, region);
            return region;
        };
    }
}
