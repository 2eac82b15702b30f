using Qualis.Features.Supervision.Draws;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Supervision;

/// <summary>A draw's witness (见证人) in a city, for the access matrix and the audit-region test: the row carries its draw's area.</summary>
public sealed class WitnessSamples : IRecordSampleMakers
{
    private static DrawWitness New(string regionPath, string name) => new()
    {
        DrawId = Guid.CreateVersion7(), RegionPath = regionPath, Position = 1, Role = WitnessRole.Notary, Name = name, Organisation = name, UserName = Witnessing.Notary,
    };

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(DrawWitness)] = (_, path) => New(path, "审计测试见证人"),
    };

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(DrawWitness)] = async (app, city, marker) =>
        {
            DrawWitness? witness = null;
            await RecordSamples.AddInCityAsync(app, city, path => witness = New(path, marker));
            return new(new() { ["id"] = witness!.Id.ToString() }, marker);
        },
    };
}
