namespace Qualis.Features.Supervision.Draws;

/// <summary>An inspector of the directory (执法检查人员名录库): id, the unit they work for, and that unit's region code (GB/T 2260).</summary>
public sealed record PoolInspector(string Id, string UnitId, string RegionCode);

/// <summary>
/// A drawn enterprise to staff, with the facts the conflict-of-interest rules (回避) need: its county code,
/// the units linked to it (关联单位, e.g. a unit that holds shares in it or that advised it), and the inspectors
/// of its last inspection (上次检查人员).
/// </summary>
public sealed record AssignmentTarget(string CreditCode, string? CountyCode = null)
{
    public IReadOnlyCollection<string> LinkedUnits { get; init; } = [];
    public IReadOnlyCollection<string> LastInspectors { get; init; } = [];
}

public sealed record AssignmentOptions
{
    /// <summary>Inspectors per team; each staffed target gets exactly this many. At least 2 (双随机 practice: never one inspector alone).</summary>
    public int MinTeamSize { get; init; } = 2;

    /// <summary>Also exclude inspectors whose unit's region code equals the enterprise's county code (本县回避).</summary>
    public bool ExcludeOwnCounty { get; init; }
}

/// <summary>The team for one target, in pick order.</summary>
public sealed record Team(string CreditCode, IReadOnlyList<string> InspectorIds);

/// <summary>
/// How many inspectors of the pool each 回避 rule excluded for one target. Counted rule by rule: an inspector
/// excluded by two rules counts under both, so the numbers can add up to more than the excluded total.
/// </summary>
/// <summary>The 回避 rules, in the order docs/draw-algorithm.md lists them as (a)–(d).</summary>
[Platform.Localization.TextKeys("recusal.rule.", lowerCase: true)]
[Platform.Localization.TextKeys("check.error.recused_", lowerCase: true)]
[Platform.Localization.TextKeys("draw.recusal.rule.")] // the audit table's column (RecusalReport)
public enum RecusalRule
{
    /// <summary>(a) 关联单位: the inspector's unit is linked to the enterprise.</summary>
    LinkedUnit,
    /// <summary>(b) 申报回避: the inspector declared a conflict with the enterprise.</summary>
    DeclaredConflict,
    /// <summary>(c) 上次检查: the inspector was on the enterprise's last inspection.</summary>
    LastInspection,
    /// <summary>(d) 本县回避: the inspector's unit is in the enterprise's county (when the batch says so).</summary>
    OwnCounty,
}

public sealed record RecusalCounts(int LinkedUnit, int DeclaredConflict, int LastInspection, int OwnCounty);

/// <summary>A target the rules leave without a full team (无法组队): nobody is assigned to it.</summary>
public sealed record UnstaffedTarget(string CreditCode, int Required, int Eligible, int PoolSize, RecusalCounts ExcludedBy)
{
    public string Describe() =>
        $"{CreditCode} needs {Required} inspectors but only {Eligible} of {PoolSize} are eligible after 回避: " +
        $"linked unit (关联单位) {ExcludedBy.LinkedUnit}, declared conflict (申报回避) {ExcludedBy.DeclaredConflict}, " +
        $"last inspection (上次检查) {ExcludedBy.LastInspection}, own county (本县) {ExcludedBy.OwnCounty}.";
}

public sealed class AssignmentResult(IReadOnlyList<Team> teams, IReadOnlyList<UnstaffedTarget> unstaffed, IReadOnlyDictionary<string, int> loads)
{
    /// <summary>Staffed targets, in processing order (ordinal order of credit code).</summary>
    public IReadOnlyList<Team> Teams { get; } = teams;

    /// <summary>Targets that could not be staffed, in processing order, with the reasons.</summary>
    public IReadOnlyList<UnstaffedTarget> Unstaffed { get; } = unstaffed;

    /// <summary>Teams per inspector, every inspector of the pool included (0 when unused).</summary>
    public IReadOnlyDictionary<string, int> Loads { get; } = loads;

    public bool IsComplete => Unstaffed.Count == 0;
}

/// <summary>
/// Draws the inspectors (第二个随机: 随机选派执法检查人员) for the drawn targets, in teams, under the 回避 rules,
/// spreading the load evenly. Specified for re-implementation in docs/draw-algorithm.md.
/// </summary>
/// <remarks>
/// <para>Order: inspectors are indexed in ordinal order of id and targets processed in ordinal order of credit
/// code, so neither the database's order nor the caller's changes the result.</para>
/// <para>Eligibility of an inspector for a target — excluded when any applies: (a) their unit is one of the
/// target's linked units; (b) they declared a conflict with the target; (c) they were an inspector of its last
/// inspection; (d) with <see cref="AssignmentOptions.ExcludeOwnCounty"/>, their region code equals the
/// target's county code. Conflicts and last inspectors that name nobody in the pool are ignored.</para>
/// <para>A target with fewer eligible inspectors than the team size gets nobody and takes no random values; it
/// is listed with the count each rule excluded. Otherwise each of the team's places is filled in turn: among the
/// eligible inspectors not yet in this team, take those with the lowest load so far (teams assigned in this
/// draw), in index order, and pick one with rng.Next(number of them) — called even when there is only one.</para>
/// <para>The generator is <c>DrawRandom.Derive(seed, "inspectors")</c> (see <see cref="DoubleRandomDraw"/>), a
/// stream separate from sampling's.</para>
/// <para>What "even" means, exactly: every pick is among the least-loaded eligible inspectors. Consequently no
/// inspector ends with more than one team above any inspector that no rule excluded from any target, and those
/// unrestricted inspectors' loads differ by at most one; inspectors excluded from some targets may end lower.</para>
/// </remarks>
public static class InspectorAssigner
{
    private const int LinkedUnitRule = (int)RecusalRule.LinkedUnit, DeclaredConflictRule = (int)RecusalRule.DeclaredConflict,
        LastInspectionRule = (int)RecusalRule.LastInspection, OwnCountyRule = (int)RecusalRule.OwnCounty;

    /// <summary>
    /// The 回避 rules that exclude one inspector from a target, by the very rules (and code) the draw applies: empty when the
    /// inspector may inspect it. A substitution of a team member (替换) asks this of the substitute.
    /// </summary>
    public static IReadOnlyList<RecusalRule> RulesExcluding(PoolInspector inspector, AssignmentTarget target,
        IEnumerable<(string InspectorId, string CreditCode)> declaredConflicts, AssignmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        ArgumentNullException.ThrowIfNull(target);
        var index = new RecusalIndex(SortInspectors([inspector]), declaredConflicts);
        var sink = new RuleList();
        index.Visit(SortTargets([target], options.ExcludeOwnCounty)[0], options.ExcludeOwnCounty, ref sink);
        return sink.Rules is null ? [] : [.. sink.Rules.Distinct().Order()];
    }

    private struct RuleList : IExclusionSink
    {
        public List<RecusalRule>? Rules;
        public void Exclude(int rule, int index) => (Rules ??= []).Add((RecusalRule)rule);
    }

    /// <summary>The per-target bookkeeping of <see cref="Assign"/>: each rule counts an inspector once, the target's total once.</summary>
    private struct Stamps(int[][] ruleStamp, int[] excluded, int[] ruleCounts) : IExclusionSink
    {
        public int Stamp;
        public int ExcludedCount;

        public void Exclude(int rule, int index)
        {
            if (ruleStamp[rule][index] == Stamp) return;
            ruleStamp[rule][index] = Stamp;
            ruleCounts[rule]++;
            if (excluded[index] == Stamp) return;
            excluded[index] = Stamp;
            ExcludedCount++;
        }
    }

    public static AssignmentResult Assign(
        IReadOnlyList<AssignmentTarget> targets,
        IReadOnlyList<PoolInspector> inspectors,
        IEnumerable<(string InspectorId, string CreditCode)> declaredConflicts,
        AssignmentOptions options,
        DrawRandom rng)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(inspectors);
        ArgumentNullException.ThrowIfNull(declaredConflicts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        if (options.MinTeamSize < 2)
            throw new ArgumentException($"A team needs at least 2 inspectors; MinTeamSize is {options.MinTeamSize}.", nameof(options));

        var pool = SortInspectors(inspectors);
        var p = pool.Length;
        var rules = new RecusalIndex(pool, declaredConflicts);

        var ordered = SortTargets(targets, options.ExcludeOwnCounty);

        var loads = new int[p];
        // Stamps (target number + 1) instead of clearing arrays per target: a 10,000-target draw over 500
        // inspectors would otherwise clear 5 million entries per rule.
        var excluded = new int[p];
        var inTeam = new int[p];
        var ruleStamp = new int[4][];
        for (var r = 0; r < 4; r++) ruleStamp[r] = new int[p];
        var ties = new int[p];
        var teams = new List<Team>(ordered.Length);
        var unstaffed = new List<UnstaffedTarget>();
        var ruleCounts = new int[4];
        var stamps = new Stamps(ruleStamp, excluded, ruleCounts);

        for (var t = 0; t < ordered.Length; t++)
        {
            var target = ordered[t];
            var stamp = t + 1;
            Array.Clear(ruleCounts);
            stamps.Stamp = stamp;
            stamps.ExcludedCount = 0;
            rules.Visit(target, options.ExcludeOwnCounty, ref stamps);

            var eligible = p - stamps.ExcludedCount;
            if (eligible < options.MinTeamSize)
            {
                unstaffed.Add(new(target.CreditCode, options.MinTeamSize, eligible, p,
                    new(ruleCounts[LinkedUnitRule], ruleCounts[DeclaredConflictRule], ruleCounts[LastInspectionRule], ruleCounts[OwnCountyRule])));
                continue;
            }

            var team = new string[options.MinTeamSize];
            for (var place = 0; place < team.Length; place++)
            {
                var lowest = int.MaxValue;
                var tied = 0;
                for (var i = 0; i < p; i++)
                {
                    if (excluded[i] == stamp || inTeam[i] == stamp) continue;
                    if (loads[i] < lowest) { lowest = loads[i]; tied = 0; }
                    if (loads[i] == lowest) ties[tied++] = i;
                }
                var chosen = ties[rng.Next(tied)];
                inTeam[chosen] = stamp;
                loads[chosen]++;
                team[place] = pool[chosen].Id;
            }
            teams.Add(new(target.CreditCode, team));
        }

        var loadById = new Dictionary<string, int>(p, StringComparer.Ordinal);
        for (var i = 0; i < p; i++) loadById[pool[i].Id] = loads[i];
        return new AssignmentResult(teams, unstaffed, loadById);
    }

    private static List<int> Bucket(Dictionary<string, List<int>> map, string key)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        return list;
    }

    /// <summary>Told of each inspector (by pool index) a rule excludes from a target; may be told of one several times.</summary>
    private interface IExclusionSink
    {
        void Exclude(int rule, int index);
    }

    /// <summary>
    /// The 回避 rules (a)–(d) over a sorted pool, indexed once by unit, region, id and declared conflict, so a target's
    /// exclusions are found without walking the pool. The one place the rules are written.
    /// </summary>
    private sealed class RecusalIndex
    {
        private readonly Dictionary<string, int> _indexOfId;
        private readonly Dictionary<string, List<int>> _byUnit = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _byRegion = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _conflictsByCode = new(StringComparer.Ordinal);

        public RecusalIndex(PoolInspector[] pool, IEnumerable<(string InspectorId, string CreditCode)> declaredConflicts)
        {
            _indexOfId = new Dictionary<string, int>(pool.Length, StringComparer.Ordinal);
            for (var i = 0; i < pool.Length; i++)
            {
                _indexOfId[pool[i].Id] = i;
                Bucket(_byUnit, pool[i].UnitId).Add(i);
                Bucket(_byRegion, pool[i].RegionCode).Add(i);
            }
            foreach (var (inspectorId, creditCode) in declaredConflicts)
                if (inspectorId is not null && creditCode is not null && _indexOfId.TryGetValue(inspectorId, out var i))
                    Bucket(_conflictsByCode, creditCode).Add(i);
        }

        public void Visit<TSink>(AssignmentTarget target, bool excludeOwnCounty, ref TSink sink) where TSink : struct, IExclusionSink
        {
            foreach (var unit in target.LinkedUnits)
                if (unit is not null && _byUnit.TryGetValue(unit, out var members))
                    foreach (var i in members) sink.Exclude(LinkedUnitRule, i);
            if (_conflictsByCode.TryGetValue(target.CreditCode, out var conflicted))
                foreach (var i in conflicted) sink.Exclude(DeclaredConflictRule, i);
            foreach (var id in target.LastInspectors)
                if (id is not null && _indexOfId.TryGetValue(id, out var i)) sink.Exclude(LastInspectionRule, i);
            if (excludeOwnCounty && _byRegion.TryGetValue(target.CountyCode!, out var local))
                foreach (var i in local) sink.Exclude(OwnCountyRule, i);
        }
    }

    private static PoolInspector[] SortInspectors(IReadOnlyList<PoolInspector> inspectors)
    {
        var pool = inspectors.ToArray();
        foreach (var i in pool)
        {
            if (i is null) throw new ArgumentException("An inspector is missing (null).", nameof(inspectors));
            CanonicalText.Check(i.Id, "inspector id");
            CanonicalText.Check(i.UnitId, $"unit of inspector {i.Id}");
            CanonicalText.Check(i.RegionCode, $"region code of inspector {i.Id}");
        }
        Array.Sort(pool, static (x, y) => CanonicalText.Compare(x.Id, y.Id));
        for (var i = 1; i < pool.Length; i++)
            if (pool[i].Id == pool[i - 1].Id)
                throw new ArgumentException($"The inspector id {pool[i].Id} is listed twice.", nameof(inspectors));
        return pool;
    }

    private static AssignmentTarget[] SortTargets(IReadOnlyList<AssignmentTarget> targets, bool needCounty)
    {
        var ordered = targets.ToArray();
        foreach (var t in ordered)
        {
            if (t is null) throw new ArgumentException("A target is missing (null).", nameof(targets));
            CanonicalText.Check(t.CreditCode, "credit code of a target");
            if (needCounty && string.IsNullOrEmpty(t.CountyCode))
                throw new ArgumentException(
                    $"The target {t.CreditCode} has no county code, but the own-county rule (本县回避) is on; give every target its county.",
                    nameof(targets));
            ArgumentNullException.ThrowIfNull(t.LinkedUnits);
            ArgumentNullException.ThrowIfNull(t.LastInspectors);
        }
        Array.Sort(ordered, static (x, y) => CanonicalText.Compare(x.CreditCode, y.CreditCode));
        for (var i = 1; i < ordered.Length; i++)
            if (ordered[i].CreditCode == ordered[i - 1].CreditCode)
                throw new ArgumentException($"The target {ordered[i].CreditCode} is listed twice.", nameof(targets));
        return ordered;
    }
}
