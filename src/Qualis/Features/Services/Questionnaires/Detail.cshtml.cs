using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry;
using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Services.Questionnaires;

/// <summary>
/// One questionnaire (调查问卷): its questions by area, and the firms of the caller's area it went to, with whether and how
/// they answered, paged and exported through the shared list mechanism. Adding questions and sending it are on
/// <see cref="ManageModel"/>'s page.
/// </summary>
[Authorize(Policy = ServicesModule.ReadersPolicy)]
public sealed class DetailModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel, IListExport
{
    private const int PageSize = 50;
    private static readonly ListSort<QuestionnaireRecipient>[] Sorts =
    [
        ListSort<QuestionnaireRecipient>.By("name", r => r.EnterpriseNameSort).ThenBy(r => r.Id),
        ListSort<QuestionnaireRecipient>.By("answered", r => r.AnsweredAt, descending: true).ThenBy(r => r.Id),
    ];

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>"yes" for the firms that answered, "no" for those that have not.</summary>
    [BindProperty(SupportsGet = true)] public string? Answered { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public Questionnaire Questionnaire { get; private set; } = null!;
    public List<QuestionnaireQuestion> Questions { get; private set; } = [];
    public List<QuestionnaireRecipient> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public bool CanDesign { get; private set; }
    public bool CanSend { get; private set; }
    public bool CanEdit { get; private set; }
    public bool AnyAnswer { get; private set; }
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await db.Set<Questionnaire>().AsNoTracking().FirstOrDefaultAsync(q => q.Id == Id, ct) is not { } questionnaire) return NotFound();
        Questionnaire = questionnaire;
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        Questions = await db.Set<QuestionnaireQuestion>().AsNoTracking().Where(x => x.QuestionnaireId == Id).OrderBy(x => x.Number).ToListAsync(ct);
        var page = await (await FilteredAsync(ct)).PageAsync(ListRequest.From(Request, PageSize), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        var codes = Rows.Select(r => r.RegionCode).Distinct().ToList();
        RegionNames = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => codes.Contains(r.Code)).ToListAsync(ct))
            .ToDictionary(r => r.Code, r => r.DisplayName(english));
        AnyAnswer = await db.Set<QuestionnaireAnswer>().AnyAsync(a => a.QuestionnaireId == Id, ct);
        CanDesign = (await authorization.AuthorizeAsync(User, ServicesModule.DesignersPolicy)).Succeeded;
        CanSend = (await authorization.AuthorizeAsync(User, ServicesModule.SendersPolicy)).Succeeded;
        CanEdit = (await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded;
        return Page();
    }

    /// <summary>Every matching firm in the list's order.</summary>
    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var regions = await RegionCatalog.AllNamesAsync(db, english, ct);
        var matching = await FilteredAsync(ct);
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(r => new object?[]
        {
            r.EnterpriseName, r.CreditCode, regions.GetValueOrDefault(r.RegionCode, r.RegionCode), clock.Format(r.SentAt),
            r.AnsweredAt is { } at ? clock.Format(at) : null, r.AnsweredVia is { } via ? l[via.TextKey()].Value : null,
        });
        string[] headers = ["services.enterprise", "services.credit_code", "services.region", "services.sent_at", "services.answered_at", "services.channel"];
        return new ExportTable(english ? "questionnaire-recipients" : "问卷调查对象", headers.Select(h => l[h].Value).ToList(), rows) { Count = ExportTable.CountOf(matching) };
    }

    private async Task<IQueryable<QuestionnaireRecipient>> FilteredAsync(CancellationToken ct)
    {
        var q = db.Set<QuestionnaireRecipient>().AsNoTracking().Where(r => r.QuestionnaireId == Id);
        if (Answered == "yes") q = q.Where(r => r.AnsweredAt != null);
        else if (Answered == "no") q = q.Where(r => r.AnsweredAt == null);
        if (Q?.Trim() is { Length: > 0 } text)
        {
            var code = text.ToUpperInvariant();
            q = q.Where(r => r.EnterpriseName.Contains(text) || r.CreditCode == code);
        }
        if (Region is { Length: > 0 } region)
        {
            var path = await db.Set<Region>().AsNoTracking().Where(r => r.Code == region).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
            q = path is null ? q.Where(_ => false) : q.Where(RegionRange.Within<QuestionnaireRecipient>(path));
        }
        return q;
    }
}
