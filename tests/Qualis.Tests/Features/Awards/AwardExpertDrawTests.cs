using System.Diagnostics;
using Qualis.Features.Awards;
using Qualis.Features.Supervision.Draws;
using Xunit.Abstractions;

namespace Qualis.Tests.Features.Awards;

/// <summary>The award's expert draw without a database: reproducible from its published inputs and seed, never assigning an expert 回避 excludes.</summary>
public sealed class AwardExpertDrawTests(ITestOutputHelper output)
{
    /// <summary>A pool of experts in a few units, applicants each linked to a unit or two, and declared conflicts, all from one generator.</summary>
    private static AwardDrawInputs Inputs(int applicants, int experts, int perApplicant, int salt = 1)
    {
        var rng = new Random(salt);
        string[] units = [.. Enumerable.Range(0, Math.Max(10, experts / 3)).Select(i => $"单位{i:D3}")];
        var pool = Enumerable.Range(0, experts).Select(i => new DrawExpert(new Guid(i + 1, 0, 0, new byte[8]).ToString("N"), units[rng.Next(units.Length)], "340000")).ToList();
        var firms = Enumerable.Range(0, applicants).Select(i => new DrawApplicant($"91340100MA{i:D8}", [$"企业{i}", units[rng.Next(units.Length)]])).ToList();
        var conflicts = Enumerable.Range(0, applicants * 2).Select(_ => (pool[rng.Next(pool.Count)].Id, firms[rng.Next(firms.Count)].CreditCode)).ToList();
        return AwardDrawInputs.Canonical(perApplicant, pool, firms, conflicts);
    }

    [Fact]
    public void The_draw_is_reproduced_from_its_published_inputs_and_the_seed_its_commitment_names()
    {
        var seed = DrawCommitment.NewSeed();
        var commitment = DrawCommitment.Commit(seed);
        var inputs = Inputs(40, 60, 5);
        var drawn = AwardExpertDraw.Run(seed, inputs);
        drawn.IsComplete.ShouldBeTrue();

        // What is published: the commitment before, the inputs (canonical JSON) and the seed after.
        var json = inputs.ToJson();
        AwardDrawInputs.FromJson(json).Hash().ShouldBe(inputs.Hash());
        var (again, problem) = AwardExpertDraw.Reproduce(DrawCommitment.ToHex(seed).ToUpperInvariant(), commitment, json);
        problem.ShouldBeNull();
        again!.Teams.Select(t => (t.Party, string.Join(',', t.Members))).ShouldBe(drawn.Teams.Select(t => (t.Party, string.Join(',', t.Members))));

        // The same inputs in another order give the same canonical form, and so the same draw.
        var shuffled = AwardDrawInputs.Canonical(5, inputs.Experts.Reverse(), inputs.Applicants.Reverse(), inputs.Conflicts.Reverse().Select(c => (c[0], c[1])));
        shuffled.Hash().ShouldBe(inputs.Hash());
        // Another seed is refused against the commitment, naming why.
        var (none, refused) = AwardExpertDraw.Reproduce(DrawCommitment.ToHex(DrawCommitment.NewSeed()), commitment, json);
        none.ShouldBeNull();
        refused.ShouldNotBeNull().ShouldContain("does not match the commitment");
    }

    [Fact]
    public void No_expert_of_the_applicants_own_firm_a_linked_unit_or_a_declared_conflict_is_ever_assigned()
    {
        for (var salt = 1; salt <= 20; salt++)
        {
            var inputs = Inputs(60, 45, 5, salt);
            var result = AwardExpertDraw.Run(DrawCommitment.NewSeed(), inputs);
            var experts = inputs.Experts.ToDictionary(e => e.Id);
            var conflicts = inputs.Conflicts.Select(c => (c[0], c[1])).ToHashSet();
            foreach (var team in result.Teams)
            {
                var applicant = inputs.Applicants.Single(a => a.CreditCode == team.Party);
                team.Members.Count.ShouldBe(5);
                team.Members.Distinct().Count().ShouldBe(5);
                foreach (var id in team.Members)
                {
                    applicant.LinkedUnits.ShouldNotContain(experts[id].Unit, $"salt {salt}: {id} of a linked unit judges {team.Party}");
                    conflicts.ShouldNotContain((id, team.Party), $"salt {salt}: {id} declared a conflict with {team.Party}");
                }
            }
            // Every applicant is staffed or named as short; a short one gets nobody.
            (result.Teams.Count + result.Short.Count).ShouldBe(60);
        }
    }

    [Fact]
    public void An_applicant_that_the_rules_leave_short_gets_nobody_and_is_named()
    {
        var pool = Enumerable.Range(1, 4).Select(i => new DrawExpert(new Guid(i, 0, 0, new byte[8]).ToString("N"), i <= 2 ? "合肥示范电缆有限公司" : $"单位{i}", "340000")).ToList();
        var inputs = AwardDrawInputs.Canonical(3, pool, [new DrawApplicant("91340102743081729F", ["合肥示范电缆有限公司"])], []);
        var result = AwardExpertDraw.Run(DrawCommitment.NewSeed(), inputs);
        result.Teams.ShouldBeEmpty();
        var shortOne = result.Short.ShouldHaveSingleItem();
        (shortOne.Party, shortOne.Required, shortOne.Eligible, shortOne.PoolSize).ShouldBe(("91340102743081729F", 3, 2, 4));
    }

    /// <summary>The size (500 applicants, 300 experts, 5 each under 回避): timed once here, against the 1 s budget, on the shared machine.</summary>
    [Fact]
    public void A_round_of_500_applicants_over_300_experts_is_drawn_completely()
    {
        var inputs = Inputs(500, 300, 5);
        var seed = DrawCommitment.NewSeed();
        AwardExpertDraw.Run(seed, Inputs(20, 30, 5)); // warm-up
        var watch = Stopwatch.StartNew();
        var result = AwardExpertDraw.Run(seed, inputs);
        watch.Stop();
        output.WriteLine($"award draw 500 x 300 x 5: {watch.Elapsed.TotalMilliseconds:F1} ms");
        result.IsComplete.ShouldBeTrue();
        result.Teams.Sum(t => t.Members.Count).ShouldBe(2500);
        // The load is spread: nobody reviews more than one applicant above the least-loaded unrestricted expert's share.
        result.Loads.Values.Max().ShouldBeLessThanOrEqualTo(2500 / 300 + 2);
    }
}
