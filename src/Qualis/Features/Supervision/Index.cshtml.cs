using Qualis.Features.Registry;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision;

/// <summary>
/// The supervision overview (总览): the caller's checks by status, every late step with what is late and since when
/// (the officials' overdue board, 逾期事项), and what is waiting for this caller: an agency's samples to test, an
/// enterprise's own checks and open objection windows, an inspector's checks to sample.
/// </summary>
[Authorize(Policy = SupervisionModule.PartiesPolicy)]
public sealed class DashboardModel(QualisDb db, SpotCheckWorkflow workflow) : PageModel
{
    /// <summary>Enough for a board; the list's overdue filter shows them all.</summary>
    public const int BoardSize = 50;
    private const int OverdueScan = 1000;

    public sealed record LateItem(SpotCheck Check, OverdueStep Step);

    public CheckParty Party { get; private set; } = null!;
    public DateOnly Today => workflow.Today;
    public Dictionary<SpotCheckStatus, int> Counts { get; private set; } = [];
    public int OverdueChecks { get; private set; }
    public List<LateItem> Late { get; private set; } = [];
    public List<SpotCheck> AwaitingResults { get; private set; } = [];
    public List<SpotCheck> AwaitingRetests { get; private set; } = [];
    public List<SpotCheck> OwnChecks { get; private set; } = [];
    public List<SpotCheck> OpenObjections { get; private set; } = [];
    public List<SpotCheck> ToSample { get; private set; } = [];
    public int ToSampleTotal { get; private set; }
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public Dictionary<string, string> CategoryNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Party = await CheckParty.OfAsync(User, db, ct);
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        RegionNames = await ListModel.RegionNamesAsync(db, english, ct);
        CategoryNames = (await RegistryFace.ProductCategoriesAsync(db, ct)).ToDictionary(c => c.Code, c => c.Name);
        var checks = Party.Visible(db.Set<SpotCheck>()).AsNoTracking();
        var today = Today;

        Counts = (await checks.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => x.Count);

        if (Party.SeesArea)
        {
            var late = checks.Where(OverdueSteps.Any(today));
            OverdueChecks = await late.CountAsync(ct);
            // Oldest first: the step late the longest heads the board.
            Late = (await CheckFilter.Rows(late.OrderBy(c => c.Id)).Take(OverdueScan).ToListAsync(ct))
                .SelectMany(c => OverdueSteps.Of(c, today).Select(s => new LateItem(c, s)))
                .OrderBy(i => i.Step.Due).ThenBy(i => i.Check.EnterpriseName, StringComparer.Ordinal).Take(BoardSize).ToList();
        }
        if (Party.IsAgency)
        {
            AwaitingResults = await CheckFilter.Rows(checks.Where(c => c.Status == SpotCheckStatus.Sampled).OrderBy(c => c.SampledOn).ThenBy(c => c.Id)).Take(BoardSize).ToListAsync(ct);
            AwaitingRetests = await CheckFilter.Rows(checks.Where(c => c.Status == SpotCheckStatus.Tested && c.Decision == ObjectionDecision.RetestGranted && c.RetestResult == null)
                .OrderBy(c => c.Id)).Take(BoardSize).ToListAsync(ct);
        }
        if (Party.IsEnterprise)
        {
            OwnChecks = await CheckFilter.Rows(checks.OrderByDescending(c => c.Id)).Take(BoardSize).ToListAsync(ct);
            // An objection window is open while the result stands unobjected and its deadline (once known) has not passed.
            OpenObjections = OwnChecks.Where(c => SpotCheckRules.WhyNot(CheckStep.Object, c, Party, today) is null).ToList();
        }
        if (Party.IsInspector)
        {
            var toSample = checks.Where(c => c.Status == SpotCheckStatus.ToSample);
            ToSampleTotal = await toSample.CountAsync(ct);
            ToSample = await CheckFilter.Rows(toSample.OrderBy(c => c.EnterpriseName).ThenBy(c => c.Id)).Take(BoardSize).ToListAsync(ct);
        }
    }
}
