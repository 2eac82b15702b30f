using Qualis.Features.Registry;

namespace Qualis.Features.Supervision.Draws;

/// <summary>One drawn enterprise and the inspectors one rule kept out of its team, by name.</summary>
public sealed record RecusalLine(RecusalRule Rule, string CreditCode, string EnterpriseName, IReadOnlyList<string> Inspectors);

/// <summary>
/// Who the 回避 rules kept out of which team (回避情况), for the officials entitled to audit the draw: read from the
/// draw's own frozen inputs (inputs.tsv, whose hash was published before the draw), so it shows what the draw applied,
/// not what the directory says today. The rules are those of <see cref="InspectorAssigner"/>; this lists them by
/// inspector where the assigner, for speed, only counts them.
/// </summary>
public static class RecusalReport
{
    /// <summary>The inspectors of the pool each rule excludes from the target's team (an inspector may fall under several rules).</summary>
    public static IEnumerable<(RecusalRule Rule, List<string> InspectorIds)> Exclusions(
        AssignmentTarget target, IReadOnlyList<PoolInspector> pool, IEnumerable<(string InspectorId, string CreditCode)> conflicts, bool excludeOwnCounty)
    {
        var linked = target.LinkedUnits.ToHashSet(StringComparer.Ordinal);
        var declared = conflicts.Where(c => c.CreditCode == target.CreditCode).Select(c => c.InspectorId).ToHashSet(StringComparer.Ordinal);
        var last = target.LastInspectors.ToHashSet(StringComparer.Ordinal);
        var byRule = new (RecusalRule, Func<PoolInspector, bool>)[]
        {
            (RecusalRule.LinkedUnit, i => linked.Contains(i.UnitId)),
            (RecusalRule.DeclaredConflict, i => declared.Contains(i.Id)),
            (RecusalRule.LastInspection, i => last.Contains(i.Id)),
            (RecusalRule.OwnCounty, i => excludeOwnCounty && i.RegionCode == target.CountyCode),
        };
        foreach (var (rule, applies) in byRule)
        {
            var ids = pool.Where(applies).Select(i => i.Id).Order(StringComparer.Ordinal).ToList();
            if (ids.Count > 0) yield return (rule, ids);
        }
    }

    /// <summary>The report of a drawn draw, for the targets the reader may see, rule by rule then in draw order; empty before the draw.</summary>
    public static async Task<List<RecusalLine>> OfAsync(QualisDb db, Draw draw, CancellationToken ct = default)
    {
        if (draw.Status != DrawStatus.Drawn) return [];
        var archive = await db.Set<DrawArchive>().AsNoTracking().SingleOrDefaultAsync(a => a.DrawId == draw.Id, ct);
        if (archive is null) return [];
        var inputs = PublishedDraw.ReadInputs(PublishedDraw.Decompress(archive.Inputs));
        var ownCounty = DrawParameters.FromJson(draw.Parameters).ExcludeOwnCounty;
        var targets = await db.Set<DrawTarget>().AsNoTracking().Where(t => t.DrawId == draw.Id).OrderBy(t => t.Order)
            .Select(t => new { t.CreditCode, t.EnterpriseName, t.RegionPath }).ToListAsync(ct);
        var names = (await RegistryFace.InspectorNamesOfAnyAreaAsync(db, ct)).ToDictionary(i => i.Key.ToString("N"), i => i.Value);
        var lines = new List<RecusalLine>();
        foreach (var t in targets)
        {
            // The county the snapshot froze is the enterprise's county code, the last part of its region path.
            var county = t.RegionPath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            foreach (var (rule, ids) in Exclusions(inputs.FactsOf(t.CreditCode, county), inputs.Inspectors, inputs.Conflicts, ownCounty))
                lines.Add(new RecusalLine(rule, t.CreditCode, t.EnterpriseName, ids.Select(id => names.GetValueOrDefault(id, id)).ToList()));
        }
        return lines.OrderBy(l => l.Rule).ToList();
    }
}
