using System.Security.Cryptography;
using System.Text;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

/// <summary>Fixed seeds and helpers shared by the draw tests; everything deterministic.</summary>
internal static class DrawTestData
{
    /// <summary>The seed of the published test vectors: bytes 0x00, 0x01, … 0x1f.</summary>
    public static byte[] VectorSeed { get; } = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    /// <summary>The n-th seed of a test series: SHA-256 of "label/n", so series never overlap.</summary>
    public static byte[] Seed(string label, int n) => SHA256.HashData(Encoding.UTF8.GetBytes($"{label}/{n}"));

    public static DrawRandom Rng(string label, int n = 0) => new(Seed(label, n));

    public static string Code(int n) => $"91340100MA{n:D7}X";

    /// <summary>Pearson's statistic of observed counts against equal expected counts, divided by a variance factor.</summary>
    public static double ChiSquare(IReadOnlyList<long> observed, double expected, double varianceFactor = 1.0) =>
        observed.Sum(o => (o - expected) * (o - expected)) / (expected * varianceFactor);
}
