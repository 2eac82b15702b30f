using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Qualis.Platform.Accounts;

public static class QualisClaims
{
    public const string RegionCode = "qualis:region";
    public const string RegionPath = "qualis:region_path";
    public const string DisplayName = "qualis:display_name";
    public const string EnterpriseCode = "qualis:enterprise";
    /// <summary>Present while the account must change its password (<see cref="QualisUser.MustChangePassword"/>).</summary>
    public const string MustChangePassword = "qualis:must_change_password";
    /// <summary>Present while an administrator must still set up the second factor (<see cref="AdminTwoFactor"/>).</summary>
    public const string MustEnrolTwoFactor = "qualis:must_enrol_two_factor";

    public static string? Get(this ClaimsPrincipal p, string type) => p.FindFirst(type)?.Value;
}

/// <summary>Issues the role and region of the account as claims, so access checks need no database round trip.</summary>
internal sealed class QualisClaimsFactory(UserManager<QualisUser> users, IOptions<IdentityOptions> options, SecuritySettings security)
    : UserClaimsPrincipalFactory<QualisUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(QualisUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        id.AddClaim(new Claim(QualisClaims.RegionCode, user.RegionCode));
        id.AddClaim(new Claim(QualisClaims.RegionPath, user.RegionPath));
        id.AddClaim(new Claim(QualisClaims.DisplayName, user.DisplayName));
        if (user.EnterpriseCode is not null) id.AddClaim(new Claim(QualisClaims.EnterpriseCode, user.EnterpriseCode));
        if (user.MustChangePassword) id.AddClaim(new Claim(QualisClaims.MustChangePassword, "true"));
        if (security.TwoFactorRequired(user) && !user.TwoFactorEnabled) id.AddClaim(new Claim(QualisClaims.MustEnrolTwoFactor, "true"));
        return id;
    }
}
