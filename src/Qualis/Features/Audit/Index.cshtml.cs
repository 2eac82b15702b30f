using System.Runtime.CompilerServices;
using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Audit;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Audit;

/// <summary>
/// The audit trail (审计日志) of the official's area, filtered by record type, person, date range (display-zone dates)
/// and region, paged, and exported as CSV or XLSX (?handler=Export&amp;format=xlsx with the same filters).
/// </summary>
[Authorize(Policy = Policies.AuditAdministrators)]
public sealed class IndexModel(QualisDb db, AuditDescriber describer, PeopleClock clock, IStringLocalizer l, IAuthorizationService authorization) : PageModel, IListExport
{
    private const int PageSize = 50;
    private const int ExportChunk = 500;
    /// <summary>The trail grows without end: beyond this the total reads "more than", the exact count a click away.</summary>
    private const int CountCap = 1_000;
    private static readonly ListSort<AuditEntry>[] Sorts = [ListSort<AuditEntry>.By("-time", e => e.Sequence, descending: true)];

    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserFilter { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public List<(string Type, string Name)> Types { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public List<AuditRow> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;

    /// <summary>The audit administrator may seal the chain's head now (审计封签); the last seal is shown to them.</summary>
    public bool MaySeal { get; private set; }
    public AuditSeal? LastSeal { get; private set; }

    /// <summary>The export of what the filters select: the same query string, without the page.</summary>
    public string ExportLink => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Request.Path,
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(kv => kv.Key is not (Paging.QueryName or "handler" or "format"))
            .Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value.ToString()))
            .Append(KeyValuePair.Create("handler", (string?)"Export")).Append(KeyValuePair.Create("format", (string?)"xlsx")));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Types = (await db.AuditEntries.Select(e => e.EntityType).Distinct().ToListAsync(ct))
            .Select(t => (t, describer.TypeName(t))).OrderBy(t => t.Item2, StringComparer.Create(CultureInfo.CurrentUICulture, false)).ToList();
        Regions = await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(CultureInfo.CurrentUICulture));
        var page = await (await QueryAsync(ct)).PageAsync(ListRequest.From(Request, PageSize), Sorts, AuditHistory.Rows, CountCap, ct);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        MaySeal = (await authorization.AuthorizeAsync(User, Policies.AuditAdministrators)).Succeeded;
        if (MaySeal) LastSeal = await db.Set<AuditSeal>().AsNoTracking().OrderByDescending(s => s.Sequence).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Seals the chain's head now. A double click makes one seal (the unique sequence): the second click is told the
    /// head is sealed already, by that seal.
    /// </summary>
    public async Task<IActionResult> OnPostSealAsync([FromServices] AuditSealer sealer, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.AuditAdministrators)).Succeeded) return Forbid();
        var result = await sealer.SealAsync(ct);
        TempData[AlreadyDone.NoticeKey] = result.Outcome switch
        {
            SealOutcome.Sealed => l["audit.seal.done", result.Seal!.Sequence, clock.Format(result.Seal.SealedAt)].Value,
            SealOutcome.AlreadySealed => l["audit.seal.already", result.Seal!.Sequence, clock.Format(result.Seal.SealedAt)].Value,
            SealOutcome.Empty => l["audit.seal.empty"].Value,
            SealOutcome.Off => l["audit.seal.off"].Value,
            _ => l["audit.seal.refused", result.Problem ?? ""].Value,
        };
        return RedirectToPage();
    }

    /// <summary>Every matching entry, newest first, as people read them on the page.</summary>
    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var q = await QueryAsync(ct);
        string[] headers = ["audit.at", "audit.who", "audit.office", "audit.source", "audit.ip", "audit.action", "audit.record_type", "audit.record", "audit.changes"];
        return new ExportTable(l["audit.export_name"], headers.Select(h => l[h].Value).ToList(), ExportRows(q, ct)) { Count = ExportTable.CountOf(q) };
    }

    private async IAsyncEnumerable<object?[]> ExportRows(IQueryable<AuditEntry> q, [EnumeratorCancellation] CancellationToken ct)
    {
        long? before = null;
        while (true)
        {
            var window = before is { } b ? q.Where(e => e.Sequence < b) : q;
            var rows = await AuditHistory.Rows(window.OrderByDescending(e => e.Sequence).Take(ExportChunk)).ToListAsync(ct);
            if (rows.Count == 0) yield break;
            foreach (var line in await describer.DescribeAsync(rows, ct))
                yield return
                [
                    line.When, line.Who.Name, line.Who.Office, line.Source, line.Address ?? line.AddressTitle, line.Action, line.TypeName, line.Record.Text,
                    string.Join("；", line.Changes.Select(c => line.IsUpdate
                        ? l["audit.label", c.Label] + $"{c.Before?.Text ?? "—"} → {c.After?.Text ?? "—"}"
                        : l["audit.label", c.Label] + (c.After ?? c.Before)?.Text)),
                ];
            before = rows[^1].Sequence;
        }
    }

    private async Task<IQueryable<AuditEntry>> QueryAsync(CancellationToken ct)
    {
        var q = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrEmpty(Type)) q = q.Where(e => e.EntityType == Type);
        if (!string.IsNullOrWhiteSpace(UserFilter))
        {
            // A person by display name or sign-in name: names are read beside entries the reader may see.
            var text = UserFilter.Trim();
            var names = await db.Users.OutsideArea(AreaReason.ReferenceLookup).AsNoTracking()
                .Where(u => u.DisplayName.Contains(text) || u.UserName!.Contains(text)).Select(u => u.UserName!).Take(200).ToListAsync(ct);
            q = q.Where(e => e.UserName != null && (names.Contains(e.UserName) || e.UserName.Contains(text)));
        }
        if (From is { } from) { var f = clock.StartOfDayUtc(from); q = q.Where(e => e.At >= f); }
        if (To is { } to) { var t = clock.StartOfDayUtc(to.AddDays(1)); q = q.Where(e => e.At < t); }
        if (!string.IsNullOrEmpty(Region))
        {
            var path = await db.Set<Region>().AsNoTracking().Where(r => r.Code == Region).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
            // A region outside the reader's area (or no region at all) matches nothing rather than everything.
            q = path is null ? q.Where(e => false) : q.Where(RegionRange.Within<AuditEntry>(path));
        }
        return q;
    }
}
