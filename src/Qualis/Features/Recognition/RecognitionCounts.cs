using Microsoft.AspNetCore.WebUtilities;
using Qualis.Platform.Indicators;

namespace Qualis.Features.Recognition;

/// <summary>What an indicator counts of a family: the year's new recognitions, or those in force.</summary>
public enum RecognitionMeasure
{
    /// <summary>新增: of the year, granted by the end of the date and not revoked by then (an expired one was still new that year).</summary>
    New,
    /// <summary>有效总数: granted by the end of the date, its validity not ended and not expired or revoked by then, whatever its year.</summary>
    InForce,
}

/// <summary>
/// How recognitions are counted, once, for the indicators and for the list's drill-down filters, so the figure and the list
/// behind it select the same rows.
/// </summary>
public static class RecognitionCounts
{
    /// <summary>New in <paramref name="year"/> as at the end of <paramref name="on"/>.</summary>
    public static IQueryable<Recognition> NewBy(IQueryable<Recognition> q, int year, DateOnly on) =>
        q.Where(r => r.Year == year && r.GrantedOn != null && r.GrantedOn <= on
                     && !(r.Status == RecognitionStatus.Revoked && r.EndedOn != null && r.EndedOn <= on));

    /// <summary>In force at the end of <paramref name="on"/>.</summary>
    public static IQueryable<Recognition> InForceOn(IQueryable<Recognition> q, DateOnly on) =>
        q.Where(r => r.GrantedOn != null && r.GrantedOn <= on && (r.ValidTo == null || r.ValidTo >= on) && (r.EndedOn == null || r.EndedOn > on));

    /// <summary>
    /// The counted recognitions of a family grouped by region path, in one query over the caller's area (the query filter):
    /// a region's figure is the sum over the paths within it.
    /// </summary>
    public static async Task<List<(string RegionPath, int Count)>> ByRegionAsync(
        QualisDb db, ProgrammeFamily family, RecognitionMeasure measure, int year, DateOnly on, CancellationToken ct)
    {
        var q = db.Set<Recognition>().AsNoTracking().Where(r => r.Family == family);
        q = measure == RecognitionMeasure.New ? NewBy(q, year, on) : InForceOn(q, on);
        var rows = await q.GroupBy(r => r.RegionPath).Select(g => new { RegionPath = g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => (r.RegionPath, r.Count)).ToList();
    }

    /// <summary>The list of the recognitions behind a figure.</summary>
    public static string ListLink(ProgrammeFamily family, RecognitionMeasure measure, int year, string regionCode, DateOnly on)
    {
        var date = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var query = new Dictionary<string, string?> { ["family"] = family.ToString(), ["region"] = regionCode };
        if (measure == RecognitionMeasure.New)
        {
            query["year"] = year.ToString(CultureInfo.InvariantCulture);
            query["newby"] = date;
        }
        else query["inforce"] = date;
        return QueryHelpers.AddQueryString("/Recognition", query);
    }
}

/// <summary>
/// <c>recognition.{family}.new</c> and <c>recognition.{family}.total</c>: the recognitions of a family in each region's
/// subtree, new in the year or in force, at the end of the asked China date. A region outside the caller's area is left
/// out; a region of the area with none counts 0. All regions in one grouped query (IX_Recognitions_Count, _InForce).
/// The growth target over the previous year asks the <c>.new</c> one for its baseline year.
/// </summary>
public sealed class RecognitionIndicator(ProgrammeFamily family, RecognitionMeasure measure) : IIndicator
{
    /// <summary>Each family's two keys and their texts, spelled out so the texts test sees every one.</summary>
    private static readonly Dictionary<(ProgrammeFamily, RecognitionMeasure), (string Key, string Text)> Keys = new()
    {
        [(ProgrammeFamily.Demonstration, RecognitionMeasure.New)] = ("recognition.demonstrations.new", "indicator.recognition.demonstrations.new"),
        [(ProgrammeFamily.Demonstration, RecognitionMeasure.InForce)] = ("recognition.demonstrations.total", "indicator.recognition.demonstrations.total"),
        [(ProgrammeFamily.Adoption, RecognitionMeasure.New)] = ("recognition.adoption.new", "indicator.recognition.adoption.new"),
        [(ProgrammeFamily.Adoption, RecognitionMeasure.InForce)] = ("recognition.adoption.total", "indicator.recognition.adoption.total"),
        [(ProgrammeFamily.Award, RecognitionMeasure.New)] = ("recognition.awards.new", "indicator.recognition.awards.new"),
        [(ProgrammeFamily.Award, RecognitionMeasure.InForce)] = ("recognition.awards.total", "indicator.recognition.awards.total"),
        [(ProgrammeFamily.Brand, RecognitionMeasure.New)] = ("recognition.brands.new", "indicator.recognition.brands.new"),
        [(ProgrammeFamily.Brand, RecognitionMeasure.InForce)] = ("recognition.brands.total", "indicator.recognition.brands.total"),
        [(ProgrammeFamily.Cqo, RecognitionMeasure.New)] = ("recognition.cqo.new", "indicator.recognition.cqo.new"),
        [(ProgrammeFamily.Cqo, RecognitionMeasure.InForce)] = ("recognition.cqo.total", "indicator.recognition.cqo.total"),
        [(ProgrammeFamily.QualityStrong, RecognitionMeasure.New)] = ("recognition.quality-strong.new", "indicator.recognition.quality-strong.new"),
        [(ProgrammeFamily.QualityStrong, RecognitionMeasure.InForce)] = ("recognition.quality-strong.total", "indicator.recognition.quality-strong.total"),
        [(ProgrammeFamily.Standards, RecognitionMeasure.New)] = ("recognition.standards.new", "indicator.recognition.standards.new"),
        [(ProgrammeFamily.Standards, RecognitionMeasure.InForce)] = ("recognition.standards.total", "indicator.recognition.standards.total"),
        [(ProgrammeFamily.Pairing, RecognitionMeasure.New)] = ("recognition.pairing.new", "indicator.recognition.pairing.new"),
        [(ProgrammeFamily.Pairing, RecognitionMeasure.InForce)] = ("recognition.pairing.total", "indicator.recognition.pairing.total"),
    };

    public string Key => KeyOf(family, measure);

    public static string KeyOf(ProgrammeFamily family, RecognitionMeasure measure) => Keys[(family, measure)].Key;

    public string TextKey => Keys[(family, measure)].Text;

    public IndicatorUnit Unit => IndicatorUnit.Count;

    public Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(
        QualisDb db, int year, IReadOnlyList<string> regionCodes, DateOnly asOf, CancellationToken ct) =>
        SubtreeCounts.ValuesAsync(db, regionCodes, c => RecognitionCounts.ByRegionAsync(db, family, measure, year, asOf, c),
            code => RecognitionCounts.ListLink(family, measure, year, code, asOf), ct,
            // The year's new ones are kept as totals by the register's triggers (their dates as midnight UTC); what is in
            // force on a day changes as validity runs out, so it is counted from the records.
            measure == RecognitionMeasure.New ? new SubtreeCounts.Totals(Key, year, IndicatorTotals.AfterDate(asOf)) : null);
}
