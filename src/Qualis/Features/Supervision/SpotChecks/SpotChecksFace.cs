using Qualis.Platform.Modules;

namespace Qualis.Features.Supervision.SpotChecks;

/// <summary>A failed spot check as another module names it: the product, the day of the result that stands.</summary>
[ModuleFace]
public sealed record FailedCheck(Guid Id, string? ProductName, DateOnly? On);

/// <summary>What the spot checks let other modules read: an enterprise's failures, for eligibility checks (award reviews).</summary>
[ModuleFace]
public static class SpotChecksFace
{
    /// <summary>
    /// The enterprise's spot checks of the caller's area whose standing result (the re-test's when there was one) is a
    /// failure, decided (final or published) on or after <paramref name="since"/>; newest first.
    /// </summary>
    public static async Task<List<FailedCheck>> FailedSinceAsync(QualisDb db, string creditCode, DateOnly since, CancellationToken ct = default) =>
        (await db.Set<SpotCheck>().AsNoTracking()
            .Where(c => c.CreditCode == creditCode && (c.Status == SpotCheckStatus.Final || c.Status == SpotCheckStatus.Published)
                && (c.RetestResult ?? c.Result) == CheckResult.Fail && (c.RetestOn ?? c.ResultOn) >= since)
            .Select(c => new { c.Id, c.ProductName, On = c.RetestOn ?? c.ResultOn }).ToListAsync(ct))
        .OrderByDescending(c => c.On).Select(c => new FailedCheck(c.Id, c.ProductName, c.On)).ToList();
}
