using Qualis.Platform.Modules;

namespace Qualis.Features.Supervision.Draws;

/// <summary>A candidate of a team draw under 回避 (an expert, an inspector): id, the unit they work for, their region code.</summary>
[ModuleFace]
public sealed record RecusalCandidate(string Id, string Unit, string RegionCode);

/// <summary>Whom a team is drawn for: a key (a credit code) and the units whose members may not judge it (its own name, its linked units).</summary>
[ModuleFace]
public sealed record RecusalParty(string Key, IReadOnlyList<string> LinkedUnits);

/// <summary>A party's team, in pick order.</summary>
[ModuleFace]
public sealed record DrawnTeam(string Party, IReadOnlyList<string> Members);

/// <summary>A party 回避 left without a full team: how many it needed, how many of the pool could judge it.</summary>
[ModuleFace]
public sealed record ShortParty(string Party, int Required, int Eligible, int PoolSize);

/// <summary>The teams of a draw, the parties left short, and each candidate's load.</summary>
[ModuleFace]
public sealed record DrawnTeams(IReadOnlyList<DrawnTeam> Teams, IReadOnlyList<ShortParty> Short, IReadOnlyDictionary<string, int> Loads)
{
    public bool IsComplete => Short.Count == 0;
}

/// <summary>
/// What the supervision draw lets other modules call (an award's expert draw): its seed and commitment (承诺值) and the
/// verification anyone runs, the canonical order of published texts, and its team assignment under 回避 — the very code of
/// <see cref="InspectorAssigner"/> and <see cref="DrawRandom"/>, called, not copied.
/// </summary>
[ModuleFace]
public static class DrawFace
{
    public static byte[] NewSeed() => DrawCommitment.NewSeed();
    public static string Commit(byte[] seed) => DrawCommitment.Commit(seed);
    public static string ToHex(byte[] seed) => DrawCommitment.ToHex(seed);
    /// <summary>Parses a revealed seed; <see cref="FormatException"/> with the reason when malformed.</summary>
    public static byte[] ParseSeed(string? seedHex) => DrawCommitment.ParseSeed(seedHex);

    /// <summary>Whether a revealed seed hashes to the published commitment, and why not.</summary>
    public static (bool Matches, string? Problem) Verify(string? seedHex, string? commitment) =>
        DrawCommitment.Verify(seedHex, commitment) is var check ? (check.Matches, check.Problem) : default;

    /// <summary>Code-point order, the order of every published canonical form (<see cref="CanonicalText"/>).</summary>
    public static IComparer<string> CanonicalOrder => CanonicalText.Comparer;

    /// <summary>
    /// Teams of <paramref name="teamSize"/> (at least 2) for the parties from the candidates, excluding a candidate of a
    /// party's linked unit or one who declared a conflict with it, the load spread evenly, with the generator derived from
    /// the seed and <paramref name="label"/> (docs/draw-algorithm.md: inspector assignment).
    /// </summary>
    public static DrawnTeams AssignTeams(byte[] seed, string label, IReadOnlyList<RecusalCandidate> candidates, IReadOnlyList<RecusalParty> parties,
        IEnumerable<(string CandidateId, string PartyKey)> conflicts, int teamSize)
    {
        var result = InspectorAssigner.Assign(
            [.. parties.Select(p => new AssignmentTarget(p.Key) { LinkedUnits = [.. p.LinkedUnits] })],
            [.. candidates.Select(c => new PoolInspector(c.Id, c.Unit, c.RegionCode))],
            conflicts, new AssignmentOptions { MinTeamSize = teamSize }, DrawRandom.Derive(seed, label));
        return new([.. result.Teams.Select(t => new DrawnTeam(t.CreditCode, t.InspectorIds))],
            [.. result.Unstaffed.Select(u => new ShortParty(u.CreditCode, u.Required, u.Eligible, u.PoolSize))], result.Loads);
    }
}
