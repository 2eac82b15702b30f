namespace Qualis.Platform.Access;

/// <summary>
/// Why a query may read past the reader's area (辖区). Each value names one kind of access decision the code takes; a
/// new kind of decision gets a new value here, where it can be reviewed, not a bare <c>IgnoreQueryFilters()</c>.
/// </summary>
public enum AreaReason
{
    /// <summary>Published draws and spot-check results (公示): anyone may read them, whatever their area.</summary>
    PublicRecord,

    /// <summary>
    /// A reference record named beside a record the reader may see or write: a region's or park's name, or a park
    /// found by the name an import row gives. Only names and ids are read this way.
    /// </summary>
    ReferenceLookup,

    /// <summary>A key unique across all areas (a credit code): a duplicate in another area is reported, not stored twice.</summary>
    UniquenessCheck,

    /// <summary>Authenticating a caller (an API key, a session cookie checked against its account) before its area is known.</summary>
    SignIn,

    /// <summary>Background work on a job a user started (an import), and recovery of interrupted jobs at start-up.</summary>
    SystemJob,

    /// <summary>Start-up loading of the built-in catalogues and the demo data, into an empty database.</summary>
    Seeding,

    /// <summary>Walking the whole audit chain (审计日志) to prove that no entry was changed, removed or moved.</summary>
    AuditVerification,

    /// <summary>
    /// A draw (双随机抽取) is one public act whose outcome the published files and seed fix: running, annulling,
    /// reproducing or publishing it reads every enterprise, inspector, target and check it involves.
    /// </summary>
    WholeDraw,

    /// <summary>The rule that spares enterprises inspected recently counts the draws of every area.</summary>
    RecentInspections,

    /// <summary>
    /// The region a child row (a spot check's failed item) inherits from its parent, read to file the child's audit
    /// entry and to refuse the write when the parent lies outside the writer's area.
    /// </summary>
    InheritedRegion,

    /// <summary>
    /// The testing agencies (检验检测机构) and experts (专家库) of the areas above the reader's serve it too: a city's samples often
    /// go to the provincial institute, and the provincial expert pool sits on its cities' consultations and clinics.
    /// </summary>
    AreasAbove,

    /// <summary>
    /// A claim to an enterprise's account (企业账户认领) made on the public site finds the enterprise, its accounts and its
    /// pending claim by the credit code, whoever happens to be signed in in that browser.
    /// </summary>
    AccountClaim,

    /// <summary>
    /// An action plan (质量提升行动方案) issued by an office above the reader's: the city works under the province's plan,
    /// acknowledges it, reports on its targets and inherits its share, so it reads that plan once issued (never a draft).
    /// </summary>
    IssuedPlanAbove,

    /// <summary>
    /// The assessment scheme (考核方案) of an area above the reader's, which assesses the reader's area: its scoring
    /// sheet, calendar, veto rules and, once published, the results (通报) sent to every area it assesses.
    /// </summary>
    AssessingArea,

    /// <summary>
    /// A sampling plan (双随机抽查计划) of an office above the reader's that covers the reader's area, with its batches and
    /// their draws: a county reads the city's plan under which its enterprises are checked, read-only.
    /// </summary>
    CoveringPlanAbove,

    /// <summary>
    /// A person drawn to work on a record of another area reads that record for their own assignment: an expert of
    /// Wuhu's directory drawn for a Hefei applicant of the provincial award reads the application and its evidence,
    /// found only through the assignment rows of the experts linked to their account.
    /// </summary>
    OwnAssignment,
}

public static class AreaFilterExtensions
{
    /// <summary>
    /// The one door past the area filter: reads every area's records, for the reason given. The reason tags the SQL
    /// (it shows in the database's and EF's logs). <c>IgnoreQueryFilters</c> is banned everywhere else (BannedSymbols.txt).
    /// </summary>
    public static IQueryable<T> OutsideArea<T>(this IQueryable<T> query, AreaReason reason) where T : class
    {
        if (!Enum.IsDefined(reason)) throw new ArgumentOutOfRangeException(nameof(reason), reason, "Name a reason AreaReason defines.");
#pragma warning disable RS0030 // the single permitted use: every other caller comes through here with a reason
        return query.IgnoreQueryFilters().TagWith(Tags[(int)reason]);
#pragma warning restore RS0030
    }

    private static readonly string[] Tags = Enum.GetNames<AreaReason>().Select(n => "outside area: " + n).ToArray();
}
