using System.Security.Cryptography;

namespace Qualis.Features.Supervision.Draws;

/// <summary>The outcome of checking a revealed seed against its published commitment (承诺值).</summary>
/// <param name="Problem">Why the seed is refused, for the official or the public verifier; null when it matches.</param>
public sealed record CommitmentCheck(bool Matches, string? Problem)
{
    /// <summary>When a well-formed seed does not match: its SHA-256 (what the commitment should have been).</summary>
    public string? SeedHash { get; init; }

    public static readonly CommitmentCheck Match = new(true, null);
}

/// <summary>
/// Seed and commitment of a draw. Before the draw the platform publishes the commitment, the lowercase hex
/// SHA-256 of the 32 seed bytes; after the draw it reveals the seed (64 hex characters), and anyone checks
/// that it hashes to the commitment. The commitment binds the platform to the seed before the snapshot
/// and parameters are final, so the seed cannot be chosen afterwards to favour an outcome.
/// </summary>
public static class DrawCommitment
{
    public const int SeedHexLength = DrawRandom.SeedLength * 2;
    public const int CommitmentHexLength = 64;

    /// <summary>A new secret seed from the operating system's cryptographic generator.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(DrawRandom.SeedLength);

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>The commitment: lowercase hex SHA-256 of the 32 seed bytes (not of their hex text).</summary>
    public static string Commit(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != DrawRandom.SeedLength)
            throw new ArgumentException($"The seed must be {DrawRandom.SeedLength} bytes; got {seed.Length}.", nameof(seed));
        return ToHex(SHA256.HashData(seed));
    }

    /// <summary>Parses a revealed seed; throws <see cref="FormatException"/> with the reason when it is malformed.</summary>
    public static byte[] ParseSeed(string? seedHex) =>
        TryParseHex(seedHex, "seed", SeedHexLength, out var seed, out var problem) ? seed : throw new FormatException(problem);

    /// <summary>
    /// Checks a revealed seed against the published commitment. Upper- or lowercase hex is accepted and
    /// surrounding white space ignored (both are copied by hand); anything else malformed is refused with the reason.
    /// </summary>
    public static CommitmentCheck Verify(string? seedHex, string? commitmentHex)
    {
        if (!TryParseHex(seedHex, "seed", SeedHexLength, out var seed, out var problem)) return new(false, problem);
        if (!TryParseHex(commitmentHex, "commitment", CommitmentHexLength, out var commitment, out problem)) return new(false, problem);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(seed), commitment)
            ? CommitmentCheck.Match
            : new(false, "The seed does not match the commitment: its SHA-256 is " + ToHex(SHA256.HashData(seed)) +
                         ", the published commitment is " + commitmentHex!.Trim().ToLowerInvariant() + ".") { SeedHash = ToHex(SHA256.HashData(seed)) };
    }

    private static bool TryParseHex(string? text, string what, int length, out byte[] bytes, out string? problem)
    {
        bytes = [];
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            problem = $"The {what} is missing: it must be {length} hexadecimal characters.";
            return false;
        }
        if (t.Length != length)
        {
            problem = $"The {what} must be {length} hexadecimal characters; got {t.Length}.";
            return false;
        }
        for (var i = 0; i < t.Length; i++)
        {
            if (!char.IsAsciiHexDigit(t[i]))
            {
                problem = $"The {what} must be {length} hexadecimal characters (0-9, a-f); character {i + 1} is '{t[i]}'.";
                return false;
            }
        }
        bytes = Convert.FromHexString(t);
        problem = null;
        return true;
    }
}
