using Microsoft.AspNetCore.Http.HttpResults;
using Qualis.Platform.Audit;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>
/// /api/supervision/checks and /api/supervision/results: the spot checks (抽查任务) of the caller's area with the list's
/// filters, and their final results (抽查结果). The objection's text, the decision's reasoning and the stored files stay
/// on the platform.
/// </summary>
public static class SpotChecksApi
{
    public sealed record CheckRow(
        Guid Id, Guid DrawId, [property: ApiValues(typeof(SpotCheckStatus))] string Status, string CreditCode, string EnterpriseName, string RegionCode, string? IndustryCode, string ItemCodes,
        string? ProductCategoryCode, string? ProductName, string? Model, string? BatchNumber, DateOnly? SampledOn, string? AgencyName,
        [property: ApiValues(typeof(CheckResult))] string? Result, [property: ApiValues(typeof(CheckResult))] string? RetestResult,
        [property: ApiValues(typeof(CheckResult))] string? FinalResult, DateOnly? ResultOn, DateOnly? ObjectionDeadline, DateOnly? RectificationDue,
        DateOnly? FollowUpDue, DateOnly? PublicationDue, DateTime? PublishedAt);

    public sealed record Failure(string Item, string Clause, string Required, string Measured, bool Retest);

    public sealed record Correction(DateTime At, string Field, string? Before, string? After, string Reason);

    /// <summary>A spot check with its sampling record (抽样单), testing, objection, disposal and publication.</summary>
    public sealed record CheckDetail(
        CheckRow Check, string? Trademark, int? TestQuantity, int? ReserveQuantity, string? SamplingPlace, IReadOnlyList<string> Samplers,
        DateOnly? NotifiedOn, DateOnly? ObjectedOn, [property: ApiValues(typeof(ObjectionDecision))] string? Decision, DateOnly? RetestOn, bool StopSale,
        DateOnly? RectificationOrderedOn, [property: ApiValues(typeof(CheckResult))] string? FollowUpResult, DateOnly? FollowUpOn, bool Escalated, DateOnly? InspectionEndedOn,
        IReadOnlyList<Failure> Failures, IReadOnlyList<Correction> Corrections);

    /// <summary>A final result (抽查结果): the re-test's when there was one, with the failed items that stand.</summary>
    public sealed record ResultRow(
        Guid CheckId, string CreditCode, string EnterpriseName, string RegionCode, string? IndustryCode, string? ProductCategoryCode,
        string? ProductName, string? Model, string? BatchNumber, string? Trademark, [property: ApiValues(typeof(CheckResult))] string Result, bool Retested, DateOnly? ResultOn,
        string? AgencyName, DateTime? PublishedAt, IReadOnlyList<Failure> Failures);

    public static void MapSpotChecksApi(this RouteGroupBuilder group)
    {
        group.MapGet("/checks", async (QualisDb db, PeopleClock clock, string? region, string? category, string? industry, SpotCheckStatus? status, CheckResult? result,
            DateOnly? from, DateOnly? to, string? q, Guid? draw, bool? overdue, ApiInstant? updatedSince, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        {
            var (p, size, skip) = SupervisionApi.Window(page, pageSize);
            var checks = ChangedSince(db, await new CheckFilter(status, result, overdue == true, region, category, from, to, q, industry, draw)
                .ApplyAsync(db.Set<SpotCheck>().AsNoTracking(), db, clock.Today, ct), updatedSince);
            var total = await checks.CountAsync(ct);
            var rows = await checks.OrderByDescending(c => c.ResultOn).ThenBy(c => c.Id).Skip(skip).Take(size).ToListAsync(ct);
            return TypedResults.Ok(new SupervisionApi.Page<CheckRow>(total, p, size, rows.Select(Row).ToList()));
        }).WithName("ListSpotChecks")
            .WithSummary("List spot checks (抽查任务)")
            .WithDescription("The spot checks of the key's area, latest result first, with the list's filters: `region`, `category` (product " +
                             "category), `industry`, `status`, `result`, `from`/`to` (result dates), `q` (firm name or code), `draw`, `overdue`. " +
                             "`updatedSince` keeps the checks written, or whose failed items were written, at or after the instant (read from the audit trail).");

        group.MapGet("/checks/{id:guid}", async Task<Results<Ok<CheckDetail>, NotFound>> (QualisDb db, Guid id, CancellationToken ct) =>
        {
            var c = await db.Set<SpotCheck>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (c is null) return TypedResults.NotFound();
            var failures = await db.Set<SpotCheckFailure>().AsNoTracking().Where(f => f.SpotCheckId == id).OrderBy(f => f.Retest).ThenBy(f => f.Item).ToListAsync(ct);
            var corrections = await db.Set<ResultCorrection>().AsNoTracking().Where(x => x.SpotCheckId == id).OrderBy(x => x.At).ToListAsync(ct);
            return TypedResults.Ok(new CheckDetail(Row(c), c.Trademark, c.TestQuantity, c.ReserveQuantity, c.SamplingPlace,
                (c.Samplers ?? "").Split('；', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                c.NotifiedOn, c.ObjectedOn, c.Decision?.ToString(), c.RetestOn, c.StopSale, c.RectificationOrderedOn, c.FollowUpResult?.ToString(),
                c.FollowUpOn, c.Escalated, c.InspectionEndedOn,
                failures.Select(f => new Failure(f.Item, f.Clause, f.Required, f.Measured, f.Retest)).ToList(),
                corrections.Select(x => new Correction(x.At, x.Field, x.Before, x.After, x.Reason)).ToList()));
        }).WithName("GetSpotCheck").WithMetadata(new RecordPageAttribute(typeof(SpotCheck)))
            .WithSummary("Get a spot check (查询抽查任务)")
            .WithDescription("One spot check of the key's area with its sampling record (抽样单), failed items, objection and re-test (异议/复检), " +
                             "disposal (后处理) and publication, and the corrections made to its result. Stored files and the objection's text stay on the platform.");

        group.MapGet("/results", async (QualisDb db, PeopleClock clock, string? region, string? category, string? industry, CheckResult? result,
            DateOnly? from, DateOnly? to, string? q, bool? published, ApiInstant? updatedSince, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        {
            var (p, size, skip) = SupervisionApi.Window(page, pageSize);
            var checks = ChangedSince(db, await new CheckFilter(null, result, false, region, category, from, to, q, industry)
                    .ApplyAsync(db.Set<SpotCheck>().AsNoTracking(), db, clock.Today, ct), updatedSince)
                .Where(c => c.Result != null);
            if (published is { } isPublished) checks = isPublished ? checks.Where(c => c.PublishedAt != null) : checks.Where(c => c.PublishedAt == null);
            var total = await checks.CountAsync(ct);
            var rows = await checks.OrderByDescending(c => c.ResultOn).ThenBy(c => c.Id).Skip(skip).Take(size).ToListAsync(ct);
            var failing = rows.Where(c => c.FinalResult == CheckResult.Fail).Select(c => c.Id).ToList();
            var failures = (await db.Set<SpotCheckFailure>().AsNoTracking().Where(f => failing.Contains(f.SpotCheckId)).OrderBy(f => f.Item).ToListAsync(ct))
                .ToLookup(f => f.SpotCheckId);
            var items = rows.Select(c => new ResultRow(c.Id, c.CreditCode, c.EnterpriseName, c.RegionCode, c.IndustryCode, c.ProductCategoryCode,
                c.ProductName, c.Model, c.BatchNumber, c.Trademark, c.FinalResult!.Value.ToString(), c.RetestResult is not null, c.ResultOn, c.AgencyName,
                c.PublishedAt,
                // The failed items that stand are those of the test the final result came from.
                failures[c.Id].Where(f => f.Retest == (c.RetestResult is not null)).Select(f => new Failure(f.Item, f.Clause, f.Required, f.Measured, f.Retest)).ToList()))
                .ToList();
            return TypedResults.Ok(new SupervisionApi.Page<ResultRow>(total, p, size, items));
        }).WithName("ListResults")
            .WithSummary("List spot-check results (抽查结果)")
            .WithDescription("The final results of the key's area (the re-test's when there was one), latest first, with the failed items that " +
                             "stand; filters as for the spot checks, and `published` for those published (一公开) or not yet. `updatedSince` as for the spot checks.");
    }

    /// <summary>The checks written, or whose failed items were written, at or after the instant (the API's updatedSince).</summary>
    private static IQueryable<SpotCheck> ChangedSince(QualisDb db, IQueryable<SpotCheck> checks, ApiInstant? updatedSince)
    {
        if (updatedSince is not { } since) return checks;
        var written = db.KeysChangedSince<SpotCheck>(since.Utc);
        var failures = db.KeysChangedSince<SpotCheckFailure>(since.Utc);
        return checks.Where(c => written.Contains(c.Id.ToString().ToLower())
                                 || db.Set<SpotCheckFailure>().Any(f => f.SpotCheckId == c.Id && failures.Contains(f.Id.ToString().ToLower())));
    }

    private static CheckRow Row(SpotCheck c) => new(
        c.Id, c.DrawId, c.Status.ToString(), c.CreditCode, c.EnterpriseName, c.RegionCode, c.IndustryCode, c.ItemCodes, c.ProductCategoryCode,
        c.ProductName, c.Model, c.BatchNumber, c.SampledOn, c.AgencyName, c.Result?.ToString(), c.RetestResult?.ToString(), c.FinalResult?.ToString(),
        c.ResultOn, c.ObjectionDeadline, c.RectificationDue, c.FollowUpDue, c.PublicationDue, c.PublishedAt);
}
