using Qualis.Platform.Import;
using Qualis.Platform.Modules;

namespace Qualis.Features.Registry;

/// <summary>Why a value was refused: a text key (resolved in the reader's language) and its arguments.</summary>
[ModuleFace]
public sealed record CodeProblem(string Key, params object[] Args);

/// <summary>The outcome of checking a credit code: the code as stored, whether it is valid, and why not.</summary>
/// <param name="Normalised">Trimmed, full-width folded and upper-cased: the form that is stored and compared.</param>
/// <param name="IsValid">The code is well-formed and both check characters are right.</param>
/// <param name="Problem">Why the code is not valid; null when it is.</param>
/// <param name="OnlyCheckCharactersFail">
/// The code is well-formed and only a check character is wrong. Some codes issued in the pilot years before GB 32100
/// was settled (厦门 91350211M00013FA1N, for one) are like this and are legally in use: an officer may accept such a
/// code with a recorded reason. A code that fails in any other way cannot be accepted.
/// </param>
[ModuleFace]
public sealed record CreditCodeCheck(string Normalised, bool IsValid, CodeProblem? Problem, bool OnlyCheckCharactersFail)
{
    /// <summary>Positions 3–8: the GB/T 2260 code of the registering authority's region (登记管理机关行政区划码).</summary>
    public string? RegionCode => IsValid || OnlyCheckCharactersFail ? Normalised[2..8] : null;
}

/// <summary>
/// 统一社会信用代码, the unified social credit code of GB 32100-2015: 18 characters from 0–9 and the capitals without
/// I, O, S, V, Z. Position 1 is the registration authority (登记管理部门, 9 = market regulation), 2 the kind of body
/// (机构类别, 1 = enterprise), 3–8 the region of the registering authority (GB/T 2260), 9–17 the organisation code
/// of GB 11714 (主体标识码: 8 characters and its own check character), 18 the check character over the first 17.
/// </summary>
[ModuleFace]
public static class CreditCode
{
    /// <summary>The 31 characters, in the order of their values 0–30.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Registration authorities of GB 32100 and its later assignments: 1 机构编制, 2 外交, 3 司法行政, 4 文化,
    /// 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管(工商), A 中央军委改革和编制办公室, N 农业, Y 其他.</summary>
    public const string Authorities = "123456789ANY";

    /// <summary>Weight of position i (1-based) in the check character: 3^(i−1) mod 31.</summary>
    private static readonly int[] Weights = Enumerable.Range(0, 17).Select(i => (int)System.Numerics.BigInteger.ModPow(3, i, 31)).ToArray();

    /// <summary>Weights of the eight body characters of a GB 11714 organisation code.</summary>
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    public static CreditCodeCheck Check(string? text)
    {
        var code = CellText.Normalise(text)?.ToUpperInvariant() ?? "";
        if (code.Length == 0) return Invalid(code, "registry.code.empty");
        // Spaces typed or pasted inside a code ("9134 0102 …") are not part of it: they are taken out, and a code
        // that is still the wrong length says how many it had, spaces counted apart.
        var spaces = code.Count(c => c == ' ');
        if (spaces > 0) code = code.Replace(" ", "", StringComparison.Ordinal);
        if (code.Length != 18)
            return spaces > 0 ? Invalid(code, "registry.code.length_spaces", code.Length, spaces) : Invalid(code, "registry.code.length", code.Length);
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (Alphabet.IndexOf(c) < 0) return Invalid(code, "registry.code.char", i + 1, c.ToString());
            if (i is >= 2 and <= 7 && !char.IsAsciiDigit(c)) return Invalid(code, "registry.code.region", code[2..8]);
        }
        if (Authorities.IndexOf(code[0]) < 0) return Invalid(code, "registry.code.authority", code[0].ToString());

        var check = CheckCharacter(code.AsSpan(0, 17));
        if (code[17] != check) return CheckFails(code, "registry.code.check", check);
        var organisationCheck = OrganisationCheckCharacter(code.AsSpan(8, 8));
        if (code[16] != organisationCheck) return CheckFails(code, "registry.code.org_check", organisationCheck);
        return new CreditCodeCheck(code, true, null, false);
    }

    /// <summary>
    /// Completes a code: from the first 17 characters adds the check character; from the first 16 adds the
    /// organisation code's check character and then the check character.
    /// </summary>
    /// <exception cref="ArgumentException">Not 16 or 17 characters of the alphabet with a six-digit region code.</exception>
    public static string Compute(string first)
    {
        ArgumentNullException.ThrowIfNull(first);
        if (first.Length is not (16 or 17)) throw new ArgumentException("Give the first 16 or 17 characters of a credit code.", nameof(first));
        for (var i = 0; i < first.Length; i++)
            if (Alphabet.IndexOf(first[i]) < 0 || (i is >= 2 and <= 7 && !char.IsAsciiDigit(first[i])))
                throw new ArgumentException($"Character {i + 1} ('{first[i]}') cannot stand there in a credit code.", nameof(first));
        if (first.Length == 16) first += OrganisationCheckCharacter(first.AsSpan(8, 8));
        return first + CheckCharacter(first);
    }

    /// <summary>Position 18: the character whose value is (31 − Σ cᵢ·wᵢ mod 31) mod 31 over positions 1–17.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is not a credit-code character.", nameof(first17));
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>
    /// The check character of a GB 11714 organisation code over its eight body characters: a digit is its value, a
    /// letter A–Z is 10–35 (the whole Latin alphabet, unlike the credit code's); check = 11 − (Σ cᵢ·wᵢ mod 11),
    /// written X for 10 and 0 for 11.
    /// </summary>
    public static char OrganisationCheckCharacter(ReadOnlySpan<char> body8)
    {
        if (body8.Length != 8) throw new ArgumentException("Eight characters are needed.", nameof(body8));
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body8[i];
            var value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => throw new ArgumentException($"'{c}' is not an organisation-code character.", nameof(body8)),
            };
            sum += value * OrganisationWeights[i];
        }
        return (11 - sum % 11) switch
        {
            10 => 'X',
            11 => '0',
            var n => (char)('0' + n),
        };
    }

    private static CreditCodeCheck Invalid(string code, string key, params object[] args) => new(code, false, new CodeProblem(key, args), false);

    private static CreditCodeCheck CheckFails(string code, string key, char expected) =>
        new(code, false, new CodeProblem(key, expected.ToString()), true);
}
