using Microsoft.AspNetCore.Http.HttpResults;
using Qualis.Features.Shared;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>/api/enterprises: the enterprise directory of the caller's area, with the list page's filters.</summary>
public static class EnterprisesApi
{
    /// <summary>A page of matches in the requested sort. Beyond 1,000 matches <c>Total</c> stops at 1,000 and
    /// <c>TotalIsExact</c> is false, unless <c>exactCount=true</c> asks for the exact number.</summary>
    public sealed record Page(int Total, bool TotalIsExact, int PageNumber, int PageSize, IReadOnlyList<EnterpriseRow> Items);

    public static void MapEnterprisesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/enterprises")
            .WithTags("Enterprises")
            .RequireAuthorization(ApiScopes.Policy(RegistryModule.EnterprisesReadScope))
            .RequireRateLimiting(SecuritySetup.ApiRateLimit);

        group.MapGet("/", async Task<Results<Ok<Page>, ValidationProblem>> (QualisDb db, CommonNamePages kept, IStringLocalizer l, string? name, string? code, string? region, string? industry,
            EnterpriseSize? size, EnterpriseStatus? status, Guid? park, string? sort, ApiInstant? updatedSince, bool exactCount = false, int page = 1, int pageSize = 50) =>
        {
            pageSize = Math.Clamp(pageSize, 1, ApiDocument.MaxPageSize);
            page = Math.Max(1, page);
            // A sync without a sort of its own reads the changes in their order, through their index.
            sort ??= updatedSince is null ? null : "updated";
            var filter = new EnterpriseFilter(name, code, region, industry, size, status, park, sort) { UpdatedSince = updatedSince?.Utc };
            if (await filter.TooWideForOneCharacterAsync(db))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [l["enterprise.name.one_character_wide"].Value] });
            var result = await filter
                .PageAsync(db, new ListRequest(page, false, pageSize, sort, exactCount), english: false, kept: kept);
            return TypedResults.Ok(new Page(result.Total, result.TotalIsExact, page, pageSize, result.Rows));
        }).WithName("ListEnterprises")
            .WithSummary("List enterprises (企业名录)")
            .WithDescription("The enterprises (市场主体) of the key's area with the list page's filters: `name` (a fragment), `code` (a credit-code prefix), " +
                             "`region` (a division code and its subtree), `industry` (GB/T 4754 section, division or class), `size`, `status`, `park`; " +
                             "`sort` is one of name, code, region, established, -established, employees, -employees, updated. Beyond 1,000 matches `total` stops " +
                             "at 1,000 and `totalIsExact` is false unless `exactCount=true`. `updatedSince` keeps the enterprises whose record changed " +
                             "(their UpdatedAt) at or after the instant, oldest change first unless `sort` says otherwise.");

        group.MapGet("/{code}", async Task<Results<Ok<EnterpriseRow>, NotFound>> (QualisDb db, string code) =>
        {
            var c = CreditCode.Check(code).Normalised; // full-width and spaced forms find the same firm
            var row = await db.Set<Enterprise>().AsNoTracking().Where(e => e.CreditCode == c).Project(db).SingleOrDefaultAsync();
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row);
        }).WithName("GetEnterprise").WithMetadata(new RecordPageAttribute(typeof(Enterprise)))
            .WithSummary("Get an enterprise by credit code (按统一社会信用代码查询企业)")
            .WithDescription("One enterprise of the key's area by its unified social credit code (统一社会信用代码, 18 characters; full-width " +
                             "and spaced forms are read too). An enterprise outside the area is not found (404).");
    }
}
