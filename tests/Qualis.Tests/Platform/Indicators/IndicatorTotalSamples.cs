using Qualis.Platform.Indicators;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Indicators;

/// <summary>
/// An indicator's totals row of a city, for the access matrix (its area filter): the key carries the marker. No page
/// shows a totals row itself; the indicators read them. Not audited, so nothing for the audit-region test.
/// </summary>
public sealed class IndicatorTotalSamples : IRecordSampleMakers
{
    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>();

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(IndicatorTotal)] = async (app, city, marker) =>
        {
            await RecordSamples.AddInCityAsync(app, city, path => new IndicatorTotal { Key = "sample." + marker, Year = 2017, RegionPath = path, Count = 1 });
            return new([], marker);
        },
    };
}
