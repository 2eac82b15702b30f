using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Features.Awards;

/// <summary>An expert of the draw's pool: id (32 hex), their unit, their directory's region.</summary>
public sealed record DrawExpert(string Id, string Unit, string RegionCode);

/// <summary>An applicant of the draw: its credit code and the units it may not be judged by (its own name, its linked units).</summary>
public sealed record DrawApplicant(string CreditCode, IReadOnlyList<string> LinkedUnits);

/// <summary>
/// What the award's expert draw reads, in canonical order, so that whoever holds the revealed seed reproduces it: experts
/// per applicant, the pool, the applicants and the declared conflicts (expert id, credit code).
/// </summary>
public sealed record AwardDrawInputs(int PerApplicant, IReadOnlyList<DrawExpert> Experts, IReadOnlyList<DrawApplicant> Applicants, IReadOnlyList<string[]> Conflicts)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The inputs sorted by code point and cleaned of what the canonical form cannot hold (tabs, line breaks), duplicates dropped.</summary>
    public static AwardDrawInputs Canonical(int perApplicant, IEnumerable<DrawExpert> experts, IEnumerable<DrawApplicant> applicants, IEnumerable<(string ExpertId, string CreditCode)> conflicts)
    {
        static string Clean(string s) => s.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ').Trim();
        var cmp = DrawFace.CanonicalOrder;
        return new(perApplicant,
            [.. experts.Select(e => e with { Unit = Clean(e.Unit) is { Length: > 0 } u ? u : "—" }).DistinctBy(e => e.Id).OrderBy(e => e.Id, cmp)],
            [.. applicants.DistinctBy(a => a.CreditCode).OrderBy(a => a.CreditCode, cmp)
                .Select(a => a with { LinkedUnits = [.. a.LinkedUnits.Select(Clean).Where(u => u.Length > 0).Distinct().OrderBy(u => u, cmp)] })],
            [.. conflicts.Distinct().OrderBy(c => c.ExpertId, cmp).ThenBy(c => c.CreditCode, cmp).Select(c => new[] { c.ExpertId, c.CreditCode })]);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AwardDrawInputs FromJson(string json) =>
        JsonSerializer.Deserialize<AwardDrawInputs>(json, Json) ?? throw new FormatException("The draw's inputs are empty.");

    /// <summary>Lowercase hex SHA-256 of the canonical JSON's UTF-8 bytes: published with the draw.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson())));
}

/// <summary>
/// The expert draw of an award round (评审专家随机抽取): for each applicant, <see cref="AwardDrawInputs.PerApplicant"/> experts
/// drawn from the pool under 回避 — never an expert of the applicant's own firm or of a unit it declared linked, never one who
/// declared a conflict with it. It is the supervision draw's inspector assignment (<see cref="InspectorAssigner"/>), called,
/// not copied (through <see cref="DrawFace"/>): an expert is an inspector whose unit is theirs, an applicant a target whose
/// linked units are its own name and its declared ones, a declared conflict the same rule (b); the load is spread evenly,
/// and the generator is the draw's, derived from the committed seed with the label "award-experts".
/// </summary>
public static class AwardExpertDraw
{
    public const string StreamLabel = "award-experts";

    public static DrawnTeams Run(byte[] seed, AwardDrawInputs inputs) =>
        DrawFace.AssignTeams(seed, StreamLabel,
            [.. inputs.Experts.Select(e => new RecusalCandidate(e.Id, e.Unit, e.RegionCode))],
            [.. inputs.Applicants.Select(a => new RecusalParty(a.CreditCode, a.LinkedUnits))],
            inputs.Conflicts.Select(c => (c[0], c[1])), inputs.PerApplicant);

    /// <summary>Reproduces a draw from its published inputs and revealed seed, after checking the seed against the commitment.</summary>
    public static (DrawnTeams? Result, string? Problem) Reproduce(string? seedHex, string? commitment, string inputsJson)
    {
        var (matches, problem) = DrawFace.Verify(seedHex, commitment);
        if (!matches) return (null, problem);
        return (Run(DrawFace.ParseSeed(seedHex), AwardDrawInputs.FromJson(inputsJson)), null);
    }
}
