using Qualis.Features.KeyObjects;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Improvement;

/// <summary>
/// Starts an improvement project for a key object or an enterprise of the area, or a help plan for a firm (新建项目 / 帮扶方案).
/// The checks are <see cref="ProjectChecks"/>'; a double submission meets the unique index and lands on the first project.
/// </summary>
[Authorize(Policy = ImprovementModule.EditorsPolicy)]
public sealed class NewModel(QualisDb db, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty] public ProjectForm Form { get; set; } = new();
    public List<KeyObjectEntry> KeyObjects { get; private set; } = [];

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(ProjectKind? kind, Guid? keyObject, string? code, CancellationToken ct)
    {
        var today = clock.Today;
        Form = new ProjectForm { Kind = kind ?? ProjectKind.Improvement, KeyObjectId = keyObject, CreditCode = code, StartOn = today, EndOn = new DateOnly(today.Year, 12, 31) };
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await ShowAsync(ct);
        var (project, problems) = await ProjectChecks.CheckAsync(db, Form, ct);
        foreach (var p in problems) ModelState.AddModelError("Form." + p.Field, l[p.Key, p.Args]);
        if (project is null) return await ShowAsync(ct);
        project.CreatedAt = clock.UtcNow;
        project.CreatedBy = User.Identity?.Name ?? "";
        if (await TwinAsync(project, ct) is { } twin) return Already(twin);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<ImprovementProject>().Add(project);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["improvement.created"].Value;
            return Redirect("/Improvement/" + project.Id);
        }, async () => await TwinAsync(project, CancellationToken.None) is { } first ? Already(first)
            : throw new InvalidOperationException("A project lost a race to no project of the same subject and title."));
    }

    private Task<ImprovementProject?> TwinAsync(ImprovementProject p, CancellationToken ct) =>
        db.Set<ImprovementProject>().AsNoTracking().FirstOrDefaultAsync(x => x.SubjectKey == p.SubjectKey && x.Kind == p.Kind && x.Title == p.Title, ct);

    private IActionResult Already(ImprovementProject twin) => this.AlreadyDoneAt("/Improvement/" + twin.Id, l["improvement.already_created", twin.Title].Value);

    private async Task<PageResult> ShowAsync(CancellationToken ct)
    {
        KeyObjects = await KeyObjectsFace.ActiveAsync(db, ct: ct);
        return Page();
    }
}
