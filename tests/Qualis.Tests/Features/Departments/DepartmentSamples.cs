using Qualis.Features.Departments;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Departments;

/// <summary>A department of a city, for the access matrix.</summary>
public sealed class DepartmentSamples : IRecordSampleMakers
{
    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(Department)] = async (app, city, marker) =>
        {
            var department = new Department { Name = marker, Aliases = marker + "旧名", Kind = DepartmentKind.City, RegionCode = city };
            await RecordSamples.AddInCityAsync(app, city, path => { department.RegionPath = path; return department; });
            return new(new() { ["id"] = department.Id.ToString() }, marker);
        },
    };
}
