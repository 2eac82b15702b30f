using Microsoft.EntityFrameworkCore;
using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Parks;
using Qualis.Platform.Data;
using Qualis.Platform.Regions;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>
/// The enterprise filters shared by the list page, its export and the API: name fragment, credit-code prefix,
/// region subtree, industry (code prefix), size, status and park; sortable and paged. Region scope comes from the
/// query filter, so a filter can only narrow what the caller may see.
/// </summary>
public sealed record EnterpriseFilter(
    string? Name = null, string? Code = null, string? Region = null, string? Industry = null,
    EnterpriseSize? Size = null, EnterpriseStatus? Status = null, Guid? Park = null, string? Sort = null)
{
    public static readonly string[] Sorts = ["name", "code", "region", "established", "-established", "employees", "-employees"];

    /// <summary>
    /// Enterprises whose name contains the fragment, through each database's full-text index of name pairs
    /// (<see cref="NameSearch"/>); a one-character fragment is looked for by scanning, which the index cannot serve.
    /// </summary>
    private static IQueryable<Enterprise> NameMatches(QualisDb db, string? fragment)
    {
        if (string.IsNullOrWhiteSpace(fragment)) return db.Set<Enterprise>();
        if (NameSearch.Pairs(fragment) is not { } pairs)
        {
            var n = NameSearch.Fold(fragment);
            return db.Set<Enterprise>().Where(e => e.Name.Contains(n));
        }
        return db.IsPostgres
            ? db.Set<Enterprise>().FromSqlRaw(
                "SELECT * FROM \"Enterprises\" WHERE to_tsvector('simple', \"NameGrams\") @@ to_tsquery('simple', {0})", string.Join(" <-> ", pairs))
            : db.Set<Enterprise>().FromSqlRaw(
                "SELECT * FROM \"Enterprises\" WHERE rowid IN (SELECT rowid FROM \"EnterpriseNameSearch\" WHERE \"EnterpriseNameSearch\" MATCH {0})",
                "\"" + string.Join(' ', pairs) + "\"");
    }

    public async Task<IQueryable<Enterprise>> ApplyAsync(QualisDb db)
    {
        var q = NameMatches(db, Name).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Code)) { var c = Code.Trim().ToUpperInvariant(); q = q.Where(e => e.CreditCode.StartsWith(c)); }
        if (!string.IsNullOrWhiteSpace(Region))
        {
            var path = await db.Set<Region>().Where(r => r.Code == Region).Select(r => r.RegionPath).SingleOrDefaultAsync() ?? "/none/";
            q = q.Where(e => e.RegionPath.StartsWith(path));
        }
        if (!string.IsNullOrWhiteSpace(Industry))
        {
            var i = Industry.Trim().ToUpperInvariant();
            if (IndustryDirectory.LevelOf(i) == IndustryLevel.Section)
            {
                // A section (门类, e.g. C 制造业) stands for its divisions (大类 13–43); codes are stored from the division down.
                var divisions = await db.Set<Industry>().Where(d => d.ParentCode == i).Select(d => d.Code).ToListAsync();
                q = q.Where(e => e.IndustryCode != null && divisions.Contains(e.IndustryCode.Substring(0, 2)));
            }
            else q = q.Where(e => e.IndustryCode != null && e.IndustryCode.StartsWith(i));
        }
        if (Size is { } size) q = q.Where(e => e.Size == size);
        if (Status is { } status) q = q.Where(e => e.Status == status);
        if (Park is { } park) q = q.Where(e => e.ParkId == park);
        return Sort switch
        {
            "code" => q.OrderBy(e => e.CreditCode),
            "region" => q.OrderBy(e => e.RegionPath).ThenBy(e => e.Name),
            "established" => q.OrderBy(e => e.EstablishedOn).ThenBy(e => e.CreditCode),
            "-established" => q.OrderByDescending(e => e.EstablishedOn).ThenBy(e => e.CreditCode),
            "employees" => q.OrderBy(e => e.Employees).ThenBy(e => e.CreditCode),
            "-employees" => q.OrderByDescending(e => e.Employees).ThenBy(e => e.CreditCode),
            _ => q.OrderBy(e => e.Name).ThenBy(e => e.CreditCode),
        };
    }
}

/// <summary>One enterprise as lists and the API show it.</summary>
public sealed record EnterpriseRow(
    string CreditCode, string Name, string? LegalRepresentative, string RegionCode, string? RegionName, string? IndustryCode,
    string? Size, string Status, DateOnly? EstablishedOn, int? Employees, string? Park);

public static class EnterpriseRows
{
    /// <summary>
    /// Joins the region and park names. No IgnoreQueryFilters here: in EF it lifts the area filter from the whole
    /// query, enterprises included. An enterprise in the caller's area lies in a region of that area anyway.
    /// </summary>
    public static IQueryable<EnterpriseRow> Project(this IQueryable<Enterprise> q, QualisDb db) =>
        from e in q
        join r in db.Set<Region>() on e.RegionCode equals r.Code into rs
        from r in rs.DefaultIfEmpty()
        join p in db.Set<Park>() on e.ParkId equals p.Id into ps
        from p in ps.DefaultIfEmpty()
        select new EnterpriseRow(e.CreditCode, e.Name, e.LegalRepresentative, e.RegionCode, r == null ? null : r.Name, e.IndustryCode,
            e.Size == null ? null : e.Size.ToString(), e.Status.ToString(), e.EstablishedOn, e.Employees, p == null ? null : p.Name);
}
