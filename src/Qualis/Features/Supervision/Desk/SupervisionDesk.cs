using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Desk;

namespace Qualis.Features.Supervision.Desk;

/// <summary>
/// What spot checks put on people's desks (我的待办 and the supervision cards). Who does which step follows
/// <see cref="SpotCheckRules.WhyNot"/>: an inspector samples (抽样); the agency the sample went to enters the result and
/// the re-test (检验结果、复检结果); the office that organised the draw (the draw's own region) serves the result
/// (送达), decides objections (异议处理), confirms results once the objection period ends, publishes (公示) and follows up
/// rectifications (复查); the enterprise may object until its deadline and must rectify a failure by its due day.
/// Deadlines are those of <see cref="Deadlines"/>, stored on the check.
/// </summary>
public sealed class SupervisionDesk(QualisDb db) : IDeskSource
{
    public const string Sample = "todo.check.sample";
    public const string EnterResult = "todo.check.result";
    public const string EnterRetest = "todo.check.retest";
    public const string Notify = "todo.check.notify";
    public const string Decide = "todo.check.decide";
    public const string Finalise = "todo.check.finalise";
    public const string Publish = "todo.check.publish";
    public const string FollowUp = "todo.check.followup";
    public const string Object = "todo.check.object";
    public const string Rectify = "todo.check.rectify";

    private const string ChecksPage = "/Supervision/Checks";

    public async Task<IReadOnlyList<ToDo>> ToDosAsync(DeskContext ctx, CancellationToken ct)
    {
        var checks = db.Set<SpotCheck>().AsNoTracking();
        var today = ctx.Today;
        var found = new List<(string Kind, SpotCheck Check, DateOnly? Due)>();

        if (ctx.IsInspector)
        {
            foreach (var c in await checks.Where(c => c.Status == SpotCheckStatus.ToSample).ToListAsync(ct))
                found.Add((Sample, c, null));
        }
        else if (ctx.IsAgency && ctx.Organisation is { Length: > 0 } agency)
        {
            var mine = checks.Where(c => c.AgencyName == agency);
            foreach (var c in await mine.Where(c => c.Status == SpotCheckStatus.Sampled).ToListAsync(ct))
                found.Add((EnterResult, c, null));
            foreach (var c in await mine.Where(c => c.Status == SpotCheckStatus.Tested && c.Decision == ObjectionDecision.RetestGranted && c.RetestResult == null).ToListAsync(ct))
                found.Add((EnterRetest, c, null));
        }
        else if (ctx.IsEnterprise && ctx.EnterpriseCode is { Length: > 0 } code)
        {
            var own = await checks.Where(c => c.CreditCode == code && c.Status != SpotCheckStatus.ToSample).ToListAsync(ct);
            foreach (var c in own)
            {
                // The objection window (异议期): open once the result was served, until its last day.
                if (c.Status == SpotCheckStatus.Tested && c.Objection == null && c.ObjectionDeadline is { } deadline && today <= deadline)
                    found.Add((Object, c, deadline));
                if (c.FinalResult == CheckResult.Fail && c.RectificationDue is { } due && c.FollowUpResult == null)
                    found.Add((Rectify, c, due));
            }
        }
        else if (ctx.IsOfficial)
        {
            // The organising office: checks of the draws of the official's own region (not those of offices below it).
            var organised = checks.Where(c => db.Set<Draw>().Any(d => d.Id == c.DrawId && d.RegionPath == ctx.RegionPath));
            var open = await organised.Where(c => c.Status == SpotCheckStatus.Tested || c.Status == SpotCheckStatus.Final
                || (c.Status == SpotCheckStatus.Published && c.RectificationOrderedOn != null && c.FollowUpResult == null)).ToListAsync(ct);
            foreach (var c in open)
            {
                if (c.Status == SpotCheckStatus.Tested && c.Objection == null && c.NotifiedOn == null) found.Add((Notify, c, null));
                if (c.Status == SpotCheckStatus.Tested && c.Objection != null && c.Decision == null) found.Add((Decide, c, null));
                // Confirming the result is due once the objection period has ended without an objection.
                if (c.Status == SpotCheckStatus.Tested && c.Objection == null && c.ObjectionDeadline is { } deadline && today > deadline)
                    found.Add((Finalise, c, deadline));
                if (c.Status == SpotCheckStatus.Final) found.Add((Publish, c, c.PublicationDue));
                if (c.RectificationOrderedOn != null && c.FollowUpResult == null && c.FinalResult == CheckResult.Fail)
                    found.Add((FollowUp, c, c.FollowUpDue));
            }
        }
        if (found.Count == 0) return [];

        var categories = (await RegistryFace.ProductCategoriesAsync(db, ct)).ToDictionary(c => c.Code, c => c.Name);
        return found.Select(f => new ToDo(f.Kind, f.Check.Id.ToString("N"),
            f.Check.EnterpriseName + " · " + CheckDisplay.Product(f.Check, categories), $"{ChecksPage}/{f.Check.Id}", f.Due)).ToList();
    }

    public async Task<IReadOnlyList<DeskCard>> CardsAsync(DeskContext ctx, CancellationToken ct)
    {
        var checks = db.Set<SpotCheck>().AsNoTracking();
        if (ctx.IsOfficial || ctx.IsInspector)
        {
            var counts = (await checks.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Count);
            var overdue = await checks.CountAsync(OverdueSteps.Any(ctx.Today), ct);
            var figures = Enum.GetValues<SpotCheckStatus>()
                .Select(s => new DeskFigure("check.status." + s, counts.GetValueOrDefault(s).ToString("N0", CultureInfo.InvariantCulture), $"{ChecksPage}?status={s}"))
                .Append(new DeskFigure("desk.card.checks.overdue", overdue.ToString("N0", CultureInfo.InvariantCulture), $"{ChecksPage}?overdue=true", "danger"))
                .ToList();
            var cards = new List<DeskCard> { new("checks", "desk.card.checks", 20, figures, ChecksPage) };
            if (ctx.IsOfficial) cards.Add(await PassRateCardAsync(checks, ctx.Today.Year, ct));
            return cards;
        }
        if (ctx.IsAgency && ctx.Organisation is { Length: > 0 } agency)
        {
            var mine = checks.Where(c => c.AgencyName == agency);
            var toTest = await mine.CountAsync(c => c.Status == SpotCheckStatus.Sampled, ct);
            var tested = await mine.CountAsync(c => c.Result != null && c.ResultOn != null && c.ResultOn.Value.Year == ctx.Today.Year, ct);
            return [new("agency", "desk.card.agency", 20,
                [new("desk.card.agency.to_test", toTest.ToString("N0", CultureInfo.InvariantCulture), $"{ChecksPage}?status={SpotCheckStatus.Sampled}"),
                 new("desk.card.agency.tested_this_year", tested.ToString("N0", CultureInfo.InvariantCulture), ChecksPage)], ChecksPage)];
        }
        if (ctx.IsEnterprise && ctx.EnterpriseCode is { Length: > 0 } code)
        {
            // A check not yet sampled is an unannounced inspection (双随机, 不预先告知): the desk does not announce it.
            var own = await checks.Where(c => c.CreditCode == code && c.Status != SpotCheckStatus.ToSample).OrderByDescending(c => c.Id).Take(5)
                .Select(c => new { c.Id, c.Status, c.ProductName, c.ProductCategoryCode, c.SampledOn }).ToListAsync(ct);
            var categories = (await RegistryFace.ProductCategoriesAsync(db, ct)).ToDictionary(c => c.Code, c => c.Name);
            var figures = own.Select(c => new DeskFigure("check.status." + c.Status,
                (c.ProductName ?? (c.ProductCategoryCode is null ? "—" : categories.GetValueOrDefault(c.ProductCategoryCode, c.ProductCategoryCode)))
                + (c.SampledOn is { } d ? " · " + SpotCheckRules.Day(d) : ""), $"{ChecksPage}/{c.Id}")).ToList();
            return [new("own-checks", "desk.card.own_checks", 20, figures, ChecksPage)];
        }
        return [];
    }

    /// <summary>This year's pass rate (合格率) of final results, by month of the result: one grouped query over the checks.</summary>
    private static async Task<DeskCard> PassRateCardAsync(IQueryable<SpotCheck> checks, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var rows = await checks
            .Where(c => c.Result != null && c.ResultOn >= from && c.ResultOn <= to)
            .GroupBy(c => new { c.ResultOn!.Value.Month, Passed = (c.RetestResult ?? c.Result) == CheckResult.Pass })
            .Select(g => new { g.Key.Month, g.Key.Passed, Count = g.Count() })
            .ToListAsync(ct);
        var months = Enumerable.Range(1, 12).ToList();
        var checkedBy = months.Select(m => rows.Where(r => r.Month == m).Sum(r => r.Count)).ToList();
        var passedBy = months.Select(m => rows.Where(r => r.Month == m && r.Passed).Sum(r => r.Count)).ToList();
        var rates = months.Select(m => checkedBy[m - 1] == 0 ? (decimal?)null : Math.Round(100m * passedBy[m - 1] / checkedBy[m - 1], 1)).ToList();
        int total = checkedBy.Sum(), passed = passedBy.Sum();
        var rate = total == 0 ? "—" : (100m * passed / total).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        return new DeskCard("passrate", "desk.card.passrate", 30,
            [new("desk.card.passrate.rate", rate, "/Supervision/PassRates"), new("desk.card.passrate.checked", total.ToString("N0", CultureInfo.InvariantCulture)),
             new("desk.card.passrate.failed", (total - passed).ToString("N0", CultureInfo.InvariantCulture), $"{ChecksPage}?result={CheckResult.Fail}", total > passed ? "danger" : null)],
            "/Supervision/PassRates", new DeskTrend(year, months, rates, passedBy, checkedBy));
    }
}
