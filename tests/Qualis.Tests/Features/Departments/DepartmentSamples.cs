using Qualis.Features.Departments;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Departments;

/// <summary>A department of a region, for the access matrix and the audit-region test.</summary>
public sealed class DepartmentSamples : IRecordSampleMakers
{
    private static Department New(string regionCode, string regionPath, string name) =>
        new() { Name = name, Aliases = name + "旧名", Kind = DepartmentKind.City, RegionCode = regionCode, RegionPath = regionPath };

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(Department)] = (code, path) => New(code, path, "审计测试局"),
    };

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(Department)] = async (app, city, marker) =>
        {
            Department? department = null;
            await RecordSamples.AddInCityAsync(app, city, path => department = New(city, path, marker));
            return new(new() { ["id"] = department!.Id.ToString() }, marker);
        },
    };
}
