using System.ComponentModel.DataAnnotations;
using Qualis.Features.Audit;
using Qualis.Features.Shared;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.Draws;

/// <summary>A draw as officials run it: what was published, the draw itself, the result with its teams, annulment.</summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(Draw))]
public sealed class DetailModel(QualisDb db, DrawService draws, IStringLocalizer l, IAuthorizationService authorization) : PageModel
{
    public Draw Draw { get; private set; } = null!;
    public PlanBatch? Batch { get; private set; }
    public string? PlanName { get; private set; }
    public DrawParameters Parameters { get; private set; } = null!;
    /// <summary>One page of the result in the reader's area, in draw order, narrowed by <see cref="Q"/>.</summary>
    public List<DrawTarget> Targets { get; private set; } = [];
    public Paging TargetsPaging { get; private set; } = null!;
    /// <summary>How many of the draw's targets lie in the reader's area, whatever the search.</summary>
    public int TargetsInArea { get; private set; }
    /// <summary>A search of the result: an enterprise's name, the start of its credit code, or an inspector's name.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    private const int TargetsPageSize = 50;
    private static readonly ListSort<DrawTarget>[] TargetSorts = [ListSort<DrawTarget>.By("order", t => t.Order)];
    /// <summary>The spot check created for each drawn target of the page (none once the draw is annulled).</summary>
    public Dictionary<Guid, Guid> Checks { get; private set; } = [];
    public List<string> Unstaffed { get; private set; } = [];
    /// <summary>Who each 回避 rule kept out of which team, by name: for the officials who may audit the draw.</summary>
    public List<RecusalLine> Recusals { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];
    /// <summary>The draw's witnesses (format 3) in record order, with their values so far.</summary>
    public List<DrawWitness> Witnesses { get; private set; } = [];
    /// <summary>The fallback's value and source as typed, shown again when it is refused.</summary>
    public string? FallbackValue { get; private set; }
    public string? FallbackSource { get; private set; }
    /// <summary>Whether the office may apply the fallback now: past the deadline, some witness silent, none applied yet.</summary>
    public bool FallbackOpen => !ReadOnly && Draw is { Status: DrawStatus.Committed, WitnessDeadline: { } deadline, FallbackValue: null }
                                && DateTime.UtcNow > deadline && Witnesses.Any(w => w.Value is null);

    /// <summary>The annulment reason typed, shown again when the annulment is refused.</summary>
    public string? AnnulReason { get; private set; }
    public AuditHistoryView History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Whether the reader may read the draw's 回避 inputs (inputs.tsv): the officers of the organising office and the levels above.</summary>
    public bool MayAudit { get; private set; }

    public async Task<IActionResult> OnGetFileAsync(Guid id, string? name) =>
        await LoadAsync(id) ? await DrawFiles.DownloadAsync(db, Draw, name, MayAudit) : NotFound();

    /// <summary>Runs the draw. A second run (a double click, another instance at once) is shown the draw the first one made.</summary>
    public async Task<IActionResult> OnPostDrawAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (ReadOnly) return StatusCode(StatusCodes.Status403Forbidden);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            try
            {
                await draws.RunAsync(id, ct);
                TempData["Message"] = l["draw.done"].Value;
                return Redirect($"/Supervision/Draws/{id}");
            }
            catch (DrawRefusedException e) when (e.Problems is [{ Key: DrawService.AlreadyDrawn }])
            {
                return DrawnAlready(id);
            }
            catch (DrawRefusedException e)
            {
                Problems = e.Problems.Select(p => l[p.Key, p.Args].Value).ToList();
                return Page();
            }
        }, () => AfterRaceAsync(id));
    }

    /// <summary>
    /// Applies the fallback public value (备用公开随机源) for the witnesses who did not answer by the deadline. A second click
    /// (or another instance at once) meets the draw's version and is shown the fallback the first one stored.
    /// </summary>
    public async Task<IActionResult> OnPostFallbackAsync(Guid id, string? fallbackValue, string? fallbackSource, CancellationToken ct)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (ReadOnly) return StatusCode(StatusCodes.Status403Forbidden);
        (FallbackValue, FallbackSource) = (fallbackValue, fallbackSource);
        // Published with the value (witnesses.tsv): the office that applied it, never an official's personal name.
        var office = await db.Users.AsNoTracking().Where(u => u.UserName == db.Actor.UserName).Select(u => new { u.Organisation, u.RegionCode }).SingleOrDefaultAsync(ct);
        var by = office?.Organisation is { Length: > 0 } organisation ? organisation
            : await db.Set<Platform.Regions.Region>().AsNoTracking().Where(r => r.Code == (office == null ? "" : office.RegionCode)).Select(r => r.Name).SingleOrDefaultAsync(ct) ?? "";
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            try
            {
                await draws.ApplyFallbackAsync(id, fallbackValue, fallbackSource, by, ct);
                TempData["Message"] = l["draw.fallback.done"].Value;
                return Redirect($"/Supervision/Draws/{id}");
            }
            catch (DrawRefusedException e) when (e.Problems is [{ Key: "draw.fallback_applied_already" }])
            {
                return this.AlreadyDoneAt($"/Supervision/Draws/{id}", l["draw.fallback_applied_already"].Value);
            }
            catch (DrawRefusedException e)
            {
                foreach (var p in e.Problems)
                    ModelState.AddModelError(p.Key is "draw.fallback_source_required" or "draw.fallback_source_long" ? "fallbackSource" : "fallbackValue", l[p.Key, p.Args]);
                Problems = e.Problems.Select(p => l[p.Key, p.Args].Value).ToList();
                return Page();
            }
        }, () => Task.FromResult<IActionResult>(this.AlreadyDoneAt($"/Supervision/Draws/{id}", l["draw.fallback_applied_already"].Value)));
    }

    private IActionResult DrawnAlready(Guid id) => this.AlreadyDoneAt($"/Supervision/Draws/{id}", l[DrawService.AlreadyDrawn].Value);

    public async Task<IActionResult> OnPostAnnulAsync(Guid id, [Display(Name = "draw.annul_reason_placeholder")] string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (ReadOnly) return StatusCode(StatusCodes.Status403Forbidden);
        AnnulReason = reason;
        if (!ModelState.IsValid)
        {
            Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
            return Page();
        }
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            try
            {
                await draws.AnnulAsync(id, reason, ct);
                TempData["Message"] = l["draw.annulled"].Value;
                return Redirect($"/Supervision/Draws/{id}");
            }
            catch (DrawRefusedException e) when (e.Problems is [{ Key: "draw.already_annulled" }])
            {
                return AnnulledAlready(id);
            }
            catch (DrawRefusedException e)
            {
                Problems = e.Problems.Select(p => l[p.Key, p.Args].Value).ToList();
                return Page();
            }
        }, () => AfterRaceAsync(id));
    }

    private IActionResult AnnulledAlready(Guid id) => this.AlreadyDoneAt($"/Supervision/Draws/{id}", l["draw.already_annulled"].Value);

    /// <summary>What a step that lost the race to another request answers: the draw as that request left it.</summary>
    private async Task<IActionResult> AfterRaceAsync(Guid id) =>
        await db.Set<Draw>().AsNoTracking().Where(d => d.Id == id).Select(d => (DrawStatus?)d.Status).SingleOrDefaultAsync() switch
        {
            DrawStatus.Drawn => DrawnAlready(id),
            DrawStatus.Annulled => AnnulledAlready(id),
            _ => this.AlreadyDoneAt($"/Supervision/Draws/{id}", l["one_effect.changed_meanwhile"].Value),
        };

    /// <summary>
    /// A draw of a plan above that covers the reader's area (a county under its city's draw, <see cref="PlanCoverage"/>): read,
    /// its targets those of the reader's area, never run, annulled or audited from here.
    /// </summary>
    public bool ReadOnly { get; private set; }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await db.Set<Draw>().OutsideArea(AreaReason.CoveringPlanAbove).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id) is not { } draw) return false;
        ReadOnly = !db.Actor.CanReach(draw.RegionPath);
        var plan = await PlanCoverage.Readable(db).AsNoTracking().Where(p => p.Id == draw.PlanId).Select(p => new { p.Name }).SingleOrDefaultAsync();
        Batch = (await PlanCoverage.BatchesAsync(db, [draw.PlanId])).SingleOrDefault(b => b.Id == draw.BatchId);
        if (ReadOnly && (plan is null || Batch is null)) return false;
        Draw = draw;
        MayAudit = !ReadOnly && (await authorization.AuthorizeAsync(User, SupervisionModule.DrawAuditorsPolicy)).Succeeded;
        PlanName = plan?.Name;
        Parameters = DrawParameters.FromJson(draw.Parameters);
        // The targets of a city's draw all lie in its area; a province's draw shows each city only its own.
        var targets = db.Set<DrawTarget>().AsNoTracking().Where(t => t.DrawId == id);
        TargetsInArea = await targets.CountAsync();
        var searched = !string.IsNullOrWhiteSpace(Q);
        if (searched)
        {
            var text = Q!.Trim();
            var code = text.ToUpperInvariant();
            targets = targets.Where(t => t.EnterpriseName.Contains(text) || t.CreditCode.StartsWith(code) || t.InspectorNames.Contains(text));
        }
        var page = await targets.PageAsync(ListRequest.From(Request, TargetsPageSize), TargetSorts, rows => rows,
            counted: searched ? null : TargetsInArea, ct: HttpContext.RequestAborted);
        Targets = page.Rows;
        TargetsPaging = page.Pager(Request);
        var shown = Targets.Select(t => t.Id).ToList();
        Checks = await db.Set<SpotChecks.SpotCheck>().AsNoTracking().Where(c => c.DrawId == id && shown.Contains(c.DrawTargetId))
            .ToDictionaryAsync(c => c.DrawTargetId, c => c.Id);
        Unstaffed = Publication.UnstaffedReport.Read(draw.Unstaffed).Select(u => l["draw.unstaffed_line",
            u.CreditCode, u.Required, u.Eligible, u.LinkedUnit, u.DeclaredConflict, u.LastInspection, u.OwnCounty].Value).ToList();
        if (MayAudit) Recusals = await RecusalReport.OfAsync(db, draw);
        Witnesses = await draws.WitnessesAsync(id);
        History = await AuditHistory.ForAsync(db, nameof(Draw), id.ToString());
        return true;
    }
}
