using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Services.Questionnaires;

/// <summary>The fields of a new questionnaire.</summary>
public sealed class QuestionnaireForm
{
    [Required, StringLength(Questionnaire.TitleLength), Display(Name = "services.questionnaire.title")] public string Title { get; set; } = "";
    [Required, Range(2000, 2100), Display(Name = "services.questionnaire.year")] public int? Year { get; set; }
    [Required, Display(Name = "services.questionnaire.opens_on")] public DateOnly? OpensOn { get; set; }
    [Required, Display(Name = "services.questionnaire.closes_on")] public DateOnly? ClosesOn { get; set; }
    [StringLength(Questionnaire.TextLength), Display(Name = "services.questionnaire.intro")] public string? Intro { get; set; }
    [Display(Name = "services.questionnaire.standard")] public bool Standard { get; set; }
}

/// <summary>
/// The province defines a questionnaire (制定调查问卷): title, year, answering window and introduction, starting from the
/// standard question set or empty. A double submission meets the unique title of the year and lands on the first one.
/// </summary>
[Authorize(Policy = ServicesModule.DesignersPolicy)]
public sealed class NewModel(QualisDb db, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty] public QuestionnaireForm Form { get; set; } = new();

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public void OnGet()
    {
        var today = clock.Today;
        Form = new QuestionnaireForm { Year = today.Year, OpensOn = today, ClosesOn = today.AddDays(30), Standard = true, Title = l["services.questionnaire.default_title", today.Year] };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid && Form.ClosesOn < Form.OpensOn)
            ModelState.AddModelError("Form.ClosesOn", l["services.error.closes_before_opens"]);
        if (!ModelState.IsValid) return Page();
        var title = Form.Title.Trim();
        if (await TwinAsync(title, ct) is { } twin) return Already(twin);
        var q = new Questionnaire
        {
            Title = title, Year = Form.Year!.Value, OpensOn = Form.OpensOn!.Value, ClosesOn = Form.ClosesOn!.Value, Intro = Form.Intro?.Trim() is { Length: > 0 } i ? i : null,
            CreatedAt = DateTime.UtcNow, CreatedBy = User.Identity?.Name ?? "",
        };
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<Questionnaire>().Add(q);
            if (Form.Standard) db.Set<QuestionnaireQuestion>().AddRange(QuestionnaireTemplate.For(q.Id));
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["services.questionnaire.created"].Value;
            return Redirect("/Services/Questionnaires/" + q.Id);
        }, async () => await TwinAsync(title, CancellationToken.None) is { } first ? Already(first)
            : throw new InvalidOperationException("A questionnaire lost a race to no questionnaire of the same title."));
    }

    private Task<Questionnaire?> TwinAsync(string title, CancellationToken ct) =>
        db.Set<Questionnaire>().AsNoTracking().FirstOrDefaultAsync(x => x.Year == Form.Year && x.Title == title, ct);

    private IActionResult Already(Questionnaire twin) =>
        this.AlreadyDoneAt("/Services/Questionnaires/" + twin.Id, l["services.questionnaire.already", twin.Title].Value);
}
