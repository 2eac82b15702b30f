using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Services.Questionnaires;

/// <summary>A question the province adds to a questionnaire.</summary>
public sealed class QuestionForm
{
    [Required, Display(Name = "services.question.area")] public ServiceArea? Area { get; set; }
    [Required, Display(Name = "services.question.kind")] public QuestionKind? Kind { get; set; }
    [Required, StringLength(QuestionnaireQuestion.TextLength), Display(Name = "services.question.text")] public string Text { get; set; } = "";
    [StringLength(QuestionnaireQuestion.OptionsLength), Display(Name = "services.question.options")] public string? Options { get; set; }
    [Display(Name = "services.question.required")] public bool Required { get; set; }
}

/// <summary>
/// Working on a questionnaire (问卷管理): the province adds questions to one no firm has answered yet; a city or the province
/// sends an open one to the small and micro firms of a region of its area; an officer sends it to one firm of the area by its
/// credit code. Each form names its questionnaire (the one asked for in <c>?id=</c> first).
/// </summary>
[Authorize(Policy = ServicesModule.EditorsPolicy)]
public sealed class ManageModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }

    /// <summary>The questionnaires no firm has answered (questions may still be added), and those open now (may be sent).</summary>
    public List<Questionnaire> Unanswered { get; private set; } = [];
    public List<Questionnaire> Open { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public bool CanDesign { get; private set; }
    public bool CanSend { get; private set; }
    public QuestionForm Question { get; set; } = new() { Required = true };
    /// <summary>Which form was posted (Send, AddFirm or AddQuestion): each names its questionnaire, and a refusal of it shows under that form.</summary>
    public string? Posted { get; private set; }
    /// <summary>The credit code typed into the add-a-firm box, shown again when refused.</summary>
    public string? CreditCode { get; private set; }

    public string? Error(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    /// <summary>Adds a question at the end (the province, until a firm has answered).</summary>
    public async Task<IActionResult> OnPostAddQuestionAsync([Display(Name = "services.questionnaire")] Guid? questionnaireId, [Bind(Prefix = "Question")] QuestionForm question, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ServicesModule.DesignersPolicy)).Succeeded) return Forbid();
        Posted = "AddQuestion";
        Question = question;
        if (await LoadAsync(questionnaireId, ct) is not { } q) return await ShowAsync(ct);
        var options = (question.Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ModelState.IsValid && QuestionnaireRules.OptionsRefused(question.Kind!.Value, options) is { } p)
            ModelState.AddModelError("Question." + p.Field, l[p.Key, p.Args]);
        // The province (its area holds every firm) adds questions: any answer anywhere fixes them.
        if (ModelState.IsValid && await db.Set<QuestionnaireAnswer>().AnyAsync(a => a.QuestionnaireId == q.Id, ct))
            ModelState.AddModelError("", l["services.refused.questions_fixed"]);
        if (!ModelState.IsValid) return await ShowAsync(ct);
        var number = (await db.Set<QuestionnaireQuestion>().Where(x => x.QuestionnaireId == q.Id).MaxAsync(x => (int?)x.Number, ct) ?? 0) + 1;
        var text = question.Text.Trim();
        if (await db.Set<QuestionnaireQuestion>().AnyAsync(x => x.QuestionnaireId == q.Id && x.Text == text, ct))
            return this.AlreadyDoneAt(Detail(q.Id), l["services.question.already", text].Value);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<QuestionnaireQuestion>().Add(new QuestionnaireQuestion
            {
                QuestionnaireId = q.Id, Number = number, Area = question.Area!.Value, Kind = question.Kind!.Value, Text = text, Options = string.Join('\n', options),
                Required = question.Required,
            });
            db.Touch(q);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["services.question.added", number].Value;
            return Redirect(Detail(q.Id));
        }, () => Task.FromResult(this.AlreadyDoneAt(Detail(q.Id), l["services.question.already", text].Value)));
    }

    /// <summary>Sends the questionnaire to the small and micro firms of a region of the caller's area (their own by default).</summary>
    public async Task<IActionResult> OnPostSendAsync([Display(Name = "services.questionnaire")] Guid? questionnaireId, [Display(Name = "services.send_region")] string? sendRegion, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ServicesModule.SendersPolicy)).Succeeded) return Forbid();
        Posted = "Send";
        if (await LoadAsync(questionnaireId, ct) is not { } q) return await ShowAsync(ct);
        string? path = sendRegion is { Length: > 0 } code
            ? await db.Set<Region>().AsNoTracking().Where(r => r.Code == code).Select(r => r.RegionPath).SingleOrDefaultAsync(ct)
            : db.Actor.RegionPath ?? await db.Set<Region>().AsNoTracking().Where(r => r.ParentCode == null).Select(r => r.RegionPath).FirstOrDefaultAsync(ct);
        if (path is null) ModelState.AddModelError("sendRegion", l["services.error.region_outside"]);
        if (clock.Today > q.ClosesOn) ModelState.AddModelError("sendRegion", l["services.refused.closed", q.ClosesOn.ToString("yyyy-MM-dd")]);
        if (!ModelState.IsValid) return await ShowAsync(ct);
        var added = await db.OrFirstResultAsync(
            () => QuestionnaireSending.SendToSmallFirmsAsync(db, q.Id, path!, User.Identity?.Name ?? "", DateTime.UtcNow, ct), () => Task.FromResult(0));
        TempData[added == 0 ? AlreadyDone.NoticeKey : "Message"] = added == 0 ? l["services.sent_none"].Value : l["services.sent_to", added].Value;
        return Redirect(Detail(q.Id));
    }

    /// <summary>Sends the questionnaire to one firm of the caller's area by its credit code (a firm met on a visit, of any size).</summary>
    public async Task<IActionResult> OnPostAddFirmAsync([Display(Name = "services.questionnaire")] Guid? questionnaireId, [Display(Name = "services.credit_code")] string? creditCode, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded) return Forbid();
        (Posted, CreditCode) = ("AddFirm", creditCode);
        var q = await LoadAsync(questionnaireId, ct);
        var firm = await FirmByCode.FindAsync(db, l, ModelState, "creditCode", creditCode, ct);
        if (q is null || firm is null) return await ShowAsync(ct);
        var added = await db.OrFirstResultAsync(
            () => QuestionnaireSending.AddAsync(db, q.Id, firm!.RegionPath, [firm], User.Identity?.Name ?? "", DateTime.UtcNow, ct), () => Task.FromResult(0));
        TempData[added == 0 ? AlreadyDone.NoticeKey : "Message"] = added == 0 ? l["services.firm_already_sent", firm!.Name].Value : l["services.firm_sent", firm!.Name].Value;
        return Redirect(Detail(q.Id));
    }

    private static string Detail(Guid id) => "/Services/Questionnaires/" + id;

    private async Task<Questionnaire?> LoadAsync(Guid? id, CancellationToken ct)
    {
        var q = id is { } i ? await db.Set<Questionnaire>().FirstOrDefaultAsync(x => x.Id == i, ct) : null;
        if (q is null) ModelState.AddModelError("questionnaireId", l["services.error.questionnaire_required"]);
        return q;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var today = clock.Today;
        var all = await db.Set<Questionnaire>().AsNoTracking().OrderByDescending(q => q.CreatedAt).ThenBy(q => q.Id).Take(200).ToListAsync(ct);
        // The one asked for first.
        all = [.. all.OrderByDescending(q => q.Id == Id)];
        // Any answer anywhere fixes the questions; the province's area holds every firm, and only the province adds questions.
        var unanswered = (await db.Set<Questionnaire>().Where(q => !db.Set<QuestionnaireAnswer>().Any(a => a.QuestionnaireId == q.Id))
            .Select(q => q.Id).ToListAsync(ct)).ToHashSet();
        Unanswered = all.Where(q => unanswered.Contains(q.Id)).ToList();
        Open = all.Where(q => q.ClosesOn >= today).ToList();
        Regions = await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(CultureInfo.CurrentUICulture));
        CanDesign = (await authorization.AuthorizeAsync(User, ServicesModule.DesignersPolicy)).Succeeded;
        CanSend = (await authorization.AuthorizeAsync(User, ServicesModule.SendersPolicy)).Succeeded;
        return Page();
    }
}
