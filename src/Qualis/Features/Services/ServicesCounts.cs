using Microsoft.AspNetCore.WebUtilities;
using Qualis.Features.Services.Events;
using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Indicators;
using Qualis.Platform.Time;

namespace Qualis.Features.Services;

/// <summary>What a services indicator counts.</summary>
public enum ServicesMeasure
{
    /// <summary>服务企业数: the firms that answered a needs questionnaire or came to a service event in the year, each once.</summary>
    FirmsServed,
    /// <summary>质量流动诊所场次: the mobile quality clinics held in the year.</summary>
    Clinics,
}

/// <summary>
/// How services are counted, once, for the indicators: per region path, in the caller's area, for a year up to the end of a
/// China date. A firm counts in its own region; a clinic in its holding office's.
/// </summary>
public static class ServicesCounts
{
    /// <summary>The firms served in the year by the end of <paramref name="asOf"/>, each once per region path.</summary>
    public static async Task<List<(string RegionPath, int Count)>> FirmsServedAsync(QualisDb db, PeopleClock clock, int year, DateOnly asOf, CancellationToken ct)
    {
        var (from, to) = Window(year, asOf);
        if (to < from) return [];
        var fromUtc = clock.StartOfDayUtc(from);
        var toUtc = clock.StartOfDayUtc(to.AddDays(1));
        var answered = await db.Set<QuestionnaireRecipient>().AsNoTracking().Where(r => r.AnsweredAt >= fromUtc && r.AnsweredAt < toUtc)
            .Select(r => new { r.RegionPath, r.CreditCode }).Distinct().ToListAsync(ct);
        var attended = await db.Set<ServiceEventFirm>().AsNoTracking().Where(f => f.EventDate >= from && f.EventDate <= to)
            .Select(f => new { f.RegionPath, f.CreditCode }).Distinct().ToListAsync(ct);
        return answered.Concat(attended).Distinct().GroupBy(x => x.RegionPath).Select(g => (g.Key, g.Count())).ToList();
    }

    /// <summary>The clinics held in the year by the end of <paramref name="asOf"/>, per region path.</summary>
    public static async Task<List<(string RegionPath, int Count)>> ClinicsAsync(QualisDb db, int year, DateOnly asOf, CancellationToken ct)
    {
        var (from, to) = Window(year, asOf);
        var rows = await db.Set<ServiceEvent>().AsNoTracking().Where(e => e.Kind == ServiceEventKind.Clinic && e.HeldOn >= from && e.HeldOn <= to)
            .GroupBy(e => e.RegionPath).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => (r.Key, r.Count)).ToList();
    }

    private static (DateOnly From, DateOnly To) Window(int year, DateOnly asOf)
    {
        var end = new DateOnly(year, 12, 31);
        return (new DateOnly(year, 1, 1), asOf < end ? asOf : end);
    }

    /// <summary>The events behind a figure.</summary>
    public static string ListLink(ServicesMeasure measure, int year, string regionCode) =>
        QueryHelpers.AddQueryString("/Services/Events", new Dictionary<string, string?>
        {
            ["year"] = year.ToString(CultureInfo.InvariantCulture), ["region"] = regionCode,
            ["kind"] = measure == ServicesMeasure.Clinics ? nameof(ServiceEventKind.Clinic) : null,
        });
}

/// <summary>
/// <c>services.firms-served</c> and <c>services.clinics</c>: the firms served (answered a needs questionnaire or came to a
/// service event) and the mobile quality clinics held in each region's subtree in the year, at the end of the asked China
/// date, counted from the records through the caller's area filter.
/// </summary>
public sealed class ServicesIndicator(ServicesMeasure measure, PeopleClock clock) : IIndicator
{
    public string Key => measure == ServicesMeasure.FirmsServed ? "services.firms-served" : "services.clinics";

    public string TextKey => measure == ServicesMeasure.FirmsServed ? "indicator.services.firms-served" : "indicator.services.clinics";

    public IndicatorUnit Unit => IndicatorUnit.Count;

    public Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(
        QualisDb db, int year, IReadOnlyList<string> regionCodes, DateOnly asOf, CancellationToken ct) =>
        SubtreeCounts.ValuesAsync(db, regionCodes,
            c => measure == ServicesMeasure.FirmsServed ? ServicesCounts.FirmsServedAsync(db, clock, year, asOf, c) : ServicesCounts.ClinicsAsync(db, year, asOf, c),
            code => ServicesCounts.ListLink(measure, year, code), ct);
}
