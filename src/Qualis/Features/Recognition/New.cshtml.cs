using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Attachments;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Recognition;

/// <summary>
/// Registers a recognition (登记认定记录): its programme, level, year and holder (an enterprise by credit code, or a named
/// holder with its region), the status it stands at, its validity, granting document and evidence files. The checks are
/// <see cref="RecognitionRegistering"/>'s; a double submission meets the unique index and lands on the first record.
/// </summary>
[Authorize(Policy = RecognitionModule.EditorsPolicy)]
public sealed class NewModel(QualisDb db, AttachmentStore store, IStringLocalizer l, PeopleClock clock, CqoQualification cqo) : PageModel
{
    [BindProperty] public RecognitionForm Form { get; set; } = new();
    [BindProperty, Display(Name = "recognition.evidence")] public List<IFormFile> Files { get; set; } = [];

    public List<RecognitionProgramme> Programmes { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public bool English { get; private set; }
    public IReadOnlyList<string> CqoPositions => cqo.Positions;
    /// <summary>The earlier recognition a renewal carries on, when the form renews one.</summary>
    public Recognition? Renews { get; private set; }

    public string? Error(string field) => ModelState.TryGetValue(field.Length == 0 ? "" : field == "Files" ? "Files" : "Form." + field, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(string? programme, string? code, Guid? renew, CancellationToken ct)
    {
        Form = new RecognitionForm { ProgrammeCode = programme, Year = clock.Today.Year, Level = RecognitionLevel.Provincial, CreditCode = code };
        // 申请延续: the earlier title's programme, level and holder, applied for this year.
        if (renew is { } id && await db.Set<Recognition>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } earlier)
            Form = new RecognitionForm
            {
                ProgrammeCode = earlier.ProgrammeCode, Level = earlier.Level, Year = Math.Max(clock.Today.Year, earlier.Year + 1), HolderKind = earlier.HolderKind,
                CreditCode = earlier.CreditCode, HolderName = earlier.HolderName, RegionCode = earlier.RegionCode, Product = earlier.Product,
                Position = earlier.Position, TrainingHours = earlier.TrainingHours, CertificateNumber = earlier.CertificateNumber, RenewalOfId = earlier.Id,
            };
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await ShowAsync(ct);
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var (record, problems) = await RecognitionRegistering.CheckAsync(db, Form, clock, User.Identity?.Name ?? "", english, cqo, ct);
        foreach (var p in problems) ModelState.AddModelError("Form." + p.Field, l[p.Key, l.Read(p.Args)]);
        if (record is null) return await ShowAsync(ct);

        if (await TwinAsync(record, ct) is { } twin) return Already(twin);
        if (await RecognitionPages.SaveEvidenceAsync(ModelState, store, record.Id, Files, l, ct) is not { } files) return await ShowAsync(ct);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            db.Set<Recognition>().Add(record);
            db.Set<RecognitionEvidence>().AddRange(files.Select(f => EvidenceFile.From(f, new RecognitionEvidence { RecognitionId = record.Id, UploadedAt = record.CreatedAt })));
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["recognition.registered"].Value;
            return Redirect("/Recognition/" + record.Id);
        }, async () =>
        {
            store.Delete(files.Select(f => f.StoredPath));
            return await TwinAsync(record, CancellationToken.None) is { } first ? Already(first)
                : throw new InvalidOperationException("A recognition lost a race to no recognition of the same holder.");
        });
    }

    /// <summary>The record of the same holder, programme, year and level, if there is one (IX_Recognitions_Once).</summary>
    private Task<Recognition?> TwinAsync(Recognition r, CancellationToken ct) =>
        db.Set<Recognition>().AsNoTracking().FirstOrDefaultAsync(x => x.ProgrammeCode == r.ProgrammeCode && x.Year == r.Year && x.Level == r.Level
            && x.RegionCode == r.RegionCode && x.HolderName == r.HolderName, ct);

    private IActionResult Already(Recognition twin) =>
        this.AlreadyDoneAt("/Recognition/" + twin.Id, l["recognition.already_registered", twin.HolderName, twin.Year].Value);

    private async Task<PageResult> ShowAsync(CancellationToken ct)
    {
        English = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        Programmes = await db.Set<RecognitionProgramme>().AsNoTracking().OrderBy(p => p.Order).ToListAsync(ct);
        Regions = await RegionCatalog.ChoicesAsync(db, English);
        Renews = Form.RenewalOfId is { } id ? await db.Set<Recognition>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) : null;
        return Page();
    }
}
