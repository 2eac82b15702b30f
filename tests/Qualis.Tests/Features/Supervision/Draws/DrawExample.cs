using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

/// <summary>
/// The worked example of docs/draw-algorithm.md: three strata, eight inspectors, every 回避 rule in play, seed
/// 000102…1f. Its results were computed by an independent Python implementation of the document.
/// </summary>
internal static class DrawExample
{
    public static IReadOnlyList<Stratum> Strata { get; } =
    [
        // Listed in descending order on purpose: the candidates' order must not matter.
        new("340100|B", Enumerable.Range(1, 20).Reverse().Select(n => $"91340100MA{n:D7}X").ToList(), 3),
        new("340100|D", Enumerable.Range(1, 8).Select(n => $"91340100MB{n:D7}Y").ToList(), 4),
        new("340200|B", Enumerable.Range(1, 12).Select(n => $"91340200MC{n:D7}Z").ToList(), 2),
    ];

    /// <summary>I01…I08; unit U(n mod 3); odd numbers work in county 340102, even ones in 340202.</summary>
    public static IReadOnlyList<PoolInspector> Inspectors { get; } =
        Enumerable.Range(1, 8).Select(n => new PoolInspector($"I{n:D2}", $"U{n % 3}", n % 2 == 1 ? "340102" : "340202")).ToList();

    public static AssignmentTarget Facts(string code) => code switch
    {
        "91340100MB0000002Y" => new(code, "340102") { LinkedUnits = ["U1", "U2"] },
        "91340100MA0000015X" => new(code, "340102") { LastInspectors = ["I08"] },
        _ => new(code, code.StartsWith("913401", StringComparison.Ordinal) ? "340102" : "340202"),
    };

    /// <summary>The snapshot's lines: stratum key, credit code, county.</summary>
    public static IEnumerable<(string, string, string)> Entries => Strata.SelectMany(s => s.Candidates.Select(c => (s.Key, c, Facts(c).CountyCode!)));

    public static (string InspectorId, string CreditCode)[] Conflicts { get; } = [("I04", "91340100MA0000002X")];

    public static AssignmentOptions Options { get; } = new() { MinTeamSize = 2, ExcludeOwnCounty = true };
}
