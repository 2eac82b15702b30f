using Qualis.Features.Registry;
using Qualis.Features.Shared;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Modules;

namespace Qualis.Features.Supervision.Publication;

/// <summary>A failed item as published: the item, the standard clause, the required and the measured value.</summary>
[ModuleFace]
public sealed record PublishedFailure(string Item, string Clause, string Required, string Measured);

/// <summary>A correction of a published result (更正) as published: which field, before and after, why and when.</summary>
[ModuleFace]
public sealed record PublishedCorrection(string Field, string? Before, string? After, string Reason, DateTime At);

/// <summary>
/// One published spot-check result with exactly the fields meant for publication (一公开). Samplers, sampling place,
/// the objection and its decision, the officials' notes and the internal ids of draws, enterprises and agencies are
/// not in it, so no page can show them by mistake.
/// </summary>
[ModuleFace]
public sealed class PublishedResult
{
    public Guid Id { get; init; }
    public string EnterpriseName { get; init; } = "";
    public string CreditCode { get; init; } = "";
    public string RegionPath { get; init; } = "";
    public string? CategoryCode { get; init; }
    public string? ProductName { get; init; }
    public string? Model { get; init; }
    public string? BatchNumber { get; init; }
    public string? Trademark { get; init; }
    public CheckResult Result { get; init; }
    public string? AgencyName { get; init; }
    public DateTime PublishedAt { get; init; }
    /// <summary>The result stands from a re-test (复检): its failed items are the re-test's.</summary>
    public bool Retested { get; init; }

    public string Region { get; set; } = "";
    public string? CategoryName { get; set; }
    public List<PublishedFailure> Failures { get; } = [];
    public List<PublishedCorrection> Corrections { get; } = [];
}

/// <summary>The public search (公示查询): a name fragment or credit code, a product name or category, publication dates, the result.</summary>
[ModuleFace]
public sealed record PublishedResultSearch(string? Enterprise, string? Product, DateOnly? From, DateOnly? To, CheckResult? Result);

/// <summary>
/// Published spot-check results (监督抽查结果公示) for the public side. Only checks with <see cref="SpotCheck.PublishedAt"/>
/// set and a result are ever read.
/// </summary>
[ModuleFace]
public static class PublishedResults
{
    /// <summary>
    /// The fields a correction may be published for: the published fields themselves. A correction of anything else
    /// (samplers, the sampling place, an objection) stays internal, or its before and after would publish that field.
    /// </summary>
    public static readonly IReadOnlySet<string> PublicFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        nameof(SpotCheck.EnterpriseName), nameof(SpotCheck.CreditCode), nameof(SpotCheck.ProductCategoryCode), nameof(SpotCheck.ProductName),
        nameof(SpotCheck.Model), nameof(SpotCheck.BatchNumber), nameof(SpotCheck.Trademark), nameof(SpotCheck.Result), nameof(SpotCheck.RetestResult),
        nameof(SpotCheck.AgencyName), "Failure", "Failures",
    };

    /// <summary>
    /// Published checks of every area. The region filter is lifted on purpose, on this one-table query only: publication
    /// is for everyone, so an official who opens the public page sees what the public sees, not only their own area.
    /// The "published" condition below is the filter that counts here.
    /// </summary>
    private static IQueryable<SpotCheck> Published(QualisDb db) =>
        db.Set<SpotCheck>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Where(c => c.PublishedAt != null && c.Result != null);

    /// <summary>The newest publication first.</summary>
    private static readonly ListSort<SpotCheck>[] Sorts =
        [ListSort<SpotCheck>.By("-published", c => c.PublishedAt, descending: true).ThenBy(c => c.Id, descending: true)];

    public static async Task<ListPage<PublishedResult>> SearchAsync(QualisDb db, PublishedResultSearch s, ListRequest request, bool english,
        CancellationToken ct = default)
    {
        var page = await (await WhereAsync(db, s, ct)).PageAsync(request, Sorts, Project, ct: ct);
        await CompleteAsync(db, page.Rows, english, ct);
        return page;
    }

    /// <summary>Every matching result in the list's order, for its export.</summary>
    public static async Task<List<PublishedResult>> AllAsync(QualisDb db, PublishedResultSearch s, bool english, CancellationToken ct = default)
    {
        var rows = await Project((await WhereAsync(db, s, ct)).Ordered(null, Sorts)).ToListAsync(ct);
        await CompleteAsync(db, rows, english, ct);
        return rows;
    }

    private static async Task<IQueryable<SpotCheck>> WhereAsync(QualisDb db, PublishedResultSearch s, CancellationToken ct)
    {
        var q = Published(db);
        if (!string.IsNullOrWhiteSpace(s.Enterprise))
        {
            var text = s.Enterprise.Trim();
            var code = text.ToUpperInvariant();
            q = q.Where(c => c.EnterpriseName.Contains(text) || c.CreditCode.StartsWith(code));
        }
        if (!string.IsNullOrWhiteSpace(s.Product))
        {
            var text = s.Product.Trim();
            var categories = await RegistryFace.ProductCategoriesAsync(db, ct);
            var matched = categories.Where(c => c.Code.Equals(text, StringComparison.OrdinalIgnoreCase) || c.Name.Contains(text, StringComparison.Ordinal))
                .Select(c => c.Code).ToHashSet();
            var codes = categories.Where(c => matched.Contains(c.Code) || (c.ParentCode is not null && matched.Contains(c.ParentCode))).Select(c => c.Code).ToList();
            q = q.Where(c => (c.ProductName != null && c.ProductName.Contains(text)) || codes.Contains(c.ProductCategoryCode!));
        }
        // Publication dates are days of the server's clock, as the pages show them; stored instants are UTC.
        if (s.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime();
            q = q.Where(c => c.PublishedAt >= start);
        }
        if (s.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime();
            q = q.Where(c => c.PublishedAt < end);
        }
        if (s.Result is { } r)
            q = q.Where(c => c.RetestResult == r || (c.RetestResult == null && c.Result == r));

        return q;
    }

    /// <summary>One published result, or null when there is none by that id or it is not published.</summary>
    public static async Task<PublishedResult?> FindAsync(QualisDb db, Guid id, bool english, CancellationToken ct = default)
    {
        var row = await Project(Published(db).Where(c => c.Id == id)).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        await CompleteAsync(db, [row], english, ct);
        return row;
    }

    private static IQueryable<PublishedResult> Project(IQueryable<SpotCheck> q) =>
        q.Select(c => new PublishedResult
        {
            Id = c.Id, EnterpriseName = c.EnterpriseName, CreditCode = c.CreditCode, RegionPath = c.RegionPath, CategoryCode = c.ProductCategoryCode,
            ProductName = c.ProductName, Model = c.Model, BatchNumber = c.BatchNumber, Trademark = c.Trademark,
            Result = c.RetestResult ?? c.Result!.Value, AgencyName = c.AgencyName, PublishedAt = c.PublishedAt!.Value,
            // Which failures stand: the re-test's when there was one (复检), the first test's otherwise.
            Retested = c.RetestResult != null,
        });

    /// <summary>Fills in the region and category names, the failed items of the final result and the public corrections.</summary>
    private static async Task CompleteAsync(QualisDb db, List<PublishedResult> rows, bool english, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var ids = rows.Select(r => r.Id).ToList();
        var failing = rows.Where(r => r.Result == CheckResult.Fail).Select(r => r.Id).ToList();
        var failures = await db.Set<SpotCheckFailure>().AsNoTracking().Where(f => failing.Contains(f.SpotCheckId))
            .OrderBy(f => f.Item).ToListAsync(ct);
        var corrections = await db.Set<ResultCorrection>().AsNoTracking().Where(c => ids.Contains(c.SpotCheckId))
            .OrderBy(c => c.At).ToListAsync(ct);
        var regionCodes = rows.SelectMany(r => r.RegionPath.Split('/', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        // Region names are public reference data; this lookup stands alone, so lifting the area filter touches nothing else.
        var regions = await db.Set<Region>().OutsideArea(AreaReason.PublicRecord).AsNoTracking().Where(r => regionCodes.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.DisplayName(english), ct);
        var categoryCodes = rows.Select(r => r.CategoryCode).OfType<string>().Distinct().ToList();
        var categories = (await RegistryFace.ProductCategoriesAsync(db, ct)).Where(c => categoryCodes.Contains(c.Code)).ToDictionary(c => c.Code, c => c.Name);

        foreach (var row in rows)
        {
            // The province is the same for every result of the platform: city and county say where.
            var parts = row.RegionPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(c => regions.GetValueOrDefault(c, c));
            row.Region = string.Join(english ? ", " : " ", parts);
            row.CategoryName = row.CategoryCode is null ? null : categories.GetValueOrDefault(row.CategoryCode, row.CategoryCode);
            row.Failures.AddRange(failures.Where(f => f.SpotCheckId == row.Id && f.Retest == row.Retested)
                .Select(f => new PublishedFailure(f.Item, f.Clause, f.Required, f.Measured)));
            row.Corrections.AddRange(corrections.Where(c => c.SpotCheckId == row.Id && PublicFields.Contains(c.Field))
                .Select(c => new PublishedCorrection(c.Field, c.Before, c.After, c.Reason, c.At)));
        }
    }
}
