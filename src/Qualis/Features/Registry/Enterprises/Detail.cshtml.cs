using Qualis.Features.Audit;
using Qualis.Features.Recognition;
using Qualis.Features.Services;
using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Parks;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>One enterprise with everything linked to it and its history. Enterprise users see only their own.</summary>
[Authorize(Roles = Roles.Officials + "," + Roles.Inspector + "," + Roles.PartnerDepartment + "," + Roles.EnterpriseUser)]
[RecordPage(typeof(Enterprise))]
public sealed class DetailModel(QualisDb db, Microsoft.Extensions.Localization.IStringLocalizer l, Qualis.Platform.Time.PeopleClock clock) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public string? RegionName { get; private set; }
    public string? IndustryName { get; private set; }
    public string? ParkName { get; private set; }
    public AuditHistoryView History { get; private set; } = null!;
    /// <summary>Its recognitions (质量认定), read through the register's face.</summary>
    public List<RecognitionEntry> Recognitions { get; private set; } = [];
    /// <summary>Its service archive (企业服务档案: questionnaires, clinics, park programmes), read through the services module's face.</summary>
    public List<ServiceArchiveEntry> ServiceArchive { get; private set; } = [];
    public bool English { get; private set; }

    /// <summary>Money as officials' sheets give it: in 万元 (ten thousand yuan).</summary>
    public string? Money(decimal? yuan) => yuan is null ? null : (yuan.Value / 10000m).ToString("N2") + " " + l["unit.wan_yuan"];

    public async Task<IActionResult> OnGetAsync(string code)
    {
        code = CreditCode.Check(code).Normalised;
        if (User.IsInRole(Roles.EnterpriseUser) && db.Actor.EnterpriseCode != code) return NotFound();
        var e = await db.Set<Enterprise>().AsNoTracking().SingleOrDefaultAsync(x => x.CreditCode == code);
        if (e is null) return NotFound();
        Enterprise = e;
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        RegionName = (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().SingleOrDefaultAsync(r => r.Code == e.RegionCode))?.DisplayName(english);
        var industry = e.IndustryCode is null ? null : await db.Set<Industry>().AsNoTracking().SingleOrDefaultAsync(i => i.Code == e.IndustryCode);
        IndustryName = industry is null ? null : english && industry.NameEn is not null ? industry.NameEn : industry.Name;
        ParkName = e.ParkId is null ? null : await db.Set<Park>().OutsideArea(AreaReason.ReferenceLookup).Where(p => p.Id == e.ParkId).Select(p => p.Name).SingleOrDefaultAsync();
        English = english;
        Recognitions = await RecognitionFace.OfEnterpriseAsync(db, e.CreditCode);
        ServiceArchive = await ServicesFace.ArchiveOfEnterpriseAsync(db, clock, e.CreditCode);
        History = await AuditHistory.ForAsync(db, nameof(Enterprise), e.Id.ToString());
        return Page();
    }
}
