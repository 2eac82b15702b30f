namespace Qualis.Features.Registry.Accounts;

/// <summary>
/// The user name of an enterprise's own account: its unified social credit code, which the firm knows and which is
/// printed on its licence; when that name is already taken by another account, the code with "-2", "-3", ….
/// </summary>
public static class EnterpriseUserNames
{
    /// <param name="creditCode">The enterprise's credit code as stored (18 characters).</param>
    /// <param name="isTaken">Whether a name is taken, compared as Identity does (upper-cased).</param>
    public static string Derive(string creditCode, Func<string, bool> isTaken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(creditCode);
        var name = creditCode.Trim().ToUpperInvariant();
        if (!isTaken(name)) return name;
        for (var n = 2; ; n++)
        {
            var candidate = $"{name}-{n}";
            if (!isTaken(candidate)) return candidate;
        }
    }
}
