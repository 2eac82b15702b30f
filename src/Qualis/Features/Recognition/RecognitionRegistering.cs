using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry;
using Qualis.Platform.Time;

namespace Qualis.Features.Recognition;

/// <summary>The fields of the register form, as posted.</summary>
public sealed class RecognitionForm
{
    [Display(Name = "recognition.programme"), StringLength(32)]
    public string? ProgrammeCode { get; set; }
    [Display(Name = "recognition.level")]
    public RecognitionLevel? Level { get; set; }
    [Display(Name = "recognition.year")]
    public int? Year { get; set; }
    [Display(Name = "recognition.holder_kind")]
    public HolderKind HolderKind { get; set; } = HolderKind.Enterprise;
    [Display(Name = "recognition.credit_code"), StringLength(18)]
    public string? CreditCode { get; set; }
    [Display(Name = "recognition.holder_name"), StringLength(Recognition.NameLength)]
    public string? HolderName { get; set; }
    [Display(Name = "recognition.region"), StringLength(6)]
    public string? RegionCode { get; set; }
    [Display(Name = "recognition.status")]
    public RecognitionStatus Status { get; set; } = RecognitionStatus.Applied;
    [Display(Name = "recognition.granted_on")]
    public DateOnly? GrantedOn { get; set; }
    [Display(Name = "recognition.valid_from")]
    public DateOnly? ValidFrom { get; set; }
    [Display(Name = "recognition.valid_to")]
    public DateOnly? ValidTo { get; set; }
    [Display(Name = "recognition.document_number"), StringLength(Recognition.DocumentLength)]
    public string? DocumentNumber { get; set; }
    [Display(Name = "recognition.note"), StringLength(Recognition.TextLength)]
    public string? Note { get; set; }
    [Display(Name = "recognition.product"), StringLength(Recognition.NameLength)]
    public string? Product { get; set; }
    [Display(Name = "recognition.renewal_of")]
    public Guid? RenewalOfId { get; set; }
    [Display(Name = "recognition.position"), StringLength(Recognition.DocumentLength)]
    public string? Position { get; set; }
    [Display(Name = "recognition.training_hours"), Range(0, 10000)]
    public int? TrainingHours { get; set; }
    [Display(Name = "recognition.certificate_number"), StringLength(Recognition.DocumentLength)]
    public string? CertificateNumber { get; set; }
    [Display(Name = "recognition.creation_from")]
    public DateOnly? CreationFrom { get; set; }
    [Display(Name = "recognition.creation_to")]
    public DateOnly? CreationTo { get; set; }
    [Display(Name = "recognition.assessment"), StringLength(Recognition.TextLength)]
    public string? Assessment { get; set; }
    [Display(Name = "recognition.partner_credit_code"), StringLength(18)]
    public string? PartnerCreditCode { get; set; }
    /// <summary>The joint plan's id as typed (the improvement project's page address ends with it).</summary>
    [Display(Name = "recognition.project"), StringLength(100)]
    public string? ProjectId { get; set; }
}

/// <summary>
/// The checks of registering a recognition, on the server whatever the form offered: a known programme that accepts the
/// holder kind, a level and a year, an enterprise of the registry within the caller's area (one outside it is refused
/// naming the firm and where it lies), or a named holder with a region of the area, a status a record may be entered at,
/// and what a granted one needs (its day and document number, a validity in order). A programme's own fields: a famous
/// brand names its product and, granted without an end, lasts three years; a chief quality officer is a person of an
/// enterprise of the registry who meets <see cref="CqoQualification"/>; a renewal names the earlier title it carries on.
/// The import (<see cref="RecognitionImport"/>) checks each row here too.
/// </summary>
public static class RecognitionRegistering
{
    public static async Task<(Recognition? Record, List<RecognitionProblem> Problems)> CheckAsync(
        QualisDb db, RecognitionForm form, PeopleClock clock, string userName, bool english, CqoQualification cqo, CancellationToken ct)
    {
        var problems = new List<RecognitionProblem>();
        var thisYear = clock.Today.Year;
        var programme = string.IsNullOrWhiteSpace(form.ProgrammeCode) ? null
            : await db.Set<RecognitionProgramme>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == form.ProgrammeCode.Trim(), ct);
        if (programme is null) problems.Add(new(nameof(form.ProgrammeCode), "recognition.error.programme_required"));
        else if (!programme.Accepts.Contains(form.HolderKind))
            problems.Add(new(nameof(form.HolderKind), "recognition.error.holder_not_accepted", programme.Name(english), form.HolderKind.TextKey()));
        if (form.Level is not { } level || !Enum.IsDefined(level))
        {
            problems.Add(new(nameof(form.Level), "recognition.error.level_required"));
            level = RecognitionLevel.Provincial;
        }
        if (form.Year is not { } year || year < RecognitionRules.FirstYear || year > thisYear + 1)
        {
            problems.Add(new(nameof(form.Year), "recognition.error.year_range", RecognitionRules.FirstYear, thisYear + 1));
            year = thisYear;
        }
        if (!RecognitionRules.EntryStatuses.Contains(form.Status)) problems.Add(new(nameof(form.Status), "recognition.error.entry_status"));

        var r = new Recognition
        {
            ProgrammeCode = programme?.Code ?? "", Family = programme?.Family ?? ProgrammeFamily.Demonstration, Level = level, Year = year,
            HolderKind = form.HolderKind, Status = form.Status, ValidFrom = form.ValidFrom, ValidTo = form.ValidTo,
            DocumentNumber = Trimmed(form.DocumentNumber), Note = Trimmed(form.Note), CreatedAt = clock.UtcNow, CreatedBy = userName,
            Product = Trimmed(form.Product), Position = Trimmed(form.Position), TrainingHours = form.TrainingHours,
            CertificateNumber = Trimmed(form.CertificateNumber), RenewalOfId = form.RenewalOfId,
            CreationFrom = form.CreationFrom, CreationTo = form.CreationTo, Assessment = Trimmed(form.Assessment),
        };
        var area = db.Actor.RegionPath ?? "/";
        var family = programme?.Family;
        if (family == ProgrammeFamily.Brand && r.Product is null) problems.Add(new(nameof(form.Product), "recognition.error.product_required"));
        // An enterprise standard is declared or leads by its number and name (Q/… 标准编号及名称).
        if (family == ProgrammeFamily.Standards && r.Product is null) problems.Add(new(nameof(form.Product), "recognition.error.standard_required"));
        if (r.CreationFrom is { } cf && r.CreationTo is { } ctEnd && ctEnd < cf)
            problems.Add(new(nameof(form.CreationTo), "recognition.error.creation_order", cf.ToString("yyyy-MM-dd"), ctEnd.ToString("yyyy-MM-dd")));
        // A chief quality officer is a person named with the enterprise that appoints them (首席质量官由企业任命).
        var ofEnterprise = form.HolderKind == HolderKind.Enterprise || family == ProgrammeFamily.Cqo;
        if (family == ProgrammeFamily.Cqo) problems.AddRange(cqo.Check(r.Position, r.TrainingHours, r.CertificateNumber));
        if (ofEnterprise)
        {
            var code = (form.CreditCode ?? "").Trim().ToUpperInvariant();
            var firm = code.Length == 0 ? null : await RegistryFace.EnterpriseNamedOfAnyAreaAsync(db, code, ct);
            if (code.Length == 0) problems.Add(new(nameof(form.CreditCode), "recognition.error.enterprise_required"));
            else if (firm is null) problems.Add(new(nameof(form.CreditCode), "recognition.error.enterprise_unknown", code));
            else if (!firm.RegionPath.StartsWith(area, StringComparison.Ordinal))
                problems.Add(new(nameof(form.CreditCode), "recognition.error.outside_area", firm.Name, await RegionNameAsync(db, firm.RegionCode, english, ct)));
            else (r.CreditCode, r.HolderName, r.RegionCode, r.RegionPath) = (firm.CreditCode, firm.Name, firm.RegionCode, firm.RegionPath);
            if (form.HolderKind != HolderKind.Enterprise)
            {
                r.HolderName = form.HolderName?.Trim() ?? "";
                if (r.HolderName.Length == 0) problems.Add(new(nameof(form.HolderName), "recognition.error.holder_name_required"));
            }
        }
        else
        {
            var name = form.HolderName?.Trim() ?? "";
            if (name.Length == 0) problems.Add(new(nameof(form.HolderName), "recognition.error.holder_name_required"));
            // Through the area filter: a region outside the caller's area is unknown to them.
            var region = string.IsNullOrWhiteSpace(form.RegionCode) ? null
                : await db.Set<Region>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == form.RegionCode.Trim(), ct);
            if (region is null) problems.Add(new(nameof(form.RegionCode), "recognition.error.region_required"));
            else (r.RegionCode, r.RegionPath) = (region.Code, region.RegionPath);
            r.HolderName = name;
        }
        // After the holder: a pairing's small firm is another enterprise than the demonstration one.
        if (family == ProgrammeFamily.Pairing) await PartnerAsync(db, form, r, area, english, problems, ct);
        r.OfficeCode = RecognitionRules.OfficeOf(level, r.RegionPath);

        var earlier = form.RenewalOfId is { } earlierId ? await db.Set<Recognition>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == earlierId, ct) : null;
        if (form.RenewalOfId is not null && earlier is null) problems.Add(new(nameof(form.RenewalOfId), "recognition.error.renewal_unknown"));
        if (earlier is not null)
        {
            var renewed = await db.Set<Recognition>().AsNoTracking().AnyAsync(x => x.RenewalOfId == earlier.Id, ct);
            problems.AddRange(RecognitionRules.Renewal(earlier, r, renewed));
        }
        if (form.Status == RecognitionStatus.Granted)
        {
            r.GrantedOn = form.GrantedOn;
            r.ValidFrom ??= earlier?.ValidTo is { } end && form.GrantedOn is { } g0 && end >= g0 ? end.AddDays(1) : form.GrantedOn;
            if (r.ValidFrom is { } from) r.ValidTo ??= RecognitionRules.DefaultValidTo(r.Family, from);
            problems.AddRange(RecognitionRules.Grant(form.GrantedOn, r.DocumentNumber, r.ValidFrom, r.ValidTo));
        }
        else if (RecognitionRules.Validity(r.ValidFrom, r.ValidTo) is { } v) problems.Add(v);
        if (form.GrantedOn is { } g && g > clock.Today) problems.Add(new(nameof(form.GrantedOn), "recognition.error.granted_in_future"));
        return (problems.Count == 0 ? r : null, problems);
    }

    /// <summary>
    /// A pairing's small firm (结对对象): an enterprise of the registry within the caller's area, small or micro by the registry's
    /// size class, not the demonstration enterprise itself; and its joint plan, when given, a help plan or project of the improvement module for that firm.
    /// </summary>
    private static async Task PartnerAsync(QualisDb db, RecognitionForm form, Recognition r, string area, bool english, List<RecognitionProblem> problems, CancellationToken ct)
    {
        var code = (form.PartnerCreditCode ?? "").Trim().ToUpperInvariant();
        var partner = code.Length == 0 ? null : await RegistryFace.EnterpriseNamedOfAnyAreaAsync(db, code, ct);
        if (code.Length == 0) problems.Add(new(nameof(form.PartnerCreditCode), "recognition.error.partner_required"));
        else if (partner is null) problems.Add(new(nameof(form.PartnerCreditCode), "recognition.error.enterprise_unknown", code));
        else if (!partner.RegionPath.StartsWith(area, StringComparison.Ordinal))
            problems.Add(new(nameof(form.PartnerCreditCode), "recognition.error.outside_area", partner.Name, await RegionNameAsync(db, partner.RegionCode, english, ct)));
        else if (partner.CreditCode == (form.CreditCode ?? "").Trim().ToUpperInvariant())
        {
            problems.Add(new(nameof(form.PartnerCreditCode), "recognition.error.partner_self"));
            return;
        }
        // 结对共建 pairs a demonstration enterprise with a small or micro firm (小微企业), by the registry's size class.
        else if (partner.Size is null) problems.Add(new(nameof(form.PartnerCreditCode), "recognition.error.partner_size_unknown", partner.Name));
        else if (partner.Size is not (EnterpriseSize.Small or EnterpriseSize.Micro))
            problems.Add(new(nameof(form.PartnerCreditCode), "recognition.error.partner_not_small", partner.Name, partner.Size.Value.TextKey()));
        else (r.PartnerCreditCode, r.PartnerName) = (partner.CreditCode, partner.Name);
        if (string.IsNullOrWhiteSpace(form.ProjectId)) return;
        // The id, or the plan's address pasted from its page (/Improvement/{id}).
        var typed = form.ProjectId.Trim().TrimEnd('/');
        var plan = Guid.TryParse(typed[(typed.LastIndexOf('/') + 1)..], out var projectId) ? await Improvement.ImprovementFace.PlanAsync(db, projectId, ct) : null;
        if (plan is null) problems.Add(new(nameof(form.ProjectId), "recognition.error.project_unknown"));
        else if (partner is not null && plan.CreditCode != partner.CreditCode) problems.Add(new(nameof(form.ProjectId), "recognition.error.project_other_firm", plan.Title, partner.Name));
        else r.ProjectId = plan.Id;
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A region's name, of any area: region names are public reference data, named beside the refused firm.</summary>
    public static async Task<string> RegionNameAsync(QualisDb db, string code, bool english, CancellationToken ct) =>
        (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct))?.DisplayName(english) ?? code;
}
