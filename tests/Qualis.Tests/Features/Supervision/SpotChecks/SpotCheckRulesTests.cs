using System.Globalization;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Calendar;
using Qualis.Platform.Localization;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Features.Supervision.SpotChecks;

/// <summary>The rules of a spot check on checks in memory: who may take which step when, what each step sets, what is refused.</summary>
public sealed class SpotCheckRulesTests
{
    private const string Institute = "安徽省产品质量监督检验研究院";
    private const string Code = "91340102743081729F";
    private static readonly Deadlines Deadlines = new(WorkingCalendar.China);
    private const string HefeiOffice = "/340000/340100/";
    private static readonly Guid WuChao = Guid.CreateVersion7(), WangZhiqiang = Guid.CreateVersion7();
    /// <summary>The team Hefei's draw assigned: the samplers, named with their certificates.</summary>
    private static readonly CheckTeam Team = new([new TeamMember(WuChao, "吴超", "皖A0100001"), new TeamMember(WangZhiqiang, "王志强", "皖A0100002")], 2, HefeiOffice);
    private static readonly CheckParty Official = new(PartyKind.Official, "hefei") { OfficePath = HefeiOffice };
    private static readonly CheckParty Inspector = new(PartyKind.Inspector, "inspector") { InspectorId = WuChao };
    private static readonly CheckParty Agency = new(PartyKind.Agency, "agency", AgencyName: Institute);
    private static readonly CheckParty OtherAgency = new(PartyKind.Agency, "hefei.lab", AgencyName: "合肥市产品质量监督检验所");
    private static readonly CheckParty Enterprise = new(PartyKind.Enterprise, "enterprise", EnterpriseCode: Code);
    private static readonly CheckParty OtherEnterprise = new(PartyKind.Enterprise, "other", EnterpriseCode: "91340100000000001X");
    private static readonly ProductCategoryRule Cable = new("DX01", "电线", "DX", TestSamples: 15, ReserveSamples: 15);
    private static readonly TestingAgencyEntry InstituteAgency = new(Guid.CreateVersion7(), Institute, "CMA 1", Scopes: null, RegionPath: "");

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static SpotCheck NewCheck() => new() { CreditCode = Code, EnterpriseName = "合肥示范电缆有限公司", RegionPath = "/340000/340100/340102/", Status = SpotCheckStatus.ToSample };

    private static SamplingForm Sampling(string sampledOn = "2026-03-02") => new()
    {
        ProductName = "聚氯乙烯绝缘电缆", Model = "BV 2.5mm²", BatchNumber = "20260215", Trademark = "示范", ProductCategoryCode = "DX01",
        SampledOn = D(sampledOn), Place = "企业成品仓库", Samplers = "吴超、王志强", AgencyId = InstituteAgency.Id,
    };

    private static ResultForm Fail(string on, params (string Item, string Clause, string Required, string Measured)[] items) => new()
    {
        Outcome = CheckResult.Fail, On = D(on),
        Failures = items.Select(i => new FailedItemForm { Item = i.Item, Clause = i.Clause, Required = i.Required, Measured = i.Measured }).ToList(),
    };

    private static ResultForm Pass(string on) => new() { Outcome = CheckResult.Pass, On = D(on) };

    private static readonly (string, string, string, string) Conductor = ("导体电阻", "GB/T 3956-2008 第 5.1.1 条", "≤7.41 Ω/km", "8.12 Ω/km");

    private static SpotCheck Sampled()
    {
        var c = NewCheck();
        SpotCheckRules.Sample(c, Inspector, Sampling(), [], Cable, InstituteAgency, D("2026-03-02"), Team);
        return c;
    }

    private static SpotCheck Notified(ResultForm result, string notifiedOn)
    {
        var c = Sampled();
        SpotCheckRules.EnterResult(c, Agency, result, result.On!.Value);
        SpotCheckRules.Notify(c, Official, new NotificationForm { ReceivedOn = D(notifiedOn) }, D(notifiedOn));
        return c;
    }

    private static CheckProblem Refusal(Action step) => Should.Throw<SpotCheckRefusedException>(step).Problems.ShouldHaveSingleItem();

    [Fact]
    public void Sampling_records_the_product_with_the_category_rules_quantities_and_hands_the_sample_to_the_agency()
    {
        var c = NewCheck();
        var form = Sampling();
        form.Samplers = " 吴超，王志强；吴超 ";
        SpotCheckRules.Sample(c, Official, form, [("现场.jpg", 1000), ("抽样单.pdf", 2000)], Cable, InstituteAgency, D("2026-03-02"), Team);
        c.Status.ShouldBe(SpotCheckStatus.Sampled);
        (c.TestQuantity, c.ReserveQuantity).ShouldBe((15, 15));
        c.Samplers.ShouldBe("吴超；王志强");
        c.AgencyName.ShouldBe(Institute);
        c.AgencyId.ShouldBe(InstituteAgency.Id);
        c.SampledOn.ShouldBe(D("2026-03-02"));
    }

    [Fact]
    public void A_sampling_record_is_refused_with_every_problem_on_its_field()
    {
        var form = new SamplingForm { ProductName = " ", SampledOn = D("2026-03-03"), Samplers = "吴超、吴超", ProductCategoryCode = "XX99", AgencyId = Guid.NewGuid() };
        var problems = Should.Throw<SpotCheckRefusedException>(() =>
            SpotCheckRules.Sample(NewCheck(), Inspector, form, [("run.exe", 10), ("big.png", SpotCheckRules.MaxFileBytes + 1)], null, null, D("2026-03-02"), Team)).Problems;
        problems.ShouldContain(p => p.Field == "ProductName" && p.Key == "check.error.required");
        problems.ShouldContain(p => p.Field == "BatchNumber" && p.Key == "check.error.required");
        problems.ShouldContain(p => p.Field == "Place" && p.Key == "check.error.required");
        problems.ShouldContain(p => p.Field == "SampledOn" && p.Key == "check.error.future");
        problems.ShouldContain(p => p.Field == "Samplers" && p.Key == "check.error.samplers_two");
        problems.ShouldContain(p => p.Field == "ProductCategoryCode" && p.Key == "check.error.category_unknown");
        problems.ShouldContain(p => p.Field == "AgencyId" && p.Key == "check.error.agency_unknown");
        problems.ShouldContain(p => p.Field == "Files" && p.Key == "check.error.file_type");
        problems.ShouldContain(p => p.Field == "Files" && p.Key == "check.error.file_too_large");
    }

    [Fact]
    public void Only_officials_and_inspectors_sample_and_only_once()
    {
        Refusal(() => SpotCheckRules.Sample(NewCheck(), Agency, Sampling(), [], Cable, InstituteAgency, D("2026-03-02"), Team)).Key.ShouldBe("check.refused.role");
        Refusal(() => SpotCheckRules.Sample(NewCheck(), Enterprise, Sampling(), [], Cable, InstituteAgency, D("2026-03-02"), Team)).Key.ShouldBe("check.refused.role");
        Refusal(() => SpotCheckRules.Sample(Sampled(), Inspector, Sampling(), [], Cable, InstituteAgency, D("2026-03-02"), Team)).Key.ShouldBe("check.refused.step_closed");
    }

    [Fact]
    public void Only_the_drawn_team_samples_or_the_organising_office_for_it_naming_the_team()
    {
        var outsider = Inspector with { InspectorId = Guid.CreateVersion7() };
        var refused = Refusal(() => SpotCheckRules.Sample(NewCheck(), outsider, Sampling(), [], Cable, InstituteAgency, D("2026-03-02"), Team));
        (refused.Key, refused.Args.Single()).ShouldBe(("check.refused.not_on_team", "吴超、王志强"));
        Refusal(() => SpotCheckRules.Sample(NewCheck(), Inspector with { InspectorId = null }, Sampling(), [], Cable, InstituteAgency, D("2026-03-02"), Team))
            .Key.ShouldBe("check.refused.not_on_team");
        var county = Official with { OfficePath = "/340000/340100/340122/" };
        Refusal(() => SpotCheckRules.Sample(NewCheck(), county, Sampling(), [], Cable, InstituteAgency, D("2026-03-02"), Team)).Key.ShouldBe("check.refused.not_organiser");
        Refusal(() => SpotCheckRules.Sample(NewCheck(), Official, Sampling(), [], Cable, InstituteAgency, D("2026-03-02"), CheckTeam.None)).Key.ShouldBe("check.refused.not_organiser");
        SpotCheckRules.OpenSteps(NewCheck(), county, D("2026-03-02"), Team).ShouldNotContain(CheckStep.Sample);
        SpotCheckRules.OpenSteps(NewCheck(), Official, D("2026-03-02"), Team).ShouldContain(CheckStep.Substitute);
        SpotCheckRules.OpenSteps(NewCheck(), Inspector, D("2026-03-02"), Team).ShouldBe([CheckStep.Sample]);

        // The office records it for the team, and names the team: someone else is refused on the samplers' field.
        var form = Sampling();
        form.Samplers = "吴超、李四";
        var problem = Refusal(() => SpotCheckRules.Sample(NewCheck(), Official, form, [], Cable, InstituteAgency, D("2026-03-02"), Team));
        (problem.Field, problem.Key, problem.Args[0]).ShouldBe(("Samplers", "check.error.sampler_not_in_team", "李四"));
    }

    [Fact]
    public void A_substitution_is_the_organising_offices_with_a_reason_and_a_substitute_clear_of_every_recusal_rule()
    {
        var clear = new SubstituteCandidate(Guid.CreateVersion7(), "赵敏", "皖A0100003", "合肥市市场监督管理局稽查支队", []);
        var recused = new SubstituteCandidate(Guid.CreateVersion7(), "钱程", "皖A0100004", "合肥市市场监督管理局质量监督科", [Qualis.Features.Supervision.Draws.RecusalRule.DeclaredConflict]);
        var candidates = new[] { clear, recused }.ToDictionary(x => x.Id);
        var at = new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
        SubstitutionForm Form(Guid? @out, Guid? @in, string? reason) => new() { Out = @out, In = @in, Reason = reason };

        Refusal(() => SpotCheckRules.Substitute(NewCheck(), Inspector, Form(WuChao, clear.Id, "出差"), Team, candidates, D("2026-03-02"), at)).Key.ShouldBe("check.refused.role");
        Refusal(() => SpotCheckRules.Substitute(NewCheck(), Official with { OfficePath = "/340000/340200/" }, Form(WuChao, clear.Id, "出差"), Team, candidates, D("2026-03-02"), at))
            .Key.ShouldBe("check.refused.not_organiser");
        Refusal(() => SpotCheckRules.Substitute(Sampled(), Official, Form(WuChao, clear.Id, "出差"), Team, candidates, D("2026-03-02"), at)).Key.ShouldBe("check.refused.step_closed");

        var problems = Should.Throw<SpotCheckRefusedException>(() =>
            SpotCheckRules.Substitute(NewCheck(), Official, Form(Guid.CreateVersion7(), recused.Id, " "), Team, candidates, D("2026-03-02"), at)).Problems;
        problems.Select(p => (p.Field, p.Key)).ShouldBe([("Out", "check.error.not_in_team"), ("In", "check.error.recused_declaredconflict"), ("Reason", "check.error.required")]);
        Refusal(() => SpotCheckRules.Substitute(NewCheck(), Official, Form(WuChao, WangZhiqiang, "出差"), Team, candidates, D("2026-03-02"), at)).Key.ShouldBe("check.error.substitute_in_team");
        Refusal(() => SpotCheckRules.Substitute(NewCheck(), Official, Form(WuChao, Guid.CreateVersion7(), "出差"), Team, candidates, D("2026-03-02"), at)).Key.ShouldBe("check.error.substitute_unknown");

        var substitution = SpotCheckRules.Substitute(NewCheck(), Official, Form(WuChao, clear.Id, "吴超借调外地，无法参加抽样"), Team, candidates, D("2026-03-02"), at);
        (substitution.OutName, substitution.InName, substitution.InCertificate, substitution.By, substitution.At).ShouldBe(("吴超", "赵敏", "皖A0100003", "hefei", at));
        CheckTeam.Apply([WuChao, WangZhiqiang], [substitution]).ShouldBe([clear.Id, WangZhiqiang]);
    }

    [Fact]
    public void A_late_publication_needs_its_reason_and_keeps_it()
    {
        var c = NewCheck();
        (c.Status, c.PublicationDue) = (SpotCheckStatus.Final, D("2026-04-27"));
        SpotCheckRules.DaysLate(c, D("2026-04-27")).ShouldBe(0);
        var problem = Refusal(() => SpotCheckRules.Publish(c, Official, D("2026-05-01"), DateTime.UtcNow, "  "));
        (problem.Field, problem.Key, problem.Args[0], problem.Args[1]).ShouldBe(("LateReason", "check.error.late_reason_required", "2026-04-27", 4));
        c.Status.ShouldBe(SpotCheckStatus.Final);
        SpotCheckRules.Publish(c, Official, D("2026-05-01"), DateTime.UtcNow, "检验机构报告延迟送达");
        (c.Status, c.LatePublicationReason).ShouldBe((SpotCheckStatus.Published, "检验机构报告延迟送达"));
    }

    [Fact]
    public void Only_the_agency_the_sample_went_to_enters_the_result()
    {
        Refusal(() => SpotCheckRules.EnterResult(Sampled(), OtherAgency, Pass("2026-03-10"), D("2026-03-10"))).Key.ShouldBe("check.refused.not_assigned");
        Refusal(() => SpotCheckRules.EnterResult(Sampled(), Official, Pass("2026-03-10"), D("2026-03-10"))).Key.ShouldBe("check.refused.officials_no_results");
        Refusal(() => SpotCheckRules.EnterResult(Sampled(), Inspector, Pass("2026-03-10"), D("2026-03-10"))).Key.ShouldBe("check.refused.role");
        var c = Sampled();
        SpotCheckRules.EnterResult(c, Agency, Pass("2026-03-10"), D("2026-03-10")).ShouldBeEmpty();
        c.Status.ShouldBe(SpotCheckStatus.Tested);
        c.ResultBy.ShouldBe("agency");
    }

    [Fact]
    public void A_failing_result_needs_complete_failed_items_and_a_passing_one_none()
    {
        Refusal(() => SpotCheckRules.EnterResult(Sampled(), Agency, Fail("2026-03-10"), D("2026-03-10")))
            .ShouldBe(new CheckProblem("Failures", "check.error.failures_required"), new ProblemComparer());
        var partial = Fail("2026-03-10", ("导体电阻", "GB/T 3956-2008 第 5.1.1 条", "≤7.41 Ω/km", " "));
        Refusal(() => SpotCheckRules.EnterResult(Sampled(), Agency, partial, D("2026-03-10"))).Field.ShouldBe("Failures[0].Measured");
        var pass = Pass("2026-03-10");
        pass.Failures.Add(new FailedItemForm { Item = "x", Clause = "y", Required = "z", Measured = "w" });
        Refusal(() => SpotCheckRules.EnterResult(Sampled(), Agency, pass, D("2026-03-10"))).Key.ShouldBe("check.error.failures_on_pass");
        Refusal(() => SpotCheckRules.EnterResult(Sampled(), Agency, Pass("2026-03-01"), D("2026-03-10")))
            .ShouldBe(new CheckProblem("On", "check.error.result_before_sampling", "2026-03-02"), new ProblemComparer());

        var failures = SpotCheckRules.EnterResult(Sampled(), Agency, Fail("2026-03-10", Conductor, default), D("2026-03-10"));
        failures.ShouldHaveSingleItem().Measured.ShouldBe("8.12 Ω/km"); // the blank second row is ignored
        failures[0].Retest.ShouldBeFalse();
    }

    [Fact]
    public void The_objection_deadline_is_15_days_from_receipt_and_the_deadline_day_is_still_in_time()
    {
        var c = Notified(Fail("2026-03-16", Conductor), "2026-03-18");
        c.ObjectionDeadline.ShouldBe(D("2026-04-02"));
        SpotCheckRules.WhyNot(CheckStep.Object, c, Enterprise, D("2026-04-02")).ShouldBeNull();
        var late = SpotCheckRules.WhyNot(CheckStep.Object, c, Enterprise, D("2026-04-03"))!;
        late.Key.ShouldBe("check.refused.objection_late");
        late.Args.ShouldBe(new object[] { "2026-04-02" });
        Refusal(() => SpotCheckRules.Object(c, Enterprise, new ObjectionForm { Reason = "送检样品保存不当" }, D("2026-04-03"))).Key.ShouldBe("check.refused.objection_late");
        c.Objection.ShouldBeNull();
        Refusal(() => SpotCheckRules.Object(c, OtherEnterprise, new ObjectionForm { Reason = "x" }, D("2026-03-20"))).Key.ShouldBe("check.refused.not_your_enterprise");
        Refusal(() => SpotCheckRules.Object(c, Official, new ObjectionForm { Reason = "x" }, D("2026-03-20"))).Key.ShouldBe("check.refused.role");
    }

    [Fact]
    public void An_objection_before_the_notification_is_recorded_is_in_time()
    {
        var c = Sampled();
        SpotCheckRules.EnterResult(c, Agency, Fail("2026-03-16", Conductor), D("2026-03-16"));
        SpotCheckRules.Object(c, Enterprise, new ObjectionForm { Reason = "要求复检" }, D("2026-03-17"));
        c.ObjectedOn.ShouldBe(D("2026-03-17"));
        SpotCheckRules.WhyNot(CheckStep.Finalise, c, Official, D("2026-05-01"))!.Key.ShouldBe("check.refused.step_closed"); // decided, not finalised
    }

    [Fact]
    public void Without_objection_the_result_is_final_only_after_the_period_and_ends_on_its_last_day()
    {
        var c = Notified(Pass("2026-03-10"), "2026-03-12");
        c.ObjectionDeadline.ShouldBe(D("2026-03-27"));
        var open = Refusal(() => SpotCheckRules.Finalise(c, Official, D("2026-03-27"), Deadlines));
        open.Key.ShouldBe("check.refused.objection_period_open");
        open.Args.ShouldBe(new object[] { "2026-03-27" });
        SpotCheckRules.Finalise(c, Official, D("2026-03-30"), Deadlines);
        c.Status.ShouldBe(SpotCheckStatus.Final);
        c.InspectionEndedOn.ShouldBe(D("2026-03-27"));
        c.PublicationDue.ShouldBe(D("2026-04-27")); // 20 working days, 清明 (4–6 April) left out
        c.StopSale.ShouldBeFalse();
        c.RectificationDue.ShouldBeNull();
    }

    [Fact]
    public void The_result_is_not_finalised_before_the_enterprise_is_known_to_have_received_it()
    {
        var c = Sampled();
        SpotCheckRules.EnterResult(c, Agency, Pass("2026-03-10"), D("2026-03-10"));
        Refusal(() => SpotCheckRules.Finalise(c, Official, D("2026-06-01"), Deadlines)).Key.ShouldBe("check.refused.not_notified");
        Refusal(() => SpotCheckRules.Notify(c, Official, new NotificationForm { ReceivedOn = D("2026-03-09") }, D("2026-03-12")))
            .ShouldBe(new CheckProblem("ReceivedOn", "check.error.notified_before_result", "2026-03-10"), new ProblemComparer());
        Refusal(() => SpotCheckRules.Notify(c, Agency, new NotificationForm { ReceivedOn = D("2026-03-11") }, D("2026-03-12"))).Key.ShouldBe("check.refused.role");
    }

    [Fact]
    public void A_granted_retest_that_fails_makes_the_result_final_with_stop_sale_rectification_and_follow_up()
    {
        var c = Notified(Fail("2026-03-16", Conductor), "2026-03-18");
        SpotCheckRules.Object(c, Enterprise, new ObjectionForm { Reason = "对导体电阻结果有异议，申请复检" }, D("2026-03-25"));
        Refusal(() => SpotCheckRules.Decide(c, Official, new DecisionForm { Decision = ObjectionDecision.RetestGranted }, D("2026-03-27"), Deadlines)).Field.ShouldBe("Reason");
        SpotCheckRules.Decide(c, Official, new DecisionForm { Decision = ObjectionDecision.RetestGranted, Reason = "异议在期限内，同意复检" }, D("2026-03-27"), Deadlines);
        c.Status.ShouldBe(SpotCheckStatus.Tested);
        OverdueSteps.Of(c, D("2026-04-20")).ShouldBeEmpty(); // decided: waiting for the re-test is not late

        Refusal(() => SpotCheckRules.EnterRetest(c, OtherAgency, Pass("2026-04-10"), D("2026-04-10"), Deadlines)).Key.ShouldBe("check.refused.not_assigned");
        var failures = SpotCheckRules.EnterRetest(c, Agency, Fail("2026-04-10", Conductor), D("2026-04-10"), Deadlines);
        failures.ShouldHaveSingleItem().Retest.ShouldBeTrue();
        c.Status.ShouldBe(SpotCheckStatus.Final);
        c.FinalResult.ShouldBe(CheckResult.Fail);
        c.InspectionEndedOn.ShouldBe(D("2026-04-10"));
        c.PublicationDue.ShouldBe(D("2026-05-12")); // 劳动节 1–5 May off, Saturday 9 May worked
        c.StopSale.ShouldBeTrue();
        c.RectificationOrderedOn.ShouldBe(D("2026-04-10"));
        c.RectificationDue.ShouldBe(D("2026-06-09"));
        c.FollowUpDue.ShouldBe(D("2026-06-24"));

        Refusal(() => SpotCheckRules.FollowUp(c, Agency, new FollowUpForm { Outcome = CheckResult.Fail, On = D("2026-06-20") }, D("2026-06-20"))).Key.ShouldBe("check.refused.role");
        SpotCheckRules.FollowUp(c, Inspector, new FollowUpForm { Outcome = CheckResult.Fail, On = D("2026-06-20") }, D("2026-06-20"));
        c.Escalated.ShouldBeTrue();
    }

    [Fact]
    public void A_rejected_objection_makes_the_first_result_final_on_the_day_of_the_decision()
    {
        var c = Notified(Fail("2026-03-16", Conductor), "2026-03-18");
        SpotCheckRules.Object(c, Enterprise, new ObjectionForm { Reason = "不同意" }, D("2026-03-20"));
        SpotCheckRules.Decide(c, Official, new DecisionForm { Decision = ObjectionDecision.Rejected, Reason = "理由不成立" }, D("2026-03-24"), Deadlines);
        c.Status.ShouldBe(SpotCheckStatus.Final);
        c.InspectionEndedOn.ShouldBe(D("2026-03-24"));
        c.RectificationDue.ShouldBe(D("2026-05-23"));
        SpotCheckRules.WhyNot(CheckStep.EnterRetest, c, Agency, D("2026-03-25")).ShouldNotBeNull();
    }

    [Fact]
    public void A_passing_retest_stands_and_orders_nothing()
    {
        var c = Notified(Fail("2026-03-16", Conductor), "2026-03-18");
        SpotCheckRules.Object(c, Enterprise, new ObjectionForm { Reason = "申请复检" }, D("2026-03-20"));
        SpotCheckRules.Decide(c, Official, new DecisionForm { Decision = ObjectionDecision.RetestGranted, Reason = "同意" }, D("2026-03-21"), Deadlines);
        Refusal(() => SpotCheckRules.EnterRetest(c, Agency, Pass("2026-03-19"), D("2026-04-01"), Deadlines)).Key.ShouldBe("check.error.retest_before_objection");
        SpotCheckRules.EnterRetest(c, Agency, Pass("2026-04-01"), D("2026-04-01"), Deadlines);
        (c.Result, c.RetestResult, c.FinalResult).ShouldBe((CheckResult.Fail, CheckResult.Pass, CheckResult.Pass));
        c.StopSale.ShouldBeFalse();
        SpotCheckRules.WhyNot(CheckStep.FollowUp, c, Inspector, D("2026-04-02"))!.Key.ShouldBe("check.refused.no_rectification");
    }

    [Fact]
    public void A_publication_deadline_in_a_year_without_a_holiday_schedule_is_left_open_not_guessed()
    {
        var c = Notified(Pass("2026-11-25"), "2026-11-30");
        SpotCheckRules.Finalise(c, Official, D("2026-12-16"), Deadlines);
        c.Status.ShouldBe(SpotCheckStatus.Final);
        c.InspectionEndedOn.ShouldBe(D("2026-12-15"));
        c.PublicationDue.ShouldBeNull();
        SpotCheckRules.RefreshPublicationDue(c, Deadlines).ShouldBe(2027);
        var withNextYear = new Deadlines(WorkingCalendar.China.With([new CalendarEntry(D("2027-01-01"), CalendarDayKind.Holiday, "元旦")]));
        SpotCheckRules.RefreshPublicationDue(c, withNextYear).ShouldBeNull();
        c.PublicationDue.ShouldBe(D("2027-01-13"));
    }

    [Fact]
    public void Publication_only_of_a_final_result_and_afterwards_changes_only_through_a_visible_correction()
    {
        var c = Notified(Pass("2026-03-10"), "2026-03-12");
        Refusal(() => SpotCheckRules.Publish(c, Official, D("2026-03-20"), DateTime.UtcNow)).Key.ShouldBe("check.refused.not_final");
        SpotCheckRules.Finalise(c, Official, D("2026-03-30"), Deadlines);
        Refusal(() => SpotCheckRules.Publish(c, Inspector, D("2026-03-30"), DateTime.UtcNow)).Key.ShouldBe("check.refused.role");
        SpotCheckRules.Publish(c, Official, D("2026-03-30"), new DateTime(2026, 3, 30, 2, 0, 0, DateTimeKind.Utc));
        c.Status.ShouldBe(SpotCheckStatus.Published);
        Refusal(() => SpotCheckRules.Publish(c, Official, D("2026-03-30"), DateTime.UtcNow)).Key.ShouldBe("check.refused.already_published");
        Refusal(() => SpotCheckRules.EnterResult(c, Agency, Fail("2026-03-30", Conductor), D("2026-03-30"))).Key.ShouldBe("check.refused.published");

        Refusal(() => SpotCheckRules.Correct(c, Official, new CorrectionForm { Field = CorrectableField.Model, Value = "BV 4mm²" }, D("2026-04-01"), DateTime.UtcNow)).Field.ShouldBe("Reason");
        Refusal(() => SpotCheckRules.Correct(c, Official, new CorrectionForm { Field = CorrectableField.Model, Value = "BV 2.5mm²", Reason = "笔误" }, D("2026-04-01"), DateTime.UtcNow))
            .Key.ShouldBe("check.error.correction_unchanged");
        var correction = SpotCheckRules.Correct(c, Official, new CorrectionForm { Field = CorrectableField.Model, Value = " BV 4mm² ", Reason = "抽样单笔误" }, D("2026-04-01"), DateTime.UtcNow);
        (correction.Field, correction.Before, correction.After, correction.By, correction.Reason).ShouldBe(("Model", "BV 2.5mm²", "BV 4mm²", "hefei", "抽样单笔误"));
        c.Model.ShouldBe("BV 4mm²");
        Refusal(() => SpotCheckRules.Correct(c, Official, new CorrectionForm { Field = CorrectableField.ResultOn, Value = "2026-02-01", Reason = "x" }, D("2026-04-01"), DateTime.UtcNow))
            .Key.ShouldBe("check.error.result_before_sampling");
    }

    [Fact]
    public void Correcting_the_verdict_issues_or_withdraws_the_disposal()
    {
        var c = Notified(Pass("2026-03-10"), "2026-03-12");
        SpotCheckRules.Finalise(c, Official, D("2026-03-30"), Deadlines);
        SpotCheckRules.Publish(c, Official, D("2026-03-30"), DateTime.UtcNow);

        var toFail = SpotCheckRules.Correct(c, Official, new CorrectionForm { Field = CorrectableField.FinalResult, Value = "不合格", Reason = "报告录入错误" }, D("2026-04-01"), DateTime.UtcNow);
        (toFail.Before, toFail.After).ShouldBe(("Pass", "Fail"));
        c.FinalResult.ShouldBe(CheckResult.Fail);
        (c.StopSale, c.RectificationOrderedOn, c.FollowUpDue).ShouldBe((true, D("2026-04-01"), D("2026-06-15")));

        SpotCheckRules.Correct(c, Official, new CorrectionForm { Field = CorrectableField.FinalResult, Value = "Pass", Reason = "更正回原结论" }, D("2026-04-02"), DateTime.UtcNow);
        (c.StopSale, c.RectificationOrderedOn, c.RectificationDue, c.FollowUpDue).ShouldBe((false, null, null, null));
        Refusal(() => SpotCheckRules.Correct(c, Official, new CorrectionForm { Field = CorrectableField.FinalResult, Value = "maybe", Reason = "x" }, D("2026-04-02"), DateTime.UtcNow))
            .Key.ShouldBe("check.error.result_invalid");
    }

    [Fact]
    public void Each_party_is_offered_only_its_own_steps()
    {
        var c = Notified(Fail("2026-03-16", Conductor), "2026-03-18");
        SpotCheckRules.OpenSteps(c, Enterprise, D("2026-03-20")).ShouldBe([CheckStep.Object]);
        SpotCheckRules.OpenSteps(c, OtherEnterprise, D("2026-03-20")).ShouldBeEmpty();
        SpotCheckRules.OpenSteps(c, Official, D("2026-03-20")).ShouldBeEmpty(); // the period runs
        SpotCheckRules.OpenSteps(c, Official, D("2026-04-03")).ShouldBe([CheckStep.Finalise]);
        SpotCheckRules.OpenSteps(c, Agency, D("2026-04-03")).ShouldBeEmpty();
        SpotCheckRules.OpenSteps(NewCheck(), Inspector, D("2026-03-01"), Team).ShouldBe([CheckStep.Sample]);
        SpotCheckRules.OpenSteps(Sampled(), Agency, D("2026-03-03")).ShouldBe([CheckStep.EnterResult]);
        SpotCheckRules.OpenSteps(Sampled(), OtherAgency, D("2026-03-03")).ShouldBeEmpty();
    }

    [Fact]
    public void Overdue_steps_start_the_day_after_their_due_day()
    {
        var c = Notified(Fail("2026-03-16", Conductor), "2026-03-18");
        OverdueSteps.Of(c, D("2026-04-02")).ShouldBeEmpty();
        var finalise = OverdueSteps.Of(c, D("2026-04-05")).ShouldHaveSingleItem();
        (finalise.Kind, finalise.Due, finalise.Since, finalise.DaysLate(D("2026-04-05"))).ShouldBe((OverdueKind.Finalise, D("2026-04-02"), D("2026-04-03"), 3));

        SpotCheckRules.Finalise(c, Official, D("2026-04-05"), Deadlines); // ended 2 April; 清明 and 劳动节 are not working days
        c.PublicationDue.ShouldBe(D("2026-05-06"));
        OverdueSteps.Of(c, D("2026-05-06")).ShouldBeEmpty();
        OverdueSteps.Of(c, D("2026-05-07")).Select(o => o.Kind).ShouldBe([OverdueKind.Publication]);
        OverdueSteps.Of(c, D("2026-06-02")).Select(o => o.Kind).ShouldBe([OverdueKind.Publication, OverdueKind.Rectification]);
        OverdueSteps.Of(c, D("2026-06-17")).Select(o => o.Kind).ShouldBe([OverdueKind.Publication, OverdueKind.Rectification, OverdueKind.FollowUp]);
        SpotCheckRules.Publish(c, Official, D("2026-06-17"), DateTime.UtcNow, "整改复查期间延后公示");
        SpotCheckRules.FollowUp(c, Official, new FollowUpForm { Outcome = CheckResult.Pass, On = D("2026-06-17") }, D("2026-06-17"));
        OverdueSteps.Of(c, D("2026-06-18")).ShouldBeEmpty();
    }

    [Fact]
    public void Sampler_names_split_on_the_separators_people_use()
    {
        SpotCheckRules.SamplerNames("吴超、王志强").ShouldBe(["吴超", "王志强"]);
        SpotCheckRules.SamplerNames("吴超, 王志强；李娜\n张伟").ShouldBe(["吴超", "王志强", "李娜", "张伟"]);
        SpotCheckRules.SamplerNames("吴超 、 吴超").ShouldBe(["吴超"]);
        SpotCheckRules.SamplerNames(null).ShouldBeEmpty();
    }

    [Fact]
    public void The_areas_above_a_region_are_its_ancestors()
    {
        Region.PathsAbove("/340000/340100/340102/").ShouldBe(["/340000/", "/340000/340100/"]);
        Region.PathsAbove("/340000/").ShouldBeEmpty();
    }

    [Fact]
    public void Texts_built_from_statuses_verdicts_decisions_fields_and_late_steps_exist()
    {
        var texts = Texts.LoadEmbedded();
        IEnumerable<string> keys =
        [
            .. Enum.GetValues<SpotCheckStatus>().Select(s => "check.status." + s),
            .. Enum.GetValues<CheckResult>().Select(r => "check.result." + r),
            .. Enum.GetValues<ObjectionDecision>().Select(d => "check.decision." + d),
            .. Enum.GetValues<CorrectableField>().Select(f => "check.field." + f),
            .. Enum.GetValues<OverdueKind>().SelectMany(k => new[] { "check.overdue." + k, "dashboard.kind." + k }),
            "check.form.result", "check.form.result_submit", "check.form.retest", "check.form.retest_submit",
        ];
        foreach (var key in keys)
        {
            texts.Find(key, new CultureInfo("zh-CN")).ShouldNotBeNull(key);
            texts.Find(key, new CultureInfo("en")).ShouldNotBeNull(key);
        }
    }

    private sealed class ProblemComparer : IEqualityComparer<CheckProblem>
    {
        public bool Equals(CheckProblem? x, CheckProblem? y) =>
            x is not null && y is not null && x.Field == y.Field && x.Key == y.Key && x.Args.Select(a => a.ToString()).SequenceEqual(y.Args.Select(a => a.ToString()));
        public int GetHashCode(CheckProblem p) => HashCode.Combine(p.Field, p.Key);
    }
}
