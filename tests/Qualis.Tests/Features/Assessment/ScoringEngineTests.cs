using Qualis.Features.Assessment.Scoring;

namespace Qualis.Tests.Features.Assessment;

/// <summary>The scoring engine (考核计分) on its own: each scoring type at its boundaries, the grade bands, vetoes, ranks and the explanation.</summary>
public sealed class ScoringEngineTests
{
    private static readonly GradeBands Bands = GradeBands.TryParse(GradeBands.Default)!;

    private static ScoringScheme Scheme(params ScoringItem[] items) => new(items, items.Where(i => !items.Any(c => c.ParentCode == i.Code)).Sum(i => i.MaxPoints), Bands, []);

    private static CityScore One(ScoringItem item, ItemInput input) =>
        ScoringEngine.Score(Scheme(item), new Dictionary<string, CityInputs> { ["340100"] = new(new Dictionary<string, ItemInput> { [item.Code] = input }) }).Single();

    [Fact]
    public void A_yes_no_item_gives_all_or_nothing()
    {
        var item = new ScoringItem("1", "专题会议", null, 5, ScoringType.YesNo);
        One(item, new(Met: true)).Score.ShouldBe(5m);
        One(item, new(Met: false)).Score.ShouldBe(0m);
        One(item, new()).Score.ShouldBe(0m);
        // With a target the figure decides: reaching it exactly is enough.
        var withTarget = item with { Target = 100 };
        One(withTarget, new(Value: 100)).Score.ShouldBe(5m);
        One(withTarget, new(Value: 99.99m)).Score.ShouldBe(0m);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(25, 3)]
    [InlineData(49, 5.88)]
    [InlineData(50, 6)]
    [InlineData(80, 6)]
    public void A_partial_item_is_proportional_to_the_target_and_capped(double value, double expected)
    {
        var item = new ScoringItem("2.4", "重点企业", null, 6, ScoringType.Partial, Target: 50);
        var score = One(item, new(Value: (decimal)value)).Score;
        score.ShouldBe((decimal)expected);
        score.ShouldBeLessThanOrEqualTo(6m);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 8)]
    [InlineData(4, 2)]
    [InlineData(5, 0)]
    [InlineData(9, 0)]
    [InlineData(-3, 10)]
    public void A_deduction_item_takes_points_off_per_shortfall_down_to_zero(int shortfalls, int expected)
    {
        var item = new ScoringItem("3.3", "质量流动诊所", null, 10, ScoringType.Deduction, DeductionPerUnit: 2);
        One(item, new(Value: shortfalls)).Score.ShouldBe(expected);
    }

    [Fact]
    public void A_rank_item_gives_points_by_position_and_ties_share_them()
    {
        var item = new ScoringItem("4.2", "农产品合格率", null, 10, ScoringType.Rank, RankPoints: [10, 8, 6, 4]);
        var inputs = new Dictionary<string, CityInputs>
        {
            ["A"] = new(new Dictionary<string, ItemInput> { ["4.2"] = new(Value: 99) }),
            ["B"] = new(new Dictionary<string, ItemInput> { ["4.2"] = new(Value: 98) }),
            ["C"] = new(new Dictionary<string, ItemInput> { ["4.2"] = new(Value: 98) }),
            ["D"] = new(new Dictionary<string, ItemInput> { ["4.2"] = new(Value: 90) }),
            ["E"] = new(new Dictionary<string, ItemInput> { ["4.2"] = new(Value: 80) }),
            ["F"] = new(new Dictionary<string, ItemInput>()),
        };
        var scores = ScoringEngine.Score(Scheme(item), inputs).ToDictionary(s => s.City, s => s.Score);
        scores["A"].ShouldBe(10m);
        scores["B"].ShouldBe(7m); // positions 2 and 3 share (8 + 6) / 2
        scores["C"].ShouldBe(7m);
        scores["D"].ShouldBe(4m);
        scores["E"].ShouldBe(4m); // beyond the list the last value applies
        scores["F"].ShouldBe(0m); // no figure, no rank
        var ranking = ScoringEngine.Score(Scheme(item), inputs);
        ranking.Single(s => s.City == "B").Rank.ShouldBe(ranking.Single(s => s.City == "C").Rank);
        ranking.Single(s => s.City == "D").Rank.ShouldBe(4); // 1, 2, 2, 4 …
    }

    [Fact]
    public void A_formula_item_scores_the_platform_figure_by_its_rule()
    {
        var reach = new ScoringItem("4.1", "合格率", null, 10, ScoringType.Formula, Target: 90, IndicatorKey: "supervision.pass-rate", Rule: ScoringType.YesNo);
        One(reach, new(Value: 90, Source: FigureSource.Platform)).Score.ShouldBe(10m);
        One(reach, new(Value: 89.9m, Source: FigureSource.Platform)).Score.ShouldBe(0m);
        var partial = reach with { Rule = ScoringType.Partial, Target = 50 };
        One(partial, new(Value: 40, Source: FigureSource.Platform)).Score.ShouldBe(8m);
        var line = One(partial, new(Value: 40, Source: FigureSource.Platform)).Lines.Single();
        line.BasisArgs.ShouldContain("assessment.source.platform");
        line.Figure.ShouldBe(40m);
        var deduction = reach with { Rule = ScoringType.Deduction, DeductionPerUnit = 3 };
        One(deduction, new(Value: 2, Source: FigureSource.Platform)).Score.ShouldBe(4m);
    }

    [Fact]
    public void An_adjustment_replaces_the_computed_points_within_the_items_range()
    {
        var item = new ScoringItem("1", "专题会议", null, 5, ScoringType.YesNo);
        var adjusted = One(item, new(Met: true, AdjustedPoints: 3, AdjustReason: "材料不全"));
        adjusted.Score.ShouldBe(3m);
        adjusted.Lines.Single().BasisKey.ShouldBe("assessment.basis.adjusted");
        adjusted.Lines.Single().BasisArgs.ShouldContain("材料不全");
        One(item, new(Met: true, AdjustedPoints: 7)).Score.ShouldBe(5m);
        One(item, new(Met: true, AdjustedPoints: -1)).Score.ShouldBe(0m);
    }

    [Theory]
    [InlineData(100, "A")]
    [InlineData(90, "A")]
    [InlineData(89.99, "B")]
    [InlineData(80, "B")]
    [InlineData(79.99, "C")]
    [InlineData(60, "C")]
    [InlineData(59.99, "D")]
    [InlineData(0, "D")]
    public void Grade_bands_are_half_open(double score, string grade) => Bands.GradeOf((decimal)score).ShouldBe(grade);

    [Theory]
    [InlineData("A:90;B:80;C:60;D", true)]
    [InlineData("优秀:85;良好:70;一般", true)]
    [InlineData("A:90;B:95;D", false)]
    [InlineData("A:90;B:80", false)]
    [InlineData("A;B:80;D", false)]
    [InlineData("A:90;A:80;D", false)]
    [InlineData("A:x;D", false)]
    [InlineData("", false)]
    public void Grade_bands_are_read_as_data_and_checked(string text, bool valid) => (GradeBands.TryParse(text) is not null).ShouldBe(valid);

    [Fact]
    public void A_veto_forces_its_grade_whatever_the_score_and_ranks_after_the_others()
    {
        var item = new ScoringItem("1", "全部工作", null, 100, ScoringType.YesNo);
        var scheme = Scheme(item) with { Vetoes = [new VetoRule("V1", "发生区域性重大质量安全事故", "D")] };
        var inputs = new Dictionary<string, CityInputs>
        {
            ["A"] = new(new Dictionary<string, ItemInput> { ["1"] = new(Met: true) }, new Dictionary<string, string> { ["V1"] = "8月发生重大事故" }),
            ["B"] = new(new Dictionary<string, ItemInput> { ["1"] = new(Met: false) }),
        };
        var scores = ScoringEngine.Score(scheme, inputs);
        var vetoed = scores.Single(s => s.City == "A");
        vetoed.Score.ShouldBe(100m);
        vetoed.Grade.ShouldBe("D");
        vetoed.Vetoed.ShouldBeTrue();
        vetoed.Rank.ShouldBe(2);
        vetoed.Lines.ShouldContain(l => l.BasisKey == "assessment.basis.veto" && l.Points == 0 && l.BasisArgs.Contains("8月发生重大事故"));
        scores.Single(s => s.City == "B").Rank.ShouldBe(1);
    }

    [Fact]
    public void A_scheme_whose_points_do_not_add_up_to_the_total_is_refused_with_the_sum()
    {
        ScoringItem[] items =
        [
            new("1", "组织领导", null, 0, ScoringType.YesNo),
            new("1.1", "专题会议", "1", 40, ScoringType.YesNo),
            new("1.2", "实施方案", "1", 35.5m, ScoringType.YesNo),
            new("2", "重点企业", null, 20, ScoringType.Partial, Target: 50),
        ];
        var problems = ScoringEngine.Check(new ScoringScheme(items, 100, Bands, []), _ => true);
        var sum = problems.ShouldHaveSingleItem();
        sum.Key.ShouldBe("assessment.problem.sum");
        sum.Args.ShouldBe(["95.5", "100"]);
        ScoringEngine.Check(new ScoringScheme(items, 95.5m, Bands, []), _ => true).ShouldBeEmpty();
    }

    [Fact]
    public void An_item_missing_what_its_type_needs_is_refused()
    {
        bool Known(string key) => key == "supervision.pass-rate";
        ScoringEngine.CheckItem(new("1", "x", null, 5, ScoringType.Partial), Known).ShouldContain(p => p.Key == "assessment.problem.target");
        ScoringEngine.CheckItem(new("1", "x", null, 5, ScoringType.Deduction), Known).ShouldContain(p => p.Key == "assessment.problem.deduction");
        ScoringEngine.CheckItem(new("1", "x", null, 5, ScoringType.Rank, RankPoints: [6]), Known).ShouldContain(p => p.Key == "assessment.problem.rank_points");
        ScoringEngine.CheckItem(new("1", "x", null, 5, ScoringType.Formula, Target: 1, IndicatorKey: "keyobjects.nothing", Rule: ScoringType.YesNo), Known)
            .ShouldContain(p => p.Key == "assessment.problem.indicator" && p.Args.Contains("keyobjects.nothing"));
        ScoringEngine.CheckItem(new("1", "x", null, 5, ScoringType.Formula, Target: 1, IndicatorKey: "supervision.pass-rate"), Known).ShouldContain(p => p.Key == "assessment.problem.rule");
        ScoringEngine.CheckItem(new("1", "x", null, 0, ScoringType.YesNo), Known).ShouldContain(p => p.Key == "assessment.problem.points");
        ScoringEngine.CheckItem(new("1", "x", null, 5, ScoringType.Formula, Target: 90, IndicatorKey: "supervision.pass-rate", Rule: ScoringType.YesNo), Known).ShouldBeEmpty();
    }

    /// <summary>Generated schemes and inputs of every kind: the lines of every score add up to it, and no item gives more than its points.</summary>
    [Fact]
    public void The_explanation_lines_always_add_up_to_the_score()
    {
        var random = new Random(20181201);
        var types = Enum.GetValues<ScoringType>();
        for (var round = 0; round < 500; round++)
        {
            var items = new List<ScoringItem>();
            var count = random.Next(1, 15);
            for (var n = 1; n <= count; n++)
            {
                var points = Math.Round((decimal)random.NextDouble() * 20m + 0.01m, 2);
                var type = types[random.Next(types.Length)];
                items.Add(new ScoringItem(n.ToString(System.Globalization.CultureInfo.InvariantCulture), "项" + n, null, points, type,
                    Target: Math.Round((decimal)random.NextDouble() * 100m + 0.5m, 2), DeductionPerUnit: Math.Round((decimal)random.NextDouble() * 3m + 0.1m, 2),
                    RankPoints: Enumerable.Range(0, random.Next(1, 6)).Select(_ => Math.Round((decimal)random.NextDouble() * points, 3)).ToList(),
                    IndicatorKey: "x", Rule: new[] { ScoringType.YesNo, ScoringType.Partial, ScoringType.Deduction }[random.Next(3)]));
            }
            var vetoes = new List<VetoRule> { new("V1", "事故", "D"), new("V2", "瞒报", "C") };
            var scheme = new ScoringScheme(items, items.Sum(i => i.MaxPoints), Bands, vetoes);
            var cities = new Dictionary<string, CityInputs>();
            for (var c = 0; c < random.Next(1, 17); c++)
            {
                var inputs = new Dictionary<string, ItemInput>();
                foreach (var item in items.Where(_ => random.NextDouble() < 0.9))
                    inputs[item.Code] = new ItemInput(
                        random.NextDouble() < 0.1 ? null : Math.Round((decimal)(random.NextDouble() * 150 - 10), random.Next(0, 5)),
                        random.NextDouble() < 0.5, random.NextDouble() < 0.5 ? FigureSource.Platform : FigureSource.City,
                        random.NextDouble() < 0.15 ? Math.Round((decimal)(random.NextDouble() * 30 - 5), 3) : null, "理由");
                var vetoed = random.NextDouble() < 0.1 ? new Dictionary<string, string> { [vetoes[random.Next(2)].Code] = "认定" } : null;
                cities["C" + c] = new CityInputs(inputs, vetoed);
            }
            foreach (var score in ScoringEngine.Score(scheme, cities))
            {
                score.Lines.Sum(l => l.Points).ShouldBe(score.Score, $"round {round} city {score.City}");
                score.Lines.Count.ShouldBe(items.Count + (cities[score.City].Vetoes?.Count ?? 0));
                foreach (var line in score.Lines.Where(l => l.BasisKey != "assessment.basis.veto"))
                {
                    line.Points.ShouldBeGreaterThanOrEqualTo(0m);
                    line.Points.ShouldBeLessThanOrEqualTo(items.Single(i => i.Code == line.ItemCode).MaxPoints);
                }
                score.Score.ShouldBeLessThanOrEqualTo(scheme.Total);
                if (score.Vetoed) new[] { "C", "D" }.ShouldContain(score.Grade);
                else score.Grade.ShouldBe(Bands.GradeOf(score.Score));
            }
        }
    }
}
