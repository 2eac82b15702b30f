using Qualis.Platform.Modules;

namespace Qualis.Platform.Indicators;

/// <summary>How an indicator's value reads: a count of records, or a rate in percent (0–100).</summary>
[TextKeys("indicator.unit.", lowerCase: true)]
public enum IndicatorUnit
{
    Count,
    Percent,
}

/// <summary>
/// One region's value of an indicator: the figure, for a rate its numerator and denominator, and where the records
/// behind it are listed (the drill-down a scoreboard or an assessment item links to).
/// </summary>
[ModuleFace]
public sealed record IndicatorValue(decimal Value, string? Link = null, decimal? Numerator = null, decimal? Denominator = null);

/// <summary>
/// A figure the platform counts from its own records (平台统计指标): enrolled key objects, recognitions, the spot-check
/// pass rate. Targets and assessment items name an indicator by its <see cref="Key"/> so a city never types in a figure
/// the platform already has ("collect each figure once"). A module registers its indicators in
/// <c>IModule.AddServices</c> with <c>services.AddScoped&lt;IIndicator, …&gt;()</c>.
/// </summary>
[ModuleFace]
public interface IIndicator
{
    /// <summary>Stable key stored in targets and scoring sheets, e.g. <c>supervision.pass-rate</c>. Lower case, dots and dashes.</summary>
    string Key { get; }

    /// <summary>The text key of its name as officials read it.</summary>
    string TextKey { get; }

    IndicatorUnit Unit { get; }

    /// <summary>
    /// The value for each region code asked for, counting the region's whole subtree, for the given year as it stood at
    /// the end of <paramref name="asOf"/> (China date; a trend asks for several dates). A region with nothing to count
    /// gets 0 for a count and is left out for a rate (a rate over nothing is no rate). Reads outside the caller's area
    /// only through <c>OutsideArea</c> with a reason, since a province's scoreboard compares all its cities.
    /// </summary>
    Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(
        QualisDb db, int year, IReadOnlyList<string> regionCodes, DateOnly asOf, CancellationToken ct);
}

/// <summary>The indicators every module declared, found by key (registered with the first module).</summary>
public sealed class IndicatorCatalog(IEnumerable<IIndicator> indicators)
{
    private readonly Dictionary<string, IIndicator> _byKey = indicators.ToDictionary(i => i.Key, StringComparer.Ordinal);

    public IReadOnlyCollection<IIndicator> All => _byKey.Values;

    /// <summary>The indicator with this key, or null: a target or scoring item naming a missing one is refused when saved.</summary>
    public IIndicator? Find(string? key) => key is not null && _byKey.TryGetValue(key, out var i) ? i : null;
}
