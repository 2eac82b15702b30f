using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

/// <summary>
/// Properties of the whole draw over 300 generated instances (instance i: System.Random(i) for the shape,
/// seed "property/i" for the draw). Asserted for every instance:
/// sampling — each stratum that can meet its target yields exactly its target, only its own candidates, and no
/// enterprise is drawn twice; exactly the strata with target &gt; candidates are reported, with both numbers;
/// shuffling candidates and strata changes nothing. Assignment — every drawn enterprise is either staffed or
/// listed as unstaffed, never both; a team has exactly the team size of distinct pool inspectors, none of them
/// excluded by any 回避 rule (checked independently of the assigner); a target is unstaffed exactly when fewer
/// than the team size are eligible, with the per-rule counts recomputed here; loads equal team memberships, and
/// no inspector's load exceeds by more than one the load of any inspector eligible for every staffed target.
/// </summary>
public sealed class DrawPropertyTests
{
    private sealed record Instance(
        List<Stratum> Strata,
        List<PoolInspector> Inspectors,
        Dictionary<string, AssignmentTarget> Facts,
        HashSet<(string InspectorId, string CreditCode)> Conflicts,
        AssignmentOptions Options);

    private static Instance Generate(int i)
    {
        var r = new Random(i);
        var next = 0;
        var strata = new List<Stratum>();
        for (var s = r.Next(1, 9); s > 0; s--)
        {
            var size = r.Next(0, 61);
            var codes = Enumerable.Range(next, size).Select(DrawTestData.Code).ToList();
            next += size;
            var target = r.Next(10) == 0 ? size + r.Next(1, 4) : r.Next(0, size + 1); // about one in ten strata is short
            strata.Add(new($"S{r.Next(1000):D3}-{s}", codes, target));
        }
        var counties = new[] { "340102", "340103", "340104", "340111" };
        var units = Enumerable.Range(0, r.Next(1, 7)).Select(u => $"U{u}").ToArray();
        var inspectors = Enumerable.Range(0, r.Next(2, 26))
            .Select(n => new PoolInspector($"I{n:D2}", units[r.Next(units.Length)], counties[r.Next(counties.Length)]))
            .ToList();
        var facts = new Dictionary<string, AssignmentTarget>();
        var conflicts = new HashSet<(string, string)>();
        foreach (var code in strata.SelectMany(s => s.Candidates))
        {
            facts[code] = new AssignmentTarget(code, counties[r.Next(counties.Length)])
            {
                LinkedUnits = Enumerable.Range(0, r.Next(0, 3)).Select(_ => units[r.Next(units.Length)]).ToList(),
                LastInspectors = Enumerable.Range(0, r.Next(0, 3)).Select(_ => $"I{r.Next(30):D2}").ToList(), // some name nobody in the pool
            };
            for (var c = r.Next(0, 3); c > 0; c--) conflicts.Add(($"I{r.Next(inspectors.Count + 2):D2}", code));
        }
        var options = new AssignmentOptions { MinTeamSize = r.Next(2, 5), ExcludeOwnCounty = r.Next(2) == 0 };
        return new(strata, inspectors, facts, conflicts, options);
    }

    private static bool[] RulesExcluding(Instance x, PoolInspector inspector, AssignmentTarget t) =>
    [
        t.LinkedUnits.Contains(inspector.UnitId),
        x.Conflicts.Contains((inspector.Id, t.CreditCode)),
        t.LastInspectors.Contains(inspector.Id),
        x.Options.ExcludeOwnCounty && inspector.RegionCode == t.CountyCode,
    ];

    private static bool Eligible(Instance x, PoolInspector inspector, AssignmentTarget t) => !RulesExcluding(x, inspector, t).Any(b => b);

    [Fact]
    public void Generated_draws_keep_every_promise()
    {
        int shortStrata = 0, unstaffed = 0, teams = 0, restrictedInstances = 0;
        for (var i = 0; i < 300; i++)
        {
            var x = Generate(i);
            var seed = DrawTestData.Seed("property", i);
            var result = DoubleRandomDraw.Run(seed, x.Strata, x.Inspectors, code => x.Facts[code], x.Conflicts, x.Options);
            var because = $"instance {i}";

            // Sampling.
            var byKey = x.Strata.ToDictionary(s => s.Key);
            var expectedShort = x.Strata.Where(s => s.Target > s.Candidates.Count).OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new StratumShortfall(s.Key, s.Target, s.Candidates.Count)).ToList();
            result.Sample.Shortfalls.ShouldBe(expectedShort, because);
            result.Sample.Selected.Select(s => s.Key).ShouldBe(
                x.Strata.Where(s => s.Target <= s.Candidates.Count).Select(s => s.Key).Order(StringComparer.Ordinal), because);
            foreach (var selection in result.Sample.Selected)
            {
                selection.Codes.Count.ShouldBe(byKey[selection.Key].Target, because);
                selection.Codes.ShouldAllBe(c => byKey[selection.Key].Candidates.Contains(c), because);
            }
            var drawn = result.Sample.AllCodes.ToList();
            drawn.Distinct().Count().ShouldBe(drawn.Count, because);
            shortStrata += expectedShort.Count;

            var shuffle = new Random(-i);
            var shuffled = x.Strata.Select(s => s with { Candidates = s.Candidates.OrderBy(_ => shuffle.Next()).ToList() }).Reverse().ToList();
            StratifiedSampler.Draw(shuffled, new DrawRandom(seed)).AllCodes.ShouldBe(drawn, because);

            // Assignment.
            var staffed = result.Assignment.Teams.ToDictionary(t => t.CreditCode);
            var notStaffed = result.Assignment.Unstaffed.ToDictionary(u => u.CreditCode);
            (staffed.Count + notStaffed.Count).ShouldBe(drawn.Count, because);
            drawn.ShouldAllBe(c => staffed.ContainsKey(c) ^ notStaffed.ContainsKey(c), because);

            var pool = x.Inspectors.ToDictionary(p => p.Id);
            foreach (var team in result.Assignment.Teams)
            {
                var facts = x.Facts[team.CreditCode];
                team.InspectorIds.Count.ShouldBe(x.Options.MinTeamSize, because);
                team.InspectorIds.Distinct().Count().ShouldBe(team.InspectorIds.Count, because);
                foreach (var id in team.InspectorIds)
                    Eligible(x, pool[id], facts).ShouldBeTrue($"{because}: {id} on {team.CreditCode} breaks a 回避 rule");
                x.Inspectors.Count(p => Eligible(x, p, facts)).ShouldBeGreaterThanOrEqualTo(x.Options.MinTeamSize, because);
            }
            foreach (var u in result.Assignment.Unstaffed)
            {
                var facts = x.Facts[u.CreditCode];
                var eligible = x.Inspectors.Count(p => Eligible(x, p, facts));
                eligible.ShouldBeLessThan(x.Options.MinTeamSize, because);
                var perRule = x.Inspectors.Select(p => RulesExcluding(x, p, facts)).ToList();
                u.ShouldBe(new UnstaffedTarget(u.CreditCode, x.Options.MinTeamSize, eligible, x.Inspectors.Count, new RecusalCounts(
                    perRule.Count(r => r[0]), perRule.Count(r => r[1]), perRule.Count(r => r[2]), perRule.Count(r => r[3]))), because);
            }
            unstaffed += notStaffed.Count;
            teams += staffed.Count;

            var memberships = result.Assignment.Teams.SelectMany(t => t.InspectorIds).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
            foreach (var p in x.Inspectors)
                result.Assignment.Loads[p.Id].ShouldBe(memberships.GetValueOrDefault(p.Id), because);
            var unrestricted = x.Inspectors.Where(p => staffed.Keys.All(c => Eligible(x, p, x.Facts[c]))).ToList();
            if (unrestricted.Count > 0)
            {
                var lowestUnrestricted = unrestricted.Min(p => result.Assignment.Loads[p.Id]);
                result.Assignment.Loads.Values.Max().ShouldBeLessThanOrEqualTo(lowestUnrestricted + 1, because);
            }
            if (unrestricted.Count < x.Inspectors.Count) restrictedInstances++;
        }

        // The generator must have exercised the failure paths, not only the happy one.
        shortStrata.ShouldBeGreaterThan(50);
        unstaffed.ShouldBeGreaterThan(100);
        teams.ShouldBeGreaterThan(1000);
        restrictedInstances.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Without_any_exclusion_all_loads_differ_by_at_most_one()
    {
        for (var i = 0; i < 200; i++)
        {
            var r = new Random(1000 + i);
            var inspectors = Enumerable.Range(0, r.Next(2, 40)).Select(n => new PoolInspector($"I{n:D2}", $"U{n}", "340100")).ToList();
            var targets = Enumerable.Range(0, r.Next(0, 200)).Select(n => new AssignmentTarget(DrawTestData.Code(n), "340200")).ToList();
            var options = new AssignmentOptions { MinTeamSize = r.Next(2, Math.Min(6, inspectors.Count) + 1) };
            var result = InspectorAssigner.Assign(targets, inspectors, [], options, DrawTestData.Rng("balanced", i));
            result.IsComplete.ShouldBeTrue();
            (result.Loads.Values.Max() - result.Loads.Values.Min()).ShouldBeLessThanOrEqualTo(1, $"instance {i}");
        }
    }
}
