using Qualis.Platform.Accounts;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>
/// Who did what on a check, as law-enforcement disclosure (行政执法公示) names them: an enforcement officer (an inspector's
/// account) by name and certificate number (执法证号), a testing agency or an enterprise by its own name, any other official
/// by office (单位) — never by sign-in name.
/// </summary>
public static class CheckPeople
{
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(QualisDb db, IEnumerable<string?> userNames, IStringLocalizer l, CancellationToken ct = default)
    {
        var names = userNames.OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return new Dictionary<string, string>();
        // Names beside records the reader may see: a reference lookup, whatever area the account is in.
        var users = await db.Users.OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(u => names.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.DisplayName, u.Organisation, u.RegionCode, u.Role, u.CertificateNumber }).ToListAsync(ct);
        var codes = users.Select(u => u.RegionCode).Distinct().ToList();
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var regions = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.DisplayName(english), ct);
        return users.ToDictionary(u => u.UserName!, u =>
        {
            var name = string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName! : u.DisplayName;
            return u.Role switch
            {
                Roles.Inspector when !string.IsNullOrWhiteSpace(u.CertificateNumber) => l["check.person_certificate", name, u.CertificateNumber].Value,
                Roles.Inspector or Roles.TestingAgency or Roles.EnterpriseUser => name,
                _ => !string.IsNullOrWhiteSpace(u.Organisation) ? u.Organisation : regions.GetValueOrDefault(u.RegionCode, name),
            };
        }, StringComparer.Ordinal);
    }
}
