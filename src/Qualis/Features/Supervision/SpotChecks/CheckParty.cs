using System.Security.Claims;
using Qualis.Features.Registry;
using Qualis.Platform.Accounts;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>The part a signed-in user plays in spot checks (抽查当事方).</summary>
public enum PartyKind
{
    /// <summary>Not a party: sees no check.</summary>
    None,
    /// <summary>监管部门: province, city and county officers (and administrators), within their area.</summary>
    Official,
    /// <summary>执法检查人员: samples, records follow-up checks, within their area.</summary>
    Inspector,
    /// <summary>检验检测机构: sees and tests only the samples assigned to it.</summary>
    Agency,
    /// <summary>企业用户: sees only its own enterprise's checks; may object to a result.</summary>
    Enterprise,
}

/// <summary>
/// Who is acting on spot checks, and which checks they may see. The area filter of <see cref="QualisDb"/> already
/// keeps everyone inside their region subtree; a party narrows that further: an agency to the samples assigned to it
/// (matched by the agency's name, which an agency account carries as its Organisation), an enterprise user to its
/// own enterprise.
/// </summary>
public sealed record CheckParty(PartyKind Kind, string? UserName, string? AgencyName = null, string? EnterpriseCode = null)
{
    public bool IsOfficial => Kind == PartyKind.Official;
    public bool IsInspector => Kind == PartyKind.Inspector;
    public bool IsAgency => Kind == PartyKind.Agency;
    public bool IsEnterprise => Kind == PartyKind.Enterprise;

    /// <summary>Officials and inspectors see their whole area and its history; agencies and enterprises only their own part.</summary>
    public bool SeesArea => IsOfficial || IsInspector;

    /// <summary>An official's office, as the region path it answers for: the office that organised a draw runs its teams.</summary>
    public string? OfficePath { get; init; }

    /// <summary>An inspector's entry in the directory (执法检查人员名录库), matched by the account's certificate number (执法证号).</summary>
    public Guid? InspectorId { get; init; }

    public static async Task<CheckParty> OfAsync(ClaimsPrincipal user, QualisDb db, CancellationToken ct = default)
    {
        var name = user.Identity?.Name;
        if (Roles.Officials.Split(',').Any(user.IsInRole)) return new(PartyKind.Official, name) { OfficePath = db.Actor.RegionPath };
        if (user.IsInRole(Roles.Inspector))
        {
            var certificate = await db.Users.AsNoTracking().Where(u => u.Id == db.Actor.UserId).Select(u => u.CertificateNumber).SingleOrDefaultAsync(ct);
            return new(PartyKind.Inspector, name) { InspectorId = await RegistryFace.InspectorByCertificateAsync(db, certificate, ct) };
        }
        if (user.IsInRole(Roles.EnterpriseUser))
            return new(PartyKind.Enterprise, name, EnterpriseCode: db.Actor.EnterpriseCode is { Length: > 0 } code ? code : null);
        if (user.IsInRole(Roles.TestingAgency))
        {
            // The organisation is not a claim; the account's own row is inside its own area, so the filter lets it through.
            var organisation = await db.Users.AsNoTracking().Where(u => u.Id == db.Actor.UserId).Select(u => u.Organisation).SingleOrDefaultAsync(ct);
            return new(PartyKind.Agency, name, AgencyName: string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim());
        }
        return new(PartyKind.None, name);
    }

    /// <summary>The checks this party may see, on top of the area filter.</summary>
    public IQueryable<SpotCheck> Visible(IQueryable<SpotCheck> checks) => Kind switch
    {
        PartyKind.Official or PartyKind.Inspector => checks,
        PartyKind.Agency when AgencyName is not null => checks.Where(c => c.AgencyName == AgencyName),
        PartyKind.Enterprise when EnterpriseCode is not null => checks.Where(c => c.CreditCode == EnterpriseCode),
        _ => checks.Where(c => false),
    };

    /// <summary>The same rule for a check already in memory.</summary>
    public bool CanSee(SpotCheck c) => Kind switch
    {
        PartyKind.Official or PartyKind.Inspector => true,
        PartyKind.Agency => AgencyName is not null && c.AgencyName == AgencyName,
        PartyKind.Enterprise => EnterpriseCode is not null && c.CreditCode == EnterpriseCode,
        _ => false,
    };
}
