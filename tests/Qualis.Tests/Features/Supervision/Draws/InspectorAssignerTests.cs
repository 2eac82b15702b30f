using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

public sealed class InspectorAssignerTests
{
    [Fact]
    public void The_published_example_gives_the_documented_teams_and_the_unstaffable_target()
    {
        var result = DoubleRandomDraw.Run(DrawTestData.VectorSeed, DrawExample.Strata, DrawExample.Inspectors,
            DrawExample.Facts, DrawExample.Conflicts, DrawExample.Options);

        result.Assignment.Teams.Select(t => $"{t.CreditCode} {string.Join(",", t.InspectorIds)}").ShouldBe([
            "91340100MA0000002X I08,I06",
            "91340100MA0000014X I04,I02",
            "91340100MA0000015X I06,I04",
            "91340100MB0000001Y I08,I02",
            "91340100MB0000003Y I08,I06",
            "91340100MB0000007Y I02,I04",
            "91340200MC0000002Z I03,I01",
            "91340200MC0000004Z I05,I07",
        ]);
        // Linked to units U1 and U2 (six inspectors), and the four odd-numbered ones work in its county: only I06 is left.
        result.Assignment.Unstaffed.ShouldBe([new UnstaffedTarget("91340100MB0000002Y", 2, 1, 8, new RecusalCounts(6, 0, 0, 4))]);
        result.IsComplete.ShouldBeFalse();
        result.Assignment.Unstaffed[0].Describe().ShouldContain("only 1 of 8 are eligible");
    }

    private static readonly PoolInspector[] Pool =
    [
        new("P1", "Unit-A", "340102"),
        new("P2", "Unit-A", "340103"),
        new("P3", "Unit-B", "340102"),
        new("P4", "Unit-C", "340104"),
        new("P5", "Unit-D", "340104"),
    ];

    [Fact]
    public void Each_rule_removes_exactly_its_inspectors()
    {
        var target = new AssignmentTarget("91340100MA0000001X", "340104") { LinkedUnits = ["Unit-A"], LastInspectors = ["P3"] };
        var result = InspectorAssigner.Assign([target], Pool, [("P4", target.CreditCode)],
            new AssignmentOptions { MinTeamSize = 2 }, DrawTestData.Rng("rules"));
        // Unit-A (P1, P2), the conflict (P4) and the last inspection (P3) are out: only P5 remains.
        result.Teams.ShouldBeEmpty();
        result.Unstaffed.Single().ShouldBe(new UnstaffedTarget(target.CreditCode, 2, 1, 5, new RecusalCounts(2, 1, 1, 0)));

        var withoutLast = target with { LastInspectors = [] };
        var staffed = InspectorAssigner.Assign([withoutLast], Pool, [("P4", target.CreditCode)],
            new AssignmentOptions(), DrawTestData.Rng("rules"));
        staffed.Teams.Single().InspectorIds.Order().ShouldBe(["P3", "P5"]);
    }

    [Fact]
    public void One_inspector_is_checked_against_a_target_by_the_same_rules_the_assignment_applies()
    {
        var target = new AssignmentTarget("91340100MA0000001X", "340104") { LinkedUnits = ["Unit-A", "Unit-C"], LastInspectors = ["P3"] };
        (string, string)[] conflicts = [("P4", target.CreditCode), ("P5", "91340100MA0000009X")];
        var on = new AssignmentOptions { ExcludeOwnCounty = true };
        Pool.Select(i => (i.Id, string.Join(",", InspectorAssigner.RulesExcluding(i, target, conflicts, on)))).ShouldBe([
            ("P1", "LinkedUnit"), ("P2", "LinkedUnit"), ("P3", "LastInspection"), ("P4", "LinkedUnit,DeclaredConflict,OwnCounty"), ("P5", "OwnCounty"),
        ]);
        InspectorAssigner.RulesExcluding(Pool[4], target, conflicts, new AssignmentOptions()).ShouldBeEmpty();

        // Whoever the rules leave eligible is who the assignment may pick: the two agree on every inspector.
        var eligible = Pool.Where(i => InspectorAssigner.RulesExcluding(i, target with { LinkedUnits = [] }, conflicts, new AssignmentOptions()).Count == 0).Select(i => i.Id).ToList();
        var assigned = InspectorAssigner.Assign([target with { LinkedUnits = [] }], Pool, conflicts, new AssignmentOptions { MinTeamSize = eligible.Count }, DrawTestData.Rng("one"));
        assigned.Teams.Single().InspectorIds.Order().ShouldBe(eligible.Order());
    }

    [Fact]
    public void Own_county_rule_applies_only_when_switched_on_and_counts_overlaps_per_rule()
    {
        var target = new AssignmentTarget("91340100MA0000001X", "340104") { LinkedUnits = ["Unit-C"] };
        var off = InspectorAssigner.Assign([target], Pool, [], new AssignmentOptions { MinTeamSize = 4 }, DrawTestData.Rng("county"));
        off.Teams.Single().InspectorIds.ShouldNotContain("P4");
        off.Teams.Single().InspectorIds.Count.ShouldBe(4);

        var on = InspectorAssigner.Assign([target], Pool, [], new AssignmentOptions { MinTeamSize = 4, ExcludeOwnCounty = true }, DrawTestData.Rng("county"));
        // P4 is both linked and local: counted under both rules, excluded once.
        on.Unstaffed.Single().ShouldBe(new UnstaffedTarget(target.CreditCode, 4, 3, 5, new RecusalCounts(1, 0, 0, 2)));
    }

    [Fact]
    public void Loads_are_spread_evenly_when_no_rule_bites()
    {
        var inspectors = Enumerable.Range(0, 7).Select(i => new PoolInspector($"E{i}", $"U{i}", "340100")).ToList();
        var targets = Enumerable.Range(0, 20).Select(i => new AssignmentTarget(DrawTestData.Code(i))).ToList();
        var result = InspectorAssigner.Assign(targets, inspectors, [], new AssignmentOptions { MinTeamSize = 3 }, DrawTestData.Rng("even"));
        result.Teams.Count.ShouldBe(20);
        result.Loads.Values.Sum().ShouldBe(60);
        (result.Loads.Values.Max() - result.Loads.Values.Min()).ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void Order_of_targets_and_inspectors_does_not_matter()
    {
        var inspectors = Enumerable.Range(0, 30).Select(i => new PoolInspector($"E{i:D2}", $"U{i % 6}", $"3401{i % 4:D2}")).ToList();
        var targets = Enumerable.Range(0, 40)
            .Select(i => new AssignmentTarget(DrawTestData.Code(i), $"3401{i % 4:D2}") { LinkedUnits = [$"U{i % 5}"] })
            .ToList();
        var options = new AssignmentOptions { ExcludeOwnCounty = true };
        var a = InspectorAssigner.Assign(targets, inspectors, [], options, DrawTestData.Rng("order"));
        var b = InspectorAssigner.Assign(Enumerable.Reverse(targets).ToList(), Enumerable.Reverse(inspectors).ToList(), [], options, DrawTestData.Rng("order"));
        b.Teams.Select(t => (t.CreditCode, string.Join(",", t.InspectorIds))).ShouldBe(a.Teams.Select(t => (t.CreditCode, string.Join(",", t.InspectorIds))));
    }

    [Fact]
    public void Ambiguous_or_incomplete_input_is_refused()
    {
        var rng = DrawTestData.Rng("refuse");
        var t = new AssignmentTarget("91340100MA0000001X", "340104");
        Should.Throw<ArgumentException>(() => InspectorAssigner.Assign([t, t], Pool, [], new AssignmentOptions(), rng)).Message.ShouldContain("listed twice");
        Should.Throw<ArgumentException>(() => InspectorAssigner.Assign([t], [Pool[0], Pool[0]], [], new AssignmentOptions(), rng)).Message.ShouldContain("P1 is listed twice");
        Should.Throw<ArgumentException>(() => InspectorAssigner.Assign([t with { CountyCode = null }], Pool, [], new AssignmentOptions { ExcludeOwnCounty = true }, rng))
            .Message.ShouldContain("no county code");
        Should.Throw<ArgumentException>(() => InspectorAssigner.Assign([t], Pool, [], new AssignmentOptions { MinTeamSize = 1 }, rng))
            .Message.ShouldContain("at least 2");
    }
}
