using System.Linq.Expressions;
using Qualis.Features.Registry.Directories;
using Qualis.Features.Shared;
using Qualis.Platform.Import;

namespace Qualis.Features.Registry.Inspectors;

/// <summary>执法检查人员名录库, keyed by certificate number (执法证号).</summary>
public sealed class InspectorDirectory : Directory<Inspector>
{
    public override string Kind => "inspectors";
    public override string TitleKey => "nav.inspectors";
    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        Column("certificate", "执法证号", "Certificate number", true, [nameof(Inspector.CertificateNumber)], "证件号", "执法证件号"),
        Column("name", "姓名", "Name", true, [nameof(Inspector.Name)]),
        Column("unit", "所在单位", "Unit", true, [nameof(Inspector.Unit)], "单位", "工作单位"),
        RegionColumn(nameof(Inspector.RegionCode), nameof(Inspector.RegionPath)),
        Column("specialties", "专业特长", "Specialties", false, [nameof(Inspector.Specialties)], "专长", "特长"),
        Column("active", "在岗", "Active", false, [nameof(Inspector.Active)], "状态", "是否在岗"),
    ];
    public override IReadOnlyDictionary<string, string> Sample { get; } = new Dictionary<string, string>
    {
        ["certificate"] = "皖A00000001", ["name"] = "示例：李四（请替换本行）", ["unit"] = "合肥市市场监督管理局", ["region"] = "340100", ["specialties"] = "电线电缆", ["active"] = "是",
    };

    public override Task<IReadOnlyDictionary<string, ImportChoices>> ChoicesAsync(QualisDb db, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, ImportChoices>>(new Dictionary<string, ImportChoices> { ["active"] = new(["是", "否"]) });

    protected override string KeyProperty => nameof(Inspector.CertificateNumber);
    protected override Func<Inspector, string> KeyOf => i => i.CertificateNumber;
    protected override Expression<Func<Inspector, object?[]>> Row => i => new object?[] { i.CertificateNumber, i.Name, i.Unit, i.RegionCode, i.Specialties, i.Active ? "是" : "否" };
    protected override IQueryable<Inspector> Search(IQueryable<Inspector> q, string s) => q.Where(i => i.Name.Contains(s) || i.Unit.Contains(s) || i.CertificateNumber.StartsWith(s));
    protected override ListSort<Inspector> Order { get; } = ListSort<Inspector>.By("region", i => i.RegionPath).ThenBy(i => i.NameSort).ThenBy(i => i.CertificateNumber);

    protected override async Task<Func<ImportRow, List<RowProblem>, Inspector?>> ParserAsync(QualisDb db, CancellationToken ct)
    {
        var regions = await RegionLookup.LoadAsync(db, ct);
        return (row, problems) =>
        {
            var i = new Inspector
            {
                CertificateNumber = Required(row, "certificate", problems, "执法证号 / Certificate number"),
                Name = Required(row, "name", problems, "姓名 / Name"),
                Unit = Required(row, "unit", problems, "所在单位 / Unit"),
                Specialties = row.Text("specialties"),
            };
            (i.RegionCode, i.RegionPath) = RegionOf(row, problems, regions);
            if (row["active"] is { } active)
            {
                if (YesNo.TryParse(active, out var yes)) i.Active = yes;
                else problems.Add(new RowProblem("active", active, "import.yes_no", active));
            }
            return i;
        };
    }
}
