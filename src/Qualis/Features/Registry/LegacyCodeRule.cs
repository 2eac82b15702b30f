using System.Text.RegularExpressions;
using Qualis.Platform.Accounts;

namespace Qualis.Features.Registry;

/// <summary>
/// Who may store a credit code that fails only its check characters (历史代码), and which codes can be such: codes
/// issued in the pilot years before GB 32100-2015 was settled, recognised by the patterns configured under
/// <c>Registry:LegacyCodes</c> (by default the early Fujian codes, e.g. 厦门 91350211M00013FA1N). Any other code that
/// fails its check is a typing error and is refused, whoever asks and whatever the reason.
/// </summary>
public sealed class LegacyCodeRule
{
    public const string Section = "Registry:LegacyCodes";

    /// <summary>Roles that may accept such a code (default: the provincial officer, 省局).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [Platform.Accounts.Roles.ProvincialOfficer];
    /// <summary>Regular expressions over the 18 normalised characters; one must match the whole code.</summary>
    public IReadOnlyList<string> Patterns { get; init; } = [@"^[1-9ANY][0-9A-Y]35\d{4}[0-9A-Z]{10}$"];
    /// <summary>The fewest characters a reason may have.</summary>
    public int MinReasonLength { get; init; } = 10;

    private Regex[]? _compiled;

    public static LegacyCodeRule From(IConfiguration config)
    {
        var section = config.GetSection(Section);
        var defaults = new LegacyCodeRule();
        var roles = section.GetSection(nameof(Roles)).Get<string[]>();
        var patterns = section.GetSection(nameof(Patterns)).Get<string[]>();
        var min = section.GetValue<int?>(nameof(MinReasonLength));
        var rule = new LegacyCodeRule
        {
            Roles = roles is { Length: > 0 } ? roles : defaults.Roles,
            Patterns = patterns is { Length: > 0 } ? patterns : defaults.Patterns,
            MinReasonLength = min ?? defaults.MinReasonLength,
        };
        foreach (var role in rule.Roles)
            if (!Platform.Accounts.Roles.All.Contains(role))
                throw new InvalidOperationException($"{Section}:Roles names '{role}', which is not a role ({string.Join(", ", Platform.Accounts.Roles.All)}).");
        if (rule.MinReasonLength < 1) throw new InvalidOperationException($"{Section}:MinReasonLength must be at least 1.");
        foreach (var p in rule.Patterns)
        {
            try { _ = new Regex(p); }
            catch (ArgumentException e) { throw new InvalidOperationException($"{Section}:Patterns holds '{p}', which is not a regular expression: {e.Message}"); }
        }
        return rule;
    }

    /// <summary>True when the role may accept a legacy code; null (a command-line tool, start-up seeding) may.</summary>
    public bool MayAccept(string? role) => role is null || Roles.Contains(role);

    /// <summary>True when the code has the form of a pilot-era code.</summary>
    public bool IsPilotEra(string code) =>
        (_compiled ??= Patterns.Select(p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))).ToArray()).Any(r => r.IsMatch(code));

    /// <summary>The role of the account acting on <paramref name="db"/> (its own account lies in its area), or null when no account acts.</summary>
    public static async Task<string?> RoleOfActorAsync(QualisDb db, CancellationToken ct) =>
        db.Actor.UserId is not { } id ? null
            : await db.Set<QualisUser>().Where(u => u.Id == id).Select(u => u.Role).SingleOrDefaultAsync(ct) ?? "";
}
