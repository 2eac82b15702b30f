using Qualis.Features.KeyObjects;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.KeyObjects;

/// <summary>A key product of a city, for the access matrix, the audit-region test and the form and concurrency matrices.</summary>
public sealed class KeyObjectSamples : IRecordSampleMakers
{
    public static KeyObjectEnrolment New(string cityCode, string regionPath, string name, int year = 2025) => new()
    {
        Year = year, Kind = KeyObjectKind.Product, CityCode = cityCode, ObjectKey = name, ObjectName = name, Reason = "样本理由", Goal = "样本目标",
        EnrolledAt = DateTime.UtcNow, EnrolledBy = "province", RegionCode = cityCode, RegionPath = regionPath,
    };

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(KeyObjectEnrolment)] = (code, path) => New(code, path, "审计测试产品" + Guid.NewGuid().ToString("N")[..6]),
    };

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(KeyObjectEnrolment)] = async (app, city, marker) =>
        {
            KeyObjectEnrolment? enrolment = null;
            await RecordSamples.AddInCityAsync(app, city, path => enrolment = New(city, path, marker));
            return new(new() { ["id"] = enrolment!.Id.ToString() }, marker);
        },
    };
}
