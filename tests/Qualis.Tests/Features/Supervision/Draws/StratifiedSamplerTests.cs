using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

public sealed class StratifiedSamplerTests
{
    [Fact]
    public void The_published_example_draws_the_documented_enterprises()
    {
        var result = StratifiedSampler.Draw(DrawExample.Strata, new DrawRandom(DrawTestData.VectorSeed));
        result.IsComplete.ShouldBeTrue();
        result.Selected.Select(s => s.Key).ShouldBe(["340100|B", "340100|D", "340200|B"]);
        result.Selected[0].Codes.ShouldBe(["91340100MA0000002X", "91340100MA0000015X", "91340100MA0000014X"]);
        result.Selected[1].Codes.ShouldBe(["91340100MB0000001Y", "91340100MB0000007Y", "91340100MB0000002Y", "91340100MB0000003Y"]);
        result.Selected[2].Codes.ShouldBe(["91340200MC0000004Z", "91340200MC0000002Z"]);
    }

    [Fact]
    public void Every_candidate_is_drawn_at_the_same_rate()
    {
        // 2,000 draws of 10 out of 100, seeds "uniformity/0" … "/1999". Each candidate is expected 200 times.
        // Sampling without replacement makes counts less variable than a multinomial's: Var = D·k/N·(1−k/N)
        // with covariances −D·k(N−k)/(N²(N−1)); the statistic Σ(O−E)²/(E·(N−k)/(N−1)) then follows
        // chi-square with N − 1 = 99 degrees of freedom, whose 0.999 quantile is 148.23.
        const int draws = 2_000, n = 100, k = 10;
        var candidates = Enumerable.Range(0, n).Select(DrawTestData.Code).ToList();
        var index = candidates.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var counts = new long[n];
        for (var d = 0; d < draws; d++)
            foreach (var code in StratifiedSampler.Draw([new("s", candidates, k)], DrawTestData.Rng("uniformity", d)).AllCodes)
                counts[index[code]]++;

        counts.Sum().ShouldBe((long)draws * k);
        var statistic = DrawTestData.ChiSquare(counts, draws * k / (double)n, (n - k) / (double)(n - 1));
        statistic.ShouldBeLessThan(148.23);
        statistic.ShouldBe(92.235, 1e-9); // the same 2,000 draws by the independent Python reference give exactly these counts
    }

    [Fact]
    public void Every_position_in_the_draw_order_is_uniform_too()
    {
        // The first drawn of 5 from 20, over 4,000 seeds: 19 degrees of freedom, 0.999 quantile 43.82.
        var candidates = Enumerable.Range(0, 20).Select(DrawTestData.Code).ToList();
        var counts = new long[20];
        for (var d = 0; d < 4_000; d++)
            counts[candidates.IndexOf(StratifiedSampler.Draw([new("s", candidates, 5)], DrawTestData.Rng("first", d)).Selected[0].Codes[0])]++;
        DrawTestData.ChiSquare(counts, 200).ShouldBeLessThan(43.82);
    }

    [Fact]
    public void Same_seed_and_snapshot_give_the_same_draw_whatever_the_input_order()
    {
        var strata = Enumerable.Range(0, 12)
            .Select(s => new Stratum($"34{s:D2}00", Enumerable.Range(s * 1000, 300 + s * 7).Select(DrawTestData.Code).ToList(), 5 + s))
            .ToList();
        var shuffler = new Random(7);
        var shuffled = strata
            .Select(s => s with { Candidates = s.Candidates.OrderBy(_ => shuffler.Next()).ToList() })
            .Reverse()
            .ToList();

        var first = StratifiedSampler.Draw(strata, DrawTestData.Rng("reproduce", 1));
        var again = StratifiedSampler.Draw(shuffled, DrawTestData.Rng("reproduce", 1));
        var other = StratifiedSampler.Draw(strata, DrawTestData.Rng("reproduce", 2));

        again.AllCodes.ShouldBe(first.AllCodes);
        again.Selected.Select(s => s.Key).ShouldBe(first.Selected.Select(s => s.Key));
        other.AllCodes.ShouldNotBe(first.AllCodes);
        static IEnumerable<(string, string, string)> Lines(IEnumerable<Stratum> strata) => strata.SelectMany(s => s.Candidates.Select(c => (s.Key, c, "340102")));
        SnapshotHash.Of(Lines(shuffled)).ShouldBe(SnapshotHash.Of(Lines(strata)));
    }

    [Fact]
    public void A_stratum_that_cannot_meet_its_target_is_reported_and_not_drawn()
    {
        Stratum[] strata =
        [
            new("a", ["91340100MA0000001X", "91340100MA0000002X"], 3),
            new("b", Enumerable.Range(10, 10).Select(DrawTestData.Code).ToList(), 2),
            new("c", [], 1),
        ];
        var result = StratifiedSampler.Draw(strata, DrawTestData.Rng("short"));
        result.IsComplete.ShouldBeFalse();
        result.Shortfalls.ShouldBe([new StratumShortfall("a", 3, 2), new StratumShortfall("c", 1, 0)]);
        result.Selected.Single().Key.ShouldBe("b");
        result.Selected.Single().Codes.Count.ShouldBe(2);
        result.Shortfalls[0].Describe().ShouldContain("needs 3 but has only 2");
        StratifiedSampler.FindShortfalls(strata).ShouldBe(result.Shortfalls);

        // A short stratum takes no random values: the others are drawn as if it were not there.
        StratifiedSampler.Draw([strata[1]], DrawTestData.Rng("short")).AllCodes.ShouldBe(result.AllCodes);
    }

    [Fact]
    public void A_whole_stratum_and_an_empty_target_are_fine()
    {
        var codes = Enumerable.Range(0, 5).Select(DrawTestData.Code).ToList();
        var result = StratifiedSampler.Draw([new("all", codes, 5), new("none", [DrawTestData.Code(9)], 0)], DrawTestData.Rng("edges"));
        result.Selected[0].Codes.Order(StringComparer.Ordinal).ShouldBe(codes);
        result.Selected[1].Codes.ShouldBeEmpty();
    }

    [Fact]
    public void Ambiguous_input_is_refused()
    {
        var rng = DrawTestData.Rng("refused");
        Should.Throw<ArgumentException>(() => StratifiedSampler.Draw([new("a", ["X1"], 1), new("a", ["X2"], 1)], rng))
            .Message.ShouldContain("used twice");
        Should.Throw<ArgumentException>(() => StratifiedSampler.Draw([new("a", ["X1"], 1), new("b", ["X1"], 1)], rng))
            .Message.ShouldContain("X1 is listed twice");
        Should.Throw<ArgumentException>(() => StratifiedSampler.Draw([new("a", ["X1", "X1"], 1)], rng));
        Should.Throw<ArgumentException>(() => StratifiedSampler.Draw([new("a", ["X1"], -1)], rng))
            .Message.ShouldContain("negative");
    }
}
