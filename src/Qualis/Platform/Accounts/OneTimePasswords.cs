using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Qualis.Platform.Accounts;

/// <summary>
/// One-time passwords (初始密码) for accounts that someone else opens: an approved claim, a batch issue. Printed on a
/// letter, so the alphabet leaves out characters that read alike on paper (0/O, 1/l/I); each has an upper- and a
/// lower-case letter, a digit and a symbol, so it meets the account password rules.
/// </summary>
public static class OneTimePasswords
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    // No + = @ or -: a password beginning with one is a formula to a spreadsheet, and the letters' XLSX guards it with an apostrophe.
    private const string Symbols = "#%!*$&";
    private const string All = Upper + Lower + Digits + Symbols;

    /// <summary>14 characters from 62: about 80 bits from the system's cryptographic random source.</summary>
    public const int Length = 14;

    /// <summary>
    /// PBKDF2 iterations for a generated one-time password. Key stretching protects passwords people choose, which are
    /// guessable; an 80-bit random secret is not (2^80 guesses at any cost per guess), and the default 100,000
    /// iterations for each of thousands of letters would make a batch issue take minutes on two cores (measured:
    /// 1,000 hashes at 10,000 iterations took 42 s on the loaded test machine). The hash records its iteration count,
    /// so the sign-in accepts it, and Identity rehashes the password at the full count on the first sign-in, which must
    /// then change it anyway.
    /// </summary>
    public const int IterationCount = 1_000;

    private static readonly PasswordHasher<QualisUser> Hasher =
        new(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3, IterationCount = IterationCount }));

    public static string Generate()
    {
        Span<char> chars = stackalloc char[Length];
        chars[0] = Pick(Upper);
        chars[1] = Pick(Lower);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Symbols);
        for (var i = 4; i < Length; i++) chars[i] = Pick(All);
        // Fisher–Yates, so the guaranteed classes do not always stand first.
        for (var i = Length - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (chars[i], chars[j]) = (chars[j], chars[i]);
        }
        return new string(chars);
    }

    public static string Hash(QualisUser user, string password) => Hasher.HashPassword(user, password);

    /// <summary>Whether a character can appear in a one-time password (for tests and the letter's font choice).</summary>
    public static bool IsInAlphabet(char c) => All.Contains(c);

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
