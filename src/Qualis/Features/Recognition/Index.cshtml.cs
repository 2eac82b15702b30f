using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Web;

namespace Qualis.Features.Recognition;

/// <summary>
/// The recognition register of the caller's area (认定名录): filtered by programme or family, year, region (its subtree),
/// status, holder name or credit code, and the indicators' drill-downs (new in the year by a date, in force on a date),
/// paged and exported through the shared list mechanism.
/// </summary>
[Authorize(Policy = RecognitionModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l) : PageModel, IListExport
{
    private const int PageSize = 50;
    /// <summary>Newest year first, then the holder's name in pinyin order; or by the end of validity.</summary>
    private static readonly ListSort<Recognition>[] Sorts =
    [
        ListSort<Recognition>.By("year", r => r.Year, descending: true).ThenBy(r => r.HolderNameSort).ThenBy(r => r.Id),
        ListSort<Recognition>.By("validto", r => r.ValidTo).ThenBy(r => r.Id),
    ];

    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public ProgrammeFamily? Family { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public RecognitionStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>New in the year by the end of this China date (the <c>.new</c> indicators' drill-down).</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? NewBy { get; set; }
    /// <summary>In force at the end of this China date (the <c>.total</c> indicators' drill-down).</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? InForce { get; set; }

    public List<Recognition> Rows { get; private set; } = [];
    public Dictionary<string, string> RegionNames { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public List<RecognitionProgramme> Programmes { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public bool CanRegister { get; private set; }
    public bool English { get; private set; }
    public string ProgrammeName(string code) => Programmes.FirstOrDefault(p => p.Code == code)?.Name(English) ?? code;

    public async Task OnGetAsync(CancellationToken ct)
    {
        English = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var filtered = await FilteredAsync(ct);
        var page = await filtered.PageAsync(ListRequest.From(Request, PageSize), Sorts, o => o, ct: ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        Regions = await RegionCatalog.ChoicesAsync(db, English);
        Programmes = await db.Set<RecognitionProgramme>().AsNoTracking().OrderBy(p => p.Order).ToListAsync(ct);
        var codes = Rows.Select(r => r.RegionCode).Distinct().ToList();
        RegionNames = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => codes.Contains(r.Code)).ToListAsync(ct))
            .ToDictionary(r => r.Code, r => r.DisplayName(English));
        CanRegister = (await authorization.AuthorizeAsync(User, RecognitionModule.EditorsPolicy)).Succeeded;
    }

    /// <summary>Every matching recognition in the list's order.</summary>
    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var regions = await RegionCatalog.AllNamesAsync(db, english, ct);
        var programmes = await db.Set<RecognitionProgramme>().AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name(english), ct);
        var matching = await FilteredAsync(ct);
        var rows = matching.Ordered(null, Sorts).AsAsyncEnumerable().Select(r => new object?[]
        {
            programmes.GetValueOrDefault(r.ProgrammeCode, r.ProgrammeCode), l[r.Level.TextKey()].Value, r.Year, l[r.HolderKind.TextKey()].Value,
            r.HolderName, r.CreditCode, regions.GetValueOrDefault(r.RegionCode, r.RegionCode), l[r.Status.TextKey()].Value,
            r.GrantedOn, r.ValidFrom, r.ValidTo, r.DocumentNumber, r.EndedOn, r.RevocationReason,
            // The programmes' own fields: a brand's product or a standard, a CQO's position, hours and certificate, a pairing's firm, a zone's creation.
            r.Product, r.Position, r.TrainingHours, r.CertificateNumber, r.PartnerName, r.CreationFrom, r.CreationTo, r.Assessment,
        });
        string[] headers =
        [
            "recognition.programme", "recognition.level", "recognition.year", "recognition.holder_kind", "recognition.holder_name",
            "recognition.credit_code", "recognition.region", "recognition.status", "recognition.granted_on", "recognition.valid_from",
            "recognition.valid_to", "recognition.document_number", "recognition.ended_on", "recognition.revocation_reason",
            "recognition.product", "recognition.position", "recognition.training_hours", "recognition.certificate_number", "recognition.partner",
            "recognition.creation_from", "recognition.creation_to", "recognition.assessment",
        ];
        return new ExportTable(english ? "recognitions" : "认定名录", headers.Select(h => l[h].Value).ToList(), rows) { Count = ExportTable.CountOf(matching) };
    }

    /// <summary>The recognitions the filters select, within the caller's area (the query filter).</summary>
    private async Task<IQueryable<Recognition>> FilteredAsync(CancellationToken ct)
    {
        var q = db.Set<Recognition>().AsNoTracking();
        if (Programme is { Length: > 0 } programme) q = q.Where(r => r.ProgrammeCode == programme);
        if (Family is { } family) q = q.Where(r => r.Family == family);
        if (Year is { } year) q = q.Where(r => r.Year == year);
        if (Status is { } status) q = q.Where(r => r.Status == status);
        if (Q?.Trim() is { Length: > 0 } text)
        {
            var code = text.ToUpperInvariant();
            q = q.Where(r => r.HolderName.Contains(text) || r.CreditCode == code || r.DocumentNumber == text);
        }
        if (Region is { Length: > 0 } region)
        {
            // Looked up through the area filter: a region outside the caller's area selects nothing.
            var path = await db.Set<Region>().AsNoTracking().Where(r => r.Code == region).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
            q = path is null ? q.Where(_ => false) : q.Where(RegionRange.Within<Recognition>(path));
        }
        if (NewBy is { } newBy) q = RecognitionCounts.NewBy(q, Year ?? newBy.Year, newBy);
        if (InForce is { } inForce) q = RecognitionCounts.InForceOn(q, inForce);
        return q;
    }
}
