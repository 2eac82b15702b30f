using System.Linq.Expressions;
using Qualis.Features.Registry.Directories;
using Qualis.Features.Shared;
using Qualis.Platform.Import;

namespace Qualis.Features.Registry.TestingAgencies;

/// <summary>检验检测机构名录, keyed by accreditation number (资质认定证书编号).</summary>
public sealed class TestingAgencyDirectory : Directory<TestingAgency>
{
    public override string Kind => "testing-agencies";
    public override string TitleKey => "nav.testing_agencies";
    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        Column("accreditation", "资质认定证书编号", "Accreditation number", true, [nameof(TestingAgency.AccreditationNumber)], "证书编号", "CMA编号", "资质证书编号"),
        Column("name", "机构名称", "Agency name", true, [nameof(TestingAgency.Name)], "名称", "Name"),
        RegionColumn(nameof(TestingAgency.RegionCode), nameof(TestingAgency.RegionPath)),
        Column("scopes", "检验范围", "Scopes", false, [nameof(TestingAgency.Scopes)], "能力范围", "检测范围"),
    ];
    protected override string KeyProperty => nameof(TestingAgency.AccreditationNumber);
    protected override Func<TestingAgency, string> KeyOf => a => a.AccreditationNumber;
    protected override Expression<Func<TestingAgency, object?[]>> Row => a => new object?[] { a.AccreditationNumber, a.Name, a.RegionCode, a.Scopes };
    protected override IQueryable<TestingAgency> Search(IQueryable<TestingAgency> q, string s) => q.Where(a => a.Name.Contains(s) || a.AccreditationNumber.StartsWith(s));
    protected override ListSort<TestingAgency> Order { get; } = ListSort<TestingAgency>.By("region", a => a.RegionPath).ThenBy(a => a.NameSort).ThenBy(a => a.AccreditationNumber);

    protected override async Task<Func<ImportRow, List<RowProblem>, TestingAgency?>> ParserAsync(QualisDb db, CancellationToken ct)
    {
        var regions = await RegionLookup.LoadAsync(db, ct);
        return (row, problems) =>
        {
            var a = new TestingAgency
            {
                AccreditationNumber = Required(row, "accreditation", problems, "资质认定证书编号 / Accreditation number"),
                Name = Required(row, "name", problems, "机构名称 / Agency name"),
                Scopes = row.Text("scopes"),
            };
            (a.RegionCode, a.RegionPath) = RegionOf(row, problems, regions);
            return a;
        };
    }
}
