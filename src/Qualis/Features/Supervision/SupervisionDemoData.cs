using Microsoft.AspNetCore.Identity;
using Qualis.Platform.Accounts;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Items;
using Qualis.Features.Supervision.Plans;
using Qualis.Platform.Operations;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Attachments;
using Qualis.Platform.Calendar;
using Qualis.Platform.Time;

namespace Qualis.Features.Supervision;

/// <summary>
/// The demo province's list of inspection items (一单) and a 2026 plan for Hefei whose first batch is already drawn,
/// so the spot-check journey can be tried at once; and the province's own product-quality spot checks (省级监督抽查) of
/// 2018 and of the current year, drawn per city and tested, so the quality-improvement action's pass-rate target
/// (产品质量监督抽查合格率) and the assessment's pass-rate item have figures in every city. Hefei's draw exercises every
/// 回避 rule whatever its seed picks (declared conflicts, a linked unit, a first-quarter batch whose teams count as the last
/// inspection, the own-county rule over the county inspectors of the registry's demo data), and the demo enterprise's own
/// check waits for its answer. Runs after the registry's demo data.
/// </summary>
public sealed class SupervisionDemoData : IDemoSeeder
{
    public static readonly InspectionItem[] DemoItems =
    [
        Item("CJ-01", "产品质量监督抽查", "电线电缆产品质量", "DX01", isKey: true, ratio: 10, method: "抽样检验"),
        Item("CJ-02", "产品质量监督抽查", "家用电器产品质量", "JD03", isKey: false, ratio: 5, method: "抽样检验"),
        Item("CJ-03", "产品质量监督抽查", "儿童用品产品质量", "ET01", isKey: true, ratio: 10, method: "抽样检验"),
        Item("CJ-04", "产品质量监督抽查", "消防产品质量", "XF01", isKey: true, ratio: 10, method: "抽样检验"),
        Item("CJ-05", "工业产品生产许可证获证企业检查", "获证企业生产条件检查", null, isKey: false, ratio: 5, method: "实地核查"),
        Item("CJ-06", "企业标准自我声明公开检查", "企业公开标准的合规性", null, isKey: false, ratio: 3, method: "书面检查"),
        Item("CJ-07", "产品质量监督抽查", "重点工业产品质量省级监督抽查", null, isKey: true, ratio: 10, method: "抽样检验"),
    ];

    private static InspectionItem Item(string code, string name, string sub, string? category, bool isKey, decimal ratio, string method) => new()
    {
        Code = code, Name = name, SubItem = sub, ProductCategoryCode = category, IsKey = isKey, RatioPercent = ratio, Method = method,
        LegalBasis = category is null ? "《中华人民共和国标准化法》《工业产品生产许可证管理条例》" : "《中华人民共和国产品质量法》第十五条；《产品质量监督抽查管理暂行办法》",
        Department = "质量监督处（监督抽查处）", ObjectType = "生产企业", TargetIndustries = "C", Frequency = "每年 1 次",
        InspectorRequirements = "持行政执法证；熟悉相关产品标准",
    };

    /// <summary>The demo's second witness account (the first is the demo account "witness", a notary): the enterprises' association's representative.</summary>
    public const string AssociationWitness = "xiehui";

    /// <summary>
    /// Commits a demo batch with its witnesses (见证人): the notary of the demo accounts and the quality association's representative.
    /// The draw is written as if committed two days ago with a deadline a day later: the notary answered in time; the
    /// representative answered too, or (<paramref name="fallback"/>) did not, and the organising office applied the fallback.
    /// </summary>
    private static async Task<Draw> CommitWitnessedAsync(IServiceProvider services, QualisDb db, DrawService draws, Guid batchId, bool fallback, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<QualisUser>>();
        if (await users.FindByNameAsync(AssociationWitness) is null)
        {
            var province = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking().SingleAsync(r => r.Code == "340000", ct);
            var created = await users.CreateAsync(new QualisUser
            {
                UserName = AssociationWitness, DisplayName = "钱进 (质量协会)", Role = Roles.Witness, RegionCode = province.Code, RegionPath = province.RegionPath,
                Organisation = "安徽省质量协会", CreatedAt = DateTime.UtcNow,
            }, DemoAccounts.Password);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo account {AssociationWitness}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
        var draw = await draws.CommitAsync(batchId, new WitnessPanel(
            [new("witness", WitnessRole.Notary), new(AssociationWitness, WitnessRole.Association)], DateTime.UtcNow.AddDays(1)), ct);
        var committed = WitnessFile.Seconds(DateTime.UtcNow.AddDays(-2));
        draw.CommittedAt = committed;
        draw.WitnessDeadline = committed.AddDays(1).AddSeconds(-committed.Second);
        var witnesses = await db.Set<DrawWitness>().Where(w => w.DrawId == draw.Id).OrderBy(w => w.Position).ToListAsync(ct);
        (witnesses[0].Value, witnesses[0].GivenAt) = ("370829", committed.AddHours(3));
        if (!fallback) (witnesses[1].Value, witnesses[1].GivenAt) = ("6 2 5 1 4 4", committed.AddHours(20));
        else (draw.FallbackValue, draw.FallbackSource, draw.FallbackAt, draw.FallbackBy) =
            ("3412.55", "上证综合指数截止时间后首个交易日收盘点位", WitnessFile.Seconds(DateTime.UtcNow), "合肥市市场监督管理局");
        await db.SaveChangesAsync(ct);
        return draw;
    }

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        if (await db.Set<InspectionItem>().AnyAsync(ct)) return;
        db.Set<InspectionItem>().AddRange(DemoItems);
        var hefei = await db.Set<Region>().OutsideArea(AreaReason.Seeding).SingleAsync(r => r.Code == "340100", ct);
        var draws = services.GetRequiredService<DrawService>();
        await RecusalsAsync(db, hefei, ct);
        await EarlierInspectionsAsync(services, db, hefei, ct);
        var plan = new SamplingPlan { Year = 2026, Name = "合肥市 2026 年双随机抽查计划", RegionCode = hefei.Code, RegionPath = hefei.RegionPath, CreatedAt = DateTime.UtcNow };
        db.Set<SamplingPlan>().Add(plan);
        var batch = new PlanBatch
        {
            PlanId = plan.Id, Number = 1, Name = "第一批：电线电缆产品质量监督抽查", RegionPath = plan.RegionPath, CreatedAt = DateTime.UtcNow,
            Settings = new BatchSettings
            {
                ItemCodes = ["CJ-01"], ProductCategories = ["DX"], ByRegion = RegionStrata.County, ByCreditClass = true,
                RatioPercentByClass = new() { [CreditRiskClass.A] = 5, [CreditRiskClass.B] = 20, [CreditRiskClass.C] = 40, [CreditRiskClass.D] = 80 },
                // Every 回避 rule applies: the county inspectors stay out of their own county (本县回避).
                ExcludeOwnCounty = true,
                // The first-quarter batch of the same item was drawn when the demo was loaded, not months before: its firms
                // stay eligible, and their earlier inspectors are kept out of their teams (上次检查人员回避).
                ExcludeInspectedWithinMonths = null,
            },
        };
        db.Set<PlanBatch>().Add(batch);
        await db.SaveChangesAsync(ct);
        try
        {
            var draw = await CommitWitnessedAsync(services, db, draws, batch.Id, fallback: false, ct);
            await draws.RunAsync(draw.Id, ct);
            await TakeStepsAsync(services, db, draw.Id, ct);
        }
        catch (DrawRefusedException e)
        {
            // A directory loaded before enterprises had product categories has nobody to draw: the batch waits for an official.
            services.GetRequiredService<ILogger<SupervisionDemoData>>().LogWarning("The demo batch was not drawn: {Problem}", e.Message);
        }
        var today = services.GetRequiredService<PeopleClock>().Today;
        foreach (var year in new[] { ProvinceChecksYear, today.Year }.Distinct())
            await ProvinceChecksAsync(services, db, year, today, ct);
    }

    /// <summary>瑶海区: its wire makers (the demo enterprise among them, always drawn) each have an inspector who declared a conflict (申报回避).</summary>
    public const string DeclaredConflictCounty = "340102";
    /// <summary>包河区: its wire makers are linked to <see cref="LinkedUnit"/>, whose inspectors are kept out of their teams (关联单位回避).</summary>
    public const string LinkedUnitCounty = "340111";
    /// <summary>巢湖市: its wire makers were inspected by Hefei's first-quarter batch, whose teams are kept out of May's (上次检查人员回避).</summary>
    public const string EarlierInspectionCounty = "340181";
    /// <summary>The unit linked to the wire makers of <see cref="LinkedUnitCounty"/>: it advised them in the city's quality-help scheme.</summary>
    public const string LinkedUnit = "合肥市市场监督管理局质量监督科";

    /// <summary>
    /// The 回避 facts Hefei's demo batch must respect, on every wire maker of a county so that whichever firms the draw
    /// picks, each rule keeps someone out of a team: declared conflicts (瑶海区) and a linked unit (包河区). Every stratum
    /// draws at least one firm, so each county with an eligible wire maker has one drawn.
    /// </summary>
    private static async Task RecusalsAsync(QualisDb db, Region hefei, CancellationToken ct)
    {
        var declarers = (await RegistryFace.InspectorPoolAsync(db, hefei.RegionPath, ct))
            .Where(i => i.RegionCode == hefei.Code && i.Unit.EndsWith("稽查支队", StringComparison.Ordinal)).Take(2).ToList();
        string[] reasons = ["配偶在该企业任职", "曾在该企业工作，离职未满三年"];
        var declaredAt = DateTime.UtcNow;
        var n = 0;
        foreach (var e in await WireMakersAsync(db, DeclaredConflictCounty, ct))
        {
            if (declarers.Count == 0) break;
            db.Set<Recusal>().Add(new Recusal { CreditCode = e.CreditCode, RegionPath = e.RegionPath, InspectorId = declarers[n % declarers.Count].Id, Reason = reasons[n % reasons.Length], DeclaredAt = declaredAt });
            n++;
        }
        foreach (var e in await WireMakersAsync(db, LinkedUnitCounty, ct))
            db.Set<Recusal>().Add(new Recusal { CreditCode = e.CreditCode, RegionPath = e.RegionPath, Unit = LinkedUnit, Reason = "该单位在质量帮扶中为企业提供过技术指导（结对帮扶单位）", DeclaredAt = declaredAt });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The makers of wires and cables (产品类别 DX) of a county, in credit-code order.</summary>
    private static async Task<List<EnterpriseEntry>> WireMakersAsync(QualisDb db, string county, CancellationToken ct)
    {
        var path = await db.Set<Region>().OutsideArea(AreaReason.Seeding).Where(r => r.Code == county).Select(r => r.RegionPath).SingleOrDefaultAsync(ct);
        if (path is null) return [];
        return (await RegistryFace.EnterprisesOfAreaAsync(db, path, 100_000, ct))
            .Where(e => e.ProductCategories?.Split('；').Any(c => c.StartsWith("DX", StringComparison.Ordinal)) == true).ToList();
    }

    /// <summary>
    /// Hefei's first-quarter batch of 2026: every wire maker of <see cref="EarlierInspectionCounty"/> drawn with its team, sampled,
    /// passed and published in January and February 2026 (the demo's results are all of 2026, as tests keep the years before
    /// for their own), so the May batch keeps those teams away from the same firms.
    /// </summary>
    private static async Task EarlierInspectionsAsync(IServiceProvider services, QualisDb db, Region hefei, CancellationToken ct)
    {
        var plan = new SamplingPlan { Year = 2026, Name = "合肥市 2026 年第一季度产品质量监督抽查计划", RegionCode = hefei.Code, RegionPath = hefei.RegionPath, CreatedAt = DateTime.UtcNow };
        db.Set<SamplingPlan>().Add(plan);
        var batch = new PlanBatch
        {
            PlanId = plan.Id, Number = 1, Name = "第一批：巢湖市电线电缆产品质量监督抽查", RegionPath = plan.RegionPath, CreatedAt = DateTime.UtcNow,
            Settings = new BatchSettings
            {
                ItemCodes = ["CJ-01"], ProductCategories = ["DX"], ScopeRegion = EarlierInspectionCounty, ByRegion = RegionStrata.County,
                RatioPercent = 100, ExcludeInspectedWithinMonths = null,
            },
        };
        db.Set<PlanBatch>().Add(batch);
        await db.SaveChangesAsync(ct);
        var draws = services.GetRequiredService<DrawService>();
        Guid drawId;
        try
        {
            drawId = (await draws.RunAsync((await CommitWitnessedAsync(services, db, draws, batch.Id, fallback: true, ct)).Id, ct)).Id;
        }
        catch (DrawRefusedException e)
        {
            services.GetRequiredService<ILogger<SupervisionDemoData>>().LogWarning("The demo's first-quarter batch was not drawn: {Problem}", e.Message);
            return;
        }
        var agency = await RegistryFace.FirstTestingAgencyAsync(db, ct);
        if (agency is null) return;
        var categories = (await RegistryFace.ProductCategoriesAsync(db, ct)).ToDictionary(c => c.Code);
        var targets = await db.Set<DrawTarget>().OutsideArea(AreaReason.Seeding).Where(t => t.DrawId == drawId).ToDictionaryAsync(t => t.Id, ct);
        var checks = await db.Set<SpotCheck>().OutsideArea(AreaReason.Seeding).Where(c => c.DrawId == drawId).OrderBy(c => c.CreditCode).ToListAsync(ct);
        var deadlines = new Deadlines(services.GetRequiredService<WorkingCalendar>());
        var people = services.GetRequiredService<PeopleClock>();
        var lab = new CheckParty(PartyKind.Agency, "agency", agency.Name);
        var official = new CheckParty(PartyKind.Official, "hefei") { OfficePath = hefei.RegionPath };
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            var sampledOn = new DateOnly(2026, 1, 12).AddDays(i);
            var category = check.ProductCategoryCode is { } code ? categories.GetValueOrDefault(code) : null;
            // Sampled by the organising office on behalf of the drawn team, as the workflow allows (the team named).
            var team = CheckTeam.Drawn(targets[check.DrawTargetId], batch.Settings.TeamSize, hefei.RegionPath);
            if (team.Members.Count < 2) continue;
            SpotCheckRules.Sample(check, official, new SamplingForm
            {
                ProductName = "聚氯乙烯绝缘电缆电线", Model = "BV 2.5mm²", BatchNumber = $"2025-12-{10 + i:D2}", ProductCategoryCode = check.ProductCategoryCode,
                SampledOn = sampledOn, Place = "企业成品仓库", Samplers = team.Names, AgencyId = agency.Id,
            }, [], category, agency, sampledOn, team);
            var resultOn = sampledOn.AddDays(15);
            db.Set<SpotCheckFailure>().AddRange(SpotCheckRules.EnterResult(check, lab, new ResultForm { Outcome = CheckResult.Pass, On = resultOn }, resultOn));
            var notified = resultOn.AddDays(2);
            SpotCheckRules.Notify(check, official, new NotificationForm { ReceivedOn = notified }, notified);
            var final = check.ObjectionDeadline!.Value.AddDays(1);
            SpotCheckRules.Finalise(check, official, final, deadlines);
            var published = final.AddDays(3);
            SpotCheckRules.Publish(check, official, published, people.StartOfDayUtc(published).AddHours(10));
            db.Touch(check);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The year of the sample notice (Anhui's 2018 action), whose pass-rate target the province's checks of that year feed.</summary>
    public const int ProvinceChecksYear = 2018;

    /// <summary>Checks drawn in each city by the province's yearly batch.</summary>
    private const int ChecksPerCity = 9;

    /// <summary>
    /// How many of a city's <see cref="ChecksPerCity"/> checks fail, in city code order, so its batch pass rate is 100% or
    /// 88.9% (met or, against 90% with 2 points' tolerance, at risk during the year) or 77.8% (missed); the other year's
    /// pattern is shifted so a city's standing differs between the years.
    /// </summary>
    private static readonly int[] Failures = [0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 2, 1, 0, 2, 1, 0];

    /// <summary>
    /// The province's spot checks of a year (安徽省{year}年产品质量省级监督抽查): one batch drawn from every city's makers of
    /// the catalogue's products, each check sampled and tested through the same workflow officials use, on dates within the year
    /// and not after today (results spread from January to the end of the year or today), a city's failures as
    /// <see cref="Failures"/> says, by the rules the workflow applies.
    /// </summary>
    private static async Task ProvinceChecksAsync(IServiceProvider services, QualisDb db, int year, DateOnly today, CancellationToken ct)
    {
        var province = await db.Set<Region>().OutsideArea(AreaReason.Seeding).SingleOrDefaultAsync(r => r.Code == "340000", ct);
        if (province is null) return;
        var categories = await RegistryFace.ProductCategoriesAsync(db, ct);
        var plan = new SamplingPlan { Year = year, Name = $"安徽省 {year} 年产品质量省级监督抽查计划", RegionCode = province.Code, RegionPath = province.RegionPath, CreatedAt = DateTime.UtcNow };
        db.Set<SamplingPlan>().Add(plan);
        var batch = new PlanBatch
        {
            PlanId = plan.Id, Number = 1, Name = "第一批：重点工业产品质量省级监督抽查", RegionPath = plan.RegionPath, CreatedAt = DateTime.UtcNow,
            // Every product group but the wires and cables of Hefei's own batch and children's products, so the figures of
            // that batch (and of the checks tests add) stay its own.
            Settings = new BatchSettings { ItemCodes = ["CJ-07"], ProductCategories = [.. categories.Where(c => c.ParentCode is null && c.Code is not ("DX" or "ET")).Select(c => c.Code)], ByRegion = RegionStrata.City, RatioPercent = null, CountPerStratum = ChecksPerCity, ExcludeInspectedWithinMonths = null },
        };
        db.Set<PlanBatch>().Add(batch);
        await db.SaveChangesAsync(ct);
        var draws = services.GetRequiredService<DrawService>();
        Guid drawId;
        try
        {
            var draw = await draws.CommitAsync(batch.Id, ct);
            drawId = (await draws.RunAsync(draw.Id, ct)).Id;
        }
        catch (DrawRefusedException e)
        {
            services.GetRequiredService<ILogger<SupervisionDemoData>>().LogWarning("The demo province batch of {Year} was not drawn: {Problem}", year, e.Message);
            return;
        }
        var agency = await RegistryFace.FirstTestingAgencyAsync(db, ct);
        if (agency is null) return;
        var checks = await db.Set<SpotCheck>().OutsideArea(AreaReason.Seeding).Where(c => c.DrawId == drawId).OrderBy(c => c.RegionPath).ThenBy(c => c.CreditCode).ToListAsync(ct);
        var cityCodes = await db.Set<Region>().OutsideArea(AreaReason.Seeding).Where(r => r.ParentCode == province.Code).OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.RegionPath }).ToListAsync(ct);
        var deadlines = new Deadlines(services.GetRequiredService<WorkingCalendar>());
        var rules = categories.ToDictionary(c => c.Code);
        var lab = new CheckParty(PartyKind.Agency, "agency", agency.Name);
        // The province organised the draw: its office records each team's sampling for them (the team is named on the record).
        var official = new CheckParty(PartyKind.Official, "province") { OfficePath = province.RegionPath };
        var targets = await db.Set<DrawTarget>().OutsideArea(AreaReason.Seeding).Where(t => t.DrawId == drawId).ToDictionaryAsync(t => t.Id, ct);
        var people = services.GetRequiredService<PeopleClock>();
        // Results from February (the batch is planned in January) to the end of the year, or today in the current year
        // (from 1 January while February has not come).
        var first = year == today.Year && today < new DateOnly(year, 3, 1) ? new DateOnly(year, 1, 1) : new DateOnly(year, 2, 1);
        // In the current year the last results are some 100 days old where the year allows, so every check is notified,
        // final, published and (a failure) followed up by today, leaving no step on the officials' desks.
        var last = year != today.Year ? new DateOnly(year, 12, 31) : today.AddDays(-100) >= first.AddDays(30) ? today.AddDays(-100) : today;
        if (last < first) return;
        var shift = year == ProvinceChecksYear ? 5 : 0;
        // The workflow's own rules, applied to every check in memory and saved once (a step each through the workflow
        // would save 300 times and slow the demo's first start by tens of seconds).
        for (var c = 0; c < cityCodes.Count; c++)
        {
            var ofCity = checks.Where(k => k.RegionPath.StartsWith(cityCodes[c].RegionPath, StringComparison.Ordinal)).ToList();
            var failing = Failures[(c + shift) % Failures.Length];
            for (var i = 0; i < ofCity.Count; i++)
            {
                var check = ofCity[i];
                var resultOn = first.AddDays((int)((long)(last.DayNumber - first.DayNumber) * (c * ChecksPerCity + i + 1) / (cityCodes.Count * ChecksPerCity + 1)));
                var sampledOn = resultOn.AddDays(-Math.Min(12, resultOn.DayNumber - first.DayNumber));
                var category = check.ProductCategoryCode is { } code ? rules.GetValueOrDefault(code) : null;
                var team = CheckTeam.Drawn(targets[check.DrawTargetId], batch.Settings.TeamSize, province.RegionPath);
                if (team.Members.Count < 2) continue; // a target the draw could not staff waits for a substitution
                SpotCheckRules.Sample(check, official, new SamplingForm
                {
                    ProductName = category?.Name ?? "工业产品", Model = i % 2 == 0 ? "A型" : "B型", BatchNumber = $"{year}-{i + 1:D2}",
                    ProductCategoryCode = check.ProductCategoryCode, SampledOn = sampledOn, Place = "企业成品仓库", Samplers = team.Names, AgencyId = agency.Id,
                }, [], category, agency, sampledOn, team);
                var fails = i < failing;
                db.Set<SpotCheckFailure>().AddRange(SpotCheckRules.EnterResult(check, lab, new ResultForm
                {
                    Outcome = fails ? CheckResult.Fail : CheckResult.Pass, On = resultOn,
                    Failures = fails ? [new FailedItemForm { Item = "标志和说明", Clause = "产品执行标准第 7 章", Required = "符合标准要求", Measured = "不符合标准要求" }] : [],
                }, resultOn));
                // Served two days later, final the day after the objection period, published three days on, a failure's
                // rectification followed up 70 days after the order: each step only once its day has come.
                var notified = resultOn.AddDays(2);
                if (notified <= today)
                {
                    SpotCheckRules.Notify(check, official, new NotificationForm { ReceivedOn = notified }, notified);
                    var final = check.ObjectionDeadline!.Value.AddDays(1);
                    if (final <= today)
                    {
                        SpotCheckRules.Finalise(check, official, final, deadlines);
                        var published = final.AddDays(3);
                        if (published <= today) SpotCheckRules.Publish(check, official, published, people.StartOfDayUtc(published).AddHours(10));
                        var followUp = final.AddDays(70);
                        if (fails && followUp <= today)
                            SpotCheckRules.FollowUp(check, official, new FollowUpForm { Outcome = CheckResult.Pass, On = followUp }, followUp);
                    }
                }
                SpotCheckRules.RefreshPublicationDue(check, deadlines);
                db.Touch(check);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Takes the first checks of the demo draw some way along, on the dates a real batch would have (May to July 2026),
    /// through the same workflow officials use: most sampled and tested, two failing, the first ones made final and
    /// published, so the overview, the pass rates and the public results have something to show.
    /// </summary>
    private static async Task TakeStepsAsync(IServiceProvider services, QualisDb db, Guid drawId, CancellationToken ct)
    {
        var checks = await db.Set<SpotCheck>().OutsideArea(AreaReason.Seeding).Where(c => c.DrawId == drawId && c.CreditCode != RegistryDemoData.DemoEnterpriseCode)
            .OrderBy(c => c.CreditCode).Take(12).ToListAsync(ct);
        var agency = await RegistryFace.FirstTestingAgencyAsync(db, ct);
        if (agency is null) return;
        var clock = new DemoClock();
        var workflow = new SpotCheckWorkflow(db, new PeopleClock(clock, services.GetRequiredService<PeopleClock>().Zone), services.GetRequiredService<WorkingCalendar>(), services.GetRequiredService<AttachmentStore>());
        // Hefei organised the draw: its office records the teams' sampling for them, naming the team.
        var office = await db.Set<Draw>().OutsideArea(AreaReason.Seeding).Where(d => d.Id == drawId).Select(d => d.RegionPath).SingleAsync(ct);
        var official = new CheckParty(PartyKind.Official, "hefei") { OfficePath = office };
        var lab = new CheckParty(PartyKind.Agency, "agency", agency.Name);
        string[] products = ["聚氯乙烯绝缘电缆电线", "额定电压450/750V及以下橡皮绝缘电缆", "电力电缆", "架空绞线"];
        // The drawn team samples (the printed sampling record names them with their certificates); a target without a team waits.
        var teams = await db.Set<DrawTarget>().OutsideArea(AreaReason.Seeding).Where(t => t.DrawId == drawId).ToDictionaryAsync(t => t.Id, t => t.InspectorNames, ct);
        for (var i = 0; i < checks.Count; i++)
        {
            var id = checks[i].Id;
            var day = new DateOnly(2026, 5, 11).AddDays(i);
            clock.Today = day;
            if (teams.GetValueOrDefault(checks[i].DrawTargetId) is not { } team || SpotCheckRules.SamplerNames(team).Count < 2) continue;
            await workflow.RecordSamplingAsync(id, official, new SamplingForm
            {
                ProductName = products[i % products.Length], Model = i % 2 == 0 ? "BV 2.5mm²" : "RVV 3×1.5mm²", BatchNumber = $"2026-04-{10 + i:D2}",
                Trademark = null, ProductCategoryCode = checks[i].ProductCategoryCode, SampledOn = day, Place = "企业成品仓库",
                Samplers = team,
                AgencyId = agency.Id,
            }, [], ct);
            if (i >= 10) continue; // two samples still at the laboratory
            clock.Today = day.AddDays(18);
            var fails = i is 3 or 7;
            await workflow.EnterResultAsync(id, lab, new ResultForm
            {
                Outcome = fails ? CheckResult.Fail : CheckResult.Pass, On = clock.Today,
                Failures = fails ? [new FailedItemForm { Item = "导体电阻", Clause = "GB/T 3956-2008 第 5.1.2 条", Required = "≤7.41 Ω/km", Measured = "8.96 Ω/km" }] : [],
            }, DemoReport(i), ct);
            if (i >= 8) continue; // results not yet sent to the enterprise
            clock.Today = clock.Today.AddDays(2);
            await workflow.RecordNotificationAsync(id, official, new NotificationForm { ReceivedOn = clock.Today }, ct);
            clock.Today = clock.Today.AddDays(20);
            await workflow.FinaliseAsync(id, official, ct);
            if (i < 6) await workflow.PublishAsync(id, official, null, ct);
        }
        await OwnCheckAsync(services, db, workflow, clock, drawId, teams, agency.Id, official, ct);
    }

    /// <summary>
    /// The demo enterprise's own check, which waits for it: sampled three weeks ago, failed, and its result served three
    /// days ago, so its objection period (15 days) is open and the enterprise has to decide whether to ask for a re-test.
    /// </summary>
    private static async Task OwnCheckAsync(IServiceProvider services, QualisDb db, SpotCheckWorkflow workflow, DemoClock clock, Guid drawId,
        Dictionary<Guid, string> teams, Guid agencyId, CheckParty official, CancellationToken ct)
    {
        var own = await db.Set<SpotCheck>().OutsideArea(AreaReason.Seeding).AsNoTracking()
            .SingleOrDefaultAsync(c => c.DrawId == drawId && c.CreditCode == RegistryDemoData.DemoEnterpriseCode, ct);
        if (own is null) return;
        var today = services.GetRequiredService<PeopleClock>().Today;
        clock.Today = today.AddDays(-21);
        await workflow.RecordSamplingAsync(own.Id, official, new SamplingForm
        {
            ProductName = "聚氯乙烯绝缘电缆电线", Model = "BV 4mm²", BatchNumber = $"{clock.Today.AddDays(-30):yyyy-MM-dd}", Trademark = "示范",
            ProductCategoryCode = own.ProductCategoryCode, SampledOn = clock.Today, Place = "企业成品仓库",
            Samplers = teams.GetValueOrDefault(own.DrawTargetId) is { } team && SpotCheckRules.SamplerNames(team).Count >= 2 ? team : "王磊、陈静", AgencyId = agencyId,
        }, [], ct);
        var agency = await RegistryFace.FirstTestingAgencyAsync(db, ct);
        clock.Today = today.AddDays(-6);
        await workflow.EnterResultAsync(own.Id, new CheckParty(PartyKind.Agency, "agency", agency!.Name), new ResultForm
        {
            Outcome = CheckResult.Fail, On = clock.Today,
            Failures =
            [
                new FailedItemForm { Item = "导体电阻", Clause = "GB/T 3956-2008 第 5.1.2 条", Required = "≤4.61 Ω/km", Measured = "5.32 Ω/km" },
                new FailedItemForm { Item = "绝缘厚度", Clause = "GB/T 5023.2-2008 表 1", Required = "平均厚度≥0.8 mm", Measured = "0.71 mm" },
            ],
        }, DemoReport(99), ct);
        clock.Today = today.AddDays(-3);
        await workflow.RecordNotificationAsync(own.Id, official, new NotificationForm { ReceivedOn = clock.Today }, ct);
    }

    /// <summary>A small test report (检验报告) as the laboratory files it with a result: a one-page PDF.</summary>
    private static IncomingFile DemoReport(int i)
    {
        var pdf = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% Qualis demo test report {i + 1}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        return new IncomingFile($"检验报告-{i + 1:D2}.pdf", pdf.Length, () => new MemoryStream(pdf));
    }

    private sealed class DemoClock : TimeProvider
    {
        public DateOnly Today { get; set; }
        public override DateTimeOffset GetUtcNow() => new(Today.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
    }
}
