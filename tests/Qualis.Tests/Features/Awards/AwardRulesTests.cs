using Qualis.Features.Awards;
using Qualis.Features.Recognition;

namespace Qualis.Tests.Features.Awards;

/// <summary>The rules of a quality-award round: model and stages as data, deadline, score bounds, combination, ranking, recommendation chain and grant refusals.</summary>
public sealed class AwardRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public void The_default_model_is_GB_T_19580_2012_of_1000_points_and_the_default_stages_weigh_100()
    {
        AwardRules.DefaultModel.Select(c => (c.Name, c.Points)).ShouldBe(
            [("领导", 110), ("战略", 90), ("顾客与市场", 90), ("资源", 130), ("过程管理", 100), ("测量、分析与改进", 80), ("结果", 400)]);
        AwardRules.DefaultModel.Sum(c => c.Points).ShouldBe(1000);
        AwardRules.DefaultStages.Select(s => s.Name).ShouldBe(["申报推荐", "资格审查", "资料评审", "问询答辩", "现场评审", "综合评价", "审定公示"]);
        AwardRules.DefaultStages.Sum(s => s.Weight).ShouldBe(100);
        var (model, problems) = AwardRules.Model(AwardRules.Format(AwardRules.DefaultModel));
        problems.ShouldBeEmpty();
        model.ShouldBe(AwardRules.DefaultModel);
    }

    [Fact]
    public void A_model_or_stages_kept_as_data_are_checked_line_by_line()
    {
        AwardRules.Model("领导|110\n战略\n领导|5\n结果|0").Problems.Select(p => (p.Key, p.Args[0])).ShouldBe(
            [("award.error.line_format", (object)2), ("award.error.line_twice", 3), ("award.error.points_positive", 4)]);
        AwardRules.Model("  \n").Problems.Single().Key.ShouldBe("award.error.model_required");
        Describe(AwardRules.Stages("资料评审|60\n现场评审|30").Problems.Single()).ShouldBe("Stages award.error.weights_sum 90");
        AwardRules.Stages("资料评审|160\n现场评审|-60").Problems.Select(p => p.Key).ShouldBe(["award.error.weight_range", "award.error.weight_range"]);
        AwardRules.Stages("资料评审｜70\n现场评审|30").Problems.ShouldBeEmpty();
    }

    [Fact]
    public void The_stage_weights_make_the_score_each_stage_combined_as_configured_then_weighted()
    {
        var stages = AwardRules.Stages("申报推荐|0\n资料评审|30\n现场评审|50\n综合评价|20\n审定公示|0").Stages;
        AwardRules.ScoredStages(stages).Select(s => s.Name).ShouldBe(["资料评审", "现场评审", "综合评价"]);
        // Kept per stage in the stages' order whatever order they were scored in; a stage scored again is replaced.
        var a = AwardRules.WithStageScores(null, stages, "现场评审", [500, 300]);
        AwardRules.ExpertTotal(a, stages).ShouldBeNull();
        a = AwardRules.WithStageScores(a, stages, "资料评审", [1, 2]);
        a = AwardRules.WithStageScores(a, stages, "资料评审", [600, 300]);
        a = AwardRules.WithStageScores(a, stages, "综合评价", [700, 200]);
        a.ShouldBe("资料评审|600,300\n现场评审|500,300\n综合评价|700,200");
        AwardRules.ExpertTotal(a, stages).ShouldBe(850); // 900 × 30% + 800 × 50% + 900 × 20%

        // Three experts, trimmed mean per stage: 资料评审 (800, 900, 1000 → 900), 现场评审 (600, 800, 700 → 700), 综合评价 (900, 900, 900).
        string Expert(int document, int onSite, int overall) => $"资料评审|{document}\n现场评审|{onSite}\n综合评价|{overall}";
        var score = AwardRules.Weighted(stages, [Expert(800, 600, 900), Expert(900, 800, 900), Expert(1000, 700, 900)], ScoreCombination.TrimmedMean);
        score.Parts.Select(p => (p.Stage, p.Weight, p.Combined, p.Points)).ShouldBe([("资料评审", 30, 900m, 270m), ("现场评审", 50, 700m, 350m), ("综合评价", 20, 900m, 180m)]);
        score.Total.ShouldBe(800m);
        // The same scores unweighted (the plain mean of the stages) would rank it 833.33: the weights decide.
        AwardRules.Weighted(AwardRules.Stages("资料评审|34\n现场评审|33\n综合评价|33").Stages, [Expert(900, 700, 900)], ScoreCombination.Mean).Total.ShouldBe(834m);

        // A score kept without a stage (before stages were scored apart) counts for every stage; an expert yet to score counts nothing.
        AwardRules.StageScoresOf("100,200", stages).Keys.ShouldBe(["资料评审", "现场评审", "综合评价"]);
        AwardRules.Weighted(stages, ["100,200", null], ScoreCombination.Mean).Total.ShouldBe(300m);
        // Two applicants whose plain means tie are ranked by their weighted scores.
        var onSiteStrong = AwardRules.Weighted(stages, [Expert(700, 900, 800)], ScoreCombination.Mean).Total;
        var documentsStrong = AwardRules.Weighted(stages, [Expert(900, 700, 800)], ScoreCombination.Mean).Total;
        (onSiteStrong, documentsStrong).ShouldBe((820m, 780m));
    }

    [Fact]
    public void Applications_are_taken_up_to_and_on_the_deadline_day_and_refused_after_it()
    {
        var round = AwardSamples.NewRound("340000", "/340000/", "截止测试", Today);
        AwardRules.AcceptsApplications(round, Today.AddDays(-1)).ShouldBeTrue();
        AwardRules.AcceptsApplications(round, Today).ShouldBeTrue();
        AwardRules.AcceptsApplications(round, Today.AddDays(1)).ShouldBeFalse();
        round.Status = RoundStatus.Drawn;
        AwardRules.AcceptsApplications(round, Today.AddDays(-1)).ShouldBeFalse();
    }

    [Fact]
    public void A_score_outside_a_categorys_points_or_missing_is_refused_on_its_field()
    {
        var model = AwardRules.DefaultModel;
        AwardRules.CheckScores(model, [110, 90, 90, 130, 100, 80, 400]).ShouldBeEmpty();
        AwardRules.CheckScores(model, [0, 0, 0, 0, 0, 0, 0]).ShouldBeEmpty();
        var problems = AwardRules.CheckScores(model, [111, 90, -1, 130, null, 80]);
        problems.Select(p => (p.Field, p.Key)).ShouldBe(
        [
            ("Scores[0]", "award.error.score_range"), ("Scores[2]", "award.error.score_range"), ("Scores[4]", "award.error.score_required"), ("Scores[6]", "award.error.score_required"),
        ]);
        problems[0].Args.ShouldBe(["领导", 110, 111]);
    }

    [Fact]
    public void Scores_combine_as_configured_dropping_the_highest_and_lowest_by_default()
    {
        AwardRules.Combine([800, 700, 650, 900, 600], ScoreCombination.TrimmedMean).ShouldBe(716.67m);
        AwardRules.Combine([800, 700, 650, 900, 600], ScoreCombination.Mean).ShouldBe(730m);
        AwardRules.Combine([800, 700, 650, 900, 600], ScoreCombination.Median).ShouldBe(700m);
        AwardRules.Combine([800, 700, 650, 900], ScoreCombination.Median).ShouldBe(750m);
        // With fewer than three totals nothing is dropped.
        AwardRules.Combine([800, 701], ScoreCombination.TrimmedMean).ShouldBe(750.5m);
        AwardRules.Combine([], ScoreCombination.Mean).ShouldBeNull();
    }

    [Fact]
    public void The_ranking_fills_the_winners_then_the_nominees_ties_by_id()
    {
        var ids = Enumerable.Range(1, 5).Select(i => Guid.Parse($"0190a000-0000-7000-8000-00000000000{i}")).ToList();
        var ranked = AwardRules.Rank([(ids[0], 700m), (ids[1], 810m), (ids[2], 700m), (ids[3], 650m), (ids[4], 900m)], winners: 2, nominees: 2);
        ranked.Select(r => (r.ApplicationId, r.Rank, r.Outcome)).ShouldBe(
        [
            (ids[4], 1, ApplicationStatus.Winner), (ids[1], 2, ApplicationStatus.Winner), (ids[0], 3, ApplicationStatus.Nominee),
            (ids[2], 4, ApplicationStatus.Nominee), (ids[3], 5, ApplicationStatus.NotSelected),
        ]);
    }

    [Fact]
    public void Recommendation_runs_from_the_firms_county_up_to_below_the_rounds_office()
    {
        AwardRules.Recommenders("/340000/340100/340102/", "/340000/").ShouldBe(["340102", "340100"]);
        AwardRules.Recommenders("/340000/340100/340102/", "/340000/340100/").ShouldBe(["340102"]);
        AwardRules.Recommenders("/340000/340200/", "/340000/340100/").ShouldBeEmpty();
        var round = AwardSamples.NewRound("340000", "/340000/", "推荐测试");
        round.RequiresRecommendation = true;
        var a = new AwardApplication { RegionPath = "/340000/340100/340102/", Status = ApplicationStatus.Submitted };
        AwardRules.NextRecommender(round, a).ShouldBe("340102");
        a.RecommendedBy = "340102";
        AwardRules.NextRecommender(round, a).ShouldBe("340100");
        a.RecommendedBy = "340102,340100";
        AwardRules.NextRecommender(round, a).ShouldBeNull();
        round.RequiresRecommendation = false;
        a.RecommendedBy = "";
        AwardRules.NextRecommender(round, a).ShouldBeNull();
    }

    [Fact]
    public void Granting_is_refused_before_the_announcement_during_it_with_an_objection_open_or_without_a_document()
    {
        var round = AwardSamples.NewRound("340000", "/340000/", "授予测试");
        round.Status = RoundStatus.Decided;
        AwardRules.GrantRefusal(round, Today, 0, "皖政〔2026〕1号")!.Key.ShouldBe("award.error.grant_not_announced");
        (round.Status, round.AnnouncedOn, round.PublicityEnds) = (RoundStatus.Announced, Today, AwardRules.PublicityEnd(Today, 7));
        round.PublicityEnds.ShouldBe(Today.AddDays(6));
        AwardRules.GrantRefusal(round, Today, 0, "皖政〔2026〕1号")!.Key.ShouldBe("award.error.grant_during_publicity");
        AwardRules.GrantRefusal(round, Today.AddDays(6), 0, "皖政〔2026〕1号")!.Key.ShouldBe("award.error.grant_during_publicity");
        Describe(AwardRules.GrantRefusal(round, Today.AddDays(7), 1, "皖政〔2026〕1号")!).ShouldBe("Grant award.error.grant_objections 1");
        AwardRules.GrantRefusal(round, Today.AddDays(7), 0, " ")!.Key.ShouldBe("award.error.document_required");
        AwardRules.GrantRefusal(round, Today.AddDays(7), 0, "皖政〔2026〕1号").ShouldBeNull();
        AwardRules.ValidTo(new DateOnly(2026, 12, 20), 5).ShouldBe(new DateOnly(2031, 12, 19));
    }

    private static string Describe(AwardProblem p) => string.Join(' ', new object[] { p.Field, p.Key }.Concat(p.Args));
}
