using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Recognition.Cqo;

/// <summary>The fields an enterprise gives of its chief quality officer, as posted.</summary>
public sealed class CqoForm
{
    [Display(Name = "recognition.cqo.name"), StringLength(Recognition.NameLength)]
    public string? Name { get; set; }
    [Display(Name = "recognition.position"), StringLength(Recognition.DocumentLength)]
    public string? Position { get; set; }
    [Display(Name = "recognition.training_hours"), Range(0, 10000)]
    public int? TrainingHours { get; set; }
    [Display(Name = "recognition.certificate_number"), StringLength(Recognition.DocumentLength)]
    public string? CertificateNumber { get; set; }
}

/// <summary>
/// An enterprise's chief quality officers (本企业首席质量官), in its own account: it registers its officer, checked against the
/// qualification kept as configuration (<see cref="CqoQualification"/>) on each field, and the registration goes to its
/// city's office as an application (已申报) of the city-level register, which the office reviews and grants on the record's
/// page. The enterprise sees its own officers and where each stands, no other firm's. A double click meets the register's
/// once-only index and lands here with a notice.
/// </summary>
[Authorize(Policy = RecognitionModule.EnterprisePolicy)]
public sealed class MineModel(QualisDb db, IStringLocalizer l, PeopleClock clock, CqoQualification cqo) : PageModel
{
    [BindProperty] public CqoForm Form { get; set; } = new();
    public List<Recognition> Officers { get; private set; } = [];
    public IReadOnlyList<string> Positions => cqo.Positions;
    public int MinTrainingHours => cqo.MinTrainingHours;

    public string? Error(string field) => ModelState.TryGetValue("Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (db.Actor.EnterpriseCode is not { } code) return Forbid();
        if (!ModelState.IsValid) return await ShowAsync(ct);
        var form = new RecognitionForm
        {
            ProgrammeCode = ProgrammeCatalog.Cqo, Level = RecognitionLevel.City, Year = clock.Today.Year, HolderKind = HolderKind.Person, CreditCode = code,
            HolderName = Form.Name, Position = Form.Position, TrainingHours = Form.TrainingHours, CertificateNumber = Form.CertificateNumber,
            Status = RecognitionStatus.Applied,
        };
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var (record, problems) = await RecognitionRegistering.CheckAsync(db, form, clock, User.Identity?.Name ?? "", english, cqo, ct);
        foreach (var p in problems)
            ModelState.AddModelError("Form." + (p.Field == nameof(RecognitionForm.HolderName) ? nameof(CqoForm.Name) : p.Field), l[p.Key, l.Read(p.Args)]);
        if (record is null) return await ShowAsync(ct);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            if (await TwinAsync(record, ct)) return Already(record);
            db.Set<Recognition>().Add(record);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["recognition.cqo.registered", record.HolderName].Value;
            return Redirect("/Recognition/Cqo");
        }, async () => await TwinAsync(record, CancellationToken.None) ? Already(record)
            : throw new InvalidOperationException("A chief quality officer lost a race to no registration of the same person."));
    }

    private Task<bool> TwinAsync(Recognition r, CancellationToken ct) =>
        db.Set<Recognition>().AsNoTracking().AnyAsync(x => x.ProgrammeCode == r.ProgrammeCode && x.Year == r.Year && x.Level == r.Level
            && x.RegionCode == r.RegionCode && x.HolderName == r.HolderName, ct);

    private IActionResult Already(Recognition r) => this.AlreadyDoneAt("/Recognition/Cqo", l["recognition.already_registered", r.HolderName, r.Year].Value);

    private async Task<PageResult> ShowAsync(CancellationToken ct)
    {
        var code = db.Actor.EnterpriseCode;
        Officers = code is null ? [] : await db.Set<Recognition>().AsNoTracking().Where(r => r.CreditCode == code && r.ProgrammeCode == ProgrammeCatalog.Cqo)
            .OrderByDescending(r => r.Year).ThenBy(r => r.HolderNameSort).Take(100).ToListAsync(ct);
        return Page();
    }
}
