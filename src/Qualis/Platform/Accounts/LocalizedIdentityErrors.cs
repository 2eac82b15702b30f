using Microsoft.AspNetCore.Identity;

namespace Qualis.Platform.Accounts;

/// <summary>Identity's messages (password rules, duplicate names) in the user's language.</summary>
internal sealed class LocalizedIdentityErrors(IStringLocalizer l) : IdentityErrorDescriber
{
    private IdentityError E(string code, string key, params object[] args) => new() { Code = code, Description = l[key, args] };
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), "identity.password_too_short", length);
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "identity.password_digit");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "identity.password_lower");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "identity.password_upper");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "identity.password_symbol");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "identity.password_mismatch");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), "identity.password_unique_chars", uniqueChars);
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), "identity.duplicate_user", userName);
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), "identity.invalid_user", userName ?? "");
}
