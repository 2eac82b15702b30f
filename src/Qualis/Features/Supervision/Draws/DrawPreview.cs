using Qualis.Features.Registry;
using Qualis.Features.Supervision.Items;
using Qualis.Features.Supervision.Plans;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// What a commit of the batch would freeze, shown before the irreversible step (抽取预览): the eligible directory's size,
/// each stratum with its eligible count, target, what the ordinary-item cap took off and any shortfall, what the
/// exclusions removed, and the problems that would refuse the commit. It is computed by <see cref="DrawService.PlanAsync"/>,
/// the very code the commit runs, so the preview's numbers are the commitment's.
/// </summary>
public sealed record DrawPreview(
    int Eligible, IReadOnlyList<StratumParameter> Strata, DrawExclusions Removed, decimal? CapPercent, int Inspectors, int TeamSize,
    IReadOnlyList<DrawProblem> Problems)
{
    public int Target => Strata.Sum(s => s.Target);

    /// <summary>The targets the ordinary-item cap took off, over all strata.</summary>
    public int RemovedByCap => Strata.Sum(s => s.Uncapped > 0 ? s.Uncapped - s.Target : 0);

    /// <summary>Whether the directory was read (false when the batch's rules stopped the planning before it: no item, no rate).</summary>
    public bool Planned { get; init; } = true;

    public static DrawPreview Refused(IReadOnlyList<DrawProblem> problems) => new(0, [], new(0, 0), null, 0, 0, problems) { Planned = false };
}

/// <summary>How many enterprises of the scope each exclusion took out of the directory: the manual list (人工排除) and the recently inspected.</summary>
public sealed record DrawExclusions(int Manual, int RecentlyInspected);

/// <summary>The directory and strata a commit freezes, with the items they were computed for.</summary>
internal sealed record DrawPlanning(List<InspectionItem> Items, EligibleDirectory Directory, List<StratumParameter> Strata, DrawExclusions Removed, decimal? CapPercent)
{
    /// <summary>The strata that need more enterprises than they hold, one problem each.</summary>
    public List<DrawProblem> Shortfalls => Strata.Where(p => p.Target > p.Size).Select(p => new DrawProblem("draw.shortfall", p.Key, p.Target, p.Size)).ToList();
}

public sealed partial class DrawService
{
    /// <summary>
    /// The preview of the batch's draw (see <see cref="DrawPreview"/>): the same planning the commit runs, with the
    /// problems said rather than thrown, plus the size of the inspector pool against the team size.
    /// </summary>
    public async Task<DrawPreview> PreviewAsync(Guid batchId, CancellationToken ct = default)
    {
        var batch = await db.Set<PlanBatch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct)
                    ?? throw new DrawRefusedException("draw.batch_unknown");
        var plan = await db.Set<SamplingPlan>().AsNoTracking().SingleAsync(p => p.Id == batch.PlanId, ct);
        DrawPlanning planned;
        try { planned = await PlanAsync(plan, batch.Settings, null, ct); }
        catch (DrawRefusedException e) { return DrawPreview.Refused(e.Problems); }
        var problems = planned.Directory.Count == 0 ? [new DrawProblem("draw.nobody_eligible")] : planned.Shortfalls;
        var inspectors = (await RegistryFace.InspectorPoolAsync(db, plan.RegionPath, ct)).Count;
        if (inspectors < batch.Settings.TeamSize) problems.Add(new DrawProblem("draw.too_few_inspectors", inspectors, batch.Settings.TeamSize));
        return new DrawPreview(planned.Directory.Count, planned.Strata, planned.Removed, planned.CapPercent, inspectors, batch.Settings.TeamSize, problems);
    }

    /// <summary>
    /// The part of a commit that decides who can be drawn and how many: the batch's items and rate checked, the eligible
    /// directory read, the strata with their targets under the ordinary-item cap. Commit and preview both run it.
    /// </summary>
    private async Task<DrawPlanning> PlanAsync(SamplingPlan plan, BatchSettings s, Phases? phases, CancellationToken ct)
    {
        var items = await db.Set<InspectionItem>().AsNoTracking().Where(i => s.ItemCodes.Contains(i.Code) && i.Active).ToListAsync(ct);
        if (items.Count == 0) throw new DrawRefusedException("draw.no_items");
        if (s.RatioPercent is null && s.CountPerStratum is null && s.RatioPercentByClass.Count == 0) throw new DrawRefusedException("draw.no_rate");
        if (s.TeamSize < 2) throw new DrawRefusedException("draw.team_too_small", s.TeamSize);

        var sections = (await RegistryFace.IndustryHeadingsAsync(db, ct)).Where(i => i.IsDivision).ToDictionary(i => i.Code, i => i.ParentCode ?? "-");
        var paths = await db.Set<Platform.Regions.Region>().AsNoTracking().Where(RegionRange.Within<Platform.Regions.Region>(plan.RegionPath))
            .ToDictionaryAsync(r => r.Code, r => r.RegionPath, ct);
        var (directory, removed) = await EligibleAsync(plan, s, (county, division, creditClass) => StratumKey(county, division, creditClass, paths.GetValueOrDefault(county, ""), s, sections), ct);
        phases?.Mark("eligible");

        // Strata and targets: a key item (重点检查事项) among the items lifts the ordinary items' cap.
        var capPercent = items.Any(i => i.IsKey) ? (decimal?)null : settings.OrdinaryItemCapPercent;
        var strata = new List<StratumParameter>();
        foreach (var (key, creditClass, size) in directory.Strata.OrderBy(g => g.Key, CanonicalText.Comparer))
        {
            var target = SamplingTargets.For(size, RateOf(s, creditClass), capPercent is null, capPercent / 100m);
            strata.Add(new StratumParameter(key, size, target.Target, target.WasCapped ? target.Uncapped : 0));
        }
        phases?.Mark("strata");
        return new DrawPlanning(items, directory, strata, removed, capPercent);
    }

    private static SamplingRate RateOf(BatchSettings s, CreditRiskClass c) =>
        s.ByCreditClass && s.RatioPercentByClass.TryGetValue(c, out var byClass) ? SamplingRate.OfRatio(byClass / 100m)
        : s.CountPerStratum is { } count ? SamplingRate.OfCount(count)
        : SamplingRate.OfRatio((s.RatioPercent ?? 0m) / 100m);

    /// <summary>ASCII keys such as "340100|C|B": region, industry and credit class, as the batch stratifies.</summary>
    private static string StratumKey(string county, string? division, CreditRiskClass creditClass, string regionPath, BatchSettings s, IReadOnlyDictionary<string, string> sections)
    {
        var parts = new List<string>(3);
        if (s.ByRegion == RegionStrata.City) parts.Add(regionPath.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? county);
        else if (s.ByRegion == RegionStrata.County) parts.Add(county);
        if (s.ByIndustry != IndustryStrata.None)
        {
            division ??= "-";
            parts.Add(s.ByIndustry == IndustryStrata.Division ? division : sections.GetValueOrDefault(division, "-"));
        }
        if (s.ByCreditClass) parts.Add(creditClass.ToString());
        return parts.Count == 0 ? "all" : string.Join('|', parts);
    }

    /// <summary>
    /// The batch's directory: in scope, not closed, not inspected by the same items lately, not excluded by hand; with
    /// how many of the scope each exclusion took out.
    /// </summary>
    private async Task<(EligibleDirectory, DrawExclusions)> EligibleAsync(SamplingPlan plan, BatchSettings s, Func<string, string?, CreditRiskClass, string> stratumKey, CancellationToken ct)
    {
        string? scopePath = null;
        if (s.ScopeRegion is { Length: > 0 } scope)
            scopePath = await db.Set<Platform.Regions.Region>().Where(r => r.Code == scope).Select(r => r.RegionPath).SingleOrDefaultAsync(ct)
                        ?? throw new DrawRefusedException("draw.scope_unknown", scope);
        var manual = s.ManualExclusions.Select(m => m.CreditCode).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var recentCodes = new HashSet<string>(StringComparer.Ordinal);
        if (s.ExcludeInspectedWithinMonths is { } months and > 0)
            recentCodes.UnionWith(await InspectedSinceAsync(s.ItemCodes, DateTime.UtcNow.AddMonths(-months), ct));
        var recent = recentCodes.GetAlternateLookup<ReadOnlySpan<char>>();
        var withProducts = s.ProductCategories.Count > 0;
        int byManual = 0, byRecent = 0;
        bool Keep(ReadOnlySpan<char> code, string? products)
        {
            if (withProducts && (products is null
                || !products.Split('；', StringSplitOptions.RemoveEmptyEntries).Any(p => s.ProductCategories.Any(w => p.StartsWith(w, StringComparison.Ordinal))))) return false;
            if (manual.Contains(code)) { byManual++; return false; }
            if (recent.Contains(code)) { byRecent++; return false; }
            return true;
        }
        await using var command = await RegistryFace.DrawDirectoryCommandAsync(db,
            new DrawDirectoryCriteria(plan.RegionPath, scopePath, s.ExcludeClosed, s.Statuses, s.Sizes, s.CreditClasses, s.Industries, withProducts), ct);
        var directory = new EligibleDirectory(stratumKey);
        await directory.ReadAsync(command, withProducts, Keep, ct);
        return (directory, new DrawExclusions(byManual, byRecent));
    }

    /// <summary>Enterprises drawn since the date by a draw that carried any of the same items.</summary>
    private async Task<IEnumerable<string>> InspectedSinceAsync(List<string> items, DateTime since, CancellationToken ct)
    {
        var draws = await db.Set<Draw>().OutsideArea(AreaReason.RecentInspections).AsNoTracking().Where(d => d.Status == DrawStatus.Drawn && d.DrawnAt >= since)
            .Select(d => new { d.Id, d.ItemCodes }).ToListAsync(ct);
        var ids = draws.Where(d => d.ItemCodes.Split(',').Intersect(items).Any()).Select(d => d.Id).ToList();
        if (ids.Count == 0) return [];
        return await db.Set<DrawTarget>().OutsideArea(AreaReason.RecentInspections).AsNoTracking().Where(t => ids.Contains(t.DrawId)).Select(t => t.CreditCode).ToListAsync(ct);
    }
}

/// <summary>
/// A stratum by name (分层名称): "340102|C|A" is 瑶海区 · 制造业 · A类. The key's parts follow the batch's stratification
/// (region, industry, credit class), as <see cref="DrawService"/> builds them. One naming for the batch page's preview, the
/// parameters file (whose Chinese form, <see cref="Canonical"/>, is fixed for the draws already published) and the printed
/// notice; the preview in English puts the same parts in English words.
/// </summary>
public sealed class StratumNames(BatchSettings s, IReadOnlyDictionary<string, string> regionNames, IReadOnlyDictionary<string, string> industryNames, IStringLocalizer l)
{
    public string Name(string key) => Texts.IsEnglish(CultureInfo.CurrentUICulture)
        ? Compose(key, s, regionNames, industryNames, l["draw.stratum_all"], l["draw.stratum_no_industry"], c => l["draw.stratum_class", c])
        : Canonical(key, s, regionNames, industryNames);

    /// <summary>The name the parameters file publishes (and the preview and the notice show in Chinese): 镜湖区 · 制造业 · B类, 全部, 行业未登记.</summary>
    public static string Canonical(string key, BatchSettings s, IReadOnlyDictionary<string, string> regions, IReadOnlyDictionary<string, string> industries) =>
        Compose(key, s, regions, industries, "全部", "行业未登记", c => c + "类");

    private static string Compose(string key, BatchSettings s, IReadOnlyDictionary<string, string> regions, IReadOnlyDictionary<string, string> industries,
        string all, string noIndustry, Func<string, string> creditClass)
    {
        if (key == "all") return all;
        var parts = key.Split('|');
        var names = new List<string>(parts.Length);
        var i = 0;
        if (s.ByRegion != RegionStrata.None && i < parts.Length) { names.Add(regions.GetValueOrDefault(parts[i], parts[i])); i++; }
        if (s.ByIndustry != IndustryStrata.None && i < parts.Length) { names.Add(parts[i] == "-" ? noIndustry : industries.GetValueOrDefault(parts[i], parts[i])); i++; }
        if (s.ByCreditClass && i < parts.Length) names.Add(creditClass(parts[i++]));
        names.AddRange(parts.Skip(i));
        return string.Join(" · ", names);
    }

    /// <summary>A problem's arguments with the stratum it names (a shortfall's first) by name.</summary>
    public object[] Arguments(DrawProblem problem) =>
        problem is { Key: "draw.shortfall", Args: [string key, .. var rest] } ? [Name(key), .. rest] : problem.Args;
}
