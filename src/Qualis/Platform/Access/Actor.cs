namespace Qualis.Platform.Access;

/// <summary>
/// Who is acting in the current scope (request or command) and which part of the region tree
/// (行政区划) they may see. A null <see cref="RegionPath"/> means unrestricted: command-line tools,
/// start-up seeding and anonymous requests (which only ever reach public pages).
/// </summary>
public sealed class Actor
{
    public string? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string Source { get; private set; } = "system";
    public string? Ip { get; private set; }
    public string? RegionPath { get; private set; }
    /// <summary>For enterprise users (企业用户): the credit code of the one enterprise they act for.</summary>
    public string? EnterpriseCode { get; private set; }

    public bool IsRestricted => RegionPath is not null;

    public void Set(string? userId, string? userName, string source, string? ip, string? regionPath, string? enterpriseCode = null)
    {
        UserId = userId;
        UserName = userName;
        Source = source;
        Ip = ip;
        RegionPath = regionPath;
        EnterpriseCode = enterpriseCode;
    }

    /// <summary>
    /// From here on the scope acts as the public does (no account, no area), keeping its address and source: for a public
    /// form that a signed-in user may fill in too, such as an objection during an award's 公示, which anyone may file
    /// whatever their own area. The caller writes only what the public form writes after this.
    /// </summary>
    public void ActAsPublic() => Set(null, null, Source, Ip, null);

    /// <summary>
    /// From here on the scope acts in the area of a record the person was drawn to work on, keeping who they are: an
    /// expert of one city drawn for an applicant of another writes their own review there (<see cref="AreaReason.OwnAssignment"/>).
    /// The caller has checked that the assignment is the person's and writes only it after this.
    /// </summary>
    public void ActOnOwnAssignment(string regionPath) => Set(UserId, UserName, Source, Ip, regionPath, EnterpriseCode);

    public bool CanReach(string? path) => RegionPath is null || (path is not null && path.StartsWith(RegionPath, StringComparison.Ordinal));
}

/// <summary>Thrown when a write touches a record outside the actor's region subtree.</summary>
public sealed class RegionAccessDeniedException(string message) : Exception(message);

/// <summary>Records that belong to a region: officials see and change them only inside their own subtree.</summary>
public interface IRegionScoped
{
    /// <summary>Materialised path of region codes, e.g. "/340000/340100/340102/".</summary>
    string RegionPath { get; }
}

/// <summary>
/// A region's subtree as a range of materialised paths: from the path itself up to the path followed by U+007F.
/// Paths are ASCII digits and slashes compared bytewise, so the range holds exactly the paths that start with it,
/// and unlike LIKE 'path%' it is served by an index on both databases.
/// </summary>
public static class RegionRange
{
    public const string End = "\u007f";

    public static System.Linq.Expressions.Expression<Func<T, bool>> Within<T>(string path) where T : IRegionScoped
    {
        var end = path + End;
        return e => string.Compare(e.RegionPath, path) >= 0 && string.Compare(e.RegionPath, end) < 0;
    }
}
