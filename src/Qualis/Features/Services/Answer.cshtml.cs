using System.ComponentModel.DataAnnotations;
using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Services;

/// <summary>What the form posts for one question: its id, the option numbers chosen and the text written.</summary>
public sealed class AnswerField
{
    [Display(Name = "services.answer.question")] public Guid QuestionId { get; set; }
    [Display(Name = "services.answer.choices")] public List<string> Choices { get; set; } = [];
    [Display(Name = "services.answer.text")] public string? Text { get; set; }
}

/// <summary>
/// One firm's questionnaire (填写问卷): the firm answers it in its own account, or an officer of its area enters the answer
/// on a visit (走访代填); once answered it shows the answers. An answer outside the window is refused unless an officer
/// reopened it for the firm; a second submission (a double click) finds the first answer and changes nothing. An
/// enterprise user reaches only its own firm's questionnaires.
/// </summary>
[Authorize(Policy = ServicesModule.AnswerersPolicy)]
[RecordPage(typeof(QuestionnaireRecipient))]
public sealed class AnswerModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty, Display(Name = "services.answer.answers")] public List<AnswerField> Answers { get; set; } = [];

    public QuestionnaireRecipient Recipient { get; private set; } = null!;
    public Questionnaire Questionnaire { get; private set; } = null!;
    public List<QuestionnaireQuestion> Questions { get; private set; } = [];
    public List<QuestionnaireAnswer> Given { get; private set; } = [];
    /// <summary>Why the firm cannot answer now, or null.</summary>
    public string? Refusal { get; private set; }
    public bool CanReopen { get; private set; }
    public bool IsEnterprise => User.IsInRole(Platform.Accounts.Roles.EnterpriseUser);

    public string? Error(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>What the form shows as posted for question <paramref name="i"/>.</summary>
    public AnswerField Posted(int i) => i < Answers.Count ? Answers[i] : new AnswerField();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Recipient.AnsweredAt is not null) return Already();
        if (Refusal is not null) ModelState.AddModelError("", Refusal);
        if (!ModelState.IsValid) return Page();
        var shapes = Questions.Select(q => new QuestionShape(q.Id, q.Number, q.Kind, q.OptionList.Count, q.Required)).ToList();
        var (rows, problems) = QuestionnaireRules.Check(shapes, Answers.Select(a => new PostedAnswer(a.QuestionId, a.Choices, a.Text)).ToList());
        foreach (var p in problems) ModelState.AddModelError(p.Field, l[p.Key, p.Args]);
        if (!ModelState.IsValid) return Page();

        // The state the save checks (its version) is the one read here: an answer saved since the page loaded wins.
        var recipient = await db.Set<QuestionnaireRecipient>().SingleAsync(r => r.Id == Id, ct);
        if (recipient.AnsweredAt is not null) return Already();
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            recipient.AnsweredAt = DateTime.UtcNow;
            recipient.AnsweredBy = User.Identity?.Name ?? "";
            recipient.AnsweredVia = IsEnterprise ? AnswerChannel.Self : AnswerChannel.Visit;
            db.Set<QuestionnaireAnswer>().AddRange(rows.Select(r => new QuestionnaireAnswer
            {
                QuestionnaireId = recipient.QuestionnaireId, RecipientId = recipient.Id, QuestionId = r.QuestionId, Choice = r.Choice, Text = r.Text,
                RegionPath = recipient.RegionPath,
            }));
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["services.answer.saved"].Value;
            return Redirect("/Services/Answer/" + Id);
        }, () => Task.FromResult(Already()));
    }

    /// <summary>Reopens the questionnaire for this firm until a day (补填), after it closed: officers of the firm's area.</summary>
    public async Task<IActionResult> OnPostReopenAsync([Display(Name = "services.reopen_until")] DateOnly? until, CancellationToken ct)
    {
        if (IsEnterprise || !(await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        if (until is null) ModelState.AddModelError("until", l["services.error.reopen_until_required"]);
        else if (QuestionnaireRules.ReopeningRefused(clock.Today, Questionnaire.OpensOn, until.Value, Recipient.AnsweredAt is not null) is { } p)
            ModelState.AddModelError(p.Field.Length == 0 ? "" : "until", l[p.Key, p.Args]);
        if (!ModelState.IsValid) return Page();
        if (Recipient.ReopenedUntil == until) return this.AlreadyDoneAt("/Services/Answer/" + Id, l["services.reopened", until!.Value.ToString("yyyy-MM-dd")].Value);
        var recipient = await db.Set<QuestionnaireRecipient>().SingleAsync(r => r.Id == Id, ct);
        if (recipient.AnsweredAt is not null) return Already();
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            recipient.ReopenedUntil = until;
            recipient.ReopenedBy = User.Identity?.Name ?? "";
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["services.reopened", until!.Value.ToString("yyyy-MM-dd")].Value;
            return Redirect("/Services/Answer/" + Id);
        }, () => Task.FromResult(this.AlreadyDoneAt("/Services/Answer/" + Id, l["services.reopened", until!.Value.ToString("yyyy-MM-dd")].Value)));
    }

    private IActionResult Already() =>
        this.AlreadyDoneAt("/Services/Answer/" + Id, l["services.refused.answered"].Value);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await db.Set<QuestionnaireRecipient>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, ct) is not { } recipient) return false;
        // An enterprise user sees its own firm's questionnaires only, not the rest of its county's.
        if (IsEnterprise && recipient.CreditCode != db.Actor.EnterpriseCode) return false;
        Recipient = recipient;
        Questionnaire = await db.Set<Questionnaire>().AsNoTracking().SingleAsync(q => q.Id == recipient.QuestionnaireId, ct);
        Questions = await db.Set<QuestionnaireQuestion>().AsNoTracking().Where(q => q.QuestionnaireId == recipient.QuestionnaireId).OrderBy(q => q.Number).ToListAsync(ct);
        Given = await db.Set<QuestionnaireAnswer>().AsNoTracking().Where(a => a.RecipientId == recipient.Id).ToListAsync(ct);
        if (QuestionnaireRules.AnsweringRefused(clock.Today, Questionnaire.OpensOn, Questionnaire.ClosesOn, recipient.ReopenedUntil, recipient.AnsweredAt is not null) is { } p)
            Refusal = l[p.Key, p.Args].Value;
        CanReopen = !IsEnterprise && recipient.AnsweredAt is null && clock.Today > Questionnaire.ClosesOn
                    && (await authorization.AuthorizeAsync(User, ServicesModule.EditorsPolicy)).Succeeded;
        return true;
    }
}
