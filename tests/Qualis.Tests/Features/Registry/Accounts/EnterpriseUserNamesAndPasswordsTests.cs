using Microsoft.AspNetCore.Identity;
using Qualis.Features.Registry.Accounts;
using Qualis.Platform.Accounts;

namespace Qualis.Tests.Features.Registry.Accounts;

/// <summary>User names derived from the credit code, and the one-time passwords printed on the letters.</summary>
public sealed class EnterpriseUserNamesAndPasswordsTests
{
    [Fact]
    public void The_user_name_is_the_credit_code_upper_cased()
    {
        EnterpriseUserNames.Derive(" 91340102743081729f ", _ => false).ShouldBe("91340102743081729F");
    }

    [Fact]
    public void A_taken_name_gets_the_next_free_number()
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "91340102743081729F", "91340102743081729F-2" };
        EnterpriseUserNames.Derive("91340102743081729F", taken.Contains).ShouldBe("91340102743081729F-3");
        EnterpriseUserNames.Derive("91340100MA2N0XKQ4B", taken.Contains).ShouldBe("91340100MA2N0XKQ4B");
    }

    [Fact]
    public void A_one_time_password_meets_the_account_rules_and_reads_without_ambiguity()
    {
        var passwords = Enumerable.Range(0, 2000).Select(_ => OneTimePasswords.Generate()).ToList();
        passwords.Distinct().Count().ShouldBe(passwords.Count);
        foreach (var p in passwords)
        {
            p.Length.ShouldBe(OneTimePasswords.Length);
            p.ShouldContain(c => char.IsAsciiLetterUpper(c));
            p.ShouldContain(c => char.IsAsciiLetterLower(c));
            p.ShouldContain(c => char.IsAsciiDigit(c));
            p.ShouldContain(c => !char.IsAsciiLetterOrDigit(c));
            p.ShouldAllBe(c => OneTimePasswords.IsInAlphabet(c));
            p.IndexOfAny(['0', 'O', '1', 'l', 'I']).ShouldBe(-1);
        }
        // The guaranteed classes do not always stand in the same places.
        passwords.Select(p => char.IsAsciiLetterUpper(p[0])).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void A_one_time_password_hash_is_accepted_by_the_sign_in_hasher_which_asks_to_rehash_it()
    {
        var user = new QualisUser { UserName = "x" };
        var password = OneTimePasswords.Generate();
        var hash = OneTimePasswords.Hash(user, password);
        var signIn = new PasswordHasher<QualisUser>();
        signIn.VerifyHashedPassword(user, hash, password).ShouldBe(PasswordVerificationResult.SuccessRehashNeeded);
        signIn.VerifyHashedPassword(user, hash, password + "x").ShouldBe(PasswordVerificationResult.Failed);
        hash.ShouldNotContain(password);
    }
}
