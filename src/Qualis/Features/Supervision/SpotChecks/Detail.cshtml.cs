using System.ComponentModel.DataAnnotations;
using Qualis.Features.Audit;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Attachments;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>
/// One spot check: every step so far, in sections, and the forms of the steps the signed-in party may take now. Officials
/// and inspectors see the checks of their area, an agency those assigned to it, an enterprise user its own; any other
/// check is not found. Each form posts to its own handler; a refused step comes back with the reasons on its fields.
/// </summary>
[Authorize(Policy = SupervisionModule.PartiesPolicy)]
[RecordPage(typeof(SpotCheck))]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
[RequestSizeLimit(MaxUploadBytes + 1024 * 1024)]
public sealed class DetailModel(QualisDb db, SpotCheckWorkflow workflow, IStringLocalizer l) : PageModel
{
    /// <summary>A sampling record's files together: the most files of the largest size, and room for the form.</summary>
    private const long MaxUploadBytes = SpotCheckRules.MaxFiles * SpotCheckRules.MaxFileBytes + 1024 * 1024;

    [BindProperty] public SamplingForm Sampling { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public ResultForm ResultEntry { get; set; } = new();
    [BindProperty] public ResultForm Retest { get; set; } = new();
    [BindProperty] public NotificationForm Notification { get; set; } = new();
    [BindProperty] public ObjectionForm Objection { get; set; } = new();
    [BindProperty] public DecisionForm Decision { get; set; } = new();
    [BindProperty] public FollowUpForm FollowUp { get; set; } = new();
    [BindProperty] public CorrectionForm Correction { get; set; } = new();
    [BindProperty] public SubstitutionForm Substitution { get; set; } = new();
    /// <summary>The test report (检验报告) posted with a result or a re-test.</summary>
    [BindProperty] public IFormFile? ReportFile { get; set; }
    /// <summary>Why a publication comes after its deadline (逾期公示说明).</summary>
    [BindProperty, Display(Name = "check.late_reason")] public string? LateReason { get; set; }

    public SpotCheck Check { get; private set; } = null!;
    public CheckParty Party { get; private set; } = null!;
    public DateOnly Today => workflow.Today;
    public IReadOnlyList<CheckStep> Steps { get; private set; } = [];
    public IReadOnlyList<OverdueStep> Late { get; private set; } = [];
    public List<SpotCheckFailure> Failures { get; private set; } = [];
    public List<SpotCheckAttachment> Attachments { get; private set; } = [];
    public List<ResultCorrection> Corrections { get; private set; } = [];
    /// <summary>The team as it stands, its substitutions, and who could come in (for the organising office).</summary>
    public CheckTeam Team { get; private set; } = CheckTeam.None;
    public List<TeamSubstitution> Substitutions { get; private set; } = [];
    public List<SubstituteCandidate> Candidates { get; private set; } = [];
    /// <summary>Who did what, by sign-in name: enforcement officers by name and certificate number, other officials by office.</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();
    public string Person(string? userName) => userName is null ? "—" : People.GetValueOrDefault(userName, userName);
    /// <summary>The sampling's photos and documents: every attachment but the test reports.</summary>
    public IEnumerable<SpotCheckAttachment> SamplingFiles => Attachments.Where(a => a.Id != Check.TestReportId && a.Id != Check.RetestReportId);
    public SpotCheckAttachment? ReportOf(Guid? id) => id is null ? null : Attachments.FirstOrDefault(a => a.Id == id);
    /// <summary>Days after the publication deadline, were the result published today.</summary>
    public int DaysLate => SpotCheckRules.DaysLate(Check, Today);
    public string? RegionName { get; private set; }
    public ProductCategoryRule? Category { get; private set; }
    public DateOnly? PublicationDue { get; private set; }
    public int? CalendarMissingYear { get; private set; }
    public string? TeamNames { get; private set; }
    public List<ProductCategoryRule> Categories { get; private set; } = [];
    public List<TestingAgencyEntry> Agencies { get; private set; } = [];
    public AuditHistoryView? History { get; private set; }
    /// <summary>The step whose form was posted and refused, if any.</summary>
    public CheckStep? Posted { get; private set; }
    public List<string> GeneralErrors { get; private set; } = [];

    public bool Can(CheckStep step) => Steps.Contains(step);
    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;
    public string Invalid(string key) => Error(key) is null ? "" : "is-invalid";
    public IEnumerable<SpotCheckFailure> FailuresOf(bool retest) => Failures.Where(f => f.Retest == retest);
    public static string Day(DateOnly? d) => CheckDisplay.Day(d);
    public ResultFormView FirstResultForm => new(this, ResultEntry, nameof(ResultEntry), "Result", "result-form", "check.form.result", "check.form.result_submit");
    public ResultFormView RetestForm => new(this, Retest, nameof(Retest), "Retest", "retest-form", "check.form.retest", "check.form.retest_submit");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var party = await CheckParty.OfAsync(User, db, ct);
        return await ShowAsync(id, party, ct);
    }

    /// <summary>Downloads an attachment (photos and documents of the sampling), for whoever may see the check.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid file, CancellationToken ct)
    {
        var party = await CheckParty.OfAsync(User, db, ct);
        return await workflow.OpenAttachmentAsync(id, file, party, ct) is { } found ? found : NotFound();
    }

    public Task<IActionResult> OnPostSamplingAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.Sample, nameof(Sampling), "check.done.sampled", "sampling", (party, c) =>
            workflow.RecordSamplingAsync(id, party, Sampling, Files.Select(f => new IncomingFile(f.FileName, f.Length, f.OpenReadStream)).ToList(), c), ct);

    public Task<IActionResult> OnPostResultAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.EnterResult, nameof(ResultEntry), "check.done.result", "testing", (party, c) => workflow.EnterResultAsync(id, party, ResultEntry, Report(), c), ct);

    public Task<IActionResult> OnPostSubstituteAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.Substitute, nameof(Substitution), "check.done.substituted", "team", (party, c) => workflow.SubstituteAsync(id, party, Substitution, c), ct);

    private IncomingFile? Report() => ReportFile is { } f ? new IncomingFile(f.FileName, f.Length, f.OpenReadStream) : null;

    public Task<IActionResult> OnPostNotifyAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.Notify, nameof(Notification), "check.done.notified", "objection", (party, c) => workflow.RecordNotificationAsync(id, party, Notification, c), ct);

    public Task<IActionResult> OnPostObjectAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.Object, nameof(Objection), "check.done.objected", "objection", (party, c) => workflow.ObjectAsync(id, party, Objection, c), ct);

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.Decide, nameof(Decision), "check.done.decided", "objection", (party, c) => workflow.DecideAsync(id, party, Decision, c), ct);

    public Task<IActionResult> OnPostRetestAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.EnterRetest, nameof(Retest), "check.done.retest", "objection", (party, c) => workflow.EnterRetestAsync(id, party, Retest, Report(), c), ct);

    public Task<IActionResult> OnPostFinaliseAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.Finalise, "", "check.done.finalised", "objection", (party, c) => workflow.FinaliseAsync(id, party, c), ct);

    public Task<IActionResult> OnPostFollowUpAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.FollowUp, nameof(FollowUp), "check.done.follow_up", "disposal", (party, c) => workflow.RecordFollowUpAsync(id, party, FollowUp, c), ct);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.Publish, "", "check.done.published", "publication", (party, c) => workflow.PublishAsync(id, party, LateReason, c), ct);

    public Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, CheckStep.Correct, nameof(Correction), "check.done.corrected", "publication", (party, c) => workflow.CorrectAsync(id, party, Correction, c), ct);

    /// <summary>
    /// Runs one step: a check the caller may not see is not found (before any validation, so nothing about it leaks);
    /// a refusal comes back on the form's fields, or at the top of the section when the step is no longer open.
    /// </summary>
    private async Task<IActionResult> ActAsync(Guid id, CheckStep step, string prefix, string doneKey, string anchor,
        Func<CheckParty, CancellationToken, Task> work, CancellationToken ct)
    {
        var party = await CheckParty.OfAsync(User, db, ct);
        if (await workflow.FindAsync(id, party, ct) is null) return NotFound();
        Posted = step;
        if (ModelState.IsValid)
        {
            try
            {
                // A second submission of the step (a double click, another instance at once) loses on the check's version
                // and is shown the check as the first one left it.
                return await db.OrFirstResultAsync<IActionResult>(async () =>
                {
                    await work(party, ct);
                    TempData["Message"] = l[doneKey].Value;
                    return Redirect($"/Supervision/Checks/{id}#{anchor}");
                }, () => Task.FromResult(this.AlreadyDoneAt($"/Supervision/Checks/{id}#{anchor}", l["one_effect.changed_meanwhile"].Value)));
            }
            catch (SpotCheckNotFoundException)
            {
                return NotFound();
            }
            catch (SpotCheckRefusedException e)
            {
                foreach (var p in e.Problems)
                    ModelState.AddModelError(p.Field.Length == 0 ? "" : p.Field.StartsWith(nameof(Files), StringComparison.Ordinal) || p.Field == nameof(ReportFile) || prefix.Length == 0 ? p.Field : prefix + "." + p.Field,
                        l[p.Key, p.Args]);
            }
        }
        return await ShowAsync(id, party, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CheckParty party, CancellationToken ct)
    {
        var c = await workflow.FindAsync(id, party, ct);
        if (c is null) return NotFound();
        Check = c;
        Party = party;
        Team = await workflow.TeamAsync(c, ct);
        Steps = workflow.OpenSteps(c, party, Team);
        Substitutions = await workflow.SubstitutionsAsync(id, ct);
        if (Can(CheckStep.Substitute))
            Candidates = (await workflow.CandidatesAsync(c, Team, ct)).Values.OrderBy(x => x.ExcludedBy.Count > 0).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
        Late = OverdueSteps.Of(c, Today);
        (PublicationDue, CalendarMissingYear) = workflow.PublicationDueOf(c);
        Failures = await db.Set<SpotCheckFailure>().AsNoTracking().Where(f => f.SpotCheckId == id).OrderBy(f => f.Id).ToListAsync(ct);
        Attachments = await db.Set<SpotCheckAttachment>().AsNoTracking().Where(a => a.SpotCheckId == id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(ct);
        Corrections = await db.Set<ResultCorrection>().AsNoTracking().Where(x => x.SpotCheckId == id).OrderBy(x => x.At).ThenBy(x => x.Id).ToListAsync(ct);
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        RegionName = (await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(r => r.Code == c.RegionCode, ct))?.DisplayName(english);
        Category = c.ProductCategoryCode is null ? null : await RegistryFace.ProductCategoryAsync(db, c.ProductCategoryCode, ct);

        if (Can(CheckStep.Sample))
        {
            Categories = await RegistryFace.ProductCategoriesAsync(db, ct);
            Agencies = await RegistryFace.TestingAgenciesForCallerAsync(db, ct);
            // The team as it stands (双随机, with any substitution): the samplers, offered as the default.
            TeamNames = Team.Names;
            if (Posted is null)
            {
                Sampling.ProductCategoryCode = c.ProductCategoryCode;
                Sampling.Samplers = TeamNames;
            }
        }
        if (Posted is null && Can(CheckStep.Correct)) Correction.Field = CorrectableField.FinalResult;

        GeneralErrors = ModelState.Where(kv => kv.Key.Length == 0 || (Posted is { } posted && !Can(posted)))
            .SelectMany(kv => kv.Value!.Errors.Select(e => e.ErrorMessage)).Distinct().ToList();
        People = await CheckPeople.NamesAsync(db, [c.ResultBy, .. Attachments.Select(a => a.UploadedBy), .. Corrections.Select(x => x.By), .. Substitutions.Select(x => x.By)], l, ct);
        if (Party.SeesArea) History = await HistoryAsync(c, ct);
        return Page();
    }

    /// <summary>
    /// The check's history with that of its failed items, attachments and corrections, whose entries inherit the
    /// check's region (RegionInheritance), so the area filter lets the caller read them like the check's own.
    /// </summary>
    private async Task<AuditHistoryView> HistoryAsync(SpotCheck c, CancellationToken ct)
    {
        var key = c.Id.ToString();
        var own = await AuditHistory.Rows(db.AuditEntries.Where(e => e.EntityType == nameof(SpotCheck) && e.EntityKey == key)
            .OrderByDescending(e => e.Sequence).Take(200)).ToListAsync(ct);
        var childKeys = Failures.Select(f => f.Id.ToString()).Concat(Attachments.Select(a => a.Id.ToString())).Concat(Corrections.Select(x => x.Id.ToString()))
            .Concat(Substitutions.Select(x => x.Id.ToString())).ToList();
        string[] childTypes = [nameof(SpotCheckFailure), nameof(SpotCheckAttachment), nameof(ResultCorrection), nameof(TeamSubstitution)];
        var children = childKeys.Count == 0 ? [] : await AuditHistory.Rows(db.AuditEntries
            .Where(e => childTypes.Contains(e.EntityType) && childKeys.Contains(e.EntityKey))
            .OrderByDescending(e => e.Sequence).Take(200)).ToListAsync(ct);
        return new AuditHistoryView(nameof(SpotCheck), key, own.Concat(children).OrderByDescending(r => r.Sequence).ToList());
    }
}
