using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Platform.Indicators;

namespace Qualis.Tests.Features.Plans;

/// <summary>
/// The application with stand-ins for the key-object and pass-rate indicators the plans' targets name, added to the
/// catalogue only where no module declares an indicator of that key (the real ones come with the key-objects module).
/// The stand-ins answer what a test put in <see cref="Values"/>.
/// </summary>
public abstract class PlansApp(DatabaseProvider provider) : QualisApp(provider)
{
    public static readonly string[] StandInKeys = ["keyobjects.parks", "keyobjects.products", "keyobjects.industries", "keyobjects.enterprises", "supervision.pass-rate"];

    /// <summary>(indicator key, year, region code) → value.</summary>
    public static readonly ConcurrentDictionary<(string Key, int Year, string Region), decimal> Values = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped(sp =>
        {
            var declared = sp.GetServices<IIndicator>().ToList();
            var missing = StandInKeys.Where(k => declared.All(i => i.Key != k)).Select(k => (IIndicator)new StandIn(k));
            return new IndicatorCatalog(declared.Concat(missing));
        }));
    }

    private sealed class StandIn(string key) : IIndicator
    {
        public string Key => key;
        public string TextKey => "plans.indicator";
        public IndicatorUnit Unit => key.EndsWith("rate", StringComparison.Ordinal) ? IndicatorUnit.Percent : IndicatorUnit.Count;

        public Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(QualisDb db, int year, IReadOnlyList<string> regionCodes, DateOnly asOf, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<string, IndicatorValue>>(regionCodes
                .Where(r => Unit == IndicatorUnit.Count || Values.ContainsKey((key, year, r)))
                .ToDictionary(r => r, r => new IndicatorValue(Values.GetValueOrDefault((key, year, r)))));
    }
}

public sealed class PlansSqliteApp() : PlansApp(DatabaseProvider.Sqlite);
public sealed class PlansPostgresApp() : PlansApp(DatabaseProvider.Postgres);
