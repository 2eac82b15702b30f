using Qualis.Features.Recognition;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Operations;
using Qualis.Platform.Time;

namespace Qualis.Features.Awards;

/// <summary>
/// Three rounds of the government quality award: the province's current round under review (applications of Hefei and
/// Wuhu firms qualified, the experts drawn from the directory under 回避 with a committed seed, some of them signed and
/// scored, the agency's linked expert still to score — on its desk), the province's round of two years ago granted, its
/// winners in the recognition register, and Hefei's open call the demo enterprise can apply to. Loaded once, audited.
/// </summary>
public sealed class AwardDemoData : IDemoSeeder
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        var clock = services.GetRequiredService<PeopleClock>();
        if (await db.Set<AwardRound>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var regions = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking().Where(r => r.Code == "340000" || r.Code == "340100" || r.Code == "340200")
            .ToDictionaryAsync(r => r.Code, r => r.RegionPath, ct);
        if (regions.Count < 3) return;
        var firms = (await RegistryFace.EnterprisesOfAreaAsync(db, regions["340100"], 6, ct)).Concat(await RegistryFace.EnterprisesOfAreaAsync(db, regions["340200"], 4, ct)).ToList();
        if (firms.Count < 6) return;
        var today = clock.Today;
        var now = clock.UtcNow;
        var model = AwardRules.Model(AwardRules.Format(AwardRules.DefaultModel)).Model;

        AwardRound Round(string title, int year, DateOnly deadline, string office) => new()
        {
            Title = title, Year = year, Level = office == "340000" ? RecognitionLevel.Provincial : RecognitionLevel.City, Categories = "制造业\n服务业",
            WinnerQuota = 2, NomineeQuota = 1, Deadline = deadline, Stages = AwardRules.Format(AwardRules.DefaultStages), Model = AwardRules.Format(AwardRules.DefaultModel),
            PublicityDays = AwardRules.DefaultPublicityDays, ValidityYears = AwardRules.DefaultValidityYears, RequiresRecommendation = office == "340000",
            LookbackYears = AwardRules.DefaultLookbackYears, ExpertsPerApplicant = 3, Combination = ScoreCombination.TrimmedMean,
            RegionCode = office, RegionPath = regions[office], CreatedAt = now, CreatedBy = office == "340000" ? "province" : "hefei",
        };
        AwardApplication Apply(AwardRound round, EnterpriseEntry firm, int i) => new()
        {
            RoundId = round.Id, CreditCode = firm.CreditCode, EnterpriseName = firm.Name, Category = i % 3 == 2 ? "服务业" : "制造业",
            SelfAssessment = "导入卓越绩效管理模式，建立以顾客为中心的质量管理体系，关键过程能力指数持续提升，主要产品质量达到国内先进水平。",
            SelfScore = 620 + 15 * i, Evidence = "卓越绩效自评报告；质量管理体系认证证书；近三年经营与质量数据", Status = ApplicationStatus.Qualified,
            RecommendedBy = string.Join(',', AwardRules.Recommenders(firm.RegionPath, round.RegionPath)), SubmittedAt = now.AddDays(-30), SubmittedBy = "enterprise",
            RegionCode = firm.RegionCode, RegionPath = firm.RegionPath,
        };

        // The current provincial round, under review: the draw as the office runs it, from a committed seed.
        var current = Round($"{today.Year}年度安徽省政府质量奖", today.Year, today.AddDays(-20), "340000");
        current.ScoreBy = today.AddDays(10);
        var applicants = firms.Where(f => f.CreditCode == "91340102743081729F").Concat(firms.Where(f => f.CreditCode != "91340102743081729F")).Take(4).Select((f, i) => Apply(current, f, i)).ToList();
        db.Set<AwardRound>().Add(current);
        db.Set<AwardApplication>().AddRange(applicants);
        var reviewers = await DrawAsync(db, current, applicants, ct);
        var stages = AwardRules.Stages(current.Stages).Stages;
        foreach (var (r, i) in reviewers.Select((r, i) => (r, i)).Where(x => x.r.ExpertName != "钱文博" && x.i % 2 == 0))
        {
            // Each scored stage (资料评审, 问询答辩, 现场评审, 综合评价) scored against the model, a little apart.
            string? text = null;
            foreach (var (stage, n) in AwardRules.ScoredStages(stages).Select((s, n) => (s, n)))
                text = AwardRules.WithStageScores(text, stages, stage.Name, model.Select((c, k) => c.Points * (60 + (i * 7 + k * 3 + n * 5) % 30) / 100));
            (r.SignedAt, r.Scores, r.Total, r.ScoredAt) = (now.AddDays(-2), text, AwardRules.ExpertTotal(text, stages), now.AddDays(-1));
        }

        // The provincial round of two years ago: decided, announced, granted; its winners are in the register.
        var earlier = today.AddYears(-2);
        var past = Round($"{earlier.Year}年度安徽省政府质量奖", earlier.Year, earlier.AddMonths(-6), "340000");
        var done = firms.Skip(4).Take(4).Select((f, i) => Apply(past, f, i)).ToList();
        db.Set<AwardRound>().Add(past);
        db.Set<AwardApplication>().AddRange(done);
        var pastReviewers = await DrawAsync(db, past, done, ct);
        foreach (var (r, i) in pastReviewers.Select((r, i) => (r, i)))
        {
            var scores = model.Select(c => c.Points * (70 + (i * 5) % 25) / 100).ToList();
            (r.SignedAt, r.Scores, r.Total, r.ScoredAt) = (now.AddYears(-2), string.Join(',', scores), scores.Sum(), now.AddYears(-2));
        }
        var ranked = AwardRules.Rank(done.Select(a => (a.Id, AwardRules.Combine([.. pastReviewers.Where(r => r.ApplicationId == a.Id).Select(r => r.Total!.Value)], past.Combination) ?? 0m)),
            past.WinnerQuota, past.NomineeQuota);
        var grantedOn = earlier.AddMonths(-2);
        (past.Status, past.DecidedOn, past.AnnouncedOn, past.PublicityEnds, past.GrantedOn, past.DocumentNumber) =
            (RoundStatus.Granted, grantedOn.AddDays(-20), grantedOn.AddDays(-15), AwardRules.PublicityEnd(grantedOn.AddDays(-15), past.PublicityDays), grantedOn, $"皖政〔{earlier.Year}〕18号");
        foreach (var x in ranked)
        {
            var a = done.First(d => d.Id == x.ApplicationId);
            (a.FinalScore, a.Rank, a.Status) = (x.Score, x.Rank, x.Outcome == ApplicationStatus.Winner ? ApplicationStatus.Granted : x.Outcome);
            if (x.Outcome == ApplicationStatus.Winner)
                a.RecognitionId = RecognitionFace.AddGrantedAward(db, new GrantedAward(past.Level, past.Year, a.CreditCode, a.EnterpriseName, a.RegionCode, a.RegionPath,
                    grantedOn, AwardRules.ValidTo(grantedOn, past.ValidityYears), past.DocumentNumber!, past.Title, now, "province"));
        }

        // Hefei's open call: the demo enterprise may apply.
        db.Set<AwardRound>().Add(Round($"{today.Year}年度合肥市政府质量奖", today.Year, today.AddDays(30), "340100"));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The round's experts drawn as <see cref="AwardSteps.DrawAsync"/> draws them, from a fresh seed committed on the round.</summary>
    private static async Task<List<AwardReviewer>> DrawAsync(QualisDb db, AwardRound round, List<AwardApplication> applicants, CancellationToken ct)
    {
        var seed = DrawFace.NewSeed();
        var draw = await AwardSteps.RunDrawAsync(db, round, applicants, seed, ct);
        db.Set<AwardReviewer>().AddRange(draw.Reviewers);
        (round.Commitment, round.Seed, round.DrawInputs, round.DrawInputsHash, round.DrawnAt, round.Status) =
            (DrawFace.Commit(seed), DrawFace.ToHex(seed), draw.Inputs.ToJson(), draw.Inputs.Hash(), DateTime.UtcNow, RoundStatus.Drawn);
        return draw.Reviewers;
    }
}
