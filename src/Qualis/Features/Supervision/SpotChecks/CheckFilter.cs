using Qualis.Features.Registry;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>
/// The filters of the spot-check list (抽查任务) and of the partner API's /checks and /results, by their query-string
/// names: status, result, overdue, region, category, industry, from, to, q, draw. Other pages link here with them (the
/// pass-rate page: region, category, industry, from, to and result), so their meaning is a contract:
/// <list type="bullet">
/// <item>result: the result as it stands (the re-test's when there was one), as the pass rate counts it.</item>
/// <item>from, to: the day of the agency's result (检验结果日期), both included.</item>
/// <item>region: that region and every region below it. category: that product category and its sub-categories.
/// industry: a section letter stands for its divisions, a division or deeper code for the codes it begins.</item>
/// <item>overdue: any late step (<see cref="OverdueSteps"/>) as of today.</item>
/// <item>q: a fragment of the enterprise's name, or the beginning of its credit code.</item>
/// </list>
/// </summary>
public sealed record CheckFilter(SpotCheckStatus? Status, CheckResult? Result, bool Overdue, string? Region, string? Category, DateOnly? From, DateOnly? To, string? Q,
    string? Industry = null, Guid? Draw = null)
{
    public async Task<IQueryable<SpotCheck>> ApplyAsync(IQueryable<SpotCheck> q, QualisDb db, DateOnly today, CancellationToken ct = default)
    {
        if (Status is { } status) q = q.Where(c => c.Status == status);
        if (Result is { } result) q = q.Where(c => c.RetestResult == result || (c.RetestResult == null && c.Result == result));
        if (Overdue) q = q.Where(OverdueSteps.Any(today));
        if (!string.IsNullOrWhiteSpace(Region))
        {
            // The area filter applies to regions too: a region outside the caller's area is unknown, and so shows nothing.
            var code = Region.Trim();
            var path = await db.Set<Region>().AsNoTracking().Where(r => r.Code == code).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
            q = path is null ? q.Where(c => false) : q.Where(RegionRange.Within<SpotCheck>(path));
        }
        if (!string.IsNullOrWhiteSpace(Category))
        {
            var code = Category.Trim();
            var codes = (await RegistryFace.ProductCategoriesAsync(db, ct)).Where(x => x.Code == code || x.ParentCode == code).Select(x => x.Code).ToList();
            if (!codes.Contains(code)) codes.Add(code);
            q = q.Where(c => c.ProductCategoryCode != null && codes.Contains(c.ProductCategoryCode));
        }
        if (!string.IsNullOrWhiteSpace(Industry))
        {
            var code = Industry.Trim().ToUpperInvariant();
            if (code.Length == 1)
            {
                var divisions = await RegistryFace.DivisionsOfSectionsAsync(db, [code], ct);
                q = q.Where(c => c.IndustryCode != null && divisions.Contains(c.IndustryCode.Substring(0, 2)));
            }
            else q = q.Where(c => c.IndustryCode != null && c.IndustryCode.StartsWith(code));
        }
        if (Draw is { } draw) q = q.Where(c => c.DrawId == draw);
        if (From is { } from) q = q.Where(c => c.ResultOn != null && c.ResultOn >= from);
        if (To is { } to) q = q.Where(c => c.ResultOn != null && c.ResultOn <= to);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var fragment = Q.Trim();
            var code = fragment.ToUpperInvariant();
            q = q.Where(c => c.EnterpriseName.Contains(fragment) || c.CreditCode.StartsWith(code));
        }
        return q;
    }

    /// <summary>"1", "true" or "on" (a ticked box) switch the overdue filter on.</summary>
    public static bool IsOn(string? flag) => flag?.Trim().ToLowerInvariant() is "1" or "true" or "on" or "yes";

    /// <summary>What a list row shows, as a check carrying only those fields, so the same overdue rule applies to it.</summary>
    public static IQueryable<SpotCheck> Rows(IQueryable<SpotCheck> q) => q.Select(c => new SpotCheck
    {
        Id = c.Id, CreditCode = c.CreditCode, EnterpriseName = c.EnterpriseName, RegionCode = c.RegionCode, RegionPath = c.RegionPath,
        Status = c.Status, ProductCategoryCode = c.ProductCategoryCode, ProductName = c.ProductName, Model = c.Model, BatchNumber = c.BatchNumber,
        SampledOn = c.SampledOn, AgencyName = c.AgencyName, Result = c.Result, ResultOn = c.ResultOn, RetestResult = c.RetestResult,
        NotifiedOn = c.NotifiedOn, ObjectionDeadline = c.ObjectionDeadline, Objection = c.Objection, Decision = c.Decision,
        StopSale = c.StopSale, RectificationDue = c.RectificationDue, FollowUpDue = c.FollowUpDue, FollowUpResult = c.FollowUpResult,
        Escalated = c.Escalated, InspectionEndedOn = c.InspectionEndedOn, PublicationDue = c.PublicationDue, PublishedAt = c.PublishedAt,
    });
}
