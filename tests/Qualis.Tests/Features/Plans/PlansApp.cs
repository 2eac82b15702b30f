using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Platform.Indicators;

namespace Qualis.Tests.Features.Plans;

/// <summary>
/// The application with a test indicator beside the modules' own, so a test sets the figures a target is measured
/// against: it answers what a test put in <see cref="Values"/>.
/// </summary>
public abstract class PlansApp(DatabaseProvider provider) : QualisApp(provider)
{
    public const string TestKey = "test.plans-figure";

    /// <summary>(indicator key, year, region code) → value.</summary>
    public static readonly ConcurrentDictionary<(string Key, int Year, string Region), decimal> Values = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped(sp =>
        {
            return new IndicatorCatalog(sp.GetServices<IIndicator>().Append(new StandIn(TestKey)));
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
